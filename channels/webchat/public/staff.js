// The staff view: log in with the admin token, then the day, the week, the queue (polled, so new
// conversations show up) with a conversation to claim, answer and resolve, and a client's history.
(function () {
  'use strict';
  var S = window.FrontdeskStrings;
  var POLL_MS = 4000;
  var state = { csrf: null, zone: undefined, view: 'day', from: null, ticket: null, knownWaiting: null, poll: null };

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'class') node.className = attrs[k];
      else if (k === 'style') node.setAttribute('style', attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function api(method, url, body) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
    return fetch(url, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) { return { status: res.status, data: data }; });
    });
  }

  // Words of the frame, from the page's catalogue.
  function label() {
    $('login-heading').textContent = S.loginHeading;
    $('login-token-label').textContent = S.loginToken;
    $('login-name-label').textContent = S.loginName;
    $('login-button').textContent = S.loginButton;
    $('logout').textContent = S.logout;
    document.querySelectorAll('.tab').forEach(function (tab) {
      var text = S.tabs[tab.dataset.view];
      var span = tab.querySelector('.tab-label');
      if (span) span.textContent = text; else tab.textContent = text;
    });
    $('prev').textContent = S.previous;
    $('next').textContent = S.next;
    $('today').textContent = S.today;
    $('waiting-heading').textContent = S.waitingHeading;
    $('claimed-heading').textContent = S.claimedHeading;
    $('claim').textContent = S.claim;
    $('resolve').textContent = S.resolve;
    $('reply-label').textContent = S.replyLabel;
    $('reply-send').textContent = S.send;
    $('search-label').textContent = S.searchLabel;
    $('search-button').textContent = S.searchButton;
    $('history-heading').textContent = S.tabs.history;
  }

  function show(section) {
    ['off', 'login', 'app'].forEach(function (id) { $(id).hidden = id !== section; });
  }

  function start() {
    label();
    api('GET', '/api/staff/session').then(function (r) {
      if (r.status === 503) {
        $('off-text').textContent = S.staffOff;
        show('off');
      } else if (r.status === 200) {
        loggedIn(r.data);
      } else {
        show('login');
        $('login-token').focus();
      }
    });
  }

  function loggedIn(session) {
    state.csrf = session.csrf;
    // Times read as the business keeps them, wherever the browser is.
    state.zone = session.zone;
    $('who-name').textContent = S.loggedInAs(session.name);
    $('who').hidden = false;
    show('app');
    select(state.view);
    if (state.poll) window.clearInterval(state.poll);
    state.poll = window.setInterval(pollQueue, POLL_MS);
    pollQueue();
  }

  $('login-form').addEventListener('submit', function (e) {
    e.preventDefault();
    $('login-error').textContent = '';
    api('POST', '/api/staff/login', { token: $('login-token').value, name: $('login-name').value }).then(function (r) {
      if (r.status !== 200) {
        $('login-error').textContent = S.loginRefused;
        $('login-token').focus();
        return;
      }
      $('login-token').value = '';
      loggedIn(r.data);
    });
  });

  $('logout').addEventListener('click', function () {
    api('POST', '/api/staff/logout', {}).then(function () {
      state.csrf = null;
      if (state.poll) window.clearInterval(state.poll);
      $('who').hidden = true;
      show('login');
    });
  });

  // Tabs.
  document.querySelectorAll('.tab').forEach(function (tab) {
    tab.addEventListener('click', function () { select(tab.dataset.view); });
  });
  function select(view) {
    state.view = view;
    document.querySelectorAll('.tab').forEach(function (tab) { tab.setAttribute('aria-pressed', String(tab.dataset.view === view)); });
    $('view-schedule').hidden = view !== 'day' && view !== 'week';
    $('view-queue').hidden = view !== 'queue';
    $('view-history').hidden = view !== 'history';
    if (view === 'day' || view === 'week') loadSchedule();
    if (view === 'queue') pollQueue();
  }

  // The day and the week.
  function shift(days) {
    var base = state.from ? new Date(state.from + 'T12:00:00Z') : null;
    if (!base) return;
    base.setUTCDate(base.getUTCDate() + days);
    state.from = base.toISOString().slice(0, 10);
    loadSchedule();
  }
  $('prev').addEventListener('click', function () { shift(state.view === 'week' ? -7 : -1); });
  $('next').addEventListener('click', function () { shift(state.view === 'week' ? 7 : 1); });
  $('today').addEventListener('click', function () { state.from = null; loadSchedule(); });

  function loadSchedule() {
    var url = '/api/staff/schedule?days=' + (state.view === 'week' ? 7 : 1) + (state.from ? '&from=' + state.from : '');
    api('GET', url).then(function (r) {
      if (r.status === 401) return start();
      state.from = r.data.from;
      var days = r.data.days;
      $('schedule-heading').textContent = days.length === 1 ? days[0].title : days[0].title + ' – ' + days[days.length - 1].title;
      var box = $('schedule');
      box.textContent = '';
      box.className = state.view === 'week' ? 'schedule week' : 'schedule day';
      // A week's days share one scale, so the same hour sits at the same place on each.
      if (days.length > 1) {
        var shared = { from: Math.min.apply(null, days.map(function (d) { return d.window.from; })), to: Math.max.apply(null, days.map(function (d) { return d.window.to; })) };
        days.forEach(function (d) { d.window = shared; });
      }
      days.forEach(function (day) { box.appendChild(renderDay(day, state.view === 'week')); });
    });
  }

  function pct(minutes, window_) {
    return ((minutes - window_.from) / (window_.to - window_.from)) * 100;
  }
  function bar(span, window_, cls) {
    var left = Math.max(0, pct(span.from, window_));
    var right = Math.min(100, pct(span.to, window_));
    return el('div', { class: cls, style: 'left:' + left + '%;width:' + Math.max(0, right - left) + '%', 'aria-hidden': 'true' });
  }

  function renderDay(day, compact) {
    var w = day.window;
    var section = el('section', { class: 'day-block' + (day.open.length === 0 ? ' closed' : '') + (compact ? ' compact' : ''), 'aria-label': day.title });
    if (compact) section.appendChild(el('h3', { text: day.title }));
    if (day.closure) section.appendChild(el('p', { class: 'mark closure', text: S.closedAllDay(day.closure) }));
    else if (day.open.length === 0) section.appendChild(el('p', { class: 'mark closed-day', text: S.closedDay }));
    (day.partClosures || []).forEach(function (c) { section.appendChild(el('p', { class: 'mark closure', text: S.partClosed(c.label, c.name) })); });
    if (day.specialHours && !day.closure) section.appendChild(el('p', { class: 'mark special', text: S.specialHours(day.specialHours.name) }));
    if (day.open.length > 0) section.appendChild(el('p', { class: 'open-hours', text: S.openHours + ': ' + day.open.map(function (o) { return o.label; }).join(', ') }));

    var hours = el('div', { class: 'hours', 'aria-hidden': 'true' });
    for (var m = w.from; m <= w.to; m += 60) {
      var h = Math.floor(m / 60) % 24;
      hours.appendChild(el('span', { class: 'hour', style: 'left:' + pct(m, w) + '%', text: (h % 12 === 0 ? 12 : h % 12) + (h < 12 ? 'a' : 'p') }));
    }
    section.appendChild(el('div', { class: 'row header-row' }, [el('span', { class: 'who' }), hours]));

    var list = el('ul', { class: 'rows' });
    day.staff.forEach(function (member) {
      var track = el('div', { class: 'track' });
      day.open.forEach(function (o) { track.appendChild(bar(o, w, 'open')); });
      member.working.forEach(function (o) { track.appendChild(bar(o, w, 'working')); });
      (day.partClosures || []).forEach(function (c) { track.appendChild(bar(c, w, 'part-closed')); });
      if (day.nowAt !== null && day.nowAt >= w.from && day.nowAt <= w.to) track.appendChild(el('div', { class: 'now', style: 'left:' + pct(day.nowAt, w) + '%', 'aria-hidden': 'true' }));
      var items = el('ol', { class: 'appointments' });
      member.appointments.forEach(function (a) {
        var text = S.appointmentLabel(a.label, a.service, a.client) + (a.confirmed ? ' (' + S.confirmed + ')' : '') + (a.runningLate ? ' (' + S.runningLate + ')' : '');
        var left = Math.max(0, pct(a.from, w));
        var width = Math.max(1.5, Math.min(100, pct(a.to, w)) - left);
        items.appendChild(el('li', { class: 'appointment' + (a.runningLate ? ' late' : ''), style: 'left:' + left + '%;width:' + width + '%', title: text, 'data-appointment': a.id }, [
          el('span', { class: 'visually-hidden', text: text }),
          el('span', { 'aria-hidden': 'true', text: a.service + (a.client ? ' · ' + a.client : '') }),
        ]));
      });
      track.appendChild(items);
      if (member.appointments.length === 0) track.appendChild(el('span', { class: 'visually-hidden', text: S.noAppointments }));
      // On the day view the list below says it all in words; the bars are for the eye only.
      if (!compact) track.setAttribute('aria-hidden', 'true');
      list.appendChild(el('li', { class: 'row' }, [el('span', { class: 'who', text: member.name }), track]));
    });
    section.appendChild(list);
    if (!compact) {
      var agenda = el('ul', { class: 'agenda' });
      day.staff.forEach(function (member) {
        member.appointments.forEach(function (a) {
          agenda.appendChild(el('li', { text: S.appointmentLabel(a.label, a.service, a.client) + ' · ' + member.name + (a.confirmed ? ' (' + S.confirmed + ')' : '') + (a.runningLate ? ' (' + S.runningLate + ')' : '') }));
        });
      });
      if (agenda.childNodes.length === 0) agenda.appendChild(el('li', { class: 'empty', text: S.noAppointments }));
      section.appendChild(agenda);
    }
    return section;
  }

  // The queue, polled.
  function pollQueue() {
    if (!state.csrf) return;
    api('GET', '/api/staff/queue').then(function (r) {
      if (r.status === 401) return start();
      renderQueue(r.data);
      if (state.ticket) loadTicket(state.ticket, false);
    });
  }

  function renderQueue(data) {
    var ids = data.waiting.map(function (t) { return t.id; });
    var fresh = state.knownWaiting === null ? [] : ids.filter(function (id) { return state.knownWaiting.indexOf(id) < 0; });
    state.knownWaiting = ids;
    if (fresh.length > 0) $('announce').textContent = S.newTickets(fresh.length);
    var badge = $('queue-badge');
    badge.hidden = ids.length === 0;
    badge.textContent = String(ids.length);

    var waiting = $('waiting');
    waiting.textContent = '';
    if (data.waiting.length === 0) waiting.appendChild(el('li', { class: 'empty', text: S.nobodyWaiting }));
    data.waiting.forEach(function (t) {
      waiting.appendChild(ticketItem(t, [t.position + '.', S.waited(t.waitedMinutes), t.urgent ? S.urgent : null], fresh.indexOf(t.id) >= 0));
    });
    var claimed = $('claimed');
    claimed.textContent = '';
    if (data.claimed.length === 0) claimed.appendChild(el('li', { class: 'empty', text: S.nobodyClaimed }));
    data.claimed.forEach(function (t) { claimed.appendChild(ticketItem(t, [S.claimedBy(t.claimedByName)], false)); });
  }

  function ticketItem(t, facts, fresh) {
    var open = el('button', { type: 'button', class: 'open-ticket', 'data-ticket': t.id, text: S.open + ' #' + t.number });
    open.addEventListener('click', function () { loadTicket(t.id, true); });
    var text = '#' + t.number + ' · ' + (t.who || '') + ' · ' + t.channel + ' · ' + facts.concat([t.languageName ? S.language(t.languageName) : null]).filter(Boolean).join(' · ');
    return el('li', { class: 'ticket' + (fresh ? ' fresh' : '') + (t.urgent ? ' urgent' : '') + (state.ticket === t.id ? ' current' : '') }, [el('span', { text: text }), open]);
  }

  function loadTicket(id, focus) {
    state.ticket = id;
    api('GET', '/api/staff/tickets/' + encodeURIComponent(id)).then(function (r) {
      if (r.status !== 200) return;
      var t = r.data.ticket;
      var panel = $('conversation');
      panel.hidden = false;
      panel.dataset.ticket = t.id;
      panel.dataset.state = t.state;
      $('conversation-heading').textContent = S.conversationHeading(t.number, t.who, t.languageName);
      $('claim').hidden = t.state !== 'waiting';
      $('resolve').hidden = t.state !== 'waiting' && t.state !== 'claimed';
      $('reply-form').hidden = !(t.state === 'claimed' && t.mine);
      var list = $('messages');
      list.textContent = '';
      r.data.messages.forEach(function (m) { list.appendChild(messageItem(m)); });
      list.scrollTop = list.scrollHeight;
      if (focus) $('conversation-heading').focus();
    });
  }

  function messageItem(m) {
    var who = S.author[m.author] || m.author;
    var when = new Date(m.at).toLocaleString([], { hour: 'numeric', minute: '2-digit', month: 'short', day: 'numeric', timeZone: state.zone });
    return el('li', { class: 'message ' + m.author + (m.internal ? ' internal' : '') }, [
      el('span', { class: 'meta', text: who + ' · ' + when + (m.internal ? ' · ' + S.internalNote : '') }),
      el('span', { class: 'text', text: m.text }),
    ]);
  }

  function act(path, body) {
    $('action-error').textContent = '';
    return api('POST', '/api/staff/tickets/' + encodeURIComponent(state.ticket) + '/' + path, body || {}).then(function (r) {
      if (r.status !== 200) {
        var refusal = S.actionRefused[r.data.reason];
        $('action-error').textContent = typeof refusal === 'function' ? refusal(r.data.byName) : refusal || String(r.data.reason || r.status);
        return false;
      }
      pollQueue();
      return true;
    });
  }
  $('claim').addEventListener('click', function () {
    act('claim').then(function (ok) { if (ok) window.setTimeout(function () { $('reply-text').focus(); }, 300); });
  });
  $('resolve').addEventListener('click', function () { act('resolve'); });
  $('reply-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('reply-text').value;
    act('reply', { text: text }).then(function (ok) { if (ok) $('reply-text').value = ''; });
  });

  // History.
  $('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    api('GET', '/api/staff/history?q=' + encodeURIComponent($('search-q').value)).then(function (r) {
      var box = $('history');
      box.textContent = '';
      if (r.status !== 200) return;
      if (r.data.client) {
        box.appendChild(el('h3', { text: S.clientHistory(r.data.client.who) }));
        var list = el('ol', { class: 'messages' });
        r.data.messages.forEach(function (m) { list.appendChild(messageItem(m)); });
        box.appendChild(list);
      } else {
        box.appendChild(el('p', { text: S.noClient }));
      }
      box.appendChild(el('h3', { text: S.matchesHeading }));
      if (r.data.matches.length === 0) box.appendChild(el('p', { text: S.noMatches }));
      var matches = el('ol', { class: 'messages' });
      r.data.matches.forEach(function (m) {
        var item = messageItem(m);
        item.insertBefore(el('span', { class: 'meta', text: m.who }), item.firstChild);
        matches.appendChild(item);
      });
      box.appendChild(matches);
    });
  });

  start();
})();

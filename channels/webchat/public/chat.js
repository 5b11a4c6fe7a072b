// The chat in the page: Microsoft's Web Chat, given a Direct Line–shaped object that talks to this
// server's own routes. A turn is one POST answered with the bot's replies; messages outside a turn
// arrive on a server-sent event stream read with fetch (so the identity travels in a header).
(function () {
  'use strict';
  var S = window.FrontdeskStrings;
  var UNINITIALIZED = 0, CONNECTING = 1, ONLINE = 2, FAILED_TO_CONNECT = 4;

  /**
   * A multicast source with the subscribe() Web Chat calls. A new subscriber is first given what
   * came before: the latest value (`latest`), or every one (the activities, since Web Chat
   * subscribes to them only once it has rendered and the greeting may come first).
   */
  function subject(replay) {
    var observers = [];
    var past = [];
    return {
      next: function (value) {
        if (replay === 'latest') past = [value];
        else if (value.type !== 'typing') past.push(value);
        observers.slice().forEach(function (o) { if (o.next) o.next(value); });
      },
      observable: {
        subscribe: function (observerOrNext, error, complete) {
          var o = typeof observerOrNext === 'function' ? { next: observerOrNext, error: error, complete: complete } : observerOrNext || {};
          observers.push(o);
          if (o.next) past.slice().forEach(function (value) { o.next(value); });
          var sub = { closed: false, unsubscribe: function () { sub.closed = true; observers = observers.filter(function (x) { return x !== o; }); } };
          return sub;
        },
      },
    };
  }

  /** An observable of one value (postActivity's id), or of one error. */
  function once(promise) {
    return {
      subscribe: function (observerOrNext, error, complete) {
        var o = typeof observerOrNext === 'function' ? { next: observerOrNext, error: error, complete: complete } : observerOrNext || {};
        var closed = false;
        promise.then(
          function (value) { if (!closed) { if (o.next) o.next(value); if (o.complete) o.complete(); } },
          function (err) { if (!closed && o.error) o.error(err); },
        );
        return { closed: false, unsubscribe: function () { closed = true; } };
      },
    };
  }

  /** Web Chat's name for the user: never one it reserves ("dl_…"), whatever the server's random id starts with. */
  function webChatUserId(session) {
    return 'user-' + session.userId;
  }

  function storageKey(botUrl) {
    return 'frontdesk.chat:' + botUrl;
  }
  function readToken(botUrl) {
    try { return window.localStorage.getItem(storageKey(botUrl)); } catch (e) { return null; }
  }
  function keepToken(botUrl, token) {
    try { window.localStorage.setItem(storageKey(botUrl), token); } catch (e) { /* private mode: the identity lasts for this page */ }
  }

  function createConnection(botUrl, onStatus) {
    var activities = subject('all');
    var status = subject('latest');
    var session = null;
    var counter = 0;
    var bot = { id: 'frontdesk', name: 'Frontdesk', role: 'bot' };
    var lastEventId = null;
    var ended = false;
    var streamAbort = null;

    function setStatus(value) {
      status.next(value);
      onStatus(value);
    }
    function nextId(prefix) {
      counter += 1;
      return prefix + '-' + Date.now().toString(36) + '-' + counter;
    }

    function startSession() {
      var held = session ? session.token : readToken(botUrl);
      return fetch(botUrl + '/api/webchat/session', {
        method: 'POST',
        headers: held ? { Authorization: 'Bearer ' + held, 'Content-Type': 'application/json' } : { 'Content-Type': 'application/json' },
        body: '{}',
      }).then(function (res) {
        if (!res.ok) throw new Error('session ' + res.status);
        return res.json();
      }).then(function (body) {
        session = body;
        bot.name = body.business;
        keepToken(botUrl, body.token);
        return body;
      });
    }

    function post(body) {
      return fetch(botUrl + '/api/webchat/turn', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + session.token, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }).then(function (res) {
        if (res.status === 401) return startSession().then(function () { return post(body); });
        if (!res.ok) throw new Error('turn ' + res.status);
        return res.json();
      });
    }

    // Web Chat orders the transcript by timestamp: this page's clock stamps everything it shows,
    // so a reply never sorts before the message it answers when the two clocks differ.
    var lastStamp = 0;
    function stamp() {
      lastStamp = Math.max(Date.now(), lastStamp + 1);
      return new Date(lastStamp).toISOString();
    }

    function fromBot(activity) {
      activity.from = bot;
      activity.timestamp = stamp();
      activities.next(activity);
    }

    function showReplies(body) {
      (body.activities || []).forEach(fromBot);
    }

    /** Reads the stream until it ends or fails, then opens it again; each event is one message from outside a turn. */
    function openStream() {
      if (ended) return;
      var controller = new AbortController();
      streamAbort = controller;
      var headers = { Authorization: 'Bearer ' + session.token, Accept: 'text/event-stream' };
      if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
      fetch(botUrl + '/api/webchat/stream', { headers: headers, signal: controller.signal, cache: 'no-store' })
        .then(function (res) {
          if (res.status === 401) return startSession().then(function () { throw new Error('renewed'); });
          if (!res.ok || !res.body) throw new Error('stream ' + res.status);
          setStatus(ONLINE);
          var reader = res.body.getReader();
          var decoder = new TextDecoder();
          var buffer = '';
          function pump() {
            return reader.read().then(function (chunk) {
              if (chunk.done) throw new Error('stream ended');
              buffer += decoder.decode(chunk.value, { stream: true });
              var parts = buffer.split('\n\n');
              buffer = parts.pop();
              parts.forEach(handleEvent);
              return pump();
            });
          }
          return pump();
        })
        .catch(function () {
          if (ended) return;
          setStatus(CONNECTING);
          window.setTimeout(openStream, 3000);
        });
    }

    function handleEvent(block) {
      var id = null, data = '', type = 'message';
      block.split('\n').forEach(function (line) {
        if (line.indexOf('id: ') === 0) id = line.slice(4);
        else if (line.indexOf('data: ') === 0) data += line.slice(6);
        else if (line.indexOf('event: ') === 0) type = line.slice(7);
      });
      if (id !== null) lastEventId = id;
      if (type !== 'activity' || data === '') return;
      try { fromBot(JSON.parse(data)); } catch (e) { /* not ours */ }
    }

    var ready = null;
    var directLine = {
      activity$: activities.observable,
      connectionStatus$: status.observable,
      postActivity: function (activity) {
        return once(ready.then(function () {
          var id = nextId('out');
          if (activity.type !== 'message') return id;
          var clientActivityID = activity.channelData && activity.channelData.clientActivityID;
          var text = typeof activity.text === 'string' && activity.text !== '' ? activity.text : String(activity.value || '');
          var sentAt = stamp();
          activities.next({ type: 'typing', id: nextId('typing'), from: bot, timestamp: sentAt });
          return post({ type: 'message', text: text, clientActivityId: clientActivityID }).then(function (body) {
            // Web Chat marks a message sent when it comes back with its clientActivityID.
            activities.next(Object.assign({}, activity, { id: id, from: { id: webChatUserId(session), role: 'user' }, timestamp: sentAt }));
            showReplies(body);
            return id;
          });
        }));
      },
      end: function () {
        ended = true;
        if (streamAbort) streamAbort.abort();
      },
    };

    setStatus(UNINITIALIZED);
    setStatus(CONNECTING);
    ready = startSession().then(
      function (s) {
        openStream();
        return s;
      },
      function (err) {
        setStatus(FAILED_TO_CONNECT);
        throw err;
      },
    );
    return {
      directLine: directLine,
      ready: ready,
      greet: function () { return ready.then(function () { return post({ type: 'conversationUpdate' }); }).then(showReplies); },
    };
  }

  /** Puts the chat in `element`, talking to the bot at `botUrl` (this page's own origin when absent). */
  function mount(element, options) {
    options = options || {};
    var botUrl = (options.botUrl || window.location.origin).replace(/\/+$/, '');
    var statusLine = options.statusElement || null;
    var connection = createConnection(botUrl, function (value) {
      if (!statusLine) return;
      statusLine.textContent = value === ONLINE ? S.online : value === CONNECTING || value === UNINITIALIZED ? S.connecting : S.offline;
      statusLine.dataset.state = value === ONLINE ? 'online' : 'offline';
    });
    return connection.ready.then(function (session) {
      window.WebChat.renderWebChat(
        {
          directLine: connection.directLine,
          userID: webChatUserId(session),
          username: S.you,
          locale: document.documentElement.lang || 'en-US',
          styleOptions: {
            hideUploadButton: true,
            botAvatarInitials: session.business.slice(0, 1).toUpperCase(),
            bubbleBackground: '#ffffff',
            bubbleBorderColor: '#6b7280',
            bubbleFromUserBackground: '#0b5cad',
            bubbleFromUserTextColor: '#ffffff',
            bubbleFromUserBorderColor: '#0b5cad',
            suggestedActionLayout: 'flow',
            suggestedActionBackgroundColor: '#ffffff',
            suggestedActionBorderColor: '#0b5cad',
            suggestedActionTextColor: '#0b5cad',
            primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
            sendBoxHeight: 48,
          },
        },
        element,
      );
      return connection.greet().then(function () {
        var input = element.querySelector('input[type="text"], textarea');
        if (input && options.focus !== false) input.focus();
        return session;
      });
    });
  }

  window.FrontdeskChat = { mount: mount };
})();

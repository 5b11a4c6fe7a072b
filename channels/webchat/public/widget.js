// The chat on another site with one tag:
//   <script src="https://bot.example/widget.js" defer></script>
// It adds a "Chat with us" button; the first click loads the chat from the bot's server and opens
// it in a panel. The site's origin must be on the bot's FRONTDESK_ALLOWED_ORIGINS.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.FrontdeskWidget) return;
  var botUrl = (script.getAttribute('data-bot-url') || new URL(script.src, window.location.href).origin).replace(/\/+$/, '');
  window.FrontdeskWidget = { botUrl: botUrl };

  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
      el.onload = resolve;
      el.onerror = reject;
      document.head.appendChild(el);
    });
  }

  function start() {
    load('link', { rel: 'stylesheet', href: botUrl + '/webchat/chat.css' });
    // The words come from the page's catalogue, a small file loaded before the button is shown.
    load('script', { src: botUrl + '/webchat/strings.js' }).then(build);
  }

  function build() {
    var S = window.FrontdeskStrings;
    var loaded = null;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'fd-widget-button';
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', 'fd-widget-panel');
    button.textContent = S.widgetOpen;
    var panel = document.createElement('section');
    panel.id = 'fd-widget-panel';
    panel.className = 'fd-widget-panel';
    panel.hidden = true;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-labelledby', 'fd-widget-title');
    panel.innerHTML = '<div class="fd-widget-head"><h2 id="fd-widget-title"></h2><button type="button" class="fd-widget-close"></button></div><p class="chat-status" role="status" aria-live="polite" style="margin:0 12px"></p><div class="fd-widget-chat"></div>';
    var close = panel.querySelector('.fd-widget-close');
    document.body.appendChild(panel);
    document.body.appendChild(button);

    function setOpen(open) {
      panel.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      if (!open) {
        button.focus();
        return;
      }
      if (loaded === null) {
        loaded = load('script', { src: botUrl + '/webchat/vendor/webchat.js' })
          .then(function () { return load('script', { src: botUrl + '/webchat/chat.js' }); })
          .then(function () {
            return window.FrontdeskChat.mount(panel.querySelector('.fd-widget-chat'), { botUrl: botUrl, statusElement: panel.querySelector('.chat-status') });
          })
          .then(function (session) {
            panel.querySelector('#fd-widget-title').textContent = S.widgetTitle(session.business);
          });
        loaded.catch(function () { loaded = null; });
      } else {
        var input = panel.querySelector('input[type="text"], textarea');
        if (input) input.focus();
      }
    }
    close.textContent = S.widgetClose;
    button.addEventListener('click', function () { setOpen(panel.hidden); });
    close.addEventListener('click', function () { setOpen(false); });
    panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') setOpen(false); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

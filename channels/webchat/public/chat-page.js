// The chat page itself: the chat filling the window below its heading.
(function () {
  'use strict';
  var S = window.FrontdeskStrings;
  document.getElementById('chat-intro').textContent = S.chatIntro;
  var status = document.getElementById('chat-status');
  status.textContent = S.connecting;
  window.FrontdeskChat.mount(document.getElementById('chat'), { statusElement: status }).catch(function () {
    status.textContent = S.offline;
  });
})();

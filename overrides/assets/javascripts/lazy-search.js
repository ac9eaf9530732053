/*
 * Material for MkDocs starts its search worker and downloads the search index as soon as
 * any page loads: about a third of a first visit's bytes, spent for readers who never
 * search. This script runs before Material's bundle and holds both back until the reader
 * first reaches for the search box (pointer over it, a tap, focus or the keyboard
 * shortcut). Search then works exactly as before.
 */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json(?:[?#].*)?$/;
  var WORKER = /\/workers\/search\.[^/]*\.js(?:[?#].*)?$/;
  var started = false;
  var waiting = [];

  function start() {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(function (run) {
      try { run(); } catch (error) { console.error(error); }  // one failure must not stop the rest
    });
  }

  function whenStarted(run) {
    if (started) run(); else waiting.push(run);
  }

  function isSearchControl(target) {
    return target instanceof Element &&
      !!target.closest(".md-search, [for='__search'], [data-for='__search'], #__search");
  }

  ["pointerover", "pointerdown", "focusin", "change"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (isSearchControl(event.target)) start();
    }, { capture: true, passive: true });
  });
  // A link with a search query (?q=...) needs no rule of its own: Material opens search for
  // it by ticking the search checkbox, and the "change" above starts the loading.

  // The index: Material asks for it with XMLHttpRequest; hold back only its send().
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__lazySearch = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.__lazySearch || started) return send.apply(request, args);
    whenStarted(function () { send.apply(request, args); });
  };

  // The worker: hand Material a stand-in that queues its messages and listeners, and
  // create the real worker when search starts.
  var RealWorker = window.Worker;
  if (typeof RealWorker !== "function") return;
  function LazyWorker(url, options) {
    if (!WORKER.test(String(url)) || started) return new RealWorker(url, options);
    var real = null, listeners = [], queue = [], ended = false;
    whenStarted(function () {
      if (ended) return;
      real = new RealWorker(url, options);
      listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
      queue.forEach(function (message) { real.postMessage(message); });
    });
    return {
      addEventListener: function (type, listener, opts) {
        if (real) real.addEventListener(type, listener, opts);
        else listeners.push([type, listener, opts]);
      },
      removeEventListener: function (type, listener, opts) {
        if (real) real.removeEventListener(type, listener, opts);
        else listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
      },
      postMessage: function (message) {
        if (real) real.postMessage(message); else queue.push(message);
      },
      terminate: function () {
        ended = true;
        if (real) real.terminate();
      }
    };
  }
  LazyWorker.prototype = RealWorker.prototype;
  window.Worker = LazyWorker;
})();

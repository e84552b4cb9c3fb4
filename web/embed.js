// Descent's host script, for course notes and blogs on any origin (no dependencies).
//
//   <script src="https://SITE/embed.js"></script>
//   <descent-playground settings="f=himmelblau&lr=0.01" controls="lr,opt" height="auto"></descent-playground>
//
//   const player = await Descent.connect(document.querySelector('iframe'));
//   await player.setValue('lr', '0.9');
//   player.on('step', (state) => …);
//
//   <descent-playground settings="f=linreg" parts="readout,loss"></descent-playground>  (parts: readout, loss, maths, data)
//
// A classic script (it sets window.Descent and defines <descent-playground>); as an ES module,
// import embed.mjs, which loads this file and exports the same object. The site's address
// defaults to the directory this file was loaded from. The protocol (messages with
// `descent: 1`) is answered by the page's embedapi.js.
(function () {
  'use strict';
  if (typeof window === 'undefined' || (window.Descent && window.Descent.protocol === 1)) return;

  /** The calls of the page, each a promise-returning method of a player. */
  var CALLS = ['hello', 'settings', 'setSettings', 'setValue', 'state', 'step', 'seek', 'reset',
    'runToEnd', 'play', 'pause', 'playing', 'link', 'runs', 'trajectory', 'exportText',
    'stepMaths', 'catalog', 'setControls', 'controls', 'setLang'];
  var EVENTS = ['ready', 'change', 'step', 'stop', 'resize'];
  /** How long a call waits for its answer. */
  var CALL_TIMEOUT_MS = 30000;

  /** The directory this file came from (a classic script knows its own element). */
  var script = document.currentScript;
  var scriptBase = script && script.src ? new URL('./', script.src).href : null;

  /** The site to embed: an explicit base, else this file's directory, else a script tag naming it. */
  function siteBase() {
    if (Descent.base) return new URL(String(Descent.base), document.baseURI).href;
    if (scriptBase) return scriptBase;
    var tags = document.querySelectorAll('script[src]');
    for (var i = 0; i < tags.length; i += 1) {
      if (/(^|\/)embed\.m?js([?#].*)?$/.test(tags[i].getAttribute('src'))) return new URL('./', tags[i].src).href;
    }
    return new URL('./', document.baseURI).href;
  }

  /** Players by the window of their frame: one listener answers them all. */
  var players = new Map();
  var nextId = 1;

  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || typeof d !== 'object' || d.descent !== 1 || !e.source) return;
    var player = players.get(e.source);
    // Only from the site the frame was opened on (not from a page it navigated to).
    if (player && (player.origin === '*' || e.origin === player.origin)) player._receive(d);
  });

  /** The origin of a frame's address, as the target of our messages ('*' when it has none). */
  function originOf(iframe) {
    try {
      var o = new URL(iframe.getAttribute('src') || iframe.src, document.baseURI).origin;
      return o && o !== 'null' ? o : '*';
    } catch (err) {
      return '*';
    }
  }

  /** Drives one iframe of the Descent page. */
  function Player(iframe) {
    this.iframe = iframe;
    this.window = iframe.contentWindow;
    this.origin = originOf(iframe);
    this.handlers = {};
    this.waiting = new Map();
    this.info = null;
    this.height = null; // the content height the page last asked for (CSS px)
    this.destroyed = false;
    var self = this;
    this.ready = new Promise(function (resolve, reject) { self._ready = resolve; self._fail = reject; });
    players.set(this.window, this);
    // The page may have loaded already (then it answers hello) or not (then it sends ready).
    this._hello = function () { if (!self.destroyed) self._send('hello', [], function () {}); };
    iframe.addEventListener('load', this._hello);
    this._hello();
  }

  Player.prototype._send = function (call, args, done) {
    if (this.destroyed) { done({ ok: false, error: 'the player was destroyed' }); return; }
    var id = 'd' + (nextId++);
    var self = this;
    var timer = setTimeout(function () {
      if (self.waiting.delete(id)) done({ ok: false, error: call + ': no answer from the embedded page' });
    }, CALL_TIMEOUT_MS);
    this.waiting.set(id, function (msg) { clearTimeout(timer); done(msg); });
    try {
      this.window.postMessage({ descent: 1, id: id, call: call, args: args }, this.origin);
    } catch (err) {
      this.waiting.delete(id);
      clearTimeout(timer);
      done({ ok: false, error: String(err && err.message || err) });
    }
  };

  Player.prototype._call = function (call, args) {
    var self = this;
    return this.ready.then(function () {
      return new Promise(function (resolve, reject) {
        self._send(call, args, function (msg) {
          if (msg.ok) resolve(msg.value); else reject(new Error(String(msg.error)));
        });
      });
    });
  };

  Player.prototype._receive = function (d) {
    if (this.destroyed) return;
    if (typeof d.event === 'string') {
      if (d.event === 'resize') this.height = d.height;
      if (d.event === 'ready') this._becomeReady({ settings: d.settings, state: d.state });
      this._emit(d.event, d);
      return;
    }
    var done = this.waiting.get(d.id);
    if (!done) return;
    this.waiting.delete(d.id);
    // A hello answer stands for the ready event the player missed (the page loaded first).
    if (d.ok && d.value && d.value.version === 1 && !this.info) {
      this._becomeReady({ settings: d.value.settings, state: d.value.state });
      this._emit('ready', { event: 'ready', settings: d.value.settings, state: d.value.state });
    }
    done(d);
  };

  Player.prototype._becomeReady = function (info) {
    this.info = info;
    this._ready(this);
  };

  Player.prototype._emit = function (event, d) {
    var list = this.handlers[event];
    if (!list) return;
    var payload = {};
    for (var k in d) if (Object.prototype.hasOwnProperty.call(d, k) && k !== 'descent') payload[k] = d[k];
    list.slice().forEach(function (fn) {
      try { fn(payload); } catch (err) { setTimeout(function () { throw err; }, 0); }
    });
  };

  /** Calls `handler(payload)` on each `event` (ready, change, step, stop, resize). */
  Player.prototype.on = function (event, handler) {
    if (EVENTS.indexOf(event) < 0) throw new Error('Descent: unknown event "' + event + '"; known: ' + EVENTS.join(', '));
    if (typeof handler !== 'function') throw new Error('Descent: the handler must be a function');
    (this.handlers[event] = this.handlers[event] || []).push(handler);
    // A resize handler added late still learns the height the content needs now.
    if (event === 'resize' && typeof this.height === 'number') {
      var self = this;
      var height = this.height;
      setTimeout(function () {
        if ((self.handlers.resize || []).indexOf(handler) >= 0) handler({ event: 'resize', height: height });
      }, 0);
    }
    return this;
  };

  Player.prototype.off = function (event, handler) {
    var list = this.handlers[event];
    if (!list) return this;
    this.handlers[event] = handler ? list.filter(function (h) { return h !== handler; }) : [];
    return this;
  };

  /** Stops listening; calls still waiting are refused. The iframe itself stays. */
  Player.prototype.destroy = function () {
    if (this.destroyed) return;
    this.destroyed = true;
    if (players.get(this.window) === this) players.delete(this.window);
    this.iframe.removeEventListener('load', this._hello);
    this.waiting.forEach(function (done) { done({ ok: false, error: 'the player was destroyed' }); });
    this.waiting.clear();
    this.handlers = {};
    this._fail(new Error('Descent: the player was destroyed'));
    this.ready.catch(function () {});
  };

  CALLS.forEach(function (name) {
    Player.prototype[name] = function () {
      return this._call(name, Array.prototype.slice.call(arguments));
    };
  });

  /** A promise of the player of `iframe` (an iframe showing the Descent page), at its ready. */
  function connect(iframe) {
    if (!iframe || !iframe.contentWindow) {
      return Promise.reject(new Error('Descent.connect needs an iframe that is in the document'));
    }
    var existing = players.get(iframe.contentWindow);
    var player = existing && existing.iframe === iframe ? existing : new Player(iframe);
    return player.ready;
  }

  // --- <descent-playground> ---------------------------------------------------------------------

  var LABELS = {
    en: 'Descent: an interactive gradient-descent figure',
    zh: 'Descent：交互式梯度下降演示',
  };
  /** The height of an `auto` element before the page says how tall it is. */
  var AUTO_START = '480px';

  /** The page's link for an element's attributes. */
  function frameSrc(el) {
    var base = siteBase();
    if (el.getAttribute('src')) {
      var given = null;
      try { given = new URL(el.getAttribute('src'), document.baseURI); } catch (err) { given = null; }
      // Only a web address: a javascript: or data: src would run in the host page.
      if (given && (given.protocol === 'https:' || given.protocol === 'http:')) base = given.href;
      else console.warn('descent-playground: src="' + el.getAttribute('src') + '" is not an http(s) address; using ' + base);
    }
    if (!/\/$/.test(base) && !/\.html?$/.test(base)) base += '/';
    if (/\/$/.test(base)) base += 'index.html';
    var parts = [];
    var settings = (el.getAttribute('settings') || '').replace(/^#/, '');
    if (settings) parts.push(settings);
    parts.push('embed=1');
    var controls = el.getAttribute('controls');
    if (controls) parts.push('controls=' + controls.split(',').map(function (s) { return s.trim(); }).filter(Boolean).join(','));
    var shown = el.getAttribute('parts');
    if (shown) parts.push('parts=' + shown.split(',').map(function (s) { return s.trim(); }).filter(Boolean).join(','));
    var lang = el.getAttribute('lang');
    if (lang === 'en' || lang === 'zh') parts.push('lang=' + lang);
    return base + '#' + parts.join('&');
  }

  var Element = typeof HTMLElement === 'function' ? HTMLElement : function () {};

  class DescentPlayground extends Element {
    static get observedAttributes() { return ['settings', 'controls', 'parts', 'height', 'lang', 'src']; }

    constructor() {
      super();
      this.player = null;
      this.iframe = null;
      this._loaded = null; // the attribute values the iframe was opened with
      var self = this;
      this.ready = new Promise(function (resolve) { self._resolveReady = resolve; });
    }

    connectedCallback() {
      if (!this.style.display) this.style.display = 'block';
      // After the current script (embed.mjs may still be setting Descent.base).
      var self = this;
      queueMicrotask(function () { if (self.isConnected && !self.iframe) self._open(); });
    }

    disconnectedCallback() {
      if (this.player) this.player.destroy();
      this.player = null;
      if (this.iframe) this.iframe.remove();
      this.iframe = null;
    }

    attributeChangedCallback(name, before, after) {
      if (!this.iframe || before === after) return;
      if (name === 'height') { this._size(); return; }
      if (name === 'src' || name === 'parts') { this._reopen(); return; }
      var p = this.player;
      if (!p) { this._reopen(); return; }
      var fail = function (err) { console.warn('descent-playground:', err.message); };
      if (name === 'settings') p.setSettings(String(after || '').replace(/^#/, '')).catch(fail);
      if (name === 'controls') {
        p.setControls(String(after || '').split(',').map(function (s) { return s.trim(); }).filter(Boolean)).catch(fail);
      }
      if (name === 'lang' && (after === 'en' || after === 'zh')) {
        if (!this.getAttribute('label')) this.iframe.title = LABELS[after];
        p.setLang(after).catch(fail);
      }
    }

    _reopen() {
      if (this.player) this.player.destroy();
      this.player = null;
      if (this.iframe) this.iframe.remove();
      this.iframe = null;
      this._open();
    }

    _open() {
      if (this._readyDone) {
        var self0 = this;
        this.ready = new Promise(function (resolve) { self0._resolveReady = resolve; });
        this._readyDone = false;
      }
      var iframe = document.createElement('iframe');
      var lang = this.getAttribute('lang') === 'zh' ? 'zh' : 'en';
      iframe.title = this.getAttribute('label') || LABELS[lang];
      iframe.loading = 'lazy';
      iframe.src = frameSrc(this);
      iframe.style.cssText = 'display:block;width:100%;border:0;';
      this.iframe = iframe;
      this._size();
      this.appendChild(iframe);
      var self = this;
      var player = new Player(iframe);
      this.player = player;
      player.on('resize', function (d) {
        if (self._auto() && typeof d.height === 'number' && d.height > 0 && d.height < 100000) {
          iframe.style.height = Math.ceil(d.height) + 'px';
        }
        self._fire('resize', d);
      });
      ['change', 'step', 'stop'].forEach(function (ev) {
        player.on(ev, function (d) { self._fire(ev, d); });
      });
      player.on('ready', function (d) { if (self.player === player) self._fire('ready', d); });
      player.ready.then(function () {
        if (self.player !== player) return;
        self._readyDone = true;
        self._resolveReady(player);
      }, function () {});
    }

    _auto() {
      var h = this.getAttribute('height');
      return !h || h === 'auto';
    }

    _size() {
      if (!this.iframe) return;
      var h = (this.getAttribute('height') || 'auto').trim();
      if (h === 'auto') {
        if (!this.iframe.style.height) this.iframe.style.height = AUTO_START;
      } else if (/^\d+(\.\d+)?$/.test(h)) {
        this.iframe.style.height = h + 'px';
      } else if (typeof CSS !== 'undefined' && CSS.supports && CSS.supports('height', h)) {
        this.iframe.style.height = h;
      } else {
        console.warn('descent-playground: height="' + h + '" is not a CSS length or auto');
      }
    }

    _fire(name, detail) {
      this.dispatchEvent(new CustomEvent('descent-' + name, { detail: detail }));
    }

    on(event, handler) { var self = this; this.ready.then(function (p) { if (self.player === p) p.on(event, handler); }); return this; }

    off(event, handler) { if (this.player) this.player.off(event, handler); return this; }
  }

  CALLS.forEach(function (name) {
    if (name === 'hello') return;
    DescentPlayground.prototype[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      return this.ready.then(function (p) { return p[name].apply(p, args); });
    };
  });

  var Descent = {
    protocol: 1,
    base: null,
    loadedFrom: scriptBase,
    connect: connect,
    Player: Player,
    calls: CALLS.slice(),
    events: EVENTS.slice(),
  };
  window.Descent = Descent;
  if (typeof customElements !== 'undefined' && !customElements.get('descent-playground')) {
    Descent.Playground = DescentPlayground;
    customElements.define('descent-playground', DescentPlayground);
  }
}());

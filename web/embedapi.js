// The message protocol for host pages on any origin (issue 14): calls from the parent window
// as `{descent: 1, id, call, args}`, answered with `{descent: 1, id, ok, value | error}`, and
// events posted to the parent (ready, change, step, stop, resize). Loaded by app.js only when
// the page is in a frame. The host's side is embed.js.
//
// Safety: only messages whose source is our own parent window are read; every field is
// checked before use; calls are looked up in a Map (so `__proto__` or `constructor` name
// nothing); strings are length-checked before they are read; nothing is evaluated. Events go
// to any parent origin: they carry public settings and numbers only.

import { watchEmbedHeight } from './embedview.js';

/** The protocol's version, sent as `descent: 1` in every message. */
const VERSION = 1;

/** The longest settings string or argument the page reads (a longer one is refused unread). */
export const MAX_STRING = 64 * 1024;

/** The longest call id (a string id; number ids must be safe integers). */
const MAX_ID = 128;

/** The most steps one `step(n)` or `seek(k)` may ask for. */
const MAX_STEPS = 1e7;

/** The shortest time between two `step` events (at most 10 a second). */
const STEP_EVERY_MS = 100;

/** How long settings set by calls may wait before the page catches up (redraw, link, events). */
const FLUSH_MS = 50;

const own = (o, k) => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** A call's argument checks: each returns the value to use, or throws a message. */
const arg = {
  string: (name) => (v) => {
    if (typeof v !== 'string') throw `${name} must be a string`;
    if (v.length > MAX_STRING) throw `${name} is too long (${v.length} characters; at most ${MAX_STRING})`;
    return v;
  },
  count: (name, dflt) => (v) => {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > MAX_STEPS) {
      throw `${name} must be a whole number between -${MAX_STEPS} and ${MAX_STEPS}`;
    }
    return v;
  },
  oneOf: (name, values, dflt) => (v) => {
    if (v === undefined && dflt !== undefined) return dflt;
    if (typeof v !== 'string' || !values.includes(v)) throw `${name} must be one of ${values.join(', ')}`;
    return v;
  },
  keys: (name) => (v) => {
    if (!Array.isArray(v) || v.length > 64) throw `${name} must be a list of at most 64 key names`;
    const out = [];
    for (let i = 0; i < v.length; i += 1) {
      const k = v[i];
      if (typeof k !== 'string' || !/^[a-z0-9_]{1,32}$/i.test(k)) throw `${name}[${i}] is not a key name`;
      out.push(k);
    }
    return out;
  },
};

/** The message API of one page; `app` is the App of app.js, `api` its window.descent. */
export class EmbedApi {
  constructor(app, api) {
    this.app = app;
    this.api = api;
    this.pending = null;       // settings set by calls, not yet shown: {problems, replace}
    this.drawPending = false;  // a step shown by a call, not yet drawn
    this.flushTimer = 0;
    this.lastStep = null;      // the step of the last `step` event
    this.stepAt = -Infinity;   // when it was posted
    this.stepTimer = 0;
    this.atEnd = false;        // the shown step is the end of a finished run (stop was posted)
    this.height = 0;           // the content height last posted
    this.calls = this.table();
    // For tests (window.descent.embedStats): messages read, settings changes by calls, flushes,
    // and the longest time one message or one flush took (ms, wall clock).
    this.stats = { messages: 0, changes: 0, flushes: 0, longestMessageMs: 0, longestFlushMs: 0 };
    api.embedStats = () => ({ ...this.stats });
    window.addEventListener('message', (e) => this.receive(e));
    app.listeners.push((kind) => this.observe(kind));
    this.post({ event: 'ready', settings: app.pg.settings(), state: app.state() });
    this.watchHeight();
    this.atEnd = this.runEnded();
  }

  /**
   * The calls: name → { args: checks, run(...args) → value, settled }. A settled call first
   * lets the page show settings that calls changed (it draws, and its events must follow them).
   */
  table() {
    const app = this.app;
    const api = this.api;
    const settled = true;
    const t = new Map();
    const def = (name, args, run, opts = {}) => t.set(name, { args, run, settled: !!opts.settled });
    def('hello', [], () => ({ version: VERSION, settings: app.pg.settings(), state: app.state() }), { settled });
    def('settings', [], () => app.pg.settings());
    def('setSettings', [arg.string('settings')], (s) => this.setSettings(s));
    def('setValue', [arg.string('key'), arg.string('value')], (k, v) => this.setValue(k, v));
    def('state', [], () => app.state());
    def('step', [arg.count('n', 1)], (n) => this.show(app.cursor + n));
    def('seek', [arg.count('step')], (k) => this.show(k));
    def('reset', [], () => this.show(0));
    def('runToEnd', [], () => api.runToEnd(), { settled });
    def('play', [], () => { api.play(); return app.playing; }, { settled });
    def('pause', [], () => { api.pause(); return app.playing; }, { settled });
    def('playing', [], () => app.playing);
    def('link', [], () => api.link());
    def('runs', [], () => api.runs());
    def('trajectory', [], () => api.trajectory());
    def('exportText', [arg.oneOf('format', ['csv', 'json'], 'csv')], (f) => api.exportText(f));
    def('stepMaths', [arg.count('step')], (k) => api.stepMaths(Math.max(0, k)));
    def('catalog', [], () => api.catalog());
    def('setControls', [arg.keys('controls')], (keys) => this.setControls(keys));
    def('controls', [], () => (app.hash.page.controls ? [...app.hash.page.controls] : []));
    def('setLang', [arg.oneOf('lang', ['en', 'zh'])], (l) => { app.setView('lang', l); return l; }, { settled });
    return t;
  }

  // --- receiving ----------------------------------------------------------------------------

  /** One message: checked, answered; anything not from our parent or not ours is ignored. */
  receive(e) {
    const t0 = performance.now();
    this.answer(e);
    this.stats.longestMessageMs = Math.max(this.stats.longestMessageMs, performance.now() - t0);
  }

  answer(e) {
    try {
      if (e.source !== window.parent || window.parent === window) return;
      this.stats.messages += 1;
      const d = e.data;
      if (typeof d !== 'object' || d === null || Array.isArray(d)) return;
      if (own(d, 'descent') !== VERSION) return;
      const id = own(d, 'id');
      const idOk = (typeof id === 'string' && id.length > 0 && id.length <= MAX_ID) || Number.isSafeInteger(id);
      // Without an id there is nobody to answer: dropped.
      if (!idOk) return;
      const origin = typeof e.origin === 'string' && e.origin !== 'null' ? e.origin : '*';
      const answer = (msg) => this.reply(e.source, origin, id, msg);
      const call = own(d, 'call');
      if (typeof call !== 'string') { answer({ error: 'call must be a string' }); return; }
      const spec = call.length <= 40 ? this.calls.get(call) : undefined;
      if (!spec) { answer({ error: `unknown call "${call.slice(0, 40)}"` }); return; }
      let args = own(d, 'args');
      if (args === undefined) args = [];
      if (!Array.isArray(args)) { answer({ error: `${call}: args must be a list` }); return; }
      if (args.length > spec.args.length) { answer({ error: `${call}: takes at most ${spec.args.length} argument(s), got ${args.length}` }); return; }
      let values;
      try {
        values = spec.args.map((check, i) => check(args[i]));
      } catch (why) {
        answer({ error: `${call}: ${typeof why === 'string' ? why : 'bad arguments'}` });
        return;
      }
      if (spec.settled) this.flush();
      let value;
      try {
        value = spec.run(...values);
      } catch (err) {
        answer({ error: `${call}: ${err && err.message ? err.message : String(err)}` });
        return;
      }
      answer({ ok: true, value });
    } catch {
      // A message must never break the page; whatever went wrong, it is dropped.
    }
  }

  /** Posts a reply to the sender; a value that cannot be cloned becomes an error reply. */
  reply(target, origin, id, msg) {
    const out = msg.ok ? { descent: VERSION, id, ok: true, value: msg.value } : { descent: VERSION, id, ok: false, error: msg.error };
    try {
      target.postMessage(out, origin);
    } catch {
      try { target.postMessage({ descent: VERSION, id, ok: false, error: 'the answer could not be sent' }, origin); } catch { /* gone */ }
    }
  }

  // --- calls that change the page ------------------------------------------------------------

  /**
   * Replaces the settings and restarts the run at once (the answer is their problems, and
   * queries see the new run), but leaves drawing, the link, the controls and the change event
   * to `flush`, so that a burst of calls costs one redraw.
   */
  setSettings(str) {
    const problems = Array.from(this.app.pg.set_settings(str) || []);
    this.app.restart(true, 0);
    this.stats.changes += 1;
    this.pending = { problems, replace: true };
    this.schedule();
    return problems;
  }

  /** One key; an empty value puts it back to its default. */
  setValue(key, value) {
    const pg = this.app.pg;
    const problems = value === '' ? (pg.reset_value(key), []) : Array.from(pg.set_value(key, value) || []);
    this.app.restart(false, 0);
    this.stats.changes += 1;
    if (this.pending) this.pending.problems = this.pending.problems.concat(problems);
    else this.pending = { problems, replace: false };
    this.schedule();
    return problems;
  }

  /** Shows step `k` (as far as the run goes); drawn, with its events, by `flush`. */
  show(k) {
    const app = this.app;
    app.pause();
    app.seek(Math.max(0, k), false);
    this.drawPending = true;
    this.schedule();
    return app.state();
  }

  /** Which controls the embedded page shows (with `embed=1`); the link keeps them. */
  setControls(keys) {
    const app = this.app;
    app.hash.page.controls = keys;
    app.applyPage(app.hash.page);
    app.hash.write(app.linkSettings());
    return keys;
  }

  schedule() {
    if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** The page takes up the settings calls have set: one redraw, one link, one change event. */
  flush() {
    const t0 = performance.now();
    if (this.flushTimer) { clearTimeout(this.flushTimer); this.flushTimer = 0; }
    const { pending, drawPending } = this;
    this.pending = null;
    this.drawPending = false;
    const app = this.app;
    if (pending || drawPending) this.stats.flushes += 1;
    if (pending) {
      app.safe(() => {
        app.showProblems(pending.problems, pending.replace);
        app.showChange();
        if (drawPending) app.noteCursor();
      });
    } else if (drawPending) {
      app.safe(() => {
        app.drawOverlay();
        app.noteCursor();
      });
    }
    if (pending || drawPending) this.stats.longestFlushMs = Math.max(this.stats.longestFlushMs, performance.now() - t0);
  }

  // --- events -------------------------------------------------------------------------------

  post(msg) {
    try {
      window.parent.postMessage({ descent: VERSION, ...msg }, '*');
    } catch { /* the parent went away */ }
  }

  /** Whether the step shown is the end of a run that has stopped. */
  runEnded() {
    const app = this.app;
    return app.finished() && app.cursor >= app.pg.len() - 1;
  }

  /** From app.js: `restart` of the run, `change` of any setting, `shown` after a step was drawn. */
  observe(kind) {
    if (kind === 'restart') {
      this.atEnd = false;
      this.lastStep = null;
      return;
    }
    if (kind === 'change') {
      this.post({ event: 'change', settings: this.app.pg.settings() });
      return;
    }
    if (kind !== 'shown') return;
    const app = this.app;
    const ended = this.runEnded();
    if (ended && !this.atEnd) {
      this.atEnd = true;
      const state = app.state();
      this.lastStep = state.step;
      // The status sentence as the page shows it, in its language.
      this.post({ event: 'stop', state, status: app.statusLine(app.cursor) });
      return;
    }
    if (!ended) this.atEnd = false;
    if (app.following && !app.playing) return;
    if (app.cursor === this.lastStep) return;
    this.stepEvent();
  }

  /** A `step` event now, or when the 10-a-second limit allows (with the state then). */
  stepEvent() {
    const wait = this.stepAt + STEP_EVERY_MS - performance.now();
    if (wait > 0) {
      if (!this.stepTimer) this.stepTimer = setTimeout(() => { this.stepTimer = 0; this.stepEvent(); }, wait);
      return;
    }
    const state = this.app.state();
    if (state.step === this.lastStep) return;
    this.lastStep = state.step;
    this.stepAt = performance.now();
    this.post({ event: 'step', state });
  }

  /** Posts `resize` with the height the content needs (CSS px) whenever it changes. */
  watchHeight() {
    // The embed's body fills its frame, so the height it needs is measured from its parts.
    watchEmbedHeight((h) => {
      this.height = h;
      this.post({ event: 'resize', height: h });
    });
  }

}

/** Starts the protocol when the page is in a frame; returns it (or null). */
export function startEmbedApi(app, api) {
  if (window.parent === window) return null;
  return new EmbedApi(app, api);
}

// The read-out (step, θ, loss, ‖g‖, lr, the curvature λ₁, λ₂ and its shape), the status sentence and the throttled aria-live
// announcement of step and loss. The status sentence itself is built by strings.js.

import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** A number for people: short, but never hiding that it is tiny or huge. */
export function fmt(x) {
  if (x === null || x === undefined) return t('readout.notfinite');
  if (typeof x !== 'number') return String(x);
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-4) return x.toExponential(4).replace('e+', 'e');
  return String(Number(x.toPrecision(6)));
}

/** Announces at most once per `interval` ms; the last message wins. */
class Announcer {
  constructor(el, interval = 1000) {
    this.el = el;
    this.interval = interval;
    this.last = 0;
    this.timer = null;
    this.pending = null;
  }

  say(text) {
    this.pending = text;
    const wait = this.last + this.interval - performance.now();
    if (wait <= 0) {
      this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), wait);
    }
  }

  flush() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.pending !== null && this.el.textContent !== this.pending) this.el.textContent = this.pending;
    this.pending = null;
    this.last = performance.now();
  }
}

/** Updates the read-out elements from a point and the status. */
export class Readout {
  constructor() {
    this.els = {
      step: $('ro-step'), x: $('ro-x'), y: $('ro-y'), loss: $('ro-loss'), g: $('ro-g'), lr: $('ro-lr'),
      curv: $('ro-curv'), shape: $('ro-shape'),
      status: $('status'),
    };
    this.announcer = new Announcer($('announce'));
  }

  /**
   * `p` is a point {step,x,y,loss,gx,gy,lr}; `dim` hides y for 1-D landscapes; `curv` the
   * core's curvature there ({lambda, dim, shape}; a non-finite λ is null), worded by code.
   */
  show(p, statusText, dim, axes = ['x', 'y'], curv = null) {
    const e = this.els;
    setLabel(e.x, t('readout.theta', { axis: axes[0] }));
    setLabel(e.y, t('readout.theta', { axis: axes[1] }));
    set(e.step, String(p.step));
    set(e.x, fmt(p.x));
    set(e.y, dim === 1 ? '–' : fmt(p.y));
    // A 1-D landscape has no second coordinate: its row goes (the compact embed read-out is one line).
    if (e.y.parentElement) e.y.parentElement.hidden = dim === 1;
    set(e.loss, fmt(p.loss));
    set(e.g, p.gx === null || p.gy === null ? fmt(null) : fmt(Math.hypot(p.gx, dim === 1 ? 0 : p.gy)));
    set(e.lr, fmt(p.lr));
    if (e.curv && curv) {
      setLabel(e.curv, t(curv.dim === 1 ? 'readout.curv1' : 'readout.curv2'));
      set(e.curv, curv.lambda.map(fmt).join(', '));
      e.curv.dataset.lambda = JSON.stringify(curv.lambda);
      set(e.shape, t(`shape.${curv.shape}`));
      e.shape.dataset.shape = curv.shape;
    }
    set(e.status, statusText);
    this.announcer.say(t('readout.announce', { step: p.step, loss: fmt(p.loss) }));
  }
}

/** The read-out's "diverging" line: shown while the run on screen is one that diverges, at
 * any step before the one where it blows up (`stop`). */
export function showDiverging(on, stop) {
  let p = $('diverging');
  if (!p) {
    const status = $('status');
    if (!status) return;
    p = document.createElement('p');
    p.id = 'diverging';
    p.className = 'diverging';
    p.dataset.testid = 'diverging';
    p.setAttribute('role', 'status');
    status.before(p);
  }
  p.hidden = !on;
  set(p, on ? t('readout.diverging', { step: stop }) : '');
}

function setLabel(dd, text) {
  const dt = dd.previousElementSibling;
  if (dt && dt.textContent !== text) dt.textContent = text;
}

function set(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

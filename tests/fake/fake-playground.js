// A small stand-in for the wasm Playground (see the page contract), for developing and testing
// the front-end before the real crate lands. Not shipped: only `node tests/fake/make.mjs` uses it.
// Three functions, three optimizers, two schedules, a model with batch modes, a formula that
// accepts only the letters x, y, digits and + - * ^ ( ) (so that errors name a column).

const LANDSCAPES = [
  { name: 'quadratic', display: 'Quadratic bowl', group: '2d', f: (x, y) => x * x + 3 * y * y, g: (x, y) => [2 * x, 6 * y], win: [-3, 3, -3, 3], start: [-2.5, 2], min: [[0, 0]] },
  { name: 'rosenbrock', display: 'Rosenbrock', group: '2d', f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    g: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)], win: [-2, 2, -1, 3], start: [-1.5, 2], min: [[1, 1]], log: true },
  { name: 'parabola1d', display: 'Parabola (1-D)', group: '1d', f: (x) => x * x, g: (x) => [2 * x, 0], win: [-3, 3, -1, 9], start: [2.5, 0], min: [[0, 0]], dim: 1 },
  { name: 'linreg', display: 'Linear regression', group: 'data', f: (x, y) => 0.5 * ((x - 1) ** 2 + 2 * (y + 0.5) ** 2), g: (x, y) => [x - 1, 2 * (y + 0.5)], win: [-3, 3, -3, 3], start: [-2, 2], min: [[1, -0.5]], model: true },
  { name: 'custom', display: 'Custom formula', group: 'custom', f: (x, y) => x * x + 3 * y * y, g: (x, y) => [2 * x, 6 * y], win: [-3, 3, -3, 3], start: [-2.5, 2], min: [] },
];
const OPTS = [{ name: 'gd', params: [], default_lr: 0.1 }, { name: 'momentum', params: ['mom'], default_lr: 0.01 }, { name: 'adam', params: ['b1', 'b2', 'eps'], default_lr: 0.1 }];
const SCHEDS = [{ name: 'const', params: [] }, { name: 'exp', params: ['gamma'] }];
const DEFAULTS = { f: 'quadratic', expr: 'x^2 + 3*y^2', data: 'line', n: '100', noise: '0.5', scale: 'none', seed: '1', opt: 'gd', lr: '', mom: '0.9', rho: '', b1: '0.9', b2: '0.999', eps: '', wd: '0.01', sched: 'const', gamma: '0.99', every: '50', tmax: '200', lrmin: '0', batch: 'full', bs: '', gnoise: '0', x0: '', y0: '', steps: '200', tol: '1e-8', target: '', at: '', lang: '' };
const KEYS = Object.keys(DEFAULTS);
const num = (v) => { const x = Number(v); return v.trim() !== '' && Number.isFinite(x) ? x : null; };
const CHECK = {
  lang: (v) => ['en', 'zh'].includes(v), at: (v) => /^\d+$/.test(v.trim()),
  f: (v) => LANDSCAPES.some((l) => l.name === v), opt: (v) => OPTS.some((o) => o.name === v), sched: (v) => SCHEDS.some((s) => s.name === v),
  batch: (v) => ['full', 'sgd', 'mini'].includes(v), data: (v) => ['line', 'seed', 'blobs'].includes(v), scale: (v) => ['none', 'standard'].includes(v),
  lr: (v) => num(v) !== null && num(v) > 0 && num(v) <= 1000, steps: (v) => Number.isInteger(num(v)) && num(v) >= 1 && num(v) <= 1e6,
  x0: (v) => num(v) !== null, y0: (v) => num(v) !== null, target: (v) => num(v) !== null,
  expr: (v) => { const i = v.search(/[^xy0-9+\-*^(). ]/); return i < 0 ? true : `unexpected '${v[i]}' at column ${i + 1}`; },
};
const check = (k, v) => (CHECK[k] ? CHECK[k](v) : num(v) !== null && num(v) >= 0);

export class Playground {
  constructor(s) { this.s = { ...DEFAULTS }; this.probs = this.decode(s); this.rebuild(); }
  decode(str) {
    this.s = { ...DEFAULTS };
    const probs = [];
    const t = String(str).replace(/^[^#]*#/, '');
    for (const part of t.split('&')) {
      if (!part) continue;
      const [k, raw = ''] = part.split('=');
      let v; try { v = decodeURIComponent(raw); } catch { v = raw; }
      if (!KEYS.includes(k)) { probs.push({ key: k, value: v, allowed: 'unknown key, ignored', severity: 'warning', text: `${k}=${v}: unknown key, ignored` }); continue; }
      const ok = check(k, v);
      if (ok === true) this.s[k] = v;
      else probs.push({ key: k, value: v, allowed: typeof ok === 'string' ? ok : 'expected something else', severity: 'error', text: `${k}=${v}: ${typeof ok === 'string' ? ok : 'expected something else'}; the default was used` });
    }
    return probs;
  }
  problems() { return this.probs; }
  set_settings(str) { this.probs = this.decode(str); this.rebuild(); return this.probs; }
  set_value(k, v) {
    v = String(v);
    if (!KEYS.includes(k)) throw new Error(`no key ${k}`);
    const ok = check(k, v);
    if (ok !== true) { this.probs = [{ key: k, value: v, allowed: typeof ok === 'string' ? ok : 'bad', severity: 'error', text: `${k}=${v}: ${ok}` }]; return this.probs; }
    this.s[k] = v; this.probs = []; if (k !== 'at') this.rebuild(); return []; // at= is a view key
  }
  reset_value(k) { this.s[k] = DEFAULTS[k]; if (k !== 'at') this.rebuild(); }
  settings() { return KEYS.filter((k) => this.s[k] !== DEFAULTS[k]).map((k) => `${k}=${encodeURIComponent(this.s[k])}`).join('&'); }
  land() { return LANDSCAPES.find((l) => l.name === this.s.f); }
  opt() { return OPTS.find((o) => o.name === this.s.opt); }
  value(k) {
    const l = this.land();
    if (k === 'lr') return this.s.lr || String(this.opt().default_lr);
    if (k === 'x0') return this.s.x0 || String(l.start[0]);
    if (k === 'y0') return this.s.y0 || String(l.start[1]);
    if (k === 'bs') return this.s.bs || '16';
    return this.s[k];
  }
  rebuild() {
    const l = this.land();
    const p = { x: [], y: [], loss: [], gx: [], gy: [], lr: [] };
    this.t = p; this.m = [0, 0]; this.v = [0, 0]; this.st = { name: 'running', text: 'Running', stop_step: null };
    this.push(Number(this.value('x0')), l.dim === 1 ? 0 : Number(this.value('y0')));
  }
  push(x, y) {
    const l = this.land(); const [gx, gy] = l.g(x, y); const loss = l.f(x, y);
    const k = this.t.x.length; const lr = Number(this.value('lr')) * (this.s.sched === 'exp' ? Number(this.s.gamma) ** k : 1);
    Object.entries({ x, y, loss, gx, gy, lr }).forEach(([c, val]) => this.t[c].push(val));
    if (![x, y, loss, gx, gy].every(Number.isFinite)) this.st = { name: 'diverged', text: `Diverged at step ${k}: the loss became NaN. Try a smaller learning rate.`, stop_step: k, what: 'the loss became NaN' };
    else if (Math.hypot(gx, gy) < Number(this.s.tol)) this.st = { name: 'converged', text: `Converged at step ${k}: ‖g‖ below tol`, stop_step: k };
    else if (this.s.target && loss < Number(this.s.target)) this.st = { name: 'target_reached', text: `Loss below the target at step ${k}`, stop_step: k };
    else if (k >= Number(this.s.steps)) this.st = { name: 'max_steps', text: `Stopped after ${k} steps (max steps)`, stop_step: k };
  }
  step(n) {
    let taken = 0;
    while (taken < n && this.st.name === 'running') {
      const k = this.t.x.length - 1; const x = this.t.x[k]; const y = this.t.y[k];
      const g = [this.t.gx[k], this.t.gy[k]]; const lr = this.t.lr[k]; const o = this.s.opt;
      let d;
      if (o === 'gd') d = g;
      else if (o === 'momentum') { this.m = this.m.map((m, i) => Number(this.s.mom) * m + g[i]); d = this.m; }
      else {
        const b1 = Number(this.s.b1); const b2 = Number(this.s.b2); const t = k + 1;
        this.m = this.m.map((m, i) => b1 * m + (1 - b1) * g[i]); this.v = this.v.map((v, i) => b2 * v + (1 - b2) * g[i] ** 2);
        d = this.m.map((m, i) => (m / (1 - b1 ** t)) / (Math.sqrt(this.v[i] / (1 - b2 ** t)) + 1e-8));
      }
      this.push(x - lr * d[0], this.land().dim === 1 ? 0 : y - lr * d[1]);
      taken += 1;
    }
    return taken;
  }
  run_to_end() { this.step(Infinity); }
  len() { return this.t.x.length; }
  // Comparisons: the stand-in has none.
  span() { return this.len(); }
  done() { return this.st.name !== 'running'; }
  runs() { return [{ label: this.s.opt, status: this.status(), len: this.len(), colour: 'rgb(49, 104, 142)' }]; }
  teaching_lrs() { return undefined; }
  set_words() {}
  sweep_advance() { return this.sweep_progress(); }
  sweep_progress() { return { total: 0, done: 0, finished: true }; }
  sweep_results() { return []; }
  render_sweep() { return false; }
  status() { return { ...this.st }; }
  point(k) { const t = this.t; return { step: k, x: t.x[k], y: t.y[k], loss: t.loss[k], gx: t.gx[k], gy: t.gy[k], lr: t.lr[k] }; }
  trajectory() { const o = {}; for (const c of Object.keys(this.t)) o[c] = Float64Array.from(this.t[c]); return o; }
  info() {
    const l = this.land();
    return { name: l.name, display: l.display, formula: '', dim: l.dim || 2, window: l.win, minima: l.min, is_model: !!l.model, log_color: !!l.log,
      optimizer_params: this.opt().params, schedule_params: SCHEDS.find((s) => s.name === this.s.sched).params,
      data_params: l.model && this.value('data') !== 'seed' ? ['n', 'noise'] : [] };
  }
  catalog() {
    // The real codec lists these keys' values (catalog().fields[].choices); the panel builds their menus from them.
    const FAKE_CHOICES = { scale: ['none', 'standard'], batch: ['full', 'sgd', 'mini'] };
    return { landscapes: LANDSCAPES.map(({ name, display, group }) => ({ name, display, group })), optimizers: OPTS, schedules: SCHEDS,
      datasets: ['line', 'seed', 'blobs'],
      fields: KEYS.map((key) => ({ key, allowed: `a value for ${key}`, range: null, choices: FAKE_CHOICES[key] || [] })) };
  }
  area(w, h, dpr) { const m = 30 * dpr; return { x: m, y: 10 * dpr, w: w - m - 10 * dpr, h: h - m - 10 * dpr }; }
  forget_surface() {}

  render_base(ctx, w, h, dpr, logc) {
    const l = this.land(); const a = this.area(w, h, dpr); const [x0, x1, y0, y1] = l.win;
    this.layout = { a, dpr, win: l.win };
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, w, h);
    const iw = Math.max(1, Math.floor(a.w)); const ih = Math.max(1, Math.floor(a.h));
    const img = ctx.createImageData(iw, ih); const vals = new Float64Array(iw * ih); let lo = Infinity; let hi = -Infinity;
    for (let j = 0; j < ih; j += 1) for (let i = 0; i < iw; i += 1) {
      let v = l.f(x0 + (i / iw) * (x1 - x0), y1 - (j / ih) * (y1 - y0)); if (logc) v = Math.log1p(v);
      vals[j * iw + i] = v; lo = Math.min(lo, v); hi = Math.max(hi, v);
    }
    for (let q = 0; q < vals.length; q += 1) {
      const t = (vals[q] - lo) / (hi - lo || 1);
      img.data[4 * q] = 68 + 185 * t; img.data[4 * q + 1] = 1 + 230 * Math.sin(t * 2.5) ** 2; img.data[4 * q + 2] = 84 + 60 * (1 - t); img.data[4 * q + 3] = 255;
    }
    ctx.putImageData(img, a.x, a.y);
    ctx.fillStyle = '#000'; ctx.font = `${11 * dpr}px sans-serif`; ctx.fillText(String(x0), a.x, h - 8 * dpr); ctx.fillText(String(x1), a.x + a.w - 12 * dpr, h - 8 * dpr);
  }
  toPx(x, y) { const { a, win } = this.layout; return [a.x + ((x - win[0]) / (win[1] - win[0])) * a.w, a.y + ((win[3] - y) / (win[3] - win[2])) * a.h]; }
  render_overlay(ctx, w, h, dpr, k) {
    ctx.clearRect(0, 0, w, h); if (!this.layout) return;
    ctx.strokeStyle = '#fff'; ctx.lineWidth = 2 * dpr; ctx.beginPath();
    for (let i = 0; i <= k; i += 1) { const [px, py] = this.toPx(this.t.x[i], this.t.y[i]); if (i) ctx.lineTo(px, py); else ctx.moveTo(px, py); }
    ctx.stroke(); const [cx, cy] = this.toPx(this.t.x[k], this.t.y[k]);
    ctx.fillStyle = '#f33'; ctx.beginPath(); ctx.arc(cx, cy, 5 * dpr, 0, 7); ctx.fill();
  }
  render_loss(ctx, w, h, dpr, k, logy) {
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, w, h); const ls = this.t.loss.slice(0, this.t.loss.length).map((v) => (logy ? Math.log10(Math.max(v, 1e-300)) : v));
    const lo = Math.min(...ls); const hi = Math.max(...ls); const n = Math.max(1, this.t.loss.length - 1);
    ctx.strokeStyle = '#36c'; ctx.lineWidth = dpr; ctx.beginPath();
    for (let i = 0; i <= k; i += 1) { const px = 10 + (i / n) * (w - 20); const py = h - 10 - ((ls[i] - lo) / (hi - lo || 1)) * (h - 20); if (i) ctx.lineTo(px, py); else ctx.moveTo(px, py); }
    ctx.stroke();
    return !!logy;
  }
  // The teaching views: stand-ins that draw nothing (the real ones are in crates/figure).
  set_walker_words() {}
  render_data(ctx, w, h) { ctx.clearRect(0, 0, w, h); return false; }
  data_px() { return undefined; }
  data_layout_px() { return undefined; }
  render_mesh(ctx, w, h) { ctx.clearRect(0, 0, w, h); return 0; }
  render_mesh_path(ctx, w, h) { ctx.clearRect(0, 0, w, h); }
  mesh_px() { return [0, 0]; }
  walker_at() { return { minimum: null, x: null, global_x: [], slope: null, step: null, overshoot: false }; }
  surface_px() { return undefined; }
  surface_view() { return undefined; }
  to_data(cx, cy) {
    if (!this.layout) return undefined; const { a, dpr, win } = this.layout; const px = cx * dpr; const py = cy * dpr;
    if (px < a.x || py < a.y || px > a.x + a.w || py > a.y + a.h) return undefined;
    return [win[0] + ((px - a.x) / a.w) * (win[1] - win[0]), win[3] - ((py - a.y) / a.h) * (win[3] - win[2])];
  }
}

// The map of runs (map=, mapy=): its controls in the side panel, and its figure beside the
// surface (under it on narrow screens), computed by Web Workers (hardwareConcurrency − 1, at least one),
// each with its own wasm instance, a chunk of cells at a time; the page keeps the cells in its
// own MapBoard and draws them as they come, so the main thread never does more than a short
// task. Hovering a cell shows its run's numbers; a click loads that run.

import { register, t, onLangChange } from './i18n.js';
import { problemDetail } from './strings.js';
import { context, fit, watchSize, styleDpr } from './canvas.js';

const $ = (id) => document.getElementById(id);

register({
  en: {
    map_title: 'Map of runs',
    map_intro: 'Run the settings over a grid of two keys and colour each cell by how its run ends.',
    map_text: 'Axes',
    map_text_tip: 'Two axes key:from:to[:cells[:log|lin]] joined by a comma, e.g. lr:1e-4:2:64,mom:0:0.99:64 (64 cells when omitted; lr and eps log, others linear). Keys: lr, mom, rho, b1, b2, eps, wd, gamma, every, tmax, lrmin, bs, x0, y0 and rprop’s.',
    map_metric: 'colour by',
    map_metric_tip: 'What colours the cells (auto: basins for a map of the start, else the final loss)',
    map_metric_auto: 'auto',
    map_metric_loss: 'final loss',
    map_metric_steps: 'steps to target',
    map_metric_basin: 'minimum reached',
    map_compute: 'Compute map',
    map_compute_tip: 'Compute the map with these axes (in workers; the page stays responsive)',
    map_cancel: 'Cancel',
    map_cancel_tip: 'Stop computing the map (the cells so far stay)',
    map_clear_tip: 'Remove the map',
    map_preset_lrmom: 'lr × momentum',
    map_preset_lrmom_tip: 'How the learning rate and the momentum interact (switches to momentum)',
    map_preset_lrb1: 'lr × β₁',
    map_preset_lrb1_tip: 'How the learning rate and Adam’s β₁ interact (switches to Adam)',
    map_preset_basins: 'Basins of the start',
    map_preset_basins_tip: 'Which minimum a run reaches from every start in the landscape’s window',
    map_progress: 'Map: {done} of {total} runs · {workers} workers',
    map_done: 'Map done: {total} runs, {steps} steps in {secs} s.',
    map_cancelled: 'Map cancelled: {done} of {total} runs.',
    map_hover: 'Point at a cell to see its run; click it to load that run (or focus the map and use the arrow keys and Enter).',
    map_cell_loss: '{x} · {y}: final loss {loss} after {steps} steps ({status}).',
    map_cell_basin: '{x} · {y}: reached minimum {basin} in {steps} steps.',
    map_cell_none: '{x} · {y}: reached no minimum in {steps} steps ({status}).',
    map_cell_diverged: '{x} · {y}: diverged ({steps} steps).',
    map_status_converged: 'converged',
    map_status_target_reached: 'target reached',
    map_status_max_steps: 'stopped at the maximum',
    map_status_diverged: 'diverged',
    map_status_running: 'running',
    map_aria: 'The map of runs: each cell is one run over the two axes, coloured by how it ended',
    map_log: '{name} (log)',
    map_word_diverged: 'diverged',
    map_word_nowhere: 'no minimum',
    map_word_never: 'never reached',
    map_word_minimum: 'minimum reached',
    map_word_darker: 'darker: more steps',
    map_word_loss: 'final loss',
    map_word_steps: 'steps to target',
    map_error: 'The map could not be computed: {text}',
  },
  zh: {
    map_title: '运行地图',
    map_intro: '在两个键的网格上运行当前设置，按每次运行的结局给每一格着色。',
    map_text: '坐标轴',
    map_text_tip: '用逗号连接的两条轴，每条写作 键 : 起点 : 终点 [ : 格数 [ : log|lin ] ]，例如 lr:1e-4:2:64,mom:0:0.99:64（省略格数为 64；lr 与 eps 为对数轴，其他为线性）。可用的键：lr、mom、rho、b1、b2、eps、wd、gamma、every、tmax、lrmin、bs、x0、y0 以及 rprop 的参数。',
    map_metric: '着色依据',
    map_metric_tip: '每一格的颜色表示什么（自动：起点地图为吸引域，其他为最终损失）',
    map_metric_auto: '自动',
    map_metric_loss: '最终损失',
    map_metric_steps: '达到目标的步数',
    map_metric_basin: '到达的极小值',
    map_compute: '计算地图',
    map_compute_tip: '按这些坐标轴计算地图（在 Worker 中计算，页面保持响应）',
    map_cancel: '取消',
    map_cancel_tip: '停止计算地图（已算出的格子保留）',
    map_clear_tip: '移除地图',
    map_preset_lrmom: '学习率 × 动量',
    map_preset_lrmom_tip: '学习率与动量如何相互作用（切换到动量法）',
    map_preset_lrb1: '学习率 × β₁',
    map_preset_lrb1_tip: '学习率与 Adam 的 β₁ 如何相互作用（切换到 Adam）',
    map_preset_basins: '起点的吸引域',
    map_preset_basins_tip: '从地形窗口中每个起点出发，运行会到达哪个极小值',
    map_progress: '地图：{done} / {total} 次运行 · {workers} 个 Worker',
    map_done: '地图完成：{total} 次运行，共 {steps} 步，用时 {secs} 秒。',
    map_cancelled: '地图已取消：{done} / {total} 次运行。',
    map_hover: '指向某一格可查看其运行；点击即可载入该运行（也可聚焦地图后用方向键和回车）。',
    map_cell_loss: '{x} · {y}：{steps} 步后最终损失为 {loss}（{status}）。',
    map_cell_basin: '{x} · {y}：用 {steps} 步到达极小值 {basin}。',
    map_cell_none: '{x} · {y}：{steps} 步内没有到达任何极小值（{status}）。',
    map_cell_diverged: '{x} · {y}：发散（{steps} 步）。',
    map_status_converged: '已收敛',
    map_status_target_reached: '已达到目标',
    map_status_max_steps: '达到最大步数',
    map_status_diverged: '发散',
    map_status_running: '运行中',
    map_aria: '运行地图：每一格是两条坐标轴上的一次运行，按结局着色',
    map_log: '{name}（对数）',
    map_word_diverged: '发散',
    map_word_nowhere: '未到达极小值',
    map_word_never: '从未达到',
    map_word_minimum: '到达的极小值',
    map_word_darker: '越深：步数越多',
    map_word_loss: '最终损失',
    map_word_steps: '达到目标的步数',
    map_error: '无法计算地图：{text}',
  },
});

/** One-click maps, as the keys they set (a preset may switch the optimizer it needs). */
const PRESETS = {
  lrmom: { opt: 'momentum', map: 'lr:1e-4:0.1:64,mom:0:0.99:64' },
  lrb1: { opt: 'adam', map: 'lr:1e-3:1:64,b1:0:0.99:64' },
};

/** A chunk of work: about this many steps, so a worker answers every few tens of ms. */
const CHUNK_STEPS = 200000;

/** Chunks each worker holds at once: the next is queued while it computes one. */
const PER_WORKER = 2;

/** The shortest time between two full draws while cells come in. */
const DRAW_EVERY_MS = 120;

/** The narrowest map (CSS px) that draws presenter mode's larger text. */
const MIN_CSS_FOR_LARGE_TEXT = 480;

/** The number of workers: hardwareConcurrency − 1, at least one. */
export function workerCount() {
  return Math.max(1, (navigator.hardwareConcurrency || 2) - 1);
}

/** The glue module and .wasm the page loaded (trunk names them on the boot script). */
function wasmFiles() {
  const boot = $('descent-boot');
  if (!boot) return null;
  const here = (name) => new URL(name, document.baseURI).href;
  return { js: here(boot.dataset.js), wasm: here(boot.dataset.wasm) };
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'i18n') e.dataset.i18n = v;
    else if (k === 'i18nTitle') e.dataset.i18nTitle = v;
    else e[k] = v;
  }
  e.append(...children);
  return e;
}

/** A count for a sentence, its thousands grouped: 4,096. */
function count(n) {
  return Number(n).toLocaleString('en-US');
}

/** A number for a sentence: up to four significant digits. */
function short(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

export class MapPanel {
  /** `panel`: the controls' section in the settings panel; `box`: the figure's. */
  constructor(app, panel, box) {
    this.app = app;
    this.panel = panel;
    this.box = box;
    this.canvas = $('map-canvas');
    this.mark = $('map-mark');
    this.board = null;       // the page's MapBoard of the map shown
    this.info = null;        // its info()
    this.workers = [];       // {worker, ready: Promise, outstanding}
    this.job = 0;            // increases with every map started; stale answers are dropped
    this.queue = [];         // chunks not yet handed out: [start, end]
    this.running = false;
    this.busy = 0;           // workers holding work now
    this.maxBusy = 0;        // the most workers busy at once during this map
    this.started = 0;
    this.elapsed = 0;
    this.lastDraw = 0;
    this.frame = 0;
    this.hovered = -1;
    this.Board = null;
    this.build();
    app.listeners.push((kind) => { if (kind === 'change') this.sync(); });
    onLangChange(() => { this.translate(); this.draw(true); this.showProgress(); });
    this.canvas.addEventListener('mousemove', (e) => this.hover(e));
    this.canvas.addEventListener('mouseleave', () => { this.hovered = -1; this.showHover(); });
    this.canvas.addEventListener('click', (e) => this.click(e));
    this.canvas.tabIndex = 0;
    this.canvas.addEventListener('keydown', (e) => this.key(e));
    watchSize([this.canvas.parentElement], () => this.draw(true));
    this.ready = this.loadBindings().then(() => this.sync());
  }

  /** The bindings module the page already loaded (the same instance, from the module cache). */
  async loadBindings() {
    const files = wasmFiles();
    if (!files) return;
    const b = await import(files.js);
    this.Board = b.MapBoard || null;
  }

  build() {
    const p = this.panel;
    p.replaceChildren();
    const title = el('h2', { id: 'map-title', i18n: 'map_title' });
    const intro = el('p', { className: 'map-intro', i18n: 'map_intro' });
    this.text = el('input', { type: 'text', id: 'map-text', spellcheck: false, placeholder: 'lr:1e-4:1:64,b1:0:0.99:64' });
    this.text.dataset.i18nTitle = 'map_text_tip';
    this.text.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); this.apply(); } });
    const textL = el('label', { htmlFor: 'map-text', i18n: 'map_text' });
    this.metric = el('select', { id: 'map-metric' });
    this.metric.dataset.i18nTitle = 'map_metric_tip';
    for (const m of ['auto', 'loss', 'steps', 'basin']) this.metric.append(new Option(t(`map_metric_${m}`), m === 'auto' ? '' : m));
    this.metric.addEventListener('change', () => this.set('mapy', this.metric.value));
    const metricL = el('label', { htmlFor: 'map-metric', i18n: 'map_metric' });
    const compute = el('button', { type: 'button', id: 'map-compute', i18n: 'map_compute', i18nTitle: 'map_compute_tip' });
    compute.addEventListener('click', () => this.apply(true));
    const clear = el('button', { type: 'button', id: 'map-clear', i18n: 'cmp_clear', i18nTitle: 'map_clear_tip' });
    clear.addEventListener('click', () => { this.text.value = ''; this.set('map', ''); });
    const presets = el('div', { className: 'buttons map-presets' });
    for (const [name, keys] of Object.entries(PRESETS)) {
      const b = el('button', { type: 'button', id: `map-preset-${name}`, i18n: `map_preset_${name}`, i18nTitle: `map_preset_${name}_tip` });
      b.addEventListener('click', () => {
        if (this.app.pg.value('opt') !== keys.opt) this.app.setValue('opt', keys.opt);
        this.text.value = keys.map;
        this.apply(true);
      });
      presets.append(b);
    }
    const basins = el('button', { type: 'button', id: 'map-preset-basins', i18n: 'map_preset_basins', i18nTitle: 'map_preset_basins_tip' });
    basins.addEventListener('click', () => {
      const info = this.app.info || {};
      const [x0, x1, y0, y1] = info.window || [-5, 5, -5, 5];
      const n = (v) => String(Number(v.toPrecision(6)));
      this.text.value = `x0:${n(x0)}:${n(x1)}:64,y0:${n(y0)}:${n(y1)}:64`;
      this.apply(true);
    });
    presets.append(basins);
    this.presetBasins = basins;
    this.error = el('div', { className: 'field-error', id: 'map-error', hidden: true });
    this.error.setAttribute('role', 'alert');
    p.append(title, intro, presets, el('div', { className: 'map-row' }, textL, this.text),
      el('div', { className: 'map-row' }, metricL, this.metric),
      el('div', { className: 'buttons' }, compute, clear), this.error);
    p.setAttribute('aria-labelledby', 'map-title');

    this.progress = $('map-progress');
    this.summary = $('map-summary');
    this.hoverLine = $('map-hover');
    this.cancelButton = $('map-cancel');
    this.cancelButton.addEventListener('click', () => this.cancel());
    this.translate();
  }

  translate() {
    for (const root of [this.panel, this.box]) {
      for (const e of root.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
      for (const e of root.querySelectorAll('[data-i18n-title]')) e.title = t(e.dataset.i18nTitle);
    }
    const names = ['auto', 'loss', 'steps', 'basin'];
    names.forEach((m, i) => { this.metric.options[i].text = t(`map_metric_${m}`); });
    this.canvas.setAttribute('aria-label', t('map_aria'));
    this.canvas.title = t('map_hover');
    this.showHover();
  }

  /**
   * Sets `map=` from the text field, which computes a new map; the same map, cancelled
   * before it was complete, computes its missing cells (`force`, the Compute button).
   */
  apply(force = false) {
    const before = this.info && this.info.key;
    this.set('map', this.text.value.trim());
    if (force && this.board && this.info && this.info.key === before && !this.running && this.board.done() < this.info.cells) {
      this.start(true);
    }
  }

  /** Sets one key; shows its problem in the error box, keeping what was typed. */
  set(key, value) {
    // The field keeps what was typed while the change applies (the page syncs in between).
    this.typed = key === 'map' ? value : null;
    const problems = Array.from(this.app.setValue(key, value) || []);
    this.typed = null;
    const mine = problems.filter((p) => (p.key === 'map' || p.key === 'mapy') && p.severity !== 'warning');
    this.error.textContent = mine.length ? problemDetail(mine[0]) : '';
    this.error.hidden = !mine.length;
    this.text.setAttribute('aria-invalid', mine.length && mine[0].key === 'map' ? 'true' : 'false');
    this.keepTyped = mine.length && key === 'map';
    this.sync();
  }

  /** Follows the settings: shows the map's fields, and starts the map when it changed. */
  sync() {
    const text = this.app.pg.value('map');
    if (this.typed == null && !this.keepTyped && document.activeElement !== this.text) this.text.value = text;
    this.keepTyped = false;
    this.metric.value = this.app.pg.value('mapy');
    const info = this.app.info || {};
    this.presetBasins.hidden = info.dim === 1;
    // An embed is a compact figure for a course note: it shows no map (and computes none).
    if (!text || document.body.classList.contains('embed')) {
      this.stop();
      if (this.board) this.board.free();
      this.board = null;
      this.info = null;
      this.show(false);
      return;
    }
    if (!this.Board) return;
    const settings = this.app.pg.settings();
    let board;
    try {
      board = new this.Board(settings);
    } catch (err) {
      this.showError(err);
      return;
    }
    const info2 = board.info();
    if (this.info && this.info.key === info2.key && this.info.metric === info2.metric) {
      // The same map (a click moved the main run along its axes): keep the cells.
      board.free();
      this.drawMark();
      return;
    }
    if (this.info && this.info.key === info2.key && this.board) {
      // Only the colours changed: keep the cells, recolour.
      const cells = this.board;
      this.board = board;
      this.info = info2;
      board.adopt(cells);
      cells.free();
      this.show(true);
      this.draw(true);
      return;
    }
    if (this.board) this.board.free();
    this.board = board;
    this.info = info2;
    this.settings = settings;
    this.show(true);
    this.start();
  }

  /** Shows or hides the map's figure; on wide screens it stands beside the surface. */
  show(on) {
    this.box.hidden = !on;
    this.box.parentElement.classList.toggle('has-map', on);
  }

  showError(err) {
    this.summary.textContent = t('map_error', { text: err && err.message ? err.message : String(err) });
  }

  /** The workers, created once (each loads the wasm itself). */
  ensureWorkers() {
    const want = workerCount();
    const files = wasmFiles();
    while (this.workers.length < want) {
      const worker = new Worker(new URL('./mapworker.js', import.meta.url), { type: 'module' });
      const w = { worker, outstanding: 0, cells: 0 };
      w.ready = new Promise((resolve) => { w.resolveReady = resolve; });
      worker.onmessage = (e) => this.message(w, e.data);
      worker.onerror = (e) => { e.preventDefault(); this.showError(e.message || 'worker failed'); };
      worker.postMessage({ kind: 'init', js: files.js, wasm: files.wasm });
      this.workers.push(w);
    }
  }

  /**
   * Starts computing the board's map: chunks of cells handed to the workers as they finish;
   * with `resume`, only the chunks with cells not known yet.
   */
  start(resume = false) {
    this.stop();
    this.job += 1;
    const { cells, steps } = this.info;
    const size = Math.max(1, Math.min(4096, Math.floor(CHUNK_STEPS / Math.max(1, steps))));
    this.queue = [];
    for (let s = 0; s < cells; s += size) {
      const e = Math.min(cells, s + size);
      if (!resume || this.board.known(s, e) < e - s) this.queue.push([s, e]);
    }
    this.running = true;
    if (!resume) this.hovered = -1;
    this.maxBusy = 0;
    this.busy = 0;
    this.started = performance.now();
    this.elapsed = 0;
    this.ensureWorkers();
    for (const w of this.workers) {
      w.outstanding = 0;
      w.cells = 0;
      w.worker.postMessage({ kind: 'map', key: this.info.key, settings: this.settings });
      this.feed(w);
    }
    this.draw(true);
    this.showProgress();
  }

  /** Hands worker `w` chunks until it holds PER_WORKER of them. */
  feed(w) {
    while (this.running && w.outstanding < PER_WORKER && this.queue.length) {
      const [start, end] = this.queue.shift();
      if (w.outstanding === 0) this.busy += 1;
      w.outstanding += 1;
      this.maxBusy = Math.max(this.maxBusy, this.busy);
      w.worker.postMessage({ kind: 'cells', key: this.info.key, job: this.job, start, end });
    }
  }

  message(w, m) {
    if (m.kind === 'ready') return;
    if (m.kind === 'error') {
      this.showError(m.message);
      return;
    }
    if (m.kind !== 'cells' || m.job !== this.job || !this.board) return;
    w.outstanding = Math.max(0, w.outstanding - 1);
    if (w.outstanding === 0) this.busy -= 1;
    w.cells += m.end - m.start;
    this.board.put(m.start, m.numbers);
    this.feed(w);
    if (this.board.done() >= this.info.cells) {
      this.running = false;
      this.elapsed = performance.now() - this.started;
      this.draw(true);
    } else {
      this.schedule();
    }
    this.showProgress();
  }

  /** Draws in the next frame, at most every DRAW_EVERY_MS while cells come in. */
  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const now = performance.now();
      if (now - this.lastDraw >= DRAW_EVERY_MS) this.draw(true);
      else this.schedule();
    });
  }

  /** Stops handing out work; answers of this map that are still on their way are dropped. */
  stop() {
    if (this.running) this.elapsed = performance.now() - this.started;
    this.running = false;
    this.queue = [];
    this.job += 1;
    this.busy = 0;
    for (const w of this.workers) w.outstanding = 0;
  }

  cancel() {
    if (!this.running) return;
    this.stop();
    this.cancelled = true;
    this.draw(true);
    this.showProgress();
  }

  showProgress() {
    if (!this.info || !this.board) return;
    const done = this.board.done();
    const total = this.info.cells;
    this.progress.max = total;
    this.progress.value = done;
    this.cancelButton.hidden = !this.running;
    let text;
    if (this.running) {
      this.cancelled = false;
      text = t('map_progress', { done: count(done), total: count(total), workers: this.workers.length });
    } else if (done >= total) {
      text = t('map_done', { total: count(total), steps: count(this.board.steps()), secs: (this.elapsed / 1000).toFixed(1) });
    } else {
      text = t('map_cancelled', { done: count(done), total: count(total) });
    }
    this.summary.textContent = text;
  }

  /** An axis's name on the figure: the key's label, its key, and (log) for a log axis. */
  axisName(a) {
    const label = t(`c.${a.key}`, { axis: a.key === 'x0' ? 'x' : 'y' });
    // The start's keys read "Start x"; the others their label and key ("Momentum mom").
    const start = a.key === 'x0' || a.key === 'y0';
    // A symbol (β₁, ρ) names its key in parentheses: "β₁ (b1)".
    const symbol = /^[^\sA-Za-z\u3400-\u9fff]{1,3}$/.test(label);
    let name = `${label} ${a.key}`;
    if (label === a.key || label === `c.${a.key}`) name = a.key;
    else if (start) name = label;
    else if (symbol) name = `${label} (${a.key})`;
    return a.log ? t('map_log', { name }) : name;
  }

  words() {
    const i = this.info;
    return {
      x: this.axisName(i.x),
      y: this.axisName(i.y),
      bar: t(i.metric === 'steps' ? 'map_word_steps' : 'map_word_loss'),
      diverged: t('map_word_diverged'),
      nowhere: t(i.metric === 'basin' ? 'map_word_nowhere' : 'map_word_never'),
      minimum: t('map_word_minimum'),
      darker: t('map_word_darker'),
    };
  }

  /** Draws the cells known so far (one putImageData, stretched) under the axes and legend. */
  draw() {
    if (!this.board || this.box.hidden) return;
    this.lastDraw = performance.now();
    this.app.safe(() => {
      this.shape();
      fit(this.canvas.parentElement, [this.canvas, this.mark]);
      const ctx = context(this.canvas);
      const dpr = this.drawDpr();
      const { x, y } = this.info;
      if (!this.small) this.small = document.createElement('canvas');
      this.small.width = x.cells;
      this.small.height = y.cells;
      const rgba = this.board.rgba();
      this.small.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length), x.cells, y.cells), 0, 0);
      ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
      const plot = this.plot || { left: 0, top: 0, width: 0, height: 0 };
      // The plot rectangle of the last drawing; the first draw learns it, then fills it.
      const paint = (r) => {
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(this.small, r.left, r.top, r.width, r.height);
      };
      if (plot.width) paint(plot);
      const drawn = this.board.draw(ctx, this.canvas.width, this.canvas.height, dpr, this.words());
      if (!plot.width || drawn.left !== plot.left || drawn.width !== plot.width || drawn.top !== plot.top || drawn.height !== plot.height) {
        this.plot = drawn;
        paint(drawn);
        this.board.draw(ctx, this.canvas.width, this.canvas.height, dpr, this.words());
      }
      this.drawMark();
    });
  }

  /**
   * The dpr the map is drawn with: presenter mode's larger text and lines (`styleDpr`), as on
   * the other figures, where the map is wide enough to keep its cells beside the enlarged
   * ticks and legend; on a narrow screen the cells would shrink to a sliver.
   */
  drawDpr() {
    const wide = this.canvas.getBoundingClientRect().width >= MIN_CSS_FOR_LARGE_TEXT;
    return wide ? styleDpr() : window.devicePixelRatio || 1;
  }

  /**
   * A map of the start gets the figure's height that draws equal units across and up (as the
   * surface does), within the page's limits; other maps keep the stylesheet's 4:3.
   */
  shape() {
    const box = this.canvas.parentElement;
    const i = this.info;
    box.style.height = '';
    box.style.width = '';
    if (!i || !i.start) return;
    const width = box.getBoundingClientRect().width;
    const side = width < 520 ? 58 + 124 : 58 + 132;
    const span = (a) => (a.to - a.from) * a.cells / Math.max(1, a.cells - 1);
    const ratio = span(i.y) / span(i.x);
    const most = Math.max(160, window.innerHeight * 0.7);
    let plotWidth = width - side;
    if (plotWidth * ratio + 50 > most) plotWidth = (most - 50) / ratio;
    box.style.width = `${Math.round(plotWidth + side)}px`;
    box.style.height = `${Math.round(plotWidth * ratio + 50)}px`;
  }

  /** The cell under a mouse event, or -1. */
  cellAt(e) {
    if (!this.board) return -1;
    const r = this.canvas.getBoundingClientRect();
    // cell_at reads CSS px at the drawing's dpr: scale them to it.
    const k = (window.devicePixelRatio || 1) / this.drawDpr();
    const i = this.board.cell_at((e.clientX - r.left) * k, (e.clientY - r.top) * k);
    return i === undefined ? -1 : i;
  }

  hover(e) {
    const i = this.cellAt(e);
    if (i === this.hovered) return;
    this.hovered = i;
    this.showHover();
  }

  /** Outlines the hovered (or keyboard-chosen) cell on the layer over the map. */
  drawMark() {
    if (!this.mark) return;
    const ctx = context(this.mark);
    ctx.clearRect(0, 0, this.mark.width, this.mark.height);
    const p = this.plot;
    if (!p || !this.info) return;
    const { x, y } = this.info;
    const dpr = this.drawDpr();
    if (this.info.start) this.drawStart(ctx, p, dpr);
    if (this.hovered < 0) return;
    const ix = this.hovered % x.cells;
    const iy = Math.floor(this.hovered / x.cells);
    const w = p.width / x.cells;
    const h = p.height / y.cells;
    const left = p.left + ix * w;
    const top = p.top + (y.cells - 1 - iy) * h;
    ctx.lineWidth = Math.max(1, Math.round(2 * dpr));
    ctx.strokeStyle = '#000';
    ctx.strokeRect(left - ctx.lineWidth, top - ctx.lineWidth, w + 2 * ctx.lineWidth, h + 2 * ctx.lineWidth);
    ctx.strokeStyle = '#fff';
    ctx.strokeRect(left, top, w, h);
  }

  /** On a map of the start: the main run's start, as a ring, where the surface has it. */
  drawStart(ctx, p, dpr) {
    const start = this.app.safe(() => this.app.pg.point(0));
    if (!start || typeof start.x !== 'number' || typeof start.y !== 'number') return;
    const { x, y } = this.info;
    const edge = (a) => {
      const half = (a.to - a.from) / (2 * Math.max(1, a.cells - 1));
      return [a.from - half, a.to + half];
    };
    const [x0, x1] = edge(x);
    const [y0, y1] = edge(y);
    const px = p.left + ((start.x - x0) / (x1 - x0)) * p.width;
    const py = p.top + ((y1 - start.y) / (y1 - y0)) * p.height;
    if (!(px >= p.left && px <= p.left + p.width && py >= p.top && py <= p.top + p.height)) return;
    const r = 5 * dpr;
    ctx.lineWidth = 3 * dpr;
    ctx.strokeStyle = '#000';
    ctx.beginPath();
    ctx.arc(px, py, r, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.lineWidth = 1.5 * dpr;
    ctx.strokeStyle = '#fff';
    ctx.stroke();
  }

  /** The hovered cell's run in a sentence, or the hint. */
  showHover() {
    this.drawMark();
    if (!this.hoverLine) return;
    const c = this.hovered >= 0 && this.board ? this.board.cell(this.hovered) : undefined;
    this.canvas.style.cursor = c ? 'pointer' : '';
    if (!c) {
      this.hoverLine.textContent = t('map_hover');
      return;
    }
    const i = this.info;
    const vars = {
      x: `${i.x.key} = ${short(c.x)}`,
      y: `${i.y.key} = ${short(c.y)}`,
      loss: short(c.loss),
      steps: c.steps,
      status: t(`map_status_${c.status}`),
    };
    let key = 'map_cell_loss';
    if (c.basin === -2) key = 'map_cell_diverged';
    else if (i.metric === 'basin') {
      if (c.basin >= 0) {
        const m = i.minima[c.basin];
        vars.basin = `${c.basin + 1} (${short(m[0])}, ${short(m[1])})`;
        key = 'map_cell_basin';
      } else key = 'map_cell_none';
    }
    this.hoverLine.textContent = t(key, vars);
  }

  /** Arrow keys move through the cells (shown as hovered), Enter loads the one reached. */
  key(e) {
    if (!this.info) return;
    const { x, y } = this.info;
    const i = this.hovered >= 0 ? this.hovered : 0;
    let ix = i % x.cells;
    let iy = Math.floor(i / x.cells);
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (this.hovered >= 0) this.load(this.hovered);
      return;
    }
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    if (this.hovered >= 0) {
      ix = Math.min(x.cells - 1, Math.max(0, ix + m[0]));
      iy = Math.min(y.cells - 1, Math.max(0, iy + m[1]));
    }
    this.hovered = iy * x.cells + ix;
    this.showHover();
  }

  /** Loads the clicked cell's run into the page (the link follows). */
  click(e) {
    const i = this.cellAt(e);
    if (i < 0 || !this.board) return;
    this.load(i);
  }

  load(i) {
    this.app.setSettings(this.board.cell_settings(i));
  }

  /** The test and host-page helpers (window.descent.map). */
  api() {
    return {
      state: () => ({
        text: this.info ? this.info.text : '',
        key: this.info ? this.info.key : '',
        cells: this.info ? this.info.cells : 0,
        done: this.board ? this.board.done() : 0,
        running: this.running,
        workers: this.workers.length,
        maxBusy: this.maxBusy,
        perWorker: this.workers.map((w) => w.cells),
        elapsed: this.running ? performance.now() - this.started : this.elapsed,
        metric: this.info ? this.info.metric : '',
      }),
      cell: (i) => (this.board ? this.board.cell(Number(i)) : undefined),
      cellNumbers: (i) => (this.board ? Array.from(this.board.cell_numbers(Number(i))) : []),
      cellSettings: (i) => (this.board ? this.board.cell_settings(Number(i)) : ''),
      fields: () => (this.info ? Array.from(this.info.fields) : []),
      cancel: () => this.cancel(),
      compute: () => { if (this.board) this.start(); },
      load: (i) => this.load(Number(i)),
      plot: () => (this.plot ? { ...this.plot } : null),
      ready: () => this.ready,
    };
  }
}

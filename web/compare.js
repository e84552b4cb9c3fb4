// Comparisons: the optimizer race, the same run at other learning rates, and the
// learning-rate sweep. The runs live in Rust (race=, lrs=, sweep= in the link); this file
// edits those keys, lists the runs, and computes the sweep in slices so no task is long.

import { register, t, onLangChange, lang } from './i18n.js';
import { problemDetail, named } from './strings.js';

const $ = (id) => document.getElementById(id);

register({
  en: {
    cmp_title: 'Compare',
    cmp_race: 'Optimizer race',
    cmp_race_tip: 'Other optimizers run from the same start on the same landscape, each in its own colour (up to 5 beside the main run).',
    cmp_add: 'Add racer',
    cmp_add_tip: 'Add another optimizer to the race',
    cmp_remove: 'Remove',
    cmp_remove_tip: 'Remove this racer',
    cmp_racer_opt: 'Racer {n}: optimizer',
    cmp_racer_lr: 'Racer {n}: learning rate (empty: its default)',
    cmp_preset_saddle: 'Saddle-point race',
    cmp_preset_saddle_tip: 'x² − y² from just beside the saddle: who escapes, and how fast?',
    cmp_preset_rosen: 'Rosenbrock race',
    cmp_preset_rosen_tip: 'The curved valley of Rosenbrock: GD, momentum, Adam, RMSProp, NAdam and Newton.',
    cmp_clear: 'Clear',
    cmp_clear_race_tip: 'Remove every racer',
    cmp_lrs: 'Other learning rates',
    cmp_lrs_tip: 'The main run repeated at these learning rates (comma-separated, up to 5).',
    cmp_lrs_teach: 'Too small · right · too large · diverging',
    cmp_lrs_teach_tip: 'Pick four learning rates from the curvature at the start: 0.01/λ, 1/λ, 1.9/λ and 2.1/λ.',
    cmp_lrs_none: 'This start has no positive curvature, so there is no natural step size here.',
    cmp_clear_lrs_tip: 'Remove the other learning rates',
    cmp_sweep: 'Learning-rate sweep',
    cmp_sweep_tip: 'Run the main settings at K log-spaced learning rates and plot how each ends.',
    cmp_sweep_lo: 'from',
    cmp_sweep_hi: 'to',
    cmp_sweep_k: 'K',
    cmp_sweep_lo_tip: 'The smallest learning rate',
    cmp_sweep_hi_tip: 'The largest learning rate',
    cmp_sweep_k_tip: 'How many learning rates, 2 to 200',
    cmp_sweep_metric: 'plot',
    cmp_sweep_metric_tip: 'What to plot against the learning rate',
    cmp_metric_loss: 'final loss',
    cmp_metric_steps: 'steps to target',
    cmp_sweep_run: 'Run sweep',
    cmp_sweep_run_tip: 'Compute the sweep (in slices; the page stays responsive)',
    cmp_clear_sweep_tip: 'Remove the sweep',
    cmp_sweep_progress: 'Sweep: {done} of {total} learning rates',
    cmp_sweep_done: 'Sweep done: {total} learning rates. Best final loss {best} at lr = {lr}.',
    cmp_sweep_done_steps: 'Sweep done: {total} learning rates. Fewest steps {best} at lr = {lr}.',
    cmp_sweep_none_reached: 'Sweep done: no learning rate reached the target.',
    cmp_runs: 'Runs',
    cmp_chart_aria: 'Final loss or steps against learning rate, for the sweep',
    axis_step: 'step',
    axis_loss: 'loss',
    axis_loss_log: 'loss (log)',
    axis_lr: 'learning rate',
    axis_final_loss: 'final loss',
    axis_steps_to: 'steps to reach the target',
    note_converged: 'converged at {step}',
    note_target: 'reached the target at {step}',
    note_diverged: 'diverged at {step}',
    note_diverging: 'diverging',
    off_view: 'off view',
    axes_unequal: 'axes not to the same scale',
    note_diverging_from: 'diverging from {step}',
    sweep_current: 'lr = {lr}',
    cmp_racer_batch: 'Racer {n}: batch mode',
    cmp_racer_bs: 'Racer {n}: batch size',
    cmp_batch_same: 'batch: as main',
    cmp_lrs_teach_note: 'The main run’s learning rate was changed from {from} to {to} (the “right” rate).',
    cmp_undo: 'Undo',
    cmp_undo_tip: 'Put the learning rate and the other rates back as they were',
    cmp_sweep_diverged: '{n} diverged (✕ along the top).',
    cmp_sweep_keys: 'Click a point of the chart, or focus it and press ← → (Home, End), to run the main settings at that learning rate.',
  },
  zh: {
    cmp_title: '比较',
    cmp_race: '优化器竞赛',
    cmp_race_tip: '其他优化器在同一损失曲面上从同一起点出发，各用一种颜色（主运行之外最多 5 个）。',
    cmp_add: '添加参赛者',
    cmp_add_tip: '再加入一个优化器参赛',
    cmp_remove: '移除',
    cmp_remove_tip: '移除这个参赛者',
    cmp_racer_opt: '参赛者 {n}：优化器',
    cmp_racer_lr: '参赛者 {n}：学习率（留空为默认值）',
    cmp_preset_saddle: '鞍点竞赛',
    cmp_preset_saddle_tip: 'x² − y²，从鞍点旁边出发：谁能逃离鞍点，多快？',
    cmp_preset_rosen: 'Rosenbrock 竞赛',
    cmp_preset_rosen_tip: 'Rosenbrock 的弯曲山谷：梯度下降、动量、Adam、RMSProp、NAdam 与牛顿法。',
    cmp_clear: '清除',
    cmp_clear_race_tip: '移除所有参赛者',
    cmp_lrs: '其他学习率',
    cmp_lrs_tip: '用这些学习率重复主运行（逗号分隔，最多 5 个）。',
    cmp_lrs_teach: '太小 · 合适 · 太大 · 发散',
    cmp_lrs_teach_tip: '根据起点处的曲率选四个学习率：0.01/λ、1/λ、1.9/λ 和 2.1/λ。',
    cmp_lrs_none: '这个起点处没有正曲率，因此没有自然的步长。',
    cmp_clear_lrs_tip: '移除其他学习率',
    cmp_sweep: '学习率扫描',
    cmp_sweep_tip: '用 K 个对数间隔的学习率运行主设置，画出每次运行的结果。',
    cmp_sweep_lo: '从',
    cmp_sweep_hi: '到',
    cmp_sweep_k: 'K',
    cmp_sweep_lo_tip: '最小的学习率',
    cmp_sweep_hi_tip: '最大的学习率',
    cmp_sweep_k_tip: '学习率的个数，2 到 200',
    cmp_sweep_metric: '纵轴',
    cmp_sweep_metric_tip: '相对学习率画出什么',
    cmp_metric_loss: '最终损失',
    cmp_metric_steps: '达到目标的步数',
    cmp_sweep_run: '开始扫描',
    cmp_sweep_run_tip: '计算扫描（分片计算，页面保持响应）',
    cmp_clear_sweep_tip: '移除扫描',
    cmp_sweep_progress: '扫描：{done} / {total} 个学习率',
    cmp_sweep_done: '扫描完成：{total} 个学习率。最小最终损失 {best}，学习率 = {lr}。',
    cmp_sweep_done_steps: '扫描完成：{total} 个学习率。最少步数 {best}，学习率 = {lr}。',
    cmp_sweep_none_reached: '扫描完成：没有学习率达到目标。',
    cmp_runs: '运行',
    cmp_chart_aria: '扫描：最终损失或步数与学习率的关系',
    axis_step: '迭代步数',
    axis_loss: '损失',
    axis_loss_log: '损失（对数）',
    axis_lr: '学习率',
    axis_final_loss: '最终损失',
    axis_steps_to: '达到目标损失的步数',
    note_converged: '第 {step} 步收敛',
    note_target: '第 {step} 步达到目标',
    note_diverged: '第 {step} 步发散',
    note_diverging: '正在发散',
    off_view: '视图外',
    axes_unequal: '两轴刻度不同',
    note_diverging_from: '从第 {step} 步起发散',
    sweep_current: '学习率 = {lr}',
    cmp_racer_batch: '参赛者 {n}：批量方式',
    cmp_racer_bs: '参赛者 {n}：批量大小',
    cmp_batch_same: '批量：同主运行',
    cmp_lrs_teach_note: '主运行的学习率已从 {from} 改为 {to}（“合适”的学习率）。',
    cmp_undo: '撤销',
    cmp_undo_tip: '把学习率和其他学习率恢复原样',
    cmp_sweep_diverged: '{n} 个发散（图顶部的 ✕）。',
    cmp_sweep_keys: '点击图中的点，或聚焦图表后按 ← →（Home、End），即可用该学习率运行主设置。',
  },
});

/** The canvas words the Rust figures draw, by key. */
const CANVAS_WORDS = ['axis_step', 'axis_loss', 'axis_loss_log', 'axis_lr', 'axis_final_loss',
  'axis_steps_to', 'note_converged', 'note_target', 'note_diverged', 'note_diverging', 'off_view',
  'axes_unequal', 'note_diverging_from', 'sweep_current'];

/** One-click races, each a whole settings string. */
export const PRESETS = {
  saddle: 'f=saddle&x0=1&y0=1e-3&steps=150&race=momentum~nesterov~adagrad~rmsprop~adam',
  rosenbrock: 'f=rosenbrock&lr=1e-3&steps=2000&tol=1e-6&race=momentum(lr=1e-3)~adam(lr=0.05)~rmsprop(lr=5e-3)~nadam(lr=0.05)~newton',
};

/** Time one sweep slice may take before the page gets the thread back. */
const SWEEP_SLICE_MS = 12;

/** The value of `key` given in a racer's params (`[[key, value], …]`), or ''. */
function paramOf(entry, key) {
  const p = entry.params.find(([k]) => k === key);
  return p ? p[1] : '';
}

/** The lr given in a racer's params, or ''. */
function lrOf(entry) {
  return paramOf(entry, 'lr');
}

const SVG = 'http://www.w3.org/2000/svg';

/** A run's swatch as the figures draw it: its colour over a dark casing, its dash pattern and
 * its marker shape (`run` is an entry of pg.runs()). */
export function swatch(run) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'swatch-run');
  svg.setAttribute('viewBox', '0 0 30 14');
  svg.setAttribute('width', '30');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  const line = (stroke, width, dashes) => {
    const l = document.createElementNS(SVG, 'line');
    for (const [k, v] of Object.entries({ x1: 1, y1: 7, x2: 29, y2: 7, stroke, 'stroke-width': width })) l.setAttribute(k, String(v));
    if (dashes && dashes.length) l.setAttribute('stroke-dasharray', dashes.map((d) => d * 0.6).join(' '));
    return l;
  };
  const dashes = Array.from(run.dashes || []);
  svg.append(line('rgba(0,0,0,0.5)', 4.5, dashes), line(run.colour, 2.5, dashes));
  const c = run.colour;
  const shapes = {
    circle: ['circle', { cx: 15, cy: 7, r: 3.5 }],
    square: ['rect', { x: 11.5, y: 3.5, width: 7, height: 7 }],
    triangle: ['polygon', { points: '15,2.5 19.5,10.5 10.5,10.5' }],
    down: ['polygon', { points: '15,11.5 19.5,3.5 10.5,3.5' }],
    diamond: ['polygon', { points: '15,2 20,7 15,12 10,7' }],
    plus: ['path', { d: 'M10 7H20M15 2V12', fill: 'none', 'stroke-width': 2.5, stroke: c }],
  };
  const [tag, attrs] = shapes[run.shape] || shapes.circle;
  const m = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries({ fill: c, stroke: 'rgba(0,0,0,0.7)', 'stroke-width': 1.2, ...attrs })) m.setAttribute(k, String(v));
  svg.append(m);
  svg.dataset.colour = c;
  return svg;
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'i18n') e.dataset.i18n = v;
    else if (k === 'i18nTitle') e.dataset.i18nTitle = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e[k] = v;
  }
  e.append(...children);
  return e;
}

export class Compare {
  constructor(app, root) {
    this.app = app;
    this.root = root;
    this.sweepTimer = 0;
    this.build();
    this.bindSweepChart();
    // The base layer has words too (the note on unequal axes).
    onLangChange(() => { this.sendWords(); this.translate(); this.runsSignature = null; this.sync(); this.app.drawBase(); this.app.drawOverlay(); this.drawSweep(); });
    this.sendWords();
  }

  /** Gives the Rust figures their words in the current language. */
  sendWords() {
    if (typeof this.app.pg.set_words !== 'function') return;
    const words = {};
    for (const k of CANVAS_WORDS) words[k] = t(k);
    this.app.safe(() => this.app.pg.set_words(words));
  }

  build() {
    const r = this.root;
    r.replaceChildren();
    r.append(el('h2', { id: 'compare-title', i18n: 'cmp_title', textContent: t('cmp_title') }));

    // The race.
    const race = el('fieldset', { className: 'cmp-race' });
    race.append(el('legend', { i18n: 'cmp_race', i18nTitle: 'cmp_race_tip', textContent: t('cmp_race'), title: t('cmp_race_tip') }));
    this.racers = el('ol', { className: 'racers', id: 'racers' });
    this.addButton = el('button', { type: 'button', id: 'race-add', i18n: 'cmp_add', i18nTitle: 'cmp_add_tip' });
    this.addButton.addEventListener('click', () => this.addRacer());
    const saddle = el('button', { type: 'button', id: 'preset-saddle', i18n: 'cmp_preset_saddle', i18nTitle: 'cmp_preset_saddle_tip' });
    saddle.addEventListener('click', () => this.app.setSettings(PRESETS.saddle));
    const rosen = el('button', { type: 'button', id: 'preset-rosenbrock', i18n: 'cmp_preset_rosen', i18nTitle: 'cmp_preset_rosen_tip' });
    rosen.addEventListener('click', () => this.app.setSettings(PRESETS.rosenbrock));
    const clear = el('button', { type: 'button', id: 'race-clear', i18n: 'cmp_clear', i18nTitle: 'cmp_clear_race_tip' });
    clear.addEventListener('click', () => this.set('race', ''));
    this.raceError = el('div', { className: 'field-error', id: 'race-error', hidden: true });
    this.raceError.setAttribute('role', 'alert');
    race.append(this.racers, el('div', { className: 'buttons' }, this.addButton, clear),
      el('div', { className: 'buttons' }, saddle, rosen), this.raceError);

    // Other learning rates.
    const lrs = el('fieldset', { className: 'cmp-lrs' });
    lrs.append(el('legend', { i18n: 'cmp_lrs', i18nTitle: 'cmp_lrs_tip' }));
    this.lrsInput = el('input', { type: 'text', id: 'lrs', className: 'mono', spellcheck: false, autocomplete: 'off', placeholder: '0.001, 0.5', inputMode: 'decimal' });
    this.lrsInput.setAttribute('aria-label', t('cmp_lrs'));
    this.lrsInput.dataset.i18nAria = 'cmp_lrs';
    this.lrsInput.dataset.i18nTitle = 'cmp_lrs_tip';
    this.lrsInput.addEventListener('change', () => this.set('lrs', this.lrsInput.value.replace(/\s+/g, ''), this.lrsError, this.lrsInput));
    this.lrsError = el('div', { className: 'field-error', id: 'lrs-error', hidden: true });
    this.lrsError.setAttribute('role', 'alert');
    this.lrsInput.setAttribute('aria-describedby', 'lrs-error');
    const teach = el('button', { type: 'button', id: 'lrs-teach', i18n: 'cmp_lrs_teach', i18nTitle: 'cmp_lrs_teach_tip' });
    teach.addEventListener('click', () => this.teach());
    const clearLrs = el('button', { type: 'button', id: 'lrs-clear', i18n: 'cmp_clear', i18nTitle: 'cmp_clear_lrs_tip' });
    clearLrs.addEventListener('click', () => this.set('lrs', ''));
    this.teachNote = el('div', { className: 'teach-note', id: 'lrs-teach-note', hidden: true });
    this.teachNote.setAttribute('role', 'status');
    this.teachText = el('span', {});
    this.undoButton = el('button', { type: 'button', id: 'lrs-teach-undo', i18n: 'cmp_undo', i18nTitle: 'cmp_undo_tip' });
    this.undoButton.addEventListener('click', () => this.undoTeach());
    this.teachNote.append(this.teachText, ' ', this.undoButton);
    lrs.append(this.lrsInput, el('div', { className: 'buttons' }, teach, clearLrs), this.teachNote, this.lrsError);

    // The sweep.
    const sweep = el('fieldset', { className: 'cmp-sweep' });
    sweep.append(el('legend', { i18n: 'cmp_sweep', i18nTitle: 'cmp_sweep_tip' }));
    const num = (id, key, tip, value) => {
      const input = el('input', { type: 'text', id, className: 'mono sweep-num', value, inputMode: 'decimal', spellcheck: false });
      input.dataset.i18nTitle = tip;
      const label = el('label', { htmlFor: id, i18n: key });
      return [label, input];
    };
    const [loL, lo] = num('sweep-lo', 'cmp_sweep_lo', 'cmp_sweep_lo_tip', '1e-4');
    const [hiL, hi] = num('sweep-hi', 'cmp_sweep_hi', 'cmp_sweep_hi_tip', '10');
    const [kL, k] = num('sweep-k', 'cmp_sweep_k', 'cmp_sweep_k_tip', '50');
    this.sweepInputs = { lo, hi, k };
    this.metric = el('select', { id: 'sweep-metric' });
    this.metric.dataset.i18nTitle = 'cmp_sweep_metric_tip';
    this.metric.append(new Option(t('cmp_metric_loss'), 'loss'), new Option(t('cmp_metric_steps'), 'steps'));
    this.metric.addEventListener('change', () => this.set('sweepy', this.metric.value));
    const metricL = el('label', { htmlFor: 'sweep-metric', i18n: 'cmp_sweep_metric' });
    const run = el('button', { type: 'button', id: 'sweep-run', i18n: 'cmp_sweep_run', i18nTitle: 'cmp_sweep_run_tip' });
    run.addEventListener('click', () => this.set('sweep', `${lo.value.trim()},${hi.value.trim()},${k.value.trim()}`, this.sweepError, lo));
    const clearSweep = el('button', { type: 'button', id: 'sweep-clear', i18n: 'cmp_clear', i18nTitle: 'cmp_clear_sweep_tip' });
    clearSweep.addEventListener('click', () => this.set('sweep', ''));
    this.sweepError = el('div', { className: 'field-error', id: 'sweep-error', hidden: true });
    this.sweepError.setAttribute('role', 'alert');
    sweep.append(el('div', { className: 'sweep-range' }, loL, lo, hiL, hi, kL, k),
      el('div', { className: 'sweep-range' }, metricL, this.metric),
      el('div', { className: 'buttons' }, run, clearSweep), this.sweepError);

    r.append(race, lrs, sweep);
    this.translate();
  }

  /** Fills the data-i18n texts of this section (the i18n module does the same on a switch). */
  translate() {
    for (const e of this.root.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
    for (const e of this.root.querySelectorAll('[data-i18n-title]')) e.title = t(e.dataset.i18nTitle);
    for (const e of this.root.querySelectorAll('[data-i18n-aria]')) e.setAttribute('aria-label', t(e.dataset.i18nAria));
    this.metric.options[0].text = t('cmp_metric_loss');
    this.metric.options[1].text = t('cmp_metric_steps');
    const chart = $('sweep');
    if (chart) chart.title = t('cmp_sweep_keys');
    if (this.undo) this.showTeachNote();
    // The racers' menus name each optimizer as the main menu does.
    for (const o of this.root.querySelectorAll('.racer select option')) o.text = named('opt', o.value);
  }

  /** Sets one comparison key; shows its problem in `errorBox`, keeping what was typed. */
  set(key, value, errorBox = null, input = null) {
    const problems = Array.from(this.app.setValue(key, value) || []);
    const mine = problems.filter((p) => p.key === key && p.severity !== 'warning');
    const box = errorBox || (key === 'race' ? this.raceError : key === 'lrs' ? this.lrsError : this.sweepError);
    box.textContent = mine.length ? problemDetail(mine[0]) : '';
    box.hidden = !mine.length;
    if (input) input.setAttribute('aria-invalid', mine.length ? 'true' : 'false');
    this.keepTyped = mine.length ? { key, value } : null;
    this.sync();
    return mine;
  }

  /** The race as the Playground reads it: `[{opt, params: [[key, value], …]}]`. */
  entries() {
    return Array.from(this.app.pg.race() || []);
  }

  /** Writes racers back as `race=` (the Playground writes the syntax; setting it checks it). */
  setRace(entries) {
    this.set('race', this.app.pg.race_text(entries));
  }

  /** The most racers beside the main run: the core's limit of runs drawn together, less one. */
  maxRacers() {
    const catalog = this.catalog || (this.catalog = this.app.pg.catalog());
    return catalog.max_runs - 1;
  }

  addRacer() {
    const entries = this.entries();
    if (entries.length >= this.maxRacers()) return;
    const used = new Set([this.app.pg.value('opt'), ...entries.map((e) => e.opt)]);
    const next = ['momentum', 'adam', 'rmsprop', 'nesterov', 'adagrad', 'nadam', 'newton', 'gd'].find((o) => !used.has(o)) || 'gd';
    entries.push({ opt: next, params: [] });
    this.setRace(entries);
    const selects = this.racers.querySelectorAll('select');
    if (selects.length) selects[selects.length - 1].focus();
  }

  /** Edits racer i: a new optimizer drops hyperparameters it may not take (the lr, the batch
   * mode and the batch size stay; they are not the optimizer's). */
  editRacer(i, opt, lr, batch = null, bs = null) {
    const entries = this.entries();
    const e = entries[i];
    if (!e) return;
    const keep = e.opt === opt ? e.params.filter(([k]) => k !== 'lr' && k !== 'batch' && k !== 'bs') : [];
    const lrText = String(lr).trim();
    const b = batch === null ? paramOf(e, 'batch') : batch;
    let size = bs === null ? paramOf(e, 'bs') : String(bs).trim();
    if (b && b !== 'mini') size = '';
    entries[i] = { opt, params: [...(lrText ? [['lr', lrText]] : []), ...keep, ...(b ? [['batch', b]] : []), ...(size ? [['bs', size]] : [])] };
    this.setRace(entries);
  }

  removeRacer(i) {
    const entries = this.entries();
    entries.splice(i, 1);
    this.setRace(entries);
  }

  /** Too small, right, too large, diverging: the main run takes the right one. */
  teach() {
    const rates = this.app.safe(() => this.app.pg.teaching_lrs());
    if (!rates) {
      this.lrsError.textContent = t('cmp_lrs_none');
      this.lrsError.hidden = false;
      return;
    }
    const [small, right, large, diverging] = Array.from(rates);
    // Say that the main run's lr changes, and offer to put it back.
    const before = this.undo || { lr: this.app.pg.value('lr'), lrs: this.app.pg.value('lrs'), given: /(^|&)lr=/.test(this.app.pg.settings()) };
    this.app.setValue('lr', String(right));
    this.set('lrs', [small, large, diverging].join(','));
    this.undo = { ...before, to: this.app.pg.value('lr') };
    this.showTeachNote();
  }

  showTeachNote() {
    const u = this.undo;
    this.teachNote.hidden = !u;
    if (u) this.teachText.textContent = t('cmp_lrs_teach_note', { from: u.lr, to: u.to });
  }

  /** Puts back the lr and the other rates as they were before the four-regime preset. */
  undoTeach() {
    const u = this.undo;
    if (!u) return;
    this.undo = null;
    if (u.given) this.app.setValue('lr', u.lr);
    else this.app.resetValue('lr');
    this.set('lrs', u.lrs);
    this.showTeachNote();
  }

  /** Rebuilds the racer rows and fields from the settings; lists the runs. */
  sync() {
    const catalog = this.catalog || (this.catalog = this.app.pg.catalog());
    const names = (catalog.optimizers || []).map((o) => (typeof o === 'string' ? o : o.name));
    const entries = this.entries();
    const focused = document.activeElement && this.racers.contains(document.activeElement) ? document.activeElement.id : null;
    this.racers.replaceChildren(...entries.map((e, i) => {
      const n = i + 1;
      const sel = el('select', { id: `racer-${n}-opt` });
      for (const name of names) sel.append(new Option(named('opt', name), name));
      sel.value = e.opt;
      sel.setAttribute('aria-label', t('cmp_racer_opt', { n }));
      const lr = el('input', { type: 'text', id: `racer-${n}-lr`, className: 'mono racer-lr', value: lrOf(e), placeholder: 'lr', inputMode: 'decimal', spellcheck: false });
      lr.setAttribute('aria-label', t('cmp_racer_lr', { n }));
      lr.title = t('cmp_racer_lr', { n });
      sel.addEventListener('change', () => this.editRacer(i, sel.value, lr.value));
      lr.addEventListener('change', () => this.editRacer(i, sel.value, lr.value));
      const rm = el('button', { type: 'button', className: 'racer-remove', textContent: '×', title: t('cmp_remove_tip') });
      rm.setAttribute('aria-label', `${t('cmp_remove')} ${n}`);
      rm.addEventListener('click', () => this.removeRacer(i));
      const runs = this.app.safe(() => Array.from(this.app.pg.runs() || []), []);
      const sw = runs[n] ? swatch(runs[n]) : el('span', { className: 'swatch' });
      const row = el('li', { className: 'racer' }, sw, sel, lr, rm);
      // Data models: the racer may sample differently (full batch, SGD, mini-batch).
      if (this.app.info && this.app.info.is_model) {
        const batch = el('select', { id: `racer-${n}-batch`, className: 'racer-batch' });
        batch.append(new Option(t('cmp_batch_same'), ''));
        for (const m of ['full', 'sgd', 'mini']) batch.append(new Option(t(`batch.${m}`), m));
        batch.value = paramOf(e, 'batch');
        batch.setAttribute('aria-label', t('cmp_racer_batch', { n }));
        batch.title = t('cmp_racer_batch', { n });
        const effective = batch.value || this.app.pg.value('batch');
        const bs = el('input', { type: 'text', id: `racer-${n}-bs`, className: 'mono racer-bs', value: paramOf(e, 'bs'), placeholder: 'bs', inputMode: 'numeric', spellcheck: false });
        bs.setAttribute('aria-label', t('cmp_racer_bs', { n }));
        bs.title = t('cmp_racer_bs', { n });
        bs.hidden = effective !== 'mini';
        batch.addEventListener('change', () => this.editRacer(i, sel.value, lr.value, batch.value, bs.value));
        bs.addEventListener('change', () => this.editRacer(i, sel.value, lr.value, batch.value, bs.value));
        row.append(el('div', { className: 'racer-sampling' }, batch, bs));
      }
      return row;
    }));
    if (focused && $(focused)) $(focused).focus();
    const lrsTyped = this.keepTyped && this.keepTyped.key === 'lrs';
    if (!lrsTyped && document.activeElement !== this.lrsInput) this.lrsInput.value = this.app.pg.value('lrs').replace(/,/g, ', ');
    this.addButton.disabled = entries.length + (this.app.pg.value('lrs') ? this.app.pg.value('lrs').split(',').length : 0) >= this.maxRacers();
    const sweep = this.app.pg.value('sweep');
    if (sweep && !(this.keepTyped && this.keepTyped.key === 'sweep')) {
      const [lo, hi, k] = sweep.split(',');
      Object.assign(this.sweepInputs.lo, { value: lo });
      Object.assign(this.sweepInputs.hi, { value: hi });
      Object.assign(this.sweepInputs.k, { value: k });
    }
    this.metric.value = this.app.pg.value('sweepy') || 'loss';
    if (this.undo && this.app.pg.value('lr') !== this.undo.to) { this.undo = null; this.showTeachNote(); }
    this.showRuns();
    this.startSweep();
  }

  /** The list of runs under the read-out: colour, label, how it ended. */
  showRuns() {
    const list = $('runs');
    if (!list) return;
    const runs = this.app.safe(() => Array.from(this.app.pg.runs() || []), []);
    const signature = JSON.stringify([runs.map((r) => [r.label, r.status.name, r.status.stop_step, r.colour]), this.app.cursor]);
    if (signature === this.runsSignature) return;
    this.runsSignature = signature;
    list.hidden = runs.length < 2;
    if (runs.length < 2) { list.replaceChildren(); return; }
    // The notes come from the core's one rule (the legends on the canvases use it too).
    const notes = this.app.safe(() => Array.from(this.app.pg.run_notes(this.app.cursor) || []), []);
    list.replaceChildren(...runs.map((r, i) => {
      const sw = swatch(r);
      const note = notes[i] || '';
      const away = r.diverging_from;
      const data = { run: String(i), status: r.status.name, colour: r.colour };
      if (away !== null && away !== undefined) data.diverging = String(away);
      return el('li', { dataset: data }, sw,
        el('span', { className: 'mono', textContent: r.label }), el('span', { className: 'note', textContent: note }));
    }));
  }

  // --- the sweep ----------------------------------------------------------------------------

  /** A click on the sweep chart runs the main settings at the swept rate under it; with the
   * chart focused, ← → step through the swept rates and Home/End jump to the ends. */
  bindSweepChart() {
    const canvas = $('sweep');
    if (!canvas) return;
    canvas.tabIndex = 0;
    canvas.dataset.i18nTitle = 'cmp_sweep_keys';
    canvas.title = t('cmp_sweep_keys');
    canvas.addEventListener('click', (e) => {
      const rect = canvas.getBoundingClientRect();
      const lr = this.app.safe(() => this.app.pg.sweep_lr_at(e.clientX - rect.left));
      if (lr !== undefined && lr !== null) this.setLr(lr);
    });
    canvas.addEventListener('keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const keys = { ArrowLeft: -1, ArrowRight: 1, ArrowDown: -1, ArrowUp: 1, Home: -Infinity, End: Infinity };
      if (!(e.key in keys)) return;
      e.preventDefault();
      const lrs = Array.from(this.app.safe(() => this.app.pg.sweep_lrs(), []) || []);
      if (!lrs.length) return;
      const cur = Number(this.app.pg.value('lr'));
      // The swept rate nearest to the current lr (in log), then the next one along.
      let i = 0;
      for (let j = 1; j < lrs.length; j += 1) if (Math.abs(Math.log(lrs[j] / cur)) < Math.abs(Math.log(lrs[i] / cur))) i = j;
      const d = keys[e.key];
      const onIt = Math.abs(Math.log(lrs[i] / cur)) < 1e-9;
      const next = d === -Infinity ? 0 : d === Infinity ? lrs.length - 1 : Math.min(lrs.length - 1, Math.max(0, onIt ? i + d : i));
      this.setLr(lrs[next]);
    });
  }

  /** Runs the main settings at a learning rate picked on the sweep chart. */
  setLr(lr) {
    this.app.setValue('lr', String(lr));
    this.drawSweep();
  }

  /** Shows the sweep box when there is a sweep and computes it in slices. */
  startSweep() {
    const box = $('sweep-box');
    const on = !!this.app.pg.value('sweep');
    if (box) box.hidden = !on;
    // A sweep is the picture the learner came for: the figure gives it room above the fold.
    document.body.classList.toggle('has-sweep', on);
    if (!on) return;
    this.drawSweep();
    if (!this.sweepTimer) this.sweepTimer = setTimeout(() => this.sweepSlice(), 0);
  }

  /** Computes for at most SWEEP_SLICE_MS, draws, and yields to the page. */
  sweepSlice() {
    this.sweepTimer = 0;
    const progress = this.app.safe(() => {
      const t0 = performance.now();
      let chunk = 256;
      let p = this.app.pg.sweep_progress();
      while (!p.finished && performance.now() - t0 < SWEEP_SLICE_MS) {
        const t1 = performance.now();
        p = this.app.pg.sweep_advance(chunk);
        if (performance.now() - t1 < SWEEP_SLICE_MS / 4) chunk *= 2;
      }
      return p;
    });
    this.drawSweep();
    if (progress && !progress.finished) this.sweepTimer = setTimeout(() => this.sweepSlice(), 0);
  }

  /** The sweep chart, its progress bar and its one-line summary. */
  drawSweep() {
    const canvas = $('sweep');
    if (!canvas || $('sweep-box').hidden) return;
    const p = this.app.safe(() => this.app.pg.sweep_progress());
    if (!p) return;
    const bar = $('sweep-progress');
    bar.max = Math.max(1, p.total);
    bar.value = p.done;
    const dpr = window.devicePixelRatio || 1;
    const rect = canvas.getBoundingClientRect();
    const w = Math.max(1, Math.round(rect.width * dpr));
    const h = Math.max(1, Math.round(rect.height * dpr));
    this.app.safe(() => this.app.pg.render_sweep(canvas.getContext('2d'), w, h, dpr));
    const summary = $('sweep-summary');
    canvas.dataset.done = String(p.done);
    if (!p.finished) {
      summary.textContent = t('cmp_sweep_progress', { done: p.done, total: p.total });
      return;
    }
    const results = this.app.safe(() => Array.from(this.app.pg.sweep_results() || []), []);
    const steps = this.app.pg.value('sweepy') === 'steps';
    const score = (r) => (steps ? r.reached : r.final_loss);
    const ok = results.filter((r) => score(r) !== null && score(r) !== undefined && Number.isFinite(score(r)));
    if (!ok.length) {
      summary.textContent = t('cmp_sweep_none_reached');
      return;
    }
    const best = ok.filter((r) => !r.diverging).reduce((a, b) => (score(b) < score(a) ? b : a), ok[0]);
    const fmt = (x) => (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : String(Number(x.toPrecision(4))));
    const away = results.filter((r) => r.diverging).length;
    summary.textContent = t(steps ? 'cmp_sweep_done_steps' : 'cmp_sweep_done', { total: p.total, best: steps ? best.reached : fmt(best.final_loss), lr: fmt(best.lr) })
      // Chinese sentences follow each other without a space.
      + (away ? `${lang() === 'zh' ? '' : ' '}${t('cmp_sweep_diverged', { n: away })}` : '');
  }
}

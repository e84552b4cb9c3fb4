// The settings panel: controls built from pg.catalog(), shown or hidden by pg.info(), filled
// from pg.value(key). A change calls set_value through the app, which rebuilds the run.
// Every value goes into the page through textContent or .value, never innerHTML.
// Labels, tooltips and choice names come from strings.js (English and 简体中文); DEFS keeps
// the English as a fallback for keys without a translation.

import { t, has, onLangChange } from './i18n.js';
import { named, allowedText, problemDetail, setFields, fieldMessage, keptText } from './strings.js';

const isModel = (i) => !!i.is_model;
const optParam = (k) => (i) => (i.optimizer_params || []).includes(k);
const schedParam = (k) => (i) => (i.schedule_params || []).includes(k);
const dataParam = (k) => (i) => (i.data_params || []).includes(k);

/** Names and display names of catalog entries, which may be strings or objects. */
const nameOf = (d) => (typeof d === 'string' ? d : d.name);
const displayOf = (d) => (typeof d === 'string' ? d : d.display || d.name);

const LANDSCAPE_GROUPS = [
  ['2d', '2-D functions'],
  ['1d', '1-D functions'],
  ['data', 'Data models'],
  ['custom', 'Custom formula'],
];

/** A choice key's values as the codec lists them (catalog().fields), for its menu. */
const codecChoices = (key) => (c) => ((c.fields || []).find((f) => f.key === key)?.choices || []).map((v) => [v, v]);

/**
 * The controls, in panel order. `kind` says how to draw it; `show(info, app)` when it applies;
 * `tip` is the tooltip (a typed field's tooltip gets the codec's "allowed" text appended).
 * What a field accepts is the codec's (catalog().fields: range, choices): `step` here is only
 * the granularity of a slider.
 */
const DEFS = [
  { group: 'Landscape', key: 'f', label: 'Landscape', kind: 'landscape', tip: 'The loss surface the optimizer descends.' },
  { group: 'Landscape', key: 'expr', label: 'Formula f(x, y)', kind: 'formula', show: (i) => i.name === 'custom',
    tip: 'Your own loss in x and y, e.g. x^2 + 3*y^2. Errors show as you type.' },
  { group: 'Data and noise', key: 'data', label: 'Dataset', kind: 'select', show: isModel,
    options: (c) => (c.datasets || []).map((d) => [nameOf(d), displayOf(d)]), tip: 'The generated data the model is fitted to.' },
  { group: 'Data and noise', key: 'n', label: 'Samples n', kind: 'number', step: 1, show: dataParam('n'),
    tip: 'How many samples to generate.' },
  { group: 'Data and noise', key: 'noise', label: 'Data noise σ', kind: 'number', step: 0.1, show: dataParam('noise'),
    tip: 'The noise in the generated data.' },
  { group: 'Data and noise', key: 'scale', label: 'Feature scaling', kind: 'select', show: isModel,
    options: codecChoices('scale'), tip: 'Standardise the features to mean 0, variance 1.' },
  { group: 'Data and noise', key: 'batch', label: 'Batch mode', kind: 'select', show: isModel,
    options: codecChoices('batch'), tip: 'Which samples each step\'s gradient uses.' },
  { group: 'Data and noise', key: 'bs', label: 'Batch size', kind: 'slider', step: 1, show: (i, app) => isModel(i) && app.value('batch') === 'mini',
    max: (app) => Math.max(1, Number(app.value('n')) || 1), tip: 'Samples per mini-batch.' },
  { group: 'Data and noise', key: 'gnoise', label: 'Gradient noise σ', kind: 'number', step: 0.1, show: (i) => !isModel(i),
    tip: 'Gaussian noise added to each gradient component, to imitate stochastic gradients.' },
  { group: 'Optimizer', key: 'opt', label: 'Optimizer', kind: 'select',
    options: (c) => (c.optimizers || []).map((o) => [nameOf(o), displayOf(o)]), tip: 'The update rule.' },
  { group: 'Optimizer', key: 'lr', label: 'Learning rate', kind: 'lr', tip: 'The base step size (logarithmic slider, 1e-5 to 10).' },
  { group: 'Optimizer', key: 'mom', label: 'Momentum', kind: 'number', step: 0.01, show: optParam('mom'), tip: 'The momentum factor.' },
  { group: 'Optimizer', key: 'rho', label: 'Decay ρ', kind: 'number', step: 0.01, show: optParam('rho'), tip: 'The decay of the squared-gradient average.' },
  { group: 'Optimizer', key: 'b1', label: 'β₁', kind: 'number', step: 0.01, show: optParam('b1'), tip: 'Decay of the first-moment average.' },
  { group: 'Optimizer', key: 'b2', label: 'β₂', kind: 'number', step: 0.001, show: optParam('b2'), tip: 'Decay of the second-moment average.' },
  { group: 'Optimizer', key: 'eps', label: 'ε', kind: 'number', step: 'any', show: optParam('eps'), tip: 'Added to denominators for stability.' },
  { group: 'Optimizer', key: 'wd', label: 'Weight decay', kind: 'number', step: 0.001, show: optParam('wd'), tip: 'Decoupled weight decay (AdamW).' },
  { group: 'Optimizer', key: 'etaminus', label: 'η⁻', kind: 'number', step: 0.05, show: optParam('etaminus'), tip: 'Rprop: the factor that shrinks a step size when its gradient changes sign.' },
  { group: 'Optimizer', key: 'etaplus', label: 'η⁺', kind: 'number', step: 0.05, show: optParam('etaplus'), tip: 'Rprop: the factor that grows a step size while its gradient keeps its sign.' },
  { group: 'Optimizer', key: 'stepmin', label: 'Smallest step', kind: 'number', step: 'any', show: optParam('stepmin'), tip: 'Rprop: the smallest step size.' },
  { group: 'Optimizer', key: 'stepmax', label: 'Largest step', kind: 'number', step: 'any', show: optParam('stepmax'), tip: 'Rprop: the largest step size.' },
  { group: 'Schedule', key: 'sched', label: 'Schedule', kind: 'select',
    options: (c) => (c.schedules || []).map((s) => [nameOf(s), displayOf(s)]), tip: 'How the learning rate changes with the step.' },
  { group: 'Schedule', key: 'gamma', label: 'γ', kind: 'number', step: 0.01, show: schedParam('gamma'), tip: 'The decay factor.' },
  { group: 'Schedule', key: 'every', label: 'Every', kind: 'number', step: 1, show: schedParam('every'), tip: 'Steps between decays.' },
  { group: 'Schedule', key: 'tmax', label: 'T max', kind: 'number', step: 1, show: schedParam('tmax'), tip: 'The half period of the cosine.' },
  { group: 'Schedule', key: 'lrmin', label: 'lr min', kind: 'number', step: 'any', show: schedParam('lrmin'), tip: 'The cosine\'s lowest learning rate.' },
  { group: 'Start', key: 'x0', label: 'Start x', kind: 'number', step: 'any', tip: 'The start\'s x. You can also click or drag on the surface.' },
  { group: 'Start', key: 'y0', label: 'Start y', kind: 'number', step: 'any', show: (i) => i.dim !== 1, tip: 'The start\'s y. You can also click or drag on the surface.' },
  { group: 'Start', key: 'random', label: 'Random start', kind: 'button', tip: 'Start from a random point in view.' },
  { group: 'Start', key: 'seed', label: 'Seed', kind: 'number', step: 1, tip: 'Seeds every random draw: data, batches and gradient noise.' },
  { group: 'Stopping', key: 'steps', label: 'Max steps', kind: 'number', step: 1, tip: 'The most steps a run takes.' },
  { group: 'Stopping', key: 'tol', label: 'Tolerance', kind: 'number', step: 'any', tip: 'Stop when ‖g‖ is below this (0 turns it off).' },
  { group: 'Stopping', key: 'target', label: 'Target loss', kind: 'number', step: 'any', placeholder: 'off', tip: 'Stop when the loss is below this; leave empty for none.' },
];

/** String keys of the panel's groups. */
const GROUP_KEYS = { Landscape: 'group.landscape', 'Data and noise': 'group.data', Optimizer: 'group.optimizer',
  Schedule: 'group.schedule', Start: 'group.start', Stopping: 'group.stopping' };

/** The string-table prefix naming each select's choices. */
const CHOICE_PREFIX = { f: 'land', opt: 'opt', sched: 'sched', data: 'data', scale: 'scale', batch: 'batch' };

/** A group's title in the current language. */
const groupName = (g) => (GROUP_KEYS[g] ? t(GROUP_KEYS[g]) : g);

/** A control's label; `axis` names the start coordinate (x, y; w, b for a model). */
const labelOf = (def, axis) => (has(`c.${def.key}`, 'en') ? t(`c.${def.key}`, { axis }) : def.label);

/** Controls whose value is picked, not typed: their menus say what is allowed. */
const PICKED = new Set(['landscape', 'select', 'button']);

/** A control's tooltip, with what its key allows when it is typed. */
function tipOf(def, allowed, axis) {
  const tip = has(`c.${def.key}.tip`, 'en') ? t(`c.${def.key}.tip`, { axis }) : def.tip;
  return allowed && !PICKED.has(def.kind) ? t('allowed', { tip, allowed: allowedText(def.key, allowed) }) : tip;
}

/** A choice's name: translated when known, else the catalog's own. */
const choiceName = (key, value, fallback) => (CHOICE_PREFIX[key] ? named(CHOICE_PREFIX[key], value, fallback) : fallback);

/** Extra keys an embed's `controls=` name brings along. */
const ALIASES = { batch: ['batch', 'bs'], start: ['x0', 'y0', 'random'], x0: ['x0', 'y0'], sched: ['sched', 'gamma', 'every', 'tmax', 'lrmin'],
  data: ['data', 'n', 'noise', 'scale'], f: ['f', 'expr'], opt: ['opt'], hyper: ['mom', 'rho', 'b1', 'b2', 'eps', 'wd', 'etaminus', 'etaplus', 'stepmin', 'stepmax'] };

/** The column a formula problem names (its detail's `column`), or null. */
export function errorColumn(problem) {
  const column = problem && problem.detail && problem.detail.column;
  return typeof column === 'number' ? column : null;
}

/** A value rounded to 3 significant digits, for tidy links from sliders and clicks. */
const tidy = (x, digits = 3) => Number(Number(x).toPrecision(digits));

export class Controls {
  constructor(app, form, page) {
    this.app = app;
    this.form = form;
    this.visible = null;   // null: all; else a Set of keys (embed mode)
    this.rows = new Map(); // key -> {def, row, input, extra, error}
    form.addEventListener('submit', (e) => e.preventDefault());
    this.axes = ['x', 'y'];
    this.build();
    this.bindSurface(document.getElementById('overlay'));
    onLangChange(() => this.translate());
  }

  /** The effective value of a key, as text. */
  value(key) {
    return this.app.pg.value(key);
  }

  /** Shows only the named keys (embed mode), or everything for null. */
  setVisibleKeys(keys) {
    if (keys === null) {
      this.visible = null;
    } else {
      this.visible = new Set();
      for (const k of keys) for (const a of ALIASES[k] || [k]) this.visible.add(a);
    }
    if (this.app.info) this.sync();
  }

  build() {
    const catalog = this.app.pg.catalog();
    setFields(catalog.fields);
    this.fields = new Map((catalog.fields || []).map((f) => [f.key, f]));
    const allowed = new Map((catalog.fields || []).map((f) => [f.key, f.allowed]));
    const groups = new Map();
    for (const def of DEFS) {
      let fs = groups.get(def.group);
      if (!fs) {
        fs = document.createElement('fieldset');
        fs.className = `group group-${def.group.toLowerCase()}`;
        const legend = document.createElement('legend');
        legend.dataset.group = def.group;
        legend.textContent = groupName(def.group);
        fs.append(legend);
        this.form.append(fs);
        groups.set(def.group, fs);
      }
      fs.append(this.makeRow(def, tipOf(def, allowed.get(def.key), this.axisOf(def)), catalog));
      this.rows.get(def.key).allowed = allowed.get(def.key);
    }
    this.groups = groups;
  }

  /** The axis a start control edits. */
  axisOf(def) {
    return def.key === 'y0' ? this.axes[1] : this.axes[0];
  }

  /** Re-words every label, tooltip, legend and choice in the current language. */
  translate() {
    for (const legend of this.form.querySelectorAll('legend[data-group]')) legend.textContent = groupName(legend.dataset.group);
    for (const [key, entry] of this.rows) {
      const { def, row, input } = entry;
      const axis = this.axisOf(def);
      const tip = tipOf(def, entry.allowed, axis);
      const label = row.querySelector('label');
      if (label) { label.textContent = labelOf(def, axis); label.title = tip; }
      if (def.kind === 'button') input.textContent = labelOf(def, axis);
      input.title = tip;
      if (def.kind === 'lr') {
        entry.extra.title = tip;
        entry.extra.setAttribute('aria-label', t('c.lr.slider'));
      }
      if (def.placeholder) input.placeholder = has(`c.${key}.off`) ? t(`c.${key}.off`) : def.placeholder;
      if (input.tagName === 'SELECT') {
        for (const og of input.querySelectorAll('optgroup[data-group]')) og.label = t(`lgroup.${og.dataset.group}`);
        for (const o of input.options) o.textContent = choiceName(key, o.value, o.dataset.en || o.value);
      }
      if (entry.invalid) this.showInvalid(entry);
    }
  }

  /**
   * Shows or clears a field's refused value (`entry.invalid`: the typed text, the codec's
   * problem and the value the run keeps): the text stays in the field, marked aria-invalid,
   * and the message beside it (a live region) names the key, what is allowed and the value
   * kept. Formula errors keep their caret.
   */
  showInvalid(entry) {
    const bad = entry.invalid;
    entry.input.setAttribute('aria-invalid', bad ? 'true' : 'false');
    if (bad && entry.input.value !== bad.text) {
      // The rebuild's sync (inside setValue) showed the value in force: put the text back.
      entry.input.value = bad.text;
      entry.input.dataset.committed = bad.text;
    }
    if (entry.def.kind === 'formula') {
      this.showFormulaError(entry, bad ? bad.text : '', bad && bad.problem, bad && bad.kept);
      return;
    }
    if (!entry.error) return;
    entry.error.textContent = bad ? fieldMessage(bad.problem, bad.kept) : '';
    entry.error.hidden = !bad;
  }

  makeRow(def, tip, catalog) {
    const id = `c-${def.key}`;
    const row = document.createElement('div');
    row.className = `row row-${def.kind}`;
    row.dataset.key = def.key;
    const entry = { def, row, input: null, extra: null, error: null };

    if (def.kind === 'button') {
      const b = document.createElement('button');
      b.type = 'button';
      b.id = id;
      b.textContent = labelOf(def);
      b.title = tip;
      b.addEventListener('click', () => this.randomStart());
      row.append(b);
      entry.input = b;
      this.rows.set(def.key, entry);
      return row;
    }

    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = labelOf(def, this.axisOf(def));
    label.title = tip;
    row.append(label);

    let input;
    if (def.kind === 'landscape') {
      input = document.createElement('select');
      for (const [g, title] of LANDSCAPE_GROUPS) {
        const items = (catalog.landscapes || []).filter((l) => l.group === g);
        if (!items.length) continue;
        const og = document.createElement('optgroup');
        og.label = has(`lgroup.${g}`) ? t(`lgroup.${g}`) : title;
        og.dataset.group = g;
        for (const l of items) og.append(this.option(def.key, nameOf(l), displayOf(l)));
        input.append(og);
      }
      input.addEventListener('change', () => this.changeLandscape(input.value));
    } else if (def.kind === 'select') {
      input = document.createElement('select');
      for (const [value, text] of def.options(catalog)) input.append(this.option(def.key, value, text));
      input.addEventListener('change', () => this.commit(def.key, input.value));
    } else if (def.kind === 'formula') {
      input = document.createElement('input');
      input.type = 'text';
      input.spellcheck = false;
      input.autocomplete = 'off';
      input.className = 'mono';
      input.addEventListener('input', () => this.commit(def.key, input.value, true));
      const err = document.createElement('div');
      err.className = 'formula-error';
      err.id = `${id}-error`;
      err.setAttribute('role', 'alert');
      err.dataset.testid = 'formula-error';
      err.hidden = true;
      input.setAttribute('aria-describedby', err.id);
      entry.extra = err;
    } else if (def.kind === 'lr') {
      input = this.typedInput('lr');
      input.className = 'lr-number';
      const slider = document.createElement('input');
      slider.type = 'range';
      slider.min = '-5';
      slider.max = '1';
      slider.step = '0.01';
      slider.id = `${id}-slider`;
      slider.title = tip;
      slider.setAttribute('aria-label', t('c.lr.slider'));
      slider.addEventListener('input', () => {
        const lr = tidy(10 ** Number(slider.value));
        input.value = String(lr);
        this.commit('lr', String(lr));
      });
      entry.extra = slider;
    } else if (def.kind === 'slider') {
      input = document.createElement('input');
      input.type = 'range';
      input.min = String(this.fields.get(def.key)?.range?.min ?? 1);
      input.step = String(def.step);
      const out = document.createElement('output');
      out.htmlFor = id;
      input.addEventListener('input', () => { out.textContent = input.value; this.commit(def.key, input.value); });
      entry.extra = out;
    } else {
      // A text field, so that whatever is typed reaches the codec and stays visible when
      // refused (a number input hides "abc" as ""); whole counts ≥ 0 get a digit keypad.
      input = this.typedInput(def.key);
      const range = this.fields.get(def.key)?.range;
      if (range && range.whole && range.min >= 0) input.inputMode = 'numeric';
      if (def.placeholder) input.placeholder = has(`c.${def.key}.off`) ? t(`c.${def.key}.off`) : def.placeholder;
    }
    input.id = id;
    input.name = def.key;
    input.title = tip;
    row.append(input);
    if (entry.extra) row.append(entry.extra);
    if (def.kind !== 'formula') {
      const err = document.createElement('div');
      err.className = 'field-error';
      err.id = `${id}-error`;
      err.setAttribute('role', 'alert');
      err.hidden = true;
      input.setAttribute('aria-describedby', err.id);
      row.append(err);
      entry.error = err;
    }
    entry.input = input;
    this.rows.set(def.key, entry);
    return row;
  }

  /**
   * A typed field of `key`: committed on Enter and when left (once per text), its refused
   * text kept in place.
   */
  typedInput(key) {
    const input = document.createElement('input');
    input.type = 'text';
    input.spellcheck = false;
    input.autocomplete = 'off';
    const commit = () => {
      const text = input.value.trim();
      if (text === input.dataset.committed) return;
      input.dataset.committed = text;
      this.commit(key, text);
    };
    input.addEventListener('change', commit);
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') commit(); });
    return input;
  }

  /** A choice of a select, named in the current language (English kept for a fallback). */
  option(key, value, english) {
    const o = new Option(choiceName(key, value, english), value);
    o.dataset.en = english;
    return o;
  }

  /**
   * Sets one key from its control. A refused value changes nothing in the run or the link; it
   * stays in the field with its message until a valid value is committed or the key changes
   * some other way (a new link, a lesson). `live` (the formula, as it is typed) skips the sync.
   */
  commit(key, value, live = false) {
    const entry = this.rows.get(key);
    const problems = Array.from(this.app.setValue(key, value) || []);
    const mine = problems.find((p) => p.key === key && p.severity !== 'warning');
    if (entry) {
      entry.invalid = mine ? { text: value, problem: mine, kept: this.value(key) } : null;
      this.showInvalid(entry);
    }
    if (!live) this.sync();
  }

  /** The formula's error with a caret under the column it names, and the formula kept. */
  showFormulaError(entry, text, problem, kept) {
    const box = entry.extra;
    box.replaceChildren();
    if (!problem) {
      box.hidden = true;
      return;
    }
    const message = problemDetail(problem) || problem.text || 'not a formula';
    const col = errorColumn(problem);
    if (col !== null) {
      const pre = document.createElement('pre');
      pre.className = 'caret';
      pre.setAttribute('aria-hidden', 'true');
      const shown = text.length > 80 ? text.slice(0, 80) : text;
      pre.textContent = `${shown}\n${' '.repeat(Math.max(0, col - 1))}^`;
      box.append(pre);
    }
    const p = document.createElement('p');
    p.textContent = message;
    const keeps = document.createElement('div');
    keeps.className = 'kept';
    keeps.textContent = keptText(entry.def.key, kept ?? '');
    box.append(p, keeps);
    box.hidden = false;
  }

  /** A new landscape starts from its own default start. */
  changeLandscape(name) {
    this.app.safe(() => {
      const problems = this.app.pg.set_value('f', name);
      this.app.pg.reset_value('x0');
      this.app.pg.reset_value('y0');
      this.app.showProblems(problems, false);
      this.app.afterChange();
    });
  }

  /** Sets the start (both coordinates at once, one rebuild). */
  setStart(x, y) {
    this.app.safe(() => {
      const info = this.app.info;
      const pg = this.app.pg;
      let problems;
      if (typeof pg.set_start === 'function') {
        problems = Array.from(pg.set_start(x, y ?? 0) || []);
      } else {
        problems = Array.from(pg.set_value('x0', String(x)) || []);
        if (info.dim !== 1 && y !== null) problems.push(...Array.from(pg.set_value('y0', String(y)) || []));
      }
      this.app.showProblems(problems, false);
      this.app.afterChange();
    });
  }

  /** A random start inside the view window (JS randomness: the link records the result). */
  randomStart() {
    const [x0, x1, y0, y1] = this.app.info.window;
    const x = x0 + Math.random() * (x1 - x0);
    const y = y0 + Math.random() * (y1 - y0);
    this.setStart(roundTo(x, x1 - x0), roundTo(y, y1 - y0));
  }

  /** Click or drag on the surface sets the start. */
  bindSurface(canvas) {
    let dragging = false;
    let queued = null;
    const apply = () => {
      const e = queued;
      queued = null;
      if (!e) return;
      const r = canvas.getBoundingClientRect();
      const p = this.app.safe(() => this.app.pg.to_data(e.clientX - r.left, e.clientY - r.top));
      if (!p) return;
      const [x, y] = Array.from(p);
      const [wx0, wx1, wy0, wy1] = this.app.info.window;
      this.setStart(roundTo(x, wx1 - wx0), roundTo(y, wy1 - wy0));
    };
    const later = (e) => {
      const first = !queued;
      queued = e;
      if (first) requestAnimationFrame(apply);
    };
    canvas.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      dragging = true;
      canvas.setPointerCapture(e.pointerId);
      this.app.pause();
      queued = e;
      apply();
    });
    canvas.addEventListener('pointermove', (e) => { if (dragging) later(e); });
    const end = () => { dragging = false; };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  /** Changes a control's visible label (its accessible name follows). */
  relabel(key, text) {
    const entry = this.rows.get(key);
    const label = entry && entry.row.querySelector('label');
    if (label && label.textContent !== text) label.textContent = text;
  }

  /** Fills every control from the playground and shows only those that apply. */
  sync() {
    const app = this.app;
    const info = app.info;
    if (!info) return;
    const focused = document.activeElement;
    for (const [key, entry] of this.rows) {
      const { def, row, input } = entry;
      const applies = def.show ? !!def.show(info, this) : true;
      const wanted = this.visible === null || this.visible.has(key);
      row.hidden = !(applies && wanted);
      if (def.kind === 'button') continue;
      const v = this.value(key);
      if (entry.invalid) {
        if (entry.invalid.kept === v) continue; // the refused text and its message stay
        entry.invalid = null;                   // the key changed some other way: show it
        this.showInvalid(entry);
      }
      if (def.kind === 'slider') {
        input.max = String(def.max(this));
        entry.extra.textContent = v;
      }
      if (def.kind === 'formula' && focused === input) continue;
      if (input.value !== v) input.value = v;
      if (input.type === 'text') input.dataset.committed = v;
      if (def.kind === 'lr') {
        const lr = Number(v);
        if (lr > 0 && document.activeElement !== entry.extra) entry.extra.value = String(Math.log10(lr));
      }
    }
    // Start labels use the landscape's axis names (x, y; or w, b for a model).
    const axes = Array.isArray(info.axis_names) ? info.axis_names : ['x', 'y'];
    if (axes[0] !== this.axes[0] || axes[1] !== this.axes[1]) {
      this.axes = [axes[0], axes[1]];
      this.translate();
    }
    for (const fs of this.groups.values()) {
      const rows = Array.from(fs.querySelectorAll('.row'));
      fs.hidden = rows.every((r) => r.hidden);
    }
  }
}

/** Rounds a coordinate to about a thousandth of the window's span. */
function roundTo(x, span) {
  const decimals = Math.max(0, Math.ceil(-Math.log10(Math.abs(span) / 1000 || 1)));
  return Number(x.toFixed(Math.min(decimals, 12)));
}

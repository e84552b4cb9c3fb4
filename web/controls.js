// The settings panel: controls built from pg.catalog(), shown or hidden by pg.info(), filled
// from pg.value(key). A change calls set_value through the app, which rebuilds the run.
// Every value goes into the page through textContent or .value, never innerHTML.
// Which keys, in which order and group, with which widget, range and choices: the codec's
// table (catalog().fields); which apply now: info().applies. Only the words are the page's
// own: labels, tooltips and choice names come from strings.js (English and 简体中文).

import { t, has, onLangChange } from './i18n.js';
import { choiceName, allowedText, problemDetail, setFields, fieldMessage, keptText } from './strings.js';
import { toStyle } from './canvas.js';

/**
 * The page's actions that sit among the settings in a group: the random start, after the
 * start's coordinates. They are buttons, not keys of the settings.
 */
const ACTIONS = { start: ['random'] };

/**
 * Extra keys an embed's `controls=` name brings along. `hyper` (every optimizer
 * hyperparameter) and a schedule's parameters come from the codec's table.
 */
function aliases(fields) {
  const applying = (when) => fields.filter((f) => f.applies === when).map((f) => f.key);
  return { batch: ['batch', 'bs'], start: ['x0', 'y0', 'random'], x0: ['x0', 'y0'], sched: ['sched', ...applying('schedule')],
    data: ['data', 'n', 'noise', 'scale'], f: ['f', 'expr'], opt: ['opt'], hyper: applying('optimizer') };
}

/** A group's title in the current language. */
const groupName = (g) => t(`group.${g}`);

/** A control's label; `axis` names the start coordinate (x, y; w, b for a model). */
const labelOf = (def, axis) => t(`c.${def.key}`, { axis });

/** Controls whose value is picked, not typed: their menus say what is allowed. */
const PICKED = new Set(['grouped_menu', 'menu', 'button']);

/** A control's tooltip, with what its key allows when it is typed. */
function tipOf(def, allowed, axis) {
  const tip = has(`c.${def.key}.tip`, 'en') ? t(`c.${def.key}.tip`, { axis }) : '';
  return allowed && !PICKED.has(def.control) ? t('allowed', { tip, allowed: allowedText(def.key, allowed) }) : tip;
}

/** A field's placeholder when it may be left empty ("off"), from the string table. */
const placeholderOf = (key) => (has(`c.${key}.off`) ? t(`c.${key}.off`) : '');

/** The column a formula problem names (its detail's `column`), or null. */
export function errorColumn(problem) {
  const column = problem && problem.detail && problem.detail.column;
  return typeof column === 'number' ? column : null;
}

/** The width of a range input's thumb in the browsers' default style, in CSS pixels. */
const SLIDER_THUMB_PX = 16;

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
      for (const k of keys) for (const a of this.aliases[k] || [k]) this.visible.add(a);
    }
    if (this.app.info) this.sync();
  }

  build() {
    const catalog = this.app.pg.catalog();
    const fields = catalog.fields || [];
    setFields(fields);
    this.fields = new Map(fields.map((f) => [f.key, f]));
    this.aliases = aliases(fields);
    const groups = new Map();
    const place = (def) => {
      let fs = groups.get(def.group);
      if (!fs) {
        fs = document.createElement('fieldset');
        fs.className = `group group-${def.group}`;
        const legend = document.createElement('legend');
        legend.dataset.group = def.group;
        legend.textContent = groupName(def.group);
        fs.append(legend);
        this.form.append(fs);
        groups.set(def.group, fs);
      }
      fs.append(this.makeRow(def, tipOf(def, def.allowed, this.axisOf(def))));
      this.rows.get(def.key).allowed = def.allowed;
    };
    const runKeys = fields.filter((f) => f.kind === 'run');
    // Groups in the order they first appear in the table; keys in table order within each.
    const order = [...new Set(runKeys.map((f) => f.group))];
    for (const group of order) {
      for (const def of runKeys.filter((f) => f.group === group)) place(def);
      for (const key of ACTIONS[group] || []) place({ key, group, control: 'button' });
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
      if (def.control === 'button') input.textContent = labelOf(def, axis);
      input.title = tip;
      if (def.control === 'log_slider') {
        entry.extra.title = tip;
        entry.extra.setAttribute('aria-label', t('c.lr.slider'));
      }
      if (input.placeholder) input.placeholder = placeholderOf(key);
      if (input.tagName === 'SELECT') {
        for (const og of input.querySelectorAll('optgroup[data-group]')) og.label = t(`lgroup.${og.dataset.group}`);
        for (const o of input.options) o.textContent = choiceName(key, o.value);
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
    if (entry.def.control === 'formula') {
      this.showFormulaError(entry, bad ? bad.text : '', bad && bad.problem, bad && bad.kept);
      return;
    }
    if (!entry.error) return;
    entry.error.textContent = bad ? fieldMessage(bad.problem, bad.kept) : '';
    entry.error.hidden = !bad;
  }

  makeRow(def, tip) {
    const id = `c-${def.key}`;
    const row = document.createElement('div');
    row.className = `row row-${def.control}`;
    row.dataset.key = def.key;
    const entry = { def, row, input: null, extra: null, error: null };

    if (def.control === 'points') {
      // The custom points: how many, and a button that opens the data dialog (draw.js).
      const b = document.createElement('button');
      b.type = 'button';
      b.id = id;
      b.title = tip;
      b.addEventListener('click', () => this.app.views && this.app.views.data.drawer.openDialog());
      row.append(b);
      entry.input = b;
      this.rows.set(def.key, entry);
      return row;
    }

    if (def.control === 'button') {
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
    if (def.control === 'grouped_menu') {
      // The choices in runs of one group each, an optgroup per run.
      input = document.createElement('select');
      let og = null;
      def.choices.forEach((value, i) => {
        const g = def.choice_groups[i];
        if (!og || og.dataset.group !== g) {
          og = document.createElement('optgroup');
          og.label = t(`lgroup.${g}`);
          og.dataset.group = g;
          input.append(og);
        }
        og.append(this.option(def.key, value));
      });
      input.addEventListener('change', () => this.changeLandscape(input.value));
    } else if (def.control === 'menu') {
      input = document.createElement('select');
      for (const value of def.choices) input.append(this.option(def.key, value));
      input.addEventListener('change', () => this.commit(def.key, input.value));
    } else if (def.control === 'formula') {
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
    } else if (def.control === 'log_slider') {
      input = this.typedInput(def.key);
      input.className = 'lr-number';
      const [from, to] = def.slider;
      const slider = document.createElement('input');
      slider.type = 'range';
      slider.min = String(Math.log10(from));
      slider.max = String(Math.log10(to));
      slider.step = '0.01';
      slider.id = `${id}-slider`;
      slider.title = tip;
      slider.setAttribute('aria-label', t(`c.${def.key}.slider`));
      slider.addEventListener('input', () => {
        const x = tidy(10 ** Number(slider.value));
        input.value = String(x);
        this.commit(def.key, String(x));
      });
      entry.extra = slider;
      // The stable band (Controls.showBand): a strip under the track and a note below.
      const track = document.createElement('div');
      track.className = 'lr-track';
      const band = document.createElement('div');
      band.className = 'lr-band';
      band.dataset.testid = 'lr-band';
      band.hidden = true;
      track.append(slider, band);
      const note = document.createElement('p');
      note.className = 'lr-band-note';
      note.id = `${id}-band`;
      note.dataset.testid = 'lr-band-note';
      note.setAttribute('aria-live', 'off');
      slider.setAttribute('aria-describedby', note.id);
      entry.track = track;
      entry.note = note;
      entry.band = band;
    } else if (def.control === 'slider') {
      input = document.createElement('input');
      input.type = 'range';
      input.min = String(def.range?.min ?? 1);
      input.step = def.range?.whole ? '1' : 'any';
      const out = document.createElement('output');
      out.htmlFor = id;
      input.addEventListener('input', () => { out.textContent = input.value; this.commit(def.key, input.value); });
      entry.extra = out;
    } else {
      // A text field, so that whatever is typed reaches the codec and stays visible when
      // refused (a number input hides "abc" as ""); whole counts ≥ 0 get a digit keypad.
      input = this.typedInput(def.key);
      const range = def.range;
      if (range && range.whole && range.min >= 0) input.inputMode = 'numeric';
      const placeholder = placeholderOf(def.key);
      if (placeholder) input.placeholder = placeholder;
    }
    input.id = id;
    input.name = def.key;
    input.title = tip;
    row.append(input);
    if (entry.track) row.append(entry.track, entry.note);
    else if (entry.extra) row.append(entry.extra);
    if (def.control !== 'formula') {
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
   * The learning rates that are stable at the shown step, from the core (`curv.band`: a
   * code, and the bound when there is one): shaded on the lr slider from its left end to the
   * bound, at the slider's own logarithmic scale, with a sentence under it; no shading and a
   * reason for the rules that have no bound.
   */
  showBand(curv, lr) {
    const entry = this.rows.get('lr');
    if (!entry || !entry.band) return;
    const { band, note, track, def } = entry;
    const b = (curv && curv.band) || { code: 'unknown', bound: null };
    const shaded = b.code === 'below' && b.bound > 0;
    if (shaded) {
      const [from, to] = def.slider;
      const lo = Math.log10(from);
      const hi = Math.log10(to);
      const frac = Math.min(1, Math.max(0, (Math.log10(b.bound) - lo) / (hi - lo)));
      // The thumb's centre runs from half a thumb in from either end (Chromium and Firefox).
      const width = `calc(${SLIDER_THUMB_PX / 2}px + (100% - ${SLIDER_THUMB_PX}px) * ${frac})`;
      if (band.style.width !== width) band.style.width = width;
      band.dataset.bound = String(b.bound);
      band.dataset.fraction = String(frac);
    }
    band.hidden = !shaded;
    track.classList.toggle('has-band', shaded);
    const key = shaded ? (lr < b.bound ? 'band.below.in' : 'band.below.out') : `band.${b.code}`;
    const text = t(key, { bound: tidy(b.bound ?? 0, 4), lr: tidy(lr, 4) });
    if (note.textContent !== text) note.textContent = text;
    note.dataset.code = b.code;
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

  /** A choice of a select, named in the current language. */
  option(key, value) {
    return new Option(choiceName(key, value), value);
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
    let tap = null; // a touch away from the start: a tap sets the start, a swipe scrolls
    const apply = () => {
      const e = queued;
      queued = null;
      if (!e) return;
      const r = canvas.getBoundingClientRect();
      const p = this.app.safe(() => this.app.pg.to_data(toStyle(e.clientX - r.left), toStyle(e.clientY - r.top)));
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
    // A finger drags the start only from its marker; elsewhere the page must still scroll
    // under it (the overlay's touch-action lets it), so a touch there sets the start only
    // when it lifts without having moved.
    const grabsStart = (clientX, clientY) => {
      const at = this.app.safe(() => startPx(this.app, canvas));
      return !!at && Math.hypot(clientX - at[0], clientY - at[1]) <= TOUCH_GRAB_CSS;
    };
    canvas.addEventListener('touchstart', (e) => {
      const t = e.touches[0];
      if (e.touches.length === 1 && grabsStart(t.clientX, t.clientY)) e.preventDefault();
    }, { passive: false });
    canvas.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      if (e.pointerType === 'touch' && !grabsStart(e.clientX, e.clientY)) {
        tap = { id: e.pointerId, x: e.clientX, y: e.clientY };
        return;
      }
      dragging = true;
      canvas.setPointerCapture(e.pointerId);
      this.app.pause();
      queued = e;
      apply();
    });
    canvas.addEventListener('pointermove', (e) => {
      if (dragging) later(e);
      else if (tap && e.pointerId === tap.id && Math.hypot(e.clientX - tap.x, e.clientY - tap.y) > TAP_SLOP_CSS) tap = null;
    });
    canvas.addEventListener('pointerup', (e) => {
      dragging = false;
      if (!tap || e.pointerId !== tap.id) return;
      tap = null;
      this.app.pause();
      queued = e;
      apply();
    });
    canvas.addEventListener('pointercancel', () => { dragging = false; tap = null; });
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
      const applies = def.control === 'button' || (info.applies || []).includes(key);
      const wanted = this.visible === null || this.visible.has(key);
      row.hidden = !(applies && wanted);
      if (def.control === 'button') continue;
      if (def.control === 'points') {
        const n = app.pg.points().length / Math.max(1, app.pg.points_arity());
        input.textContent = t('c.pts.button', { n: n.toLocaleString(document.documentElement.lang || 'en') });
        continue;
      }
      const v = this.value(key);
      if (entry.invalid) {
        if (entry.invalid.kept === v) continue; // the refused text and its message stay
        entry.invalid = null;                   // the key changed some other way: show it
        this.showInvalid(entry);
      }
      if (def.control === 'slider') {
        // The one slider is the batch size, at most the sample count n.
        input.max = String(Math.max(1, Number(this.value('n')) || 1));
        entry.extra.textContent = v;
      }
      if (def.control === 'formula' && focused === input) continue;
      if (input.value !== v) input.value = v;
      if (input.type === 'text') input.dataset.committed = v;
      if (def.control === 'log_slider') {
        const x = Number(v);
        if (x > 0 && document.activeElement !== entry.extra) entry.extra.value = String(Math.log10(x));
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

/** How near (CSS px) the start's marker a finger must land to drag it. */
const TOUCH_GRAB_CSS = 24;
/** How far (CSS px) a finger may move and still be a tap. */
const TAP_SLOP_CSS = 10;

/** The start's marker on the surface overlay, in client CSS px, or null before a drawing. */
function startPx(app, canvas) {
  const p = app.pg.point(0);
  const at = app.pg.surface_px(p.x, app.info.dim === 1 ? p.loss : p.y);
  if (!at) return null;
  const r = canvas.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  return [r.left + at[0] / dpr, r.top + at[1] / dpr];
}

/** Rounds a coordinate to about a thousandth of the window's span. */
function roundTo(x, span) {
  const decimals = Math.max(0, Math.ceil(-Math.log10(Math.abs(span) / 1000 || 1)));
  return Number(x.toFixed(Math.min(decimals, 12)));
}

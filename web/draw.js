// Drawing your own points in the data view (linreg and logreg): a click adds a point, a drag
// moves one, Delete or Backspace (or a long press) removes one, arrow keys move the selected
// one; for logreg a class toggle chooses the label of new points; Undo (also Ctrl/Cmd+Z) and
// Clear. Every edit hands the points to the core (`set_points`, which chooses data=custom);
// the surface, the path and the link follow. Pixels ⇄ data go through the Playground's data
// view layout (`data_at`, `data_hit`, `data_px`), never through maths of our own.

import { register, t, onLangChange } from './i18n.js';
import { styleDpr, toStyle } from './canvas.js';

const $ = (id) => document.getElementById(id);

/** How far (CSS px) from a drawn sample a press still takes it. */
const HIT_CSS = 10;
/** A press held this long without moving removes the sample under it (touch's "delete"). */
const LONG_PRESS_MS = 500;
/** Movement (CSS px) that turns a press into a drag. */
const DRAG_CSS = 4;
/** Undo keeps this many earlier states. */
const UNDO_DEPTH = 50;

register({
  en: {
    'draw.hint': 'Click to add a point, drag to move it, Delete or a long press removes it.',
    'draw.hint.linreg2': 'Drawing works for linreg and logreg; paste or upload data for linreg2.',
    'draw.label': 'New points:',
    'draw.class': 'class {c}',
    'draw.class.tip': 'The label of the points you add next (logistic regression)',
    'draw.undo': 'Undo',
    'draw.undo.tip': 'Undo the last change to the points (Ctrl+Z)',
    'draw.clear': 'Clear points',
    'draw.clear.tip': 'Remove every point (Undo brings them back)',
    'draw.data': 'Paste or upload…',
    'draw.data.tip': 'Use your own data: paste CSV or TSV, upload a file, or open a session file',
    'draw.aria': 'The data and the model. Click to add a point, drag to move one; with focus, arrow keys move the selected point, Delete removes it, Page Up and Page Down select another, Insert adds one.',
    'draw.count': '{n} points',
    'draw.selected': 'point {i} selected: x = {x}, {ylabel} = {y}',
    'draw.removed': 'point removed; {n} left',
    'draw.added': 'point {i} added at x = {x}, {ylabel} = {y}',
    'link.toolong': '{n} points are too many for a link (at most {max}): the link leaves them out.',
    'link.toolong.save': 'Save session file',
  },
  zh: {
    'draw.hint': '单击添加一个点，拖动可移动，按 Delete 或长按可删除。',
    'draw.hint.linreg2': '绘制适用于线性回归和逻辑回归；二元线性回归请粘贴或上传数据。',
    'draw.label': '新点：',
    'draw.class': '类别 {c}',
    'draw.class.tip': '接下来添加的点的标签（逻辑回归）',
    'draw.undo': '撤销',
    'draw.undo.tip': '撤销对数据点的上一次修改（Ctrl+Z）',
    'draw.clear': '清空数据点',
    'draw.clear.tip': '删除所有点（可用“撤销”恢复）',
    'draw.data': '粘贴或上传…',
    'draw.data.tip': '使用你自己的数据：粘贴 CSV 或 TSV、上传文件，或打开会话文件',
    'draw.aria': '数据与模型。单击添加一个点，拖动可移动；获得焦点时，方向键移动选中的点，Delete 删除，Page Up 和 Page Down 切换选中的点，Insert 添加一个点。',
    'draw.count': '{n} 个点',
    'draw.selected': '已选中第 {i} 个点：x = {x}，{ylabel} = {y}',
    'draw.removed': '已删除一个点，剩余 {n} 个',
    'draw.added': '已在 x = {x}，{ylabel} = {y} 处添加第 {i} 个点',
    'link.toolong': '{n} 个点太多，链接放不下（最多 {max} 个）：链接中不含这些点。',
    'link.toolong.save': '保存会话文件',
  },
});

/** Downloads the current session file (settings and data as JSON). */
export function saveSession(app) {
  const text = app.pg.session();
  const blob = new Blob([text], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'descent-session.json';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const fmt = (v) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : '–');

export class DataDraw {
  constructor(app) {
    this.app = app;
    this.canvas = $('data');
    this.canvas.tabIndex = 0;
    this.history = [];       // earlier point sets (flat Float64Arrays), newest last
    this.label = 1;          // logreg: the label of new points
    this.selected = -1;      // the point the keys act on
    this.hover = -1;
    this.press = null;       // the pointer press in progress
    this.pendingMove = null; // a drag's latest position, applied once a frame
    this.build();
    this.listen();
    onLangChange(() => this.words());
    this.words();
    this.sync();
  }

  build() {
    const bar = document.createElement('div');
    bar.className = 'drawbar';
    bar.id = 'drawbar';
    bar.setAttribute('role', 'group');
    const classes = document.createElement('span');
    classes.className = 'draw-classes';
    classes.setAttribute('role', 'group');
    const classLabel = document.createElement('span');
    classLabel.className = 'draw-label';
    classes.append(classLabel);
    this.classButtons = [0, 1].map((c) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `draw-class draw-class-${c}`;
      b.dataset.testid = `draw-class-${c}`;
      b.addEventListener('click', () => this.setLabel(c));
      classes.append(b);
      return b;
    });
    const button = (id, onClick) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.id = id;
      b.addEventListener('click', onClick);
      return b;
    };
    this.undoButton = button('draw-undo', () => this.undo());
    this.undoButton.setAttribute('aria-keyshortcuts', 'Control+Z Meta+Z');
    this.clearButton = button('draw-clear', () => this.clear());
    this.dataButton = button('draw-data', () => this.openDialog());
    const count = document.createElement('span');
    count.className = 'draw-count';
    count.id = 'draw-count';
    count.setAttribute('aria-live', 'polite');
    const hint = document.createElement('p');
    hint.className = 'draw-hint';
    hint.id = 'draw-hint';
    const status = document.createElement('span');
    status.className = 'visually-hidden';
    status.id = 'draw-status';
    status.setAttribute('aria-live', 'polite');
    bar.append(classes, this.undoButton, this.clearButton, this.dataButton, count, hint, status);
    Object.assign(this, { bar, classes, classLabel, count, hint, status });
    const viewbar = document.querySelector('.viewbar');
    viewbar.append(bar);
    // The share area's note when the data is too large for a link.
    const note = document.createElement('span');
    note.className = 'link-note';
    note.id = 'link-note';
    note.setAttribute('role', 'status');
    note.hidden = true;
    const noteText = document.createElement('span');
    const save = document.createElement('button');
    save.type = 'button';
    save.id = 'link-save';
    save.addEventListener('click', () => this.app.safe(() => saveSession(this.app)));
    note.append(noteText, ' ', save);
    document.querySelector('header .share').append(note);
    Object.assign(this, { note, noteText, noteSave: save });
  }

  words() {
    this.classLabel.textContent = t('draw.label');
    this.classes.setAttribute('aria-label', t('draw.class.tip'));
    this.classButtons.forEach((b, c) => {
      b.textContent = t('draw.class', { c });
      b.title = t('draw.class.tip');
    });
    this.undoButton.textContent = t('draw.undo');
    this.undoButton.title = t('draw.undo.tip');
    this.clearButton.textContent = t('draw.clear');
    this.clearButton.title = t('draw.clear.tip');
    this.dataButton.textContent = t('draw.data');
    this.dataButton.title = t('draw.data.tip');
    this.bar.setAttribute('aria-label', t('draw.data.tip'));
    this.showState();
  }

  /** The data model shown, or null. */
  model() {
    const info = this.app.info;
    return info && info.is_model ? info.name : null;
  }

  /** Whether points can be drawn: linreg and logreg on the full page (an embed only shows). */
  drawable() {
    const m = this.model();
    return (m === 'linreg' || m === 'logreg') && !this.app.hash.page.embed;
  }

  /** After a settings change: shows the tools where they apply. */
  sync() {
    const model = this.model();
    this.bar.hidden = !model || !!this.app.hash.page.embed;
    this.classes.hidden = model !== 'logreg';
    this.undoButton.hidden = !this.drawable() && this.history.length === 0;
    this.clearButton.hidden = !this.drawable();
    this.canvas.classList.toggle('drawable', this.drawable());
    if (this.drawable()) this.canvas.setAttribute('aria-label', t('draw.aria'));
    this.showState();
  }

  /** The share area's note: shown while the data is too large for a link. */
  showLinkNote() {
    const p = typeof this.app.pg.link_problem === 'function' ? this.app.pg.link_problem() : null;
    this.note.hidden = !p;
    if (!p) return;
    this.noteText.textContent = t('link.toolong', { n: p.detail.count.toLocaleString(document.documentElement.lang || 'en'), max: p.detail.max });
    this.noteSave.textContent = t('link.toolong.save');
  }

  showState() {
    this.showLinkNote();
    this.classButtons.forEach((b, c) => b.setAttribute('aria-pressed', String(c === this.label)));
    this.undoButton.disabled = this.history.length === 0;
    const model = this.model();
    this.hint.textContent = model === 'linreg2' ? t('draw.hint.linreg2') : t('draw.hint');
    const n = model ? this.app.pg.sample_count() : 0;
    this.count.textContent = model ? t('draw.count', { n: n.toLocaleString(document.documentElement.lang || 'en') }) : '';
    this.clearButton.disabled = n === 0;
  }

  setLabel(c) {
    this.label = c;
    this.showState();
  }

  // --- the points -------------------------------------------------------------------------

  /** The samples as points, flat: x, y (or x, label) each. */
  points() {
    return Float64Array.from(this.app.pg.samples());
  }

  /** Hands `values` to the core as the custom data and shows the new run; `remember` keeps
   * the points before it for Undo. Returns whether the core took them. */
  apply(values, remember = true) {
    const before = remember ? this.points() : null;
    const problems = Array.from(this.app.safe(() => this.app.pg.set_points(values, 2), []) || []);
    const refused = problems.filter((p) => p.key === 'pts' && p.severity !== 'warning');
    if (refused.length) {
      this.app.showProblems(refused, false);
      return false;
    }
    if (before) {
      this.history.push(before);
      if (this.history.length > UNDO_DEPTH) this.history.shift();
    }
    this.app.afterChange();
    this.showState();
    return true;
  }

  undo() {
    const before = this.history.pop();
    if (!before) return;
    this.selected = -1;
    this.apply(before, false);
    this.app.drawOverlay();
  }

  clear() {
    if (this.points().length === 0) return;
    this.selected = -1;
    this.apply(new Float64Array(0));
  }

  /** Adds a point at data coordinates (x, y); logreg takes the class toggle's label. */
  add(x, y) {
    const label = this.model() === 'logreg';
    const pts = this.points();
    const next = new Float64Array(pts.length + 2);
    next.set(pts);
    [x, y] = this.round(x, y);
    next[pts.length] = x;
    next[pts.length + 1] = label ? this.label : y;
    const i = pts.length / 2;
    const was = this.selected;
    this.selected = i;
    if (!this.apply(next)) {
      this.selected = was;
      return -1;
    }
    this.say('draw.added', { i: i + 1, x: fmt(x), y: fmt(next[pts.length + 1]), ylabel: label ? 'label' : 'y' });
    return i;
  }

  /**
   * Data coordinates rounded to the view's pixel: a drawn point is as exact as the pointer
   * that placed it, and the link reads 2.5, not 2.4999998797336827.
   */
  round(x, y) {
    const pg = this.app.pg;
    const box = this.canvas.getBoundingClientRect();
    const a = pg.data_at(toStyle(box.width / 2), toStyle(box.height / 2));
    const b = pg.data_at(toStyle(box.width / 2 + 1), toStyle(box.height / 2 + 1));
    const places = (d) => (Number.isFinite(d) && d > 0 ? Math.min(12, Math.max(0, Math.ceil(-Math.log10(d)))) : 6);
    const r = (v, d) => Number(v.toFixed(places(d)));
    if (!a || !b) return [x, y];
    return [r(x, Math.abs(b[0] - a[0])), r(y, Math.abs(b[1] - a[1]))];
  }

  /** Moves point i to (x, y): logreg keeps x's move and takes the label nearer y. */
  move(i, x, y, remember) {
    const pts = this.points();
    if (i < 0 || 2 * i + 1 >= pts.length) return;
    [x, y] = this.round(x, y);
    pts[2 * i] = x;
    pts[2 * i + 1] = this.model() === 'logreg' ? (y >= 0.5 ? 1 : 0) : y;
    this.apply(pts, remember);
  }

  remove(i) {
    const pts = this.points();
    if (i < 0 || 2 * i + 1 >= pts.length) return;
    const next = new Float64Array(pts.length - 2);
    next.set(pts.subarray(0, 2 * i));
    next.set(pts.subarray(2 * i + 2), 2 * i);
    this.selected = -1;
    this.hover = -1;
    if (this.apply(next)) this.say('draw.removed', { n: next.length / 2 });
  }

  say(key, args) {
    this.status.textContent = t(key, args);
  }

  // --- pointer and keys -------------------------------------------------------------------

  /** CSS px of a pointer event in the canvas. */
  at(e) {
    const r = this.canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  listen() {
    const c = this.canvas;
    // A finger on a point takes it (no scrolling while it moves the point); a finger
    // elsewhere adds a point only if it lifts without moving, so that a swipe over the view
    // scrolls a phone's page (the canvas's touch-action lets it, and pointercancel follows).
    c.addEventListener('touchstart', (e) => {
      const t = e.touches[0];
      if (e.touches.length === 1 && this.drawable() && this.touchHit(t.clientX, t.clientY) >= 0) e.preventDefault();
    }, { passive: false });
    c.addEventListener('pointerdown', (e) => this.app.safe(() => this.down(e)));
    c.addEventListener('pointermove', (e) => this.app.safe(() => this.moveTo(e)));
    c.addEventListener('pointerup', (e) => this.app.safe(() => this.up(e)));
    c.addEventListener('pointercancel', () => this.app.safe(() => this.cancel()));
    c.addEventListener('pointerleave', () => {
      if (!this.press) this.app.safe(() => this.release());
    });
    c.addEventListener('contextmenu', (e) => { if (this.drawable()) e.preventDefault(); });
    c.addEventListener('keydown', (e) => this.app.safe(() => this.key(e)));
    document.addEventListener('keydown', (e) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z') return;
      const el = document.activeElement;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)) return;
      if (!this.history.length || $('data-dialog')?.open) return;
      e.preventDefault();
      this.app.safe(() => this.undo());
    });
  }

  /** Holds the data view's window while the pointer is over it, so that it does not slide
   * away as the data's range changes; released when the pointer leaves. */
  hold() {
    if (!this.held) {
      this.app.pg.hold_data_view(true);
      this.held = true;
    }
  }

  release() {
    if (!this.held) return;
    this.held = false;
    this.app.pg.hold_data_view(false);
    this.hover = -1;
    this.app.drawOverlay();
  }

  down(e) {
    if (!this.drawable() || e.button > 0) return;
    e.preventDefault();
    this.canvas.focus({ preventScroll: true });
    this.hold();
    const [cx, cy] = this.at(e);
    const hit = e.pointerType === 'touch'
      ? this.touchHit(e.clientX, e.clientY)
      : this.app.pg.data_hit(toStyle(cx), toStyle(cy), toStyle(HIT_CSS));
    this.canvas.setPointerCapture(e.pointerId);
    this.press = { id: e.pointerId, x: cx, y: cy, index: hit, moved: false, before: this.points() };
    if (hit >= 0) {
      this.selected = hit;
      this.press.timer = setTimeout(() => this.app.safe(() => this.longPress()), LONG_PRESS_MS);
      this.app.drawOverlay();
    }
  }

  /** The point under a finger at client CSS px, or −1 (a finger takes a wider ring). */
  touchHit(clientX, clientY) {
    const r = this.canvas.getBoundingClientRect();
    return this.app.pg.data_hit(toStyle(clientX - r.left), toStyle(clientY - r.top), toStyle(HIT_CSS * 2));
  }

  longPress() {
    const p = this.press;
    if (!p || p.moved || p.index < 0) return;
    this.press = null;
    this.remove(p.index);
  }

  moveTo(e) {
    const [cx, cy] = this.at(e);
    const p = this.press;
    if (!p) {
      if (!this.drawable()) return;
      this.hold();
      const hit = this.app.pg.data_hit(toStyle(cx), toStyle(cy), toStyle(HIT_CSS));
      if (hit !== this.hover) {
        this.hover = hit;
        // The ring under the pointer: the data view alone is drawn again.
        if (this.app.views) this.app.views.data.draw(this.app.cursor);
      }
      this.canvas.classList.toggle('over-point', hit >= 0);
      return;
    }
    if (e.pointerId !== p.id) return;
    if (!p.moved && Math.hypot(cx - p.x, cy - p.y) < DRAG_CSS) return;
    p.moved = true;
    clearTimeout(p.timer);
    if (p.index < 0) return;
    // Applied once a frame: a drag's moves come faster than runs restart.
    const first = !this.pendingMove;
    this.pendingMove = [cx, cy];
    if (first) {
      requestAnimationFrame(() => this.app.safe(() => {
        const at = this.pendingMove;
        this.pendingMove = null;
        if (!this.press || !at) return;
        const q = this.app.pg.data_at(toStyle(at[0]), toStyle(at[1]));
        if (q) this.move(this.press.index, q[0], q[1], false);
      }));
    }
  }

  up(e) {
    const p = this.press;
    if (!p || e.pointerId !== p.id) return;
    clearTimeout(p.timer);
    this.press = null;
    if (p.index >= 0) {
      if (p.moved) {
        // One Undo step for the whole drag.
        if (this.pendingMove) {
          const at = this.pendingMove;
          this.pendingMove = null;
          const q = this.app.pg.data_at(toStyle(at[0]), toStyle(at[1]));
          if (q) this.move(p.index, q[0], q[1], false);
        }
        this.history.push(p.before);
        if (this.history.length > UNDO_DEPTH) this.history.shift();
        this.showState();
      }
      return;
    }
    if (p.moved) return;
    const q = this.app.pg.data_at(toStyle(p.x), toStyle(p.y));
    if (q) this.add(q[0], q[1]);
  }

  cancel() {
    if (this.press) clearTimeout(this.press.timer);
    this.press = null;
    this.pendingMove = null;
  }

  key(e) {
    if (!this.drawable() || e.ctrlKey || e.metaKey || e.altKey) return;
    const n = this.points().length / 2;
    const k = e.key;
    if (k === 'Delete' || k === 'Backspace') {
      const i = this.selected >= 0 ? this.selected : this.hover;
      if (i >= 0 && i < n) {
        e.preventDefault();
        this.remove(i);
      }
      return;
    }
    if (k === 'PageDown' || k === 'PageUp') {
      if (!n) return;
      e.preventDefault();
      const step = k === 'PageDown' ? 1 : -1;
      this.selected = this.selected < 0 ? 0 : (this.selected + step + n) % n;
      this.announceSelected();
      this.app.drawOverlay();
      return;
    }
    if (k === 'Insert' || k === '+') {
      e.preventDefault();
      const r = this.canvas.getBoundingClientRect();
      const q = this.app.pg.data_at(toStyle(r.width / 2), toStyle(r.height / 2));
      this.hold();
      if (q) this.add(q[0], q[1]);
      return;
    }
    const arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (arrows[k] && this.selected >= 0 && this.selected < n) {
      e.preventDefault();
      e.stopPropagation();
      const pts = this.points();
      const i = this.selected;
      const px = this.app.pg.data_px(pts[2 * i], this.model() === 'logreg' ? pts[2 * i + 1] : pts[2 * i + 1]);
      if (!px) return;
      const dpr = styleDpr();
      const step = toStyle(e.shiftKey ? 20 : 4);
      this.hold();
      const q = this.app.pg.data_at(px[0] / dpr + arrows[k][0] * step, px[1] / dpr + arrows[k][1] * step * (this.model() === 'logreg' ? 10 : 1));
      if (q) this.move(i, q[0], q[1], true);
      this.announceSelected();
    }
  }

  announceSelected() {
    const pts = this.points();
    const i = this.selected;
    if (i < 0 || 2 * i + 1 >= pts.length) return;
    this.say('draw.selected', { i: i + 1, x: fmt(pts[2 * i]), y: fmt(pts[2 * i + 1]), ylabel: this.model() === 'logreg' ? 'label' : 'y' });
  }

  /** Rings the selected point (and the one under the pointer) on the data view as drawn. */
  decorate(ctx, dpr) {
    if (!this.drawable()) return;
    for (const [i, width] of [[this.hover, 1.5], [this.selected, 2.5]]) {
      if (i < 0) continue;
      const px = this.app.pg.data_sample_px(i);
      if (!px) continue;
      ctx.beginPath();
      ctx.lineWidth = width * dpr;
      ctx.strokeStyle = i === this.selected ? '#d62728' : 'rgba(30, 30, 30, 0.6)';
      ctx.arc(px[0], px[1], 7 * dpr, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }

  openDialog() {
    import('./datadialog.js').then((m) => {
      if (!this.dialog) this.dialog = new m.DataDialog(this.app, this);
      this.dialog.open();
    }).catch((err) => this.app.safe(() => { throw err; }));
  }

  /** Forgets Undo's states (a new link or file replaced the data). */
  forget() {
    this.history = [];
    this.selected = -1;
    this.showState();
  }
}

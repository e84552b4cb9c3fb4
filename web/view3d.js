// The 3-D view (view=3d): the shaded mesh on one canvas, the path on another above it. Drag
// rotates (yaw, pitch), the wheel or a pinch zooms, and with the canvas focused the arrow keys
// rotate and +/− zoom. The camera goes through the codec (yaw=, pitch=, zoom=), so it is kept
// in the link; the hash is written at most every 250 ms while dragging.

import { register, t, onLangChange } from './i18n.js';
import { context, fit, styleDpr } from './canvas.js';
import { Refiner } from './tasks.js';

const $ = (id) => document.getElementById(id);

register({
  en: {
    'view.2d': '2-D',
    'view.3d': '3-D',
    'view.switch': 'Surface view',
    'view.2d.title': 'Show the surface from above: heatmap and contours',
    'view.3d.title': 'Show the surface as a 3-D mesh; drag to rotate, wheel or pinch to zoom',
    'view.mesh.hidden': 'The current point is behind the surface: drag to turn the view.',
    'view.mesh.aria': 'The loss surface in 3-D with the optimizer’s path on it. Drag to rotate, wheel to zoom; with focus, arrow keys rotate and + and − zoom.',
  },
  zh: {
    'view.2d': '二维',
    'view.3d': '三维',
    'view.switch': '曲面视图',
    'view.2d.title': '从上方看曲面：热力图和等高线',
    'view.3d.title': '把曲面显示为三维网格；拖动旋转，滚轮或双指缩放',
    'view.mesh.hidden': '当前点在曲面后面：拖动以旋转视角。',
    'view.mesh.aria': '损失曲面的三维图与优化器的路径。拖动旋转，滚轮缩放；获得焦点时方向键旋转，+ 和 − 缩放。',
  },
});

/** Degrees turned per CSS pixel dragged, and per arrow key press. */
const DEG_PER_PX = 0.4;
const DEG_PER_KEY = 5;
/** The shortest time between two hash writes while the camera moves. */
const HASH_EVERY_MS = 250;

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
/** An angle wrapped into −180…180, to one decimal. */
const wrap = (deg) => Math.round((((deg + 180) % 360 + 360) % 360 - 180) * 10) / 10;

export class View3D {
  constructor(app) {
    this.app = app;
    this.surface = $('surface');
    this.mesh = $('mesh');
    this.top = $('mesh-top');
    this.b2 = $('view-2d');
    this.b3 = $('view-3d');
    this.group = $('view-switch');
    this.pointers = new Map();
    this.hashTimer = 0;
    this.lastHash = 0;
    this.meshMs = 0;
    this.meshRefiner = new Refiner(); // samples an expensive mesh in short tasks

    this.b2.addEventListener('click', () => this.setView('2d'));
    this.b3.addEventListener('click', () => this.setView('3d'));
    this.listen();
    onLangChange(() => this.label());
    this.label();
  }

  label() {
    this.b2.textContent = t('view.2d');
    this.b3.textContent = t('view.3d');
    this.b2.title = t('view.2d.title');
    this.b3.title = t('view.3d.title');
    this.group.setAttribute('aria-label', t('view.switch'));
    this.top.setAttribute('aria-label', t('view.mesh.aria'));
    this.top.title = t('view.3d.title');
  }

  /** Whether the 3-D view is the one shown (2-D landscapes only). */
  active() {
    return this.app.pg.value('view') === '3d' && !!(this.app.info && this.app.info.dim === 2);
  }

  setView(v) {
    this.app.setView('view', v);
  }

  sync() {
    const twoD = !!(this.app.info && this.app.info.dim === 2);
    this.group.hidden = !twoD;
    const on = this.active();
    const was = this.surface.classList.contains('mesh-on');
    this.surface.classList.toggle('mesh-on', on);
    this.b2.setAttribute('aria-pressed', on ? 'false' : 'true');
    this.b3.setAttribute('aria-pressed', on ? 'true' : 'false');
    if (on) fit(this.mesh, [this.mesh, this.top]);
    if (on !== was) {
      this.meshKey = null;
      requestAnimationFrame(() => this.app.safe(() => this.app.resize()));
    }
  }

  resize() {
    if (!this.active()) return false;
    const changed = fit(this.mesh, [this.mesh, this.top]);
    if (changed) this.drawBase();
    return changed;
  }

  camera() {
    const pg = this.app.pg;
    return { yaw: Number(pg.value('yaw')), pitch: Number(pg.value('pitch')), zoom: Number(pg.value('zoom')) };
  }

  /** The mesh (only when the landscape, scale, size or camera changed). */
  drawBase() {
    if (!this.active()) return;
    const dpr = styleDpr();
    const key = JSON.stringify([this.app.baseKey, this.app.logColor, this.mesh.width, this.mesh.height, this.camera()]);
    if (key === this.meshKey) return;
    this.meshKey = key;
    const t0 = performance.now();
    this.app.pg.render_mesh(context(this.mesh), this.mesh.width, this.mesh.height, dpr, this.app.logColor);
    this.meshMs = performance.now() - t0;
    // An expensive landscape shows a coarse mesh first; the full one comes in short tasks.
    // The colour scale is read at each slice: a queued slice samples the mesh now wanted.
    this.meshRefiner.run((fn, fallback) => this.app.safe(fn, fallback), (terms) => this.app.pg.refine_mesh(this.app.logColor, terms), () => {
      this.meshKey = null;
      this.draw(this.app.cursor);
    });
  }

  /** The path up to point k, lying on the mesh. */
  draw(k) {
    if (!this.active()) return;
    this.drawBase();
    const dpr = styleDpr();
    this.app.pg.render_mesh_path(context(this.top), this.top.width, this.top.height, dpr, k, this.app.logColor, t('view.mesh.hidden'));
  }

  /** Moves the camera: the codec checks the values; the drawing follows at once, the link soon. */
  setCamera({ yaw, pitch, zoom }) {
    const pg = this.app.pg;
    this.app.safe(() => {
      if (yaw !== undefined) pg.set_value('yaw', String(wrap(yaw)));
      if (pitch !== undefined) pg.set_value('pitch', String(Math.round(clamp(pitch, 5, 90) * 10) / 10));
      if (zoom !== undefined) pg.set_value('zoom', String(Math.round(clamp(zoom, 0.25, 4) * 100) / 100));
      this.draw(this.app.cursor);
    });
    this.writeHashSoon();
  }

  writeHashSoon() {
    const now = performance.now();
    const write = () => {
      this.hashTimer = 0;
      this.lastHash = performance.now();
      this.app.hash.write(this.app.linkSettings());
    };
    if (now - this.lastHash >= HASH_EVERY_MS) {
      write();
    } else if (!this.hashTimer) {
      this.hashTimer = setTimeout(write, HASH_EVERY_MS - (now - this.lastHash));
    }
  }

  listen() {
    const top = this.top;
    top.addEventListener('pointerdown', (e) => {
      try { top.setPointerCapture(e.pointerId); } catch { /* a synthetic pointer */ }
      this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      top.focus({ preventScroll: true });
      e.preventDefault();
    });
    top.addEventListener('pointermove', (e) => {
      const prev = this.pointers.get(e.pointerId);
      if (!prev) return;
      const cam = this.camera();
      if (this.pointers.size >= 2) {
        // Pinch: the zoom follows the distance between the two pointers.
        const [a, b] = [...this.pointers.entries()];
        const other = a[0] === e.pointerId ? b[1] : a[1];
        const before = Math.hypot(prev.x - other.x, prev.y - other.y);
        const after = Math.hypot(e.clientX - other.x, e.clientY - other.y);
        if (before > 0 && after > 0) this.setCamera({ zoom: cam.zoom * (after / before) });
      } else {
        const dx = e.clientX - prev.x;
        const dy = e.clientY - prev.y;
        if (dx || dy) this.setCamera({ yaw: cam.yaw - dx * DEG_PER_PX, pitch: cam.pitch + dy * DEG_PER_PX });
      }
      this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    });
    const end = (e) => {
      this.pointers.delete(e.pointerId);
      if (!this.pointers.size) this.writeHashSoon();
    };
    top.addEventListener('pointerup', end);
    top.addEventListener('pointercancel', end);
    top.addEventListener('wheel', (e) => {
      e.preventDefault();
      const cam = this.camera();
      this.setCamera({ zoom: cam.zoom * Math.exp(-e.deltaY * 0.0015) });
    }, { passive: false });
    // With the 3-D canvas focused the arrows rotate (the page's ←/→ step everywhere else).
    top.addEventListener('keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const cam = this.camera();
      const moves = {
        ArrowLeft: { yaw: cam.yaw + DEG_PER_KEY },
        ArrowRight: { yaw: cam.yaw - DEG_PER_KEY },
        ArrowUp: { pitch: cam.pitch + DEG_PER_KEY },
        ArrowDown: { pitch: cam.pitch - DEG_PER_KEY },
        '+': { zoom: cam.zoom * 1.1 },
        '=': { zoom: cam.zoom * 1.1 },
        '-': { zoom: cam.zoom / 1.1 },
      };
      const move = moves[e.key];
      if (!move) return;
      e.preventDefault();
      this.setCamera(move);
    });
  }
}

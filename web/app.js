// Boots the page: loads the wasm bindings named by trunk, creates the Playground from the
// URL hash, builds the controls, owns the requestAnimationFrame loop, publishes window.descent.

import { HashState } from './state.js';
import { Controls } from './controls.js';
import { Playback } from './playback.js';
import { Readout, showDiverging } from './readout.js';
import { Share } from './share.js';
import { context, fit, watchSize, pixelHash, styleDpr } from './canvas.js';
import { Language } from './language.js';
import { t, onLangChange, translate } from './i18n.js';
import { problemLine, statusText, stepStatusText } from './strings.js';
import { Placement } from './layout.js';
import { applyParts, partProblems } from './embedview.js';
import { Presenter } from './present.js';
import { nextTask, Refiner } from './tasks.js';

const $ = (id) => document.getElementById(id);

/** The <script> element trunk generated for us; its data attributes name the glue and .wasm. */
const bootScript = document.getElementById('descent-boot');

/** Resolves a trunk-relative file name against the page, so the site works under a sub-path. */
const here = (name) => new URL(name, document.baseURI).href;

/** Loads the wasm module; returns its bindings and the instance's raw exports (memory). */
async function load() {
  const bindings = await import(here(bootScript.dataset.js));
  const exports = await bindings.default({ module_or_path: here(bootScript.dataset.wasm) });
  return { bindings, exports };
}

/** Time the page may spend computing steps in one go before it yields to the browser. */
const BUDGET_MS = 12;

/**
 * Time one background slice of a long run may take. Slices run as tasks of their own, apart
 * from the animation frames (whose task also holds the browser's own painting), so neither
 * kind of task grows long.
 */
const SLICE_MS = 8;

/**
 * The parts the first picture does not need, imported only after it (so the page does not
 * fetch them up front, and index.html has no modulepreload link for them) and each created
 * in a task of its own: [App field, import, constructor].
 */
const PARTS = {
  views: [() => import('./views.js'), (m, app) => new m.Views(app)],
  maths: [() => import('./maths.js'), (m, app) => new m.Maths(app, $('maths'), $('maths-toggle'))],
  exporter: [() => import('./export.js'), (m, app) => new m.Exporter(app, $('export'))],
  scaling: [() => import('./scaling.js'), (m, app) => new m.ScalingPanel(app, $('scaling'))],
  compare: [() => import('./compare.js'), (m, app) => new m.Compare(app, $('compare'))],
  lesson: [() => import('./lesson.js'), (m) => new m.LessonBox($('lesson'))],
  map: [() => import('./map.js'), (m, app) => new m.MapPanel(app, $('map-panel'), $('map-box'))],
};

/** How much coarser the first surface is drawn (in device pixels a side) than the final one. */
const PREVIEW_SCALE = 2;


/** Resolves in a task after the next frame, so what was drawn is on screen first. */
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(nextTask())));


/** The shortest time between two writes of the shown step (`at=`) into the link. */
const AT_EVERY_MS = 250;

/** Shows an error in the page (never a dead page). */
export function showError(err) {
  const box = $('error');
  const text = err instanceof Error ? err.message : String(err);
  // A page whose document was replaced (a host's document.write) has no box left to show it in.
  if (!box) {
    console.warn('descent:', err);
    return;
  }
  box.textContent = t('error.prefix', { text });
  box.hidden = false;
  console.warn('descent:', err);
}

/** The page: one Playground, the displayed step, and everything that draws. */
export class App {
  constructor(Playground) {
    this.hash = new HashState((core, page) => { this.applyPage(page); this.setSettings(core); });
    this.pg = new Playground(this.hash.initial());
    this.baseRefiner = new Refiner(); // refines an expensive surface in short tasks
    this.cursor = 0;          // the step shown (timeline position)
    this.pinned = null;       // the step the link asks for (at=), kept while the run computes
    this.atTimer = 0;         // a pending write of at= into the link
    this.atWritten = 0;       // when at= was last written
    this.playing = false;
    this.following = false;   // computing the rest of the run after a change, cursor at the end
    this.speed = 1;
    this.frame = 0;           // requestAnimationFrame id
    this.slicing = false;     // a compute slice is queued
    this.slicesRun = 0;       // compute slices the current run has taken so far
    this.presented = false;   // the page's first frame has been shown (see `boot`)
    this.slices = new MessageChannel();
    this.slices.port1.onmessage = () => this.slice();
    this.logY = true;         // view options, kept in the link as logy= and color=
    this.logColor = false;
    this.info = null;
    this.listeners = [];      // observers of changes and drawn steps (embedapi.js): fn(kind)

    this.base = $('base');
    this.overlay = $('overlay');
    this.loss = $('loss');
    this.language = new Language(this);
    this.readout = new Readout();
    this.playback = new Playback(this);
    this.share = new Share(this);
    this.presenter = new Presenter(this);
    // Built by `start`, after the first picture (see PARTS); null until then.
    this.controls = null;
    this.placement = null;
    for (const name of Object.keys(PARTS)) this[name] = null;

    $('logy').addEventListener('change', (e) => this.setView('logy', e.target.checked ? 'on' : 'off'));
    $('logc').addEventListener('change', (e) => this.setView('color', e.target.checked ? 'log' : 'linear'));
    $('problems-dismiss').addEventListener('click', () => { $('problems').hidden = true; });
    onLangChange(() => this.safe(() => { this.relabelProblems(); this.drawOverlay(); }));
    this.applyPage(this.hash.page);
  }

  /** Tells the observers that the run restarted (`restart`), the settings changed (`change`,
   * before the drawing that shows them) or a step was drawn (`shown`). */
  notify(kind) {
    for (const fn of this.listeners) fn(kind);
  }

  /** Runs `fn`, showing any exception in the page instead of throwing. */
  safe(fn, fallback = undefined) {
    try {
      return fn();
    } catch (err) {
      showError(err);
      return fallback;
    }
  }

  /**
   * Start-up in short tasks, the first picture first: the path, then a coarse surface under
   * it (the first picture), then the loss chart, the controls, each part of PARTS, the surface
   * at full resolution and everything else (the complete draw). Resolves when the page is
   * complete.
   */
  async start() {
    const step = async (fn) => { await nextTask(); this.safe(fn); };
    fit(this.base, [this.base, this.overlay]);
    fit(this.loss, [this.loss]);
    this.safe(() => {
      this.info = this.pg.info();
      this.syncView();
      this.hash.write(this.linkSettings());
      const at = this.pg.value('at');
      this.pinned = /^\d+$/.test(at) ? Number(at) : null;
      this.following = true;
      this.slicesRun = 0;
      this.compute(SLICE_MS);
    });
    // The path first: drawing it moves the view to hold it (a run leaving the landscape's
    // window), and the preview below is drawn for that view. Each piece of the first picture
    // is a task of its own: on two cores, where the wasm compiles beside the page, a task
    // takes two to three times its CPU time.
    await step(() => {
      const dpr = styleDpr();
      this.pg.render_overlay(context(this.overlay), this.overlay.width, this.overlay.height, dpr, this.cursor);
    });
    await step(() => this.drawPreview(true));
    await step(() => {
      this.drawPreview(false);
      performance.mark('descent-first-picture');
    });
    // The parts' modules are fetched and compiled while the next tasks run (a failure is
    // shown when its part is created).
    const modules = Object.entries(PARTS).map(([name, [module]]) => {
      const loading = module();
      loading.catch(() => {});
      return [name, loading];
    });
    await nextFrame();
    this.safe(() => {
      const dpr = styleDpr();
      this.showLogY(this.pg.render_loss(context(this.loss), this.loss.width, this.loss.height, dpr, this.cursor, this.logY));
    });
    await step(() => {
      this.controls = new Controls(this, $('controls'), this.hash.page);
      this.placement = new Placement();
      this.applyPage(this.hash.page);
      this.showProblems(this.pg.problems(), true);
    });
    for (const [name, module] of modules) await this.create(name, module);
    // The page's marked words that the parts registered (labels of their sections).
    translate(document);
    await step(() => {
      fit(this.base, [this.base, this.overlay]);
      fit(this.loss, [this.loss]);
      const dpr = styleDpr();
      this.pg.prepare_base(this.base.width, this.base.height, dpr, this.logColor);
    });
    await step(() => this.drawBase());
    await step(() => {
      this.syncView();
      if (this.hash.page.embed) $('open-full').href = this.share.link();
      this.controls.sync();
      this.scaling.update();
      this.compare.sync();
      if (this.baseSignature() !== this.baseKey) this.drawBase();
      this.drawOverlay();
      performance.mark('descent-complete');
    });
    watchSize([$('surface'), this.loss], () => this.safe(() => this.resize()));
  }

  /** Creates part `name` of PARTS from its `module` (a promise) in a task of its own. */
  async create(name, module) {
    try {
      const m = await module;
      await nextTask();
      this[name] = PARTS[name][1](m, this);
      if (name === 'lesson') this.lesson.show(this.hash.page.lesson);
    } catch (err) {
      showError(err);
    }
  }

  /**
   * The first surface, coarse: the base layer gets PREVIEW_SCALE times fewer device pixels a
   * side at the same CSS size (the same samples, fewer pixels to paint) and the browser
   * stretches it. Only a preview: `start` fits the canvas again and draws it in full. With
   * `computeOnly` it only computes the picture, which the next call draws.
   */
  drawPreview(computeOnly) {
    const dpr = styleDpr();
    const w = Math.max(1, Math.round(this.base.width / PREVIEW_SCALE));
    const h = Math.max(1, Math.round(this.base.height / PREVIEW_SCALE));
    if (computeOnly) {
      this.pg.prepare_base(w, h, dpr / PREVIEW_SCALE, this.logColor);
      return;
    }
    this.base.width = w;
    this.base.height = h;
    this.pg.render_base(context(this.base), w, h, dpr / PREVIEW_SCALE, this.logColor);
  }

  /** Applies the page-only options (embed mode, the controls and parts it shows, the lesson). */
  applyPage(page) {
    document.body.classList.toggle('embed', !!page.embed);
    // Presenter mode is the full page's; an embed keeps its own compact layout.
    const present = !!page.present && !page.embed;
    if (present !== this.presenter.on) {
      this.presenter.show(present);
      // The figures' sizes changed though their canvases may not have: draw them again.
      if (this.placement) requestAnimationFrame(() => this.safe(() => this.restyle()));
    }
    applyParts(page);
    this.pageProblems = partProblems(page);
    if (this.placement) this.placement.place();
    $('open-full').hidden = !page.embed;
    if (this.controls) this.controls.setVisibleKeys(page.embed ? (page.controls || []) : null);
    if (this.lesson) this.lesson.show(page.lesson);
  }

  // --- settings ---------------------------------------------------------------------------

  /** Replaces every setting; returns the problems. */
  setSettings(str) {
    return this.safe(() => {
      const problems = this.pg.set_settings(String(str));
      this.showProblems(problems, true);
      this.afterChange(true);
      return problems;
    }, []);
  }

  /** Sets one key from a control; returns the problems. An empty value resets the key. */
  setValue(key, value) {
    return this.safe(() => {
      const problems = value === '' ? (this.pg.reset_value(key), []) : this.pg.set_value(key, String(value));
      // The control shows its own problem; the banner gets what it did to other keys.
      this.showProblems(Array.from(problems || []).filter((p) => p.key !== key), false);
      this.afterChange();
      return problems;
    }, []);
  }

  /** Puts a key back to its default. */
  resetValue(key) {
    return this.safe(() => {
      this.pg.reset_value(key);
      this.afterChange();
      return [];
    }, []);
  }

  /**
   * The check boxes of view keys drawn on the 2-D surface (`quad`), built once from their
   * fields in the catalog (a key the core does not list gets none), then kept in step with
   * the settings; hidden where there is no 2-D surface.
   */
  surfaceToggles() {
    if (!this.toggles) {
      this.toggles = new Map();
      const bar = document.querySelector('.viewbar');
      const fields = (this.pg.catalog().fields || []).filter((f) => SURFACE_TOGGLES.includes(f.key) && f.kind === 'view' && f.control === 'toggle');
      for (const f of fields) {
        const label = document.createElement('label');
        label.className = 'surface-toggle';
        label.dataset.key = f.key;
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.id = `view-${f.key}`;
        box.addEventListener('change', () => this.setView(f.key, box.checked ? 'on' : 'off'));
        const text = document.createElement('span');
        label.append(box, ' ', text);
        if (bar) bar.querySelector('.walker-note')?.before(label);
        this.toggles.set(f.key, { label, box, text });
      }
      onLangChange(() => this.wordToggles());
      this.wordToggles();
    }
    const flat = !!this.info && this.info.dim === 2 && this.pg.value('view') !== '3d';
    for (const [key, { label, box }] of this.toggles) {
      box.checked = this.pg.value(key) === 'on';
      label.hidden = !flat;
    }
  }

  wordToggles() {
    for (const [key, { label, text }] of this.toggles) {
      text.textContent = t(`view.${key}`);
      label.title = t(`view.${key}.title`);
    }
  }

  /** Sets a view option (color, logy): the link and the drawing change, the run does not. */
  setView(key, value) {
    this.safe(() => {
      this.pg.set_value(key, value);
      this.hash.write(this.linkSettings());
      this.syncView();
      // A view option can change the figures' layout (3-D shows the mesh's canvas): the
      // canvases are fitted first, so that each figure is drawn once, at its new size.
      const { surface } = this.fitCanvases();
      if (surface || this.baseSignature() !== this.baseKey) this.drawBase();
      this.drawOverlay();
      this.notify('change');
    });
  }

  /** Reads the view options into the flags and the two check boxes. `color=auto` colours
   * logarithmically where the landscape's range is huge. */
  syncView() {
    const color = this.pg.value('color');
    this.logColor = color === 'log' || (color === 'auto' && !!(this.info && this.info.log_color));
    this.logY = this.pg.value('logy') !== 'off';
    $('logc').checked = this.logColor;
    $('logy').checked = this.logY;
    this.surfaceToggles();
    if (this.views) this.views.sync();
    this.language.sync();
  }

  /**
   * After any change: the run restarts; write the hash, sync controls, redraw, recompute.
   * A link's change (`fromLink`) shows its at= step; any other change shows the new run from
   * its end, as it is computed, so the old at= no longer applies.
   */
  afterChange(fromLink = false) {
    this.restart(fromLink, BUDGET_MS * 2);
    this.showChange();
  }

  /**
   * The run restarts on the new settings: the step to show, and the first steps computed for
   * at most `budget` ms (the compute slices do the rest). Nothing is drawn.
   */
  restart(fromLink, budget) {
    if (!fromLink && this.pg.value('at') !== '') this.pg.reset_value('at');
    this.info = this.pg.info();
    // at= (a link's shown step) is shown as soon as it is computed; omitted, the end is.
    const at = this.pg.value('at');
    this.pinned = /^\d+$/.test(at) ? Number(at) : null;
    if (this.playing) {
      this.following = false;
      this.cursor = 0;
    } else {
      this.following = true;
      this.slicesRun = 0;
      this.compute(budget);
    }
    this.notify('restart');
  }

  /** Shows changed settings: the view options, the link, the controls, panels and drawing. */
  showChange() {
    this.syncView();
    this.hash.write(this.linkSettings());
    if (this.hash.page.embed) $('open-full').href = this.share.link();
    // Null while the page starts (see PARTS); `start` syncs each once it exists.
    if (this.controls) this.controls.sync();
    if (this.scaling) this.scaling.update();
    if (this.compare) this.compare.sync();
    // The base layer depends on the landscape (and its data) only: a new lr or start keeps it.
    if (this.baseSignature() !== this.baseKey) this.drawBase();
    this.notify('change');
    this.drawOverlay();
    this.kick();
  }

  /** The settings as the link holds them: custom points beyond what a link holds are left
   * out (the share area offers a session file for them). */
  linkSettings() {
    return typeof this.pg.link_settings === 'function' ? this.pg.link_settings() : this.pg.settings();
  }

  /** Shows problems in the banner; `replace` clears earlier ones first. */
  showProblems(problems, replace) {
    const list = $('problems-list');
    const box = $('problems');
    if (replace) list.replaceChildren();
    // The page's own keys' problems (parts=) stay with the codec's after a new link.
    const items = [...(replace ? this.pageProblems || [] : []), ...Array.from(problems || [])];
    for (const p of items) {
      const li = document.createElement('li');
      li.problem = p;
      li.textContent = problemLine(p);
      li.dataset.key = p.key;
      li.className = p.severity === 'warning' ? 'warning' : 'bad';
      list.append(li);
    }
    const anyError = Array.from(list.children).some((li) => li.className === 'bad');
    $('problems-note').hidden = !anyError;
    $('problems-title').dataset.i18n = anyError ? 'problems.errors' : 'problems.notes';
    $('problems-title').textContent = t($('problems-title').dataset.i18n);
    if (items.length) box.hidden = false;
    if (!list.children.length) box.hidden = true;
  }

  /** Re-words the banner's lines after a language switch. */
  relabelProblems() {
    for (const li of $('problems-list').children) if (li.problem) li.textContent = problemLine(li.problem);
  }

  // --- the run and the cursor -------------------------------------------------------------

  /** The last computed step of the longest run (compared runs share the timeline). */
  last() {
    return this.pg.span() - 1;
  }

  /** Whether every run has stopped (nothing more to compute). */
  finished() {
    return this.pg.done();
  }

  /** The main run's point at step k (it may have stopped before a compared run). */
  mainPoint(k) {
    return this.pg.point(Math.min(k, this.pg.len() - 1));
  }

  /** Computes steps for at most `budget` ms, following the end; true when the run finished. */
  compute(budget) {
    const t0 = performance.now();
    // Steps a call: doubled while calls are short, and cut when one was long (a full-batch
    // step of logistic regression on 100,000 samples costs milliseconds); the next call of
    // compute starts from what this one learnt.
    let chunk = this.chunk || 64;
    while (!this.finished() && performance.now() - t0 < budget) {
      const t = performance.now();
      const taken = this.pg.step(chunk);
      if (!taken) break;
      const dt = performance.now() - t;
      if (dt < budget / 8) chunk *= 2;
      else if (dt > budget / 2) chunk = Math.max(1, Math.floor(chunk * budget / (4 * dt)));
    }
    this.chunk = Math.min(chunk, 64);
    this.cursor = this.pinned === null ? this.last() : Math.min(this.pinned, this.last());
    const done = this.finished();
    if (done) this.following = false;
    return done;
  }

  /** Makes sure step `k` is computed (as far as the run goes); returns the step reachable. */
  ensure(k) {
    const missing = k - this.last();
    if (missing > 0 && !this.finished()) this.pg.step(missing);
    return Math.min(k, this.last());
  }

  /** Shows step `k`; with `draw` false, the caller draws it later (drawOverlay, noteCursor). */
  seek(k, draw = true) {
    if (!Number.isFinite(k)) return;
    this.following = false;
    this.cursor = Math.max(0, this.ensure(Math.max(0, Math.floor(k))));
    if (!draw) return;
    this.drawOverlay();
    this.noteCursor();
  }

  /**
   * The user moved the shown step: it goes into the settings (so a copied link keeps it) at
   * once, and into the address bar at most every AT_EVERY_MS. The end of a finished run is
   * written as no at= at all, since that is what an omitted at= shows.
   */
  noteCursor() {
    this.pinned = null;
    this.safe(() => {
      const atEnd = this.cursor >= this.last() && this.finished();
      const want = atEnd ? '' : String(this.cursor);
      if (this.pg.value('at') === want) return;
      if (want === '') this.pg.reset_value('at'); else this.pg.set_value('at', want);
      const write = () => {
        this.atTimer = 0;
        this.atWritten = performance.now();
        this.safe(() => {
          this.hash.write(this.linkSettings());
          if (this.hash.page.embed) $('open-full').href = this.share.link();
        });
      };
      const wait = this.atWritten + AT_EVERY_MS - performance.now();
      if (wait <= 0) write();
      else if (!this.atTimer) this.atTimer = setTimeout(write, wait);
    });
  }

  /** Moves the shown step by `n` (negative goes back). */
  stepBy(n) {
    this.seek(this.cursor + n);
  }

  /** Computes the whole run and shows its end. */
  runToEnd() {
    this.pause();
    this.following = false;
    this.pg.run_to_end();
    this.cursor = this.last();
    this.drawOverlay();
    this.noteCursor();
  }

  play() {
    if (this.playing) return;
    if (this.cursor >= this.last() && this.finished()) this.cursor = 0;
    this.following = false;
    this.pinned = null;
    this.playing = true;
    this.playback.sync();
    this.kick();
  }

  pause() {
    if (!this.playing) return;
    this.playing = false;
    this.playback.sync();
    if (!this.following) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
  }

  toggle() {
    if (this.playing) this.pause(); else this.play();
  }

  /** Back to step 0 (the run is a pure function of the settings, so nothing is recomputed). */
  reset() {
    this.pause();
    this.seek(0);
  }

  /** Starts the animation loop, and the compute slices, if there is something to do. */
  kick() {
    if (!this.presented) return;
    if (!this.frame && (this.playing || this.following)) {
      this.frame = requestAnimationFrame(() => this.tick());
    }
    if (!this.slicing && this.following) {
      this.slicing = true;
      this.slices.port2.postMessage(0);
    }
  }

  /** One animation frame: while playing, step(speed); then draw the overlay and loss chart. */
  tick() {
    this.frame = 0;
    this.safe(() => {
      if (this.playing) {
        const target = this.cursor + this.speed;
        this.cursor = this.ensure(target);
        if (this.cursor >= this.last() && this.finished()) this.pause();
      }
      this.drawOverlay();
      if (this.playing || !this.following) this.noteCursor();
    });
    this.kick();
  }

  /** One background slice of a run being followed; the run's end is drawn when it comes. */
  slice() {
    this.slicing = false;
    if (!this.following) return;
    this.slicesRun += 1;
    this.safe(() => {
      if (this.compute(SLICE_MS)) this.drawOverlay();
    });
    this.kick();
  }

  // --- drawing ----------------------------------------------------------------------------

  resize() {
    // Canvases taken out of the document (a host replaced it) have nothing left to fit.
    if (!this.base.isConnected) return;
    const { surface, any } = this.fitCanvases();
    if (surface) this.drawBase();
    if (any) this.drawOverlay();
  }

  /** Fits every canvas to its box (the views draw their own bases when theirs changed);
   * says whether the surface's canvases and whether any canvas changed size. */
  fitCanvases() {
    if (!this.base.isConnected) return { surface: false, any: false };
    const surface = fit(this.base, [this.base, this.overlay]);
    const loss = fit(this.loss, [this.loss]);
    const views = this.views ? this.views.resize() : false;
    return { surface, any: surface || loss || views };
  }

  /** Presenter mode on or off, kept in the link as present=1. */
  setPresent(on) {
    this.hash.page.present = !!on;
    this.applyPage(this.hash.page);
    this.safe(() => this.hash.write(this.linkSettings()));
  }

  /** Draws every figure again at the current style scale (presenter mode changed). */
  restyle() {
    if (!this.base.isConnected) return;
    fit(this.base, [this.base, this.overlay]);
    fit(this.loss, [this.loss]);
    if (this.views) this.views.resize();
    this.drawBase();
    this.drawOverlay();
  }

  /** What the base layer depends on: the surface (the Playground's own cache key) and the
   * colour scale. */
  baseSignature() {
    return JSON.stringify([this.pg.surface_key(), this.logColor]);
  }

  /** The heatmap, contours, axes and minima (only when the landscape or size changes). */
  drawBase() {
    const dpr = styleDpr();
    this.baseKey = this.baseSignature();
    this.safe(() => this.pg.render_base(context(this.base), this.base.width, this.base.height, dpr, this.logColor));
    if (this.views) this.safe(() => this.views.drawBase());
    this.refineBase();
  }

  /**
   * An expensive surface (logistic regression on many samples) is drawn coarse first and
   * refined in short tasks of its own (tasks.js `Refiner`), the finer picture drawn as soon as
   * one is complete.
   */
  refineBase() {
    if (typeof this.pg.refine_base !== 'function') return;
    const args = () => [this.base.width, this.base.height, styleDpr(), this.logColor];
    if (this.safe(() => this.pg.base_done(...args()), true)) return;
    this.baseRefiner.run((fn, fallback) => this.safe(fn, fallback), (terms) => this.pg.refine_base(...args(), terms), () => {
      // A finer picture: drawn now (render_base finds it cached).
      this.baseKey = this.baseSignature();
      this.pg.render_base(context(this.base), this.base.width, this.base.height, styleDpr(), this.logColor);
      this.refined = (this.refined || 0) + 1;
    });
  }

  /** The trajectory up to the cursor, the loss chart and the read-out. */
  drawOverlay() {
    const dpr = styleDpr();
    this.safe(() => {
      const k = Math.min(this.cursor, this.last());
      this.cursor = k;
      // The view follows the path (a diverging run's first steps): when it changed, the base
      // layer is drawn again for it.
      if (this.pg.render_overlay(context(this.overlay), this.overlay.width, this.overlay.height, dpr, k)) this.drawBase();
      if (this.maths) this.maths.draw(k, context(this.overlay), this.overlay.width, this.overlay.height, dpr);
      this.showLogY(this.pg.render_loss(context(this.loss), this.loss.width, this.loss.height, dpr, k, this.logY));
      if (this.views) this.views.draw(k);
      this.playback.sync();
      const text = this.statusLine(k);
      const names = this.info && Array.isArray(this.info.axis_names) ? this.info.axis_names : ['x', 'y'];
      const axes = [names[0], this.info && this.info.dim === 1 ? 'y' : names[1]];
      if (this.compare) this.compare.showRuns();
      const point = this.mainPoint(k);
      // The curvature at the shown point, and the stable learning rates there (the core's).
      const curvature = this.pg.curvature(point.step);
      this.readout.show(point, text, this.info ? this.info.dim : 2, axes, curvature);
      if (this.controls) this.controls.showBand(curvature, point.lr);
      // Before its end a diverging run says so; at the end the status sentence does.
      const status = this.pg.status();
      showDiverging(status.name === 'diverged' && k < status.stop_step, status.stop_step);
      this.notify('shown');
    });
  }

  /**
   * The status sentence of the step on screen: the run's final reason when its end is shown,
   * "computing" while the end is being followed, else where step k stands and whether its
   * loss is falling.
   */
  statusLine(k) {
    const status = this.pg.status();
    const len = this.pg.len();
    const done = status.name !== 'running';
    if (k >= len - 1 && done) return statusText(status);
    if (this.following && this.pinned === null) return t('status.computing', { step: k });
    const at = this.mainPoint(k);
    const before = k > 0 ? this.mainPoint(k - 1) : null;
    return stepStatusText({
      step: k,
      total: done ? len - 1 : Number(this.pg.value('steps')),
      final: done,
      loss: at.loss,
      before: before ? before.loss : null,
    });
  }

  /**
   * The log-loss check box as the chart is drawn: asked for (logy=on) but impossible (a loss
   * at or below 0), it shows unticked and disabled, with the reason as its title; the link
   * keeps logy=on, so it comes back ticked when the loss allows it again.
   */
  showLogY(shown) {
    const box = $('logy');
    const label = box.closest('label');
    const impossible = this.logY && !shown;
    box.checked = this.logY && !impossible;
    box.disabled = impossible;
    const key = impossible ? 'chart.logy.off' : 'chart.logy.tip';
    for (const el of [label, box]) {
      if (!el) continue;
      el.dataset.i18nTitle = key;
      el.title = t(key);
    }
    if (label) label.classList.toggle('disabled', impossible);
  }

  /** Everything, synchronously (resize check included), the surface recomputed too. */
  redraw() {
    fit(this.base, [this.base, this.overlay]);
    fit(this.loss, [this.loss]);
    this.pg.forget_surface();
    this.drawBase();
    this.drawOverlay();
  }

  /** `{step,x,y,loss,gx,gy,lr,status}` at the shown step. */
  state() {
    const k = Math.min(this.cursor, this.pg.len() - 1);
    const p = this.pg.point(k);
    if (['x', 'y', 'loss', 'gx', 'gy', 'lr'].some((c) => typeof p[c] !== 'number')) {
      // Non-finite numbers arrive as null in points; the Float64Array columns keep them.
      const t = this.pg.trajectory();
      for (const c of ['x', 'y', 'loss', 'gx', 'gy', 'lr']) p[c] = t[c][k];
    }
    const s = this.pg.status();
    const status = k < this.pg.len() - 1 || s.name === 'running' ? 'running' : s.name;
    return {
      step: Number(p.step), x: p.x, y: p.y, loss: p.loss, gx: p.gx, gy: p.gy, lr: p.lr,
      status, statusText: k < this.pg.len() - 1 ? `step ${k} of ${this.pg.len() - 1}` : s.text,
    };
  }
}

/** The test and host-page API; `memory` is the wasm instance's memory, when there is one. */
function publish(app, memory) {
  window.descent = {
    ready: false,
    settings: () => app.pg.settings(),
    setSettings: (str) => Array.from(app.setSettings(str) || []),
    state: () => app.state(),
    step: (n = 1) => { app.pause(); app.stepBy(Number(n)); return app.state(); },
    runToEnd: () => { app.runToEnd(); return app.state(); },
    trajectory: () => app.pg.trajectory(),
    runs: () => Array.from(app.pg.runs() || []),
    redraw: () => app.redraw(),
    play: () => app.play(),
    pause: () => app.pause(),
    playing: () => app.playing,
    slices: () => app.slicesRun,
    link: () => app.hash.link(app.linkSettings()),
    catalog: () => app.pg.catalog(),
    pixelHash: (which = 'overlay') => pixelHash($(which)),
    /** The teaching views' helpers (null until start-up has loaded them). */
    get views() { return app.views ? app.views.api() : null; },
    stepMaths: (k) => app.pg.step_maths(Number(k)),
    /** The quad=on curve at point k: polylines of [θ, device pixel] pairs on the overlay. */
    quadCurve: (k) => { const o = $('overlay'); return app.pg.quad_curve(Number(k), o.width, o.height, styleDpr()); },
    /** The core's curvature at point k and the run's stable band there. */
    curvature: (k) => app.pg.curvature(Number(k)),
    /** The maths view's arrows as last drawn (device pixels), or null. */
    stepArrows: () => (app.maths && app.maths.arrows) || null,
    scaling: () => app.scaling.compute(),
    lossTicks: () => (typeof app.pg.loss_ticks === 'function' ? app.pg.loss_ticks() : null),
    exportText: (format = 'csv') => app.pg.export(String(format)),
    /** The sweep chart's axes and plot edges (CSS px), as last drawn. */
    sweepAxis: () => app.pg.sweep_axis(),
    /** The PNG download's figure: `{width, height, caption, captionTop}`. */
    exportFigure: () => app.exporter.figure(),
    /** Makes the run's GIF as Download → GIF does: {frames, width, height, size, ms}. */
    exportGif: async () => {
      const r = await app.exporter.gif();
      return r && { frames: r.frames, width: r.width, height: r.height, size: r.bytes.length, ms: r.ms };
    },
    /** The map of runs' helpers (map.js), null until start-up has loaded it. */
    get map() { return app.map ? app.map.api() : null; },
    /** Whether the surface's final picture is drawn (false while an expensive one is
     * refined), and how many refined pictures were drawn so far. */
    surfaceDone: () => app.pg.base_done(app.base.width, app.base.height, styleDpr(), app.logColor),
    surfaceRefined: () => app.refined || 0,
    /** The size of the wasm heap in bytes (its memory only grows), or null without wasm. */
    heapBytes: () => (memory ? memory.buffer.byteLength : null),
  };
  return window.descent;
}

/** View keys drawn on the 2-D surface that get a check box in the view bar. */
const SURFACE_TOGGLES = ['quad'];

/** Starts the page on a Playground class (the wasm one, or a stand-in for front-end tests). */
export function boot(Playground, memory = null, wasm = {}) {
  const app = new App(Playground);
  // The wasm module's other exports: the GIF encoder (gifexport.js) and the data file
  // readers (datadialog.js).
  app.wasm = wasm;
  const api = publish(app, memory);
  // In a frame, host pages on any origin may drive the page by messages (embed.js). The
  // protocol's module is fetched now, beside the start-up, and started once every part
  // exists, before the page says it is ready: a host that posts at `ready` is heard.
  const embedApi = window.parent !== window
    ? import('./embedapi.js').catch((err) => { console.warn('descent: embed messages off:', err); return null; })
    : Promise.resolve(null);
  app.start().then(async () => {
    const messages = await embedApi;
    if (messages) app.safe(() => messages.startEmbedApi(app, api));
    // Lay the finished page out now, in the last start-up task, and let the next frame only
    // show it: its painting and compositing alone take a while, so animation and compute
    // slices start after it rather than adding to it.
    void document.body.offsetHeight;
    requestAnimationFrame(() => setTimeout(() => {
      app.presented = true;
      app.kick();
    }, 0));
    api.ready = true;
    api.readyAt = performance.now();
    document.dispatchEvent(new CustomEvent('descent-ready'));
  });
  return app;
}

async function main() {
  const { bindings, exports } = await load();
  if (typeof bindings.Playground !== 'function') {
    throw new Error('the wasm module has no Playground class (is this the placeholder build?)');
  }
  boot(bindings.Playground, exports && exports.memory, bindings);
}

if (bootScript) {
  main().catch((err) => {
    showError(err);
    window.descent = Object.assign(window.descent || {}, { ready: false, error: String(err) });
  });
}

// Downloads: the figure as PNG (what the page shows: the surface or the 3-D mesh, the data
// view beside it, the loss chart below, redrawn at a readable size, with a caption of the
// settings), the run as an animated GIF (gifexport.js, loaded on the first click), and the
// whole run as CSV or JSON in exactly the form `descent run SETTINGS
// --format csv|json` prints (the same Rust formatter, through Playground.export).

import { register, t, onLangChange } from './i18n.js';
import { context, styleDpr } from './canvas.js';
import { nextTask } from './tasks.js';
import { fmtNum } from './maths.js';

register({
  en: {
    'export.label': 'Download',
    'export.png': 'PNG',
    'export.csv': 'CSV',
    'export.json': 'JSON',
    'export.png.title': 'Download the figure and the loss chart as a PNG image, with the settings written under it',
    'export.caption': 'Optimizer {opt} · learning rate {lr} · step {step} of {last}',
    'export.settings': 'Settings: {settings}',
    'export.csv.title': 'Download the whole trajectory as CSV (the same as `descent run`)',
    'export.json.title': 'Download the whole run as JSON (the same as `descent run --format json`)',
    'export.gif': 'GIF',
    'export.gif.title': 'Download the run as an animated GIF (640×480, up to 200 frames), for slides and chat (the same as `descent render -o run.gif`)',
    'gif.progress': 'GIF: frame {done} of {total}',
    'gif.cancel': 'Cancel',
    'gif.cancel.title': 'Stop making the GIF',
    'gif.done': 'GIF: {frames} frames, {kb} KB',
    'gif.cancelled': 'GIF cancelled',
    'gif.changed': 'the settings changed while the GIF was being made, so it was cancelled',
  },
  zh: {
    'export.label': '下载',
    'export.png': 'PNG',
    'export.csv': 'CSV',
    'export.json': 'JSON',
    'export.png.title': '将图形和损失曲线下载为 PNG 图片，图下注明设置',
    'export.caption': '优化器 {opt} · 学习率 {lr} · 第 {step} 步（共 {last} 步）',
    'export.settings': '设置：{settings}',
    'export.csv.title': '将整条轨迹下载为 CSV（与 `descent run` 相同）',
    'export.json.title': '将整个运行下载为 JSON（与 `descent run --format json` 相同）',
    'export.gif': 'GIF',
    'export.gif.title': '将运行下载为 GIF 动画（640×480，最多 200 帧），用于幻灯片和聊天（与 `descent render -o run.gif` 相同）',
    'gif.progress': 'GIF：第 {done} 帧，共 {total} 帧',
    'gif.cancel': '取消',
    'gif.cancel.title': '停止生成 GIF',
    'gif.done': 'GIF：{frames} 帧，{kb} KB',
    'gif.cancelled': '已取消 GIF',
    'gif.changed': '生成 GIF 时设置发生了变化，因此已取消',
  },
});

/** A file name from the settings: descent-<landscape>-<optimizer>[-step<k>].<ext>. */
export function fileName(app, ext, step) {
  const safe = (s) => String(s).replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 40);
  const parts = ['descent', safe(app.pg.value('f')), safe(app.pg.value('opt'))];
  if (step !== undefined) parts.push(`step${step}`);
  return `${parts.join('-')}.${ext}`;
}

/** Offers a Blob as a download under `name`. */
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The exported figure is at least this wide (device pixels of the PNG). */
export const EXPORT_MIN_WIDTH = 1200;

/** A detached canvas of `w × h` pixels. */
function canvasOf(w, h) {
  const c = document.createElement('canvas');
  c.width = Math.max(1, Math.round(w));
  c.height = Math.max(1, Math.round(h));
  return c;
}

/** Splits `text` into lines no wider than `width` on `ctx`, breaking after `&`, `,` or `~`. */
function wrapText(ctx, text, width) {
  const pieces = text.split(/(?<=[&,~])/);
  const lines = [];
  let line = '';
  for (const p of pieces) {
    if (line && ctx.measureText(line + p).width > width) {
      lines.push(line);
      line = '';
    }
    line += p;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The figure the page shows, redrawn by the same Rust code at `scale` device pixels per CSS
 * pixel (at least 2, and enough to make it EXPORT_MIN_WIDTH wide): the surface (base,
 * overlay and the maths view's arrows) or the 3-D mesh, the data view beside or below it as
 * on the page, the loss chart under them, and a caption (optimizer, learning rate, step and
 * the settings string). Returns `{canvas, caption, captionTop}`.
 */
export function renderFigure(app) {
  const dpr = window.devicePixelRatio || 1;
  const k = Math.min(app.cursor, app.last());
  const pg = app.pg;
  const threeD = app.views.view3d.active();
  const main = threeD ? app.views.view3d.mesh : app.base;
  const dataShown = app.views.data.shown();
  const css = (c) => ({ w: c.width / dpr, h: c.height / dpr });
  const m = css(main);
  const d = dataShown ? css(app.views.data.canvas) : null;
  // Beside (wide page) or below (narrow page), as the page shows them.
  const beside = !!d && app.views.data.canvas.getBoundingClientRect().top
    < main.getBoundingClientRect().bottom - 1;
  const rowW = d && beside ? m.w + d.w : m.w;
  const scale = Math.max(2, EXPORT_MIN_WIDTH / rowW);
  const gap = Math.round(8 * scale);
  const px = (v) => Math.round(v * scale);

  const layers = [];
  const mw = px(m.w);
  const mh = px(m.h);
  if (threeD) {
    const mesh = canvasOf(mw, mh);
    const top = canvasOf(mw, mh);
    pg.render_mesh(context(mesh), mw, mh, scale, app.logColor);
    pg.render_mesh_path(context(top), mw, mh, scale, k, app.logColor, t('view.mesh.hidden'));
    layers.push([mesh, 0, 0], [top, 0, 0]);
  } else {
    const base = canvasOf(mw, mh);
    const over = canvasOf(mw, mh);
    // The final surface, however long a surface still being refined on the page takes.
    pg.finish_base(mw, mh, scale, app.logColor);
    pg.render_base(context(base), mw, mh, scale, app.logColor);
    pg.render_overlay(context(over), mw, mh, scale, k);
    app.maths.draw(k, context(over), mw, mh, scale);
    layers.push([base, 0, 0], [over, 0, 0]);
  }
  let width = mw;
  let height = mh;
  if (d) {
    const dw = px(d.w);
    const dh = px(d.h);
    const data = canvasOf(dw, dh);
    pg.render_data(context(data), dw, dh, scale, k);
    if (beside) {
      layers.push([data, mw + gap, 0]);
      width = mw + gap + dw;
      height = Math.max(mh, dh);
    } else {
      layers.push([data, 0, mh + gap]);
      width = Math.max(mw, dw);
      height = mh + gap + dh;
    }
  }
  // The loss chart across the whole width, its text as large as the figure's.
  const l = css(app.loss);
  if (l.w > 0 && l.h > 0) {
    const lw = width;
    const lh = Math.round(Math.min(l.h * scale, width * 0.45));
    const loss = canvasOf(lw, lh);
    pg.render_loss(context(loss), lw, lh, scale, k, app.logY);
    layers.push([loss, 0, height + gap]);
    height += gap + lh;
  }

  // The caption.
  const st = app.state();
  const caption = [
    t('export.caption', { opt: pg.value('opt'), lr: fmtNum(st.lr), step: k, last: app.last() }),
    t('export.settings', { settings: app.linkSettings() }),
  ];
  const pad = px(10);
  const font1 = `${px(14)}px sans-serif`;
  const font2 = `${px(12)}px monospace`;
  const measure = context(canvasOf(1, 1));
  measure.font = font2;
  const settingsLines = wrapText(measure, caption[1], width - 2 * pad);
  const lineH1 = px(20);
  const lineH2 = px(17);
  const captionTop = height + gap;
  const total = captionTop + pad + lineH1 + settingsLines.length * lineH2 + pad;

  const out = canvasOf(width, total);
  const ctx = context(out);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  for (const [c, x, y] of layers) ctx.drawImage(c, x, y);
  ctx.fillStyle = '#f3f3f6';
  ctx.fillRect(0, captionTop, width, total - captionTop);
  ctx.fillStyle = '#202028';
  ctx.textBaseline = 'top';
  ctx.font = font1;
  ctx.fillText(caption[0], pad, captionTop + pad);
  ctx.font = font2;
  settingsLines.forEach((line, i) => ctx.fillText(line, pad, captionTop + pad + lineH1 + i * lineH2));
  return { canvas: out, caption, captionTop };
}

/** Puts the page's own canvases back after an export drew at another size (the surface and
 * the mesh are cached per size). */
function restore(app) {
  app.views.view3d.meshKey = null;
  app.drawBase();
  app.drawOverlay();
}

/** renderFigure, then the page redrawn as it was. */
export function exportFigure(app) {
  try {
    return renderFigure(app);
  } finally {
    restore(app);
  }
}

/** The three download buttons in `box`. */
export class Exporter {
  constructor(app, box) {
    this.app = app;
    this.box = box;
    this.title = document.createElement('span');
    this.title.className = 'tools-label';
    this.buttons = {};
    box.append(this.title);
    for (const kind of ['png', 'gif', 'csv', 'json']) {
      const b = document.createElement('button');
      b.type = 'button';
      b.id = `export-${kind}`;
      b.addEventListener('click', () => this.app.safe(() => this.download(kind)));
      this.buttons[kind] = b;
      box.append(b);
    }
    // The GIF's progress, its Cancel and its result (shown while and after it is made).
    this.gifBox = document.createElement('span');
    this.gifBox.className = 'gif-progress';
    this.gifBox.hidden = true;
    this.gifBar = document.createElement('progress');
    this.gifBar.max = 1;
    this.gifBar.value = 0;
    this.gifText = document.createElement('span');
    this.gifText.id = 'gif-status';
    this.gifText.setAttribute('role', 'status');
    this.gifBar.setAttribute('aria-labelledby', 'gif-status');
    this.gifCancel = document.createElement('button');
    this.gifCancel.type = 'button';
    this.gifCancel.id = 'gif-cancel';
    this.gifCancel.addEventListener('click', () => { this.gifCancelled = true; });
    this.gifBox.append(this.gifBar, this.gifText, this.gifCancel);
    box.append(this.gifBox);
    this.gifRunning = null;
    this.label();
    onLangChange(() => this.label());
  }

  label() {
    this.title.textContent = t('export.label');
    for (const [kind, b] of Object.entries(this.buttons)) {
      b.textContent = t(`export.${kind}`);
      b.title = t(`export.${kind}.title`);
    }
    this.gifCancel.textContent = t('gif.cancel');
    this.gifCancel.title = t('gif.cancel.title');
  }

  /**
   * Makes the run's GIF (one at a time), showing its progress; resolves to
   * `{bytes, frames, width, height, ms}` or null when cancelled. The page is drawn again as
   * it was afterwards.
   */
  gif() {
    if (this.gifRunning) return this.gifRunning;
    const app = this.app;
    app.pause();
    this.gifCancelled = false;
    this.gifBox.hidden = false;
    this.gifCancel.hidden = false;
    this.gifBar.value = 0;
    this.gifText.textContent = t('gif.progress', { done: 0, total: '…' });
    this.buttons.gif.disabled = true;
    const run = (async () => {
      try {
        const m = await import('./gifexport.js');
        const r = await m.makeGif(app, {
          cancelled: () => this.gifCancelled,
          onProgress: (done, total) => {
            this.gifBar.value = done / total;
            this.gifText.textContent = t('gif.progress', { done, total });
          },
        });
        this.gifText.textContent = r
          ? t('gif.done', { frames: r.frames, kb: Math.max(1, Math.round(r.bytes.length / 1024)) })
          : t('gif.cancelled');
        return r;
      } catch (err) {
        this.gifText.textContent = '';
        this.gifBox.hidden = true;
        throw err;
      } finally {
        this.gifCancel.hidden = true;
        this.buttons.gif.disabled = false;
        this.gifRunning = null;
        // The page's surface, computed again at its own size in a task of its own (as at
        // start-up), then drawn.
        await nextTask();
        app.safe(() => app.pg.prepare_base(app.base.width, app.base.height, styleDpr(), app.logColor));
        await nextTask();
        restore(app);
      }
    })();
    this.gifRunning = run;
    return run;
  }

  /** Draws the PNG's figure; its size, caption and where the caption starts (for tests). */
  figure() {
    const r = exportFigure(this.app);
    return { width: r.canvas.width, height: r.canvas.height, caption: r.caption, captionTop: r.captionTop };
  }

  download(kind) {
    const app = this.app;
    if (kind === 'gif') {
      this.gif().then((r) => {
        if (r) save(new Blob([r.bytes], { type: 'image/gif' }), fileName(app, 'gif'));
      }, (err) => app.safe(() => { throw err; }));
      return;
    }
    if (kind === 'png') {
      const { canvas } = exportFigure(app);
      this.last = canvas;
      canvas.toBlob((blob) => { if (blob) save(blob, fileName(app, 'png', app.cursor)); }, 'image/png');
      return;
    }
    const text = app.pg.export(kind);
    const type = kind === 'csv' ? 'text/csv' : 'application/json';
    save(new Blob([text], { type }), fileName(app, kind));
  }
}

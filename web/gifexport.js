// The run as an animated GIF (Download → GIF): the page's own figure (the surface with the
// path, the 1-D walker, or the 3-D mesh), drawn by the same Rust code at GIF_SIZE for each
// frame's step, and encoded in wasm by GifMaker (the encoder of `descent render -o
// FILE.gif`: at most 200 frames spread evenly, one palette, only what changed per frame).
// The frames are drawn and encoded a few at a time, in tasks of at most SLICE_MS, so the page
// keeps answering; progress is reported and the export can be cancelled.

import { context } from './canvas.js';
import { t } from './i18n.js';
import { nextTask } from './tasks.js';

/** The GIF's size in pixels: a slide's figure, small enough for chat. */
export const GIF_SIZE = [640, 480];

/** The longest a task of the export may run before it yields to the page. */
const SLICE_MS = 30;

function canvasOf(w, h) {
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  return c;
}

/**
 * Encodes the run's GIF. `onProgress(done, total)` is called after each task; `cancelled()`
 * is asked before each frame. Resolves to `{bytes, frames, width, height, ms}` or null when
 * cancelled; rejects if the settings changed meanwhile.
 */
export async function makeGif(app, { onProgress = () => {}, cancelled = () => false } = {}) {
  const started = performance.now();
  const [w, h] = GIF_SIZE;
  const pg = app.pg;
  const settings = pg.settings();
  const steps = Array.from(app.wasm.gif_frame_steps(0, app.last()));
  const threeD = !!(app.views && app.views.view3d.active());
  const base = canvasOf(w, h);
  const over = canvasOf(w, h);
  const out = canvasOf(w, h);
  const baseCtx = context(base);
  const overCtx = context(over);
  const outCtx = out.getContext('2d', { willReadFrequently: true });
  const drawBase = () => {
    if (threeD) pg.render_mesh(baseCtx, w, h, 1, app.logColor);
    else pg.render_base(baseCtx, w, h, 1, app.logColor);
  };
  // The surface at the GIF's size is computed in a task of its own, then drawn in the next.
  if (!threeD) {
    pg.prepare_base(w, h, 1, app.logColor);
    await nextTask();
  }
  const frame = (k) => {
    overCtx.clearRect(0, 0, w, h);
    if (threeD) {
      pg.render_mesh_path(overCtx, w, h, 1, k, app.logColor, t('view.mesh.hidden'));
    } else if (pg.render_overlay(overCtx, w, h, 1, k)) {
      // The path left the view, which moved to hold it: the base follows, as on the page.
      drawBase();
      overCtx.clearRect(0, 0, w, h);
      pg.render_overlay(overCtx, w, h, 1, k);
    }
    outCtx.fillStyle = '#ffffff';
    outCtx.fillRect(0, 0, w, h);
    outCtx.drawImage(base, 0, 0);
    outCtx.drawImage(over, 0, 0);
    return outCtx.getImageData(0, 0, w, h).data;
  };

  drawBase();
  await nextTask();
  // The palette comes from the first and the last frame (the path's whole extent).
  const lastFrame = frame(steps[steps.length - 1]);
  await nextTask();
  const firstFrame = frame(steps[0]);
  await nextTask();
  if (cancelled()) return null;
  const gif = new app.wasm.GifMaker(w, h, firstFrame, lastFrame);
  await nextTask();
  try {
    let i = 0;
    while (i < steps.length) {
      const sliceStart = performance.now();
      do {
        if (cancelled()) return null;
        gif.add(i === 0 ? firstFrame : frame(steps[i]));
        i += 1;
      } while (i < steps.length && performance.now() - sliceStart < SLICE_MS);
      onProgress(i, steps.length);
      await nextTask();
      if (pg.settings() !== settings) throw new Error(t('gif.changed'));
    }
    const bytes = gif.finish();
    return { bytes, frames: steps.length, width: w, height: h, ms: performance.now() - started };
  } finally {
    gif.free();
  }
}

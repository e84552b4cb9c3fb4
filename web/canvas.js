// Canvas sizing: each canvas gets CSS size × devicePixelRatio backing pixels, so it is crisp
// at any zoom. A ResizeObserver reports size changes; the caller decides what to redraw.

/**
 * How much larger than usual the figures draw their text, lines and markers: 1, or
 * PRESENT_SCALE in presenter mode (present.js). The canvases keep devicePixelRatio backing
 * pixels a CSS pixel; only the figures' sizes grow, so a projector at the back of a room
 * shows legible ticks and thick paths.
 */
let styleScale = 1;

/** Presenter mode's text and line scale. */
export const PRESENT_SCALE = 1.75;

/** Sets the figures' style scale (1 outside presenter mode). */
export function setStyleScale(scale) {
  styleScale = Number.isFinite(scale) && scale > 0 ? scale : 1;
}

/**
 * The `dpr` the figures are drawn with: device pixels per CSS pixel of their text and lines
 * (devicePixelRatio × the style scale). The figures' layouts are in these units, so a CSS
 * position on a canvas goes to them through `toStyle`.
 */
export function styleDpr() {
  return (window.devicePixelRatio || 1) * styleScale;
}

/** A CSS length on a canvas in the units of the figures' layouts (see `styleDpr`). */
export function toStyle(css) {
  return css / styleScale;
}

/** The 2-D context of a canvas. */
export function context(canvas) {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser gives no 2-D canvas context');
  return ctx;
}

/** Sets the backing size of `canvases` from the CSS size of `box`; true when it changed. */
export function fit(box, canvases) {
  const dpr = window.devicePixelRatio || 1;
  const rect = box.getBoundingClientRect();
  const w = Math.max(1, Math.round(rect.width * dpr));
  const h = Math.max(1, Math.round(rect.height * dpr));
  let changed = false;
  for (const c of canvases) {
    if (c.width !== w || c.height !== h) {
      c.width = w;
      c.height = h;
      changed = true;
    }
  }
  return changed;
}

/** Calls `onResize()` (once per frame at most) whenever one of `boxes` changes size or the dpr changes. */
export function watchSize(boxes, onResize) {
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onResize();
    });
  };
  const ro = new ResizeObserver(schedule);
  for (const b of boxes) ro.observe(b);
  const watchDpr = () => {
    const mq = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    mq.addEventListener('change', () => { schedule(); watchDpr(); }, { once: true });
  };
  watchDpr();
  return ro;
}

/** A short hash of a canvas's pixels (for tests: did the drawing change?). */
export function pixelHash(canvas) {
  const { data } = context(canvas).getImageData(0, 0, canvas.width, canvas.height);
  let h = 2166136261;
  for (let i = 0; i < data.length; i += 1) {
    h ^= data[i];
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0).toString(16);
}

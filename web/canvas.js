// Canvas sizing: each canvas gets CSS size × devicePixelRatio backing pixels, so it is crisp
// at any zoom. A ResizeObserver reports size changes; the caller decides what to redraw.

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

// The plain-JS reference for the redraw budget: the same rosenbrock heatmap (log colour scale,
// viridis) and contour lines that the wasm page draws, written directly in JavaScript.
//
// `plainSurface` is passed to page.evaluate, so it must be self-contained. It samples the
// same grid size as the page (one sample per 2 CSS px), colours it through a 256-entry
// viridis table, blits it with one putImageData + drawImage, traces the same ten log-spaced
// levels with marching squares and strokes them. It draws no axes, labels or trajectory, so
// it does less than the page's redraw: the comparison favours JS.

/** Times `runs` full draws (after `warmup`) on a fresh w×h canvas; returns milliseconds. */
export function plainSurface({ w, h, nx, ny, runs, warmup }) {
  const [x0, x1, y0, y1] = [-2, 2, -1, 3];
  const f = (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
  const levels = [0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000];
  // Viridis as a degree-6 polynomial per channel, tabulated once.
  const c = [
    [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
    [0.1050930431085774, 1.404613529898575, 1.384590162594685],
    [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
    [-4.634230498983486, -5.799100973351585, -19.33244095627987],
    [6.228269936347081, 14.17993336680509, 56.69055260068105],
    [4.776384997670288, -13.74514537774601, -65.35303263337234],
    [-5.435455855934631, 4.645852612178535, 26.3124352495832],
  ];
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i += 1) {
    const t = i / 255;
    for (let k = 0; k < 3; k += 1) {
      let v = c[6][k];
      for (let d = 5; d >= 0; d -= 1) v = c[d][k] + t * v;
      lut[i * 3 + k] = Math.round(v * 255);
    }
  }
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  const scratch = document.createElement('canvas');
  scratch.width = nx;
  scratch.height = ny;
  const sctx = scratch.getContext('2d');

  function draw() {
    const grid = new Float64Array(nx * ny);
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < ny; j += 1) {
      const y = y1 - ((j + 0.5) / ny) * (y1 - y0);
      for (let i = 0; i < nx; i += 1) {
        const v = f(x0 + ((i + 0.5) / nx) * (x1 - x0), y);
        grid[j * nx + i] = v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    const offset = Math.max((hi - lo) * 1e-6, 1e-12);
    const span = Math.log(hi - lo + offset) - Math.log(offset);
    const img = sctx.createImageData(nx, ny);
    const px = img.data;
    for (let p = 0; p < nx * ny; p += 1) {
      const t = (Math.log(grid[p] - lo + offset) - Math.log(offset)) / span;
      const q = Math.max(0, Math.min(255, Math.round(t * 255))) * 3;
      px[p * 4] = lut[q];
      px[p * 4 + 1] = lut[q + 1];
      px[p * 4 + 2] = lut[q + 2];
      px[p * 4 + 3] = 255;
    }
    sctx.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(scratch, 0, 0, w, h);
    // Marching squares, one stroked path per level.
    const sx = w / nx;
    const sy = h / ny;
    ctx.strokeStyle = 'rgba(255,255,255,0.6)';
    ctx.lineWidth = 2;
    for (const level of levels) {
      ctx.beginPath();
      for (let j = 0; j + 1 < ny; j += 1) {
        for (let i = 0; i + 1 < nx; i += 1) {
          const a = grid[j * nx + i] - level;
          const b = grid[j * nx + i + 1] - level;
          const cc = grid[(j + 1) * nx + i + 1] - level;
          const d = grid[(j + 1) * nx + i] - level;
          const pts = [];
          if ((a < 0) !== (b < 0)) pts.push([i + a / (a - b), j]);
          if ((b < 0) !== (cc < 0)) pts.push([i + 1, j + b / (b - cc)]);
          if ((cc < 0) !== (d < 0)) pts.push([i + 1 - cc / (cc - d), j + 1]);
          if ((d < 0) !== (a < 0)) pts.push([i, j + 1 - d / (d - a)]);
          for (let k = 0; k + 1 < pts.length; k += 2) {
            ctx.moveTo((pts[k][0] + 0.5) * sx, (pts[k][1] + 0.5) * sy);
            ctx.lineTo((pts[k + 1][0] + 0.5) * sx, (pts[k + 1][1] + 0.5) * sy);
          }
        }
      }
      ctx.stroke();
    }
    // Read one pixel back so the drawing is really done before the clock stops.
    ctx.getImageData(0, 0, 1, 1);
  }

  const out = [];
  for (let r = 0; r < warmup + runs; r += 1) {
    const t0 = performance.now();
    draw();
    const t1 = performance.now();
    if (r >= warmup) out.push(t1 - t0);
  }
  return out;
}

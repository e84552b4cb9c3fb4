// Browser benchmark: loads the served page in headless Chromium and prints one JSON object.
//
// Usage: node tests/bench/bench.mjs --url http://127.0.0.1:PORT/ [--loads 5] [--runs 30] [--warmup 30]
// The page is opened at a 1150×950 viewport with devicePixelRatio 2, which makes the surface
// canvas 1600×1199 device pixels. It measures, against the budgets of the page issue:
// - first_draw_ms: navigation to the first complete draw (window.descent.readyAt), fresh loads;
// - redraw_ms: window.descent.redraw() on rosenbrock (surface recomputed, overlay, loss chart);
// - plain_js_ms: the same heatmap and contours written in plain JS (plain-surface.mjs);
// - frame_ms: one playing frame (steps + overlay + loss chart + read-out) on a 2,000-step run;
// - long_frame_ms: frames on a 100,000-point run, the whole path drawn decimated;
// - long_run_1e6: three fresh loads of a 1,000,000-step run, with the long tasks after ready.
// Each draw ends by reading one pixel back, so the clock includes the canvas work.
// `cargo xtask bench` serves dist/ and passes the .wasm sizes in DESCENT_WASM_(GZ_)BYTES.
import { chromium } from '@playwright/test';
import { plainSurface } from './plain-surface.mjs';

/** Command-line options with defaults. */
function options(argv) {
  // Both the redraw and its plain-JS reference reach their steady speed only after some
  // 20-40 runs (V8 optimises the JS reference, and the wasm's JS imports, over that many
  // calls), so each is timed after 30 untimed runs; `--warmup 3` shows the early runs.
  const opts = { url: 'http://127.0.0.1:8080/', loads: 5, runs: 30, warmup: 30 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in opts) || argv[i + 1] === undefined) throw new Error(`unknown or incomplete option ${argv[i]}`);
    opts[key] = key === 'url' ? argv[i + 1] : Number(argv[i + 1]);
  }
  return opts;
}

/** Minimum, median, mean and maximum of a list of milliseconds, rounded to 0.01 ms. */
function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const r = (x) => Math.round(x * 100) / 100;
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { n: s.length, min: r(s[0]), median: r(mid), mean: r(s.reduce((a, b) => a + b, 0) / s.length), max: r(s[s.length - 1]) };
}

/** Times `fn` in the page `runs` times after `warmup` untimed calls; returns milliseconds. */
async function timeInPage(page, body, { runs, warmup }) {
  return page.evaluate(
    async ({ body, runs, warmup }) => {
      const fn = new Function(body);
      const out = [];
      for (let i = 0; i < warmup + runs; i += 1) {
        const t0 = performance.now();
        fn();
        const t1 = performance.now();
        if (i >= warmup) out.push(t1 - t0);
      }
      return out;
    },
    { body, runs, warmup },
  );
}

/** Every in-page measurement after the first draw. */
async function measure(page, opts) {
  const flush = "document.getElementById('base').getContext('2d').getImageData(0, 0, 1, 1);"
    + "document.getElementById('overlay').getContext('2d').getImageData(0, 0, 1, 1);";
  const size = await page.evaluate(() => {
    const b = document.getElementById('base');
    return { width: b.width, height: b.height };
  });
  const redraw = stats(await timeInPage(page, `window.descent.redraw(); ${flush}`, opts));
  // The page samples the plot rectangle (the canvas less 62×48 CSS px of margins) every 2 CSS px.
  const nx = Math.ceil((size.width - 124) / 4);
  const ny = Math.ceil((size.height - 96) / 4);
  const plain = stats(await page.evaluate(plainSurface, { w: size.width, h: size.height, nx, ny, runs: opts.runs, warmup: opts.warmup }));

  await page.evaluate(() => window.descent.setSettings('f=rosenbrock&opt=adam&lr=0.01&steps=2000&tol=0'));
  await page.evaluate(() => { window.descent.runToEnd(); window.descent.step(-1e9); });
  const frame = stats(await timeInPage(page, `window.descent.step(10); ${flush}`, { runs: 150, warmup: 5 }));

  await page.evaluate(() => window.descent.setSettings('f=rosenbrock&opt=adam&lr=0.001&steps=100000&tol=0'));
  const points = await page.evaluate(() => { window.descent.runToEnd(); return window.descent.trajectory().x.length; });
  const longFrame = stats(await timeInPage(page, `window.descent.step(-1); ${flush}`, { runs: 60, warmup: 3 }));
  return {
    surface_px: size,
    redraw_ms: redraw,
    plain_js_ms: { grid: [nx, ny], ...plain },
    plain_js_over_wasm: Math.round((plain.median / redraw.median) * 100) / 100,
    frame_ms: frame,
    long_run_points: points,
    long_frame_ms: longFrame,
  };
}

/**
 * A 1,000,000-step adam run computed by the page after a fresh load (800×600, DPR 1, as the
 * long-run test): every long task (over 50 ms) the browser reports after the page is ready,
 * until the run is done. Nothing is evaluated in the page meanwhile (Playwright's own scripts
 * would be long tasks too): the page is watched through console messages it sends itself.
 */
async function longRun(browser, url) {
  const steps = 1_000_000;
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const page = await context.newPage();
  await page.addInitScript((steps) => {
    const tasks = [];
    let frames = 0;
    const count = () => { frames += 1; requestAnimationFrame(count); };
    requestAnimationFrame(count);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    const watch = setInterval(() => {
      const d = window.descent;
      if (!d?.ready || d.state().step !== steps) return;
      clearInterval(watch);
      const ready = d.readyAt;
      const after = tasks.filter(([start]) => start >= ready).map(([, ms]) => Math.round(ms));
      console.log(`LONGRUN ${JSON.stringify({ compute_ms: Math.round(performance.now() - ready), frames, long_tasks_after_ready: after, heap_mb: Math.round(d.heapBytes() / 1048576 * 10) / 10 })}`);
    }, 100);
  }, steps);
  const done = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('LONGRUN '), timeout: 180_000 });
  await page.goto(`${url}#f=rosenbrock&opt=adam&steps=${steps}&tol=0`);
  const report = JSON.parse((await done).text().slice('LONGRUN '.length));
  await context.close();
  return { steps, ...report, worst_long_task_ms: Math.max(0, ...report.long_tasks_after_ready) };
}

const opts = options(process.argv.slice(2));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const errors = [];
const firstDraw = [];
let measured = {};
try {
  for (let load = 0; load < opts.loads; load += 1) {
    // A fresh context per load: no HTTP cache, no compiled-module cache carried over.
    const context = await browser.newContext({ viewport: { width: 1150, height: 950 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${opts.url}#f=rosenbrock`);
    await page.waitForFunction(() => window.descent?.ready === true, null, { polling: 5, timeout: 30_000 });
    // Prefer the page's own timestamp; else the moment we saw `ready` (5 ms polling).
    firstDraw.push(await page.evaluate(() => window.descent.readyAt ?? performance.now()));

    if (load === opts.loads - 1) {
      measured = await measure(page, opts);
    }
    await context.close();
  }
  measured.long_run_1e6 = [];
  for (let i = 0; i < 3; i += 1) measured.long_run_1e6.push(await longRun(browser, opts.url));
} finally {
  await browser.close();
}

const bytes = (name) => (process.env[name] ? Number(process.env[name]) : null);
const result = {
  url: opts.url,
  chromium: browser.version(),
  first_draw_ms: stats(firstDraw),
  ...measured,
  wasm_bytes: bytes('DESCENT_WASM_BYTES'),
  wasm_gzip_bytes: bytes('DESCENT_WASM_GZ_BYTES'),
  console_errors: errors,
};
console.log(JSON.stringify(result, null, 2));
if (errors.length) process.exitCode = 1;

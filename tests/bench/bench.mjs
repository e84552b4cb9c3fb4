// Browser benchmark: loads the served page in headless Chromium and prints one JSON object.
//
// Usage: node tests/bench/bench.mjs --url http://127.0.0.1:PORT/ [--loads 5] [--runs 30] [--warmup 3]
// Measures time to first draw (when window.descent reports ready) over fresh page loads and,
// if the page exposes window.descent.redraw(), the time of one redraw over many runs.
// `cargo xtask bench` serves dist/ and passes the .wasm sizes in DESCENT_WASM_(GZ_)BYTES.
import { chromium } from '@playwright/test';

/** Command-line options with defaults. */
function options(argv) {
  const opts = { url: 'http://127.0.0.1:8080/', loads: 5, runs: 30, warmup: 3 };
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

const opts = options(process.argv.slice(2));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const errors = [];
const firstDraw = [];
let redraw = null;
try {
  for (let load = 0; load < opts.loads; load += 1) {
    // A fresh context per load: no HTTP cache, no compiled-module cache carried over.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(opts.url);
    await page.waitForFunction(() => window.descent?.ready === true, null, { polling: 5, timeout: 30_000 });
    // Prefer the page's own timestamp; else the moment we saw `ready` (5 ms polling).
    firstDraw.push(await page.evaluate(() => window.descent.readyAt ?? performance.now()));

    if (load === opts.loads - 1 && (await page.evaluate(() => typeof window.descent?.redraw === 'function'))) {
      const times = await page.evaluate(async ({ runs, warmup }) => {
        const out = [];
        for (let i = 0; i < warmup + runs; i += 1) {
          const t0 = performance.now();
          await window.descent.redraw();
          const t1 = performance.now();
          if (i >= warmup) out.push(t1 - t0);
        }
        return out;
      }, { runs: opts.runs, warmup: opts.warmup });
      redraw = stats(times);
    }
    await context.close();
  }
} finally {
  await browser.close();
}

const bytes = (name) => (process.env[name] ? Number(process.env[name]) : null);
const result = {
  url: opts.url,
  chromium: browser.version(),
  first_draw_ms: stats(firstDraw),
  redraw_ms: redraw,
  wasm_bytes: bytes('DESCENT_WASM_BYTES'),
  wasm_gzip_bytes: bytes('DESCENT_WASM_GZ_BYTES'),
  console_errors: errors,
};
console.log(JSON.stringify(result, null, 2));
if (errors.length) process.exitCode = 1;

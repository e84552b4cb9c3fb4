// Browser benchmark: loads the served page in headless Chromium and prints one JSON object.
//
// Usage: node tests/bench/bench.mjs --url http://127.0.0.1:PORT/ [--loads 5] [--runs 30] [--warmup 30]
//   [--start-loads 9] [--throttle 4] [--only start_up|notes|gif|map] [--against URL]
// The page is opened at a 1150×950 viewport with devicePixelRatio 2, which makes the surface
// canvas 1600×1199 device pixels. It measures, against the budgets of the page issue:
// - first_draw_ms: navigation to the first complete draw (window.descent.readyAt), fresh loads;
// - redraw_ms: window.descent.redraw() on rosenbrock (surface recomputed, overlay, loss chart);
// - plain_js_ms: the same heatmap and contours written in plain JS (plain-surface.mjs);
// - frame_ms: one playing frame (steps + overlay + loss chart + read-out) on a 2,000-step run;
// - long_frame_ms: frames on a 100,000-point run, the whole path drawn decimated;
// - long_run_1e6: three fresh loads of a 1,000,000-step run, with the long tasks after ready;
// - start_up: fresh loads, alone and with the CPU throttled 4× (DevTools protocol
//   Emulation.setCPUThrottlingRate): navigation to the first useful picture (the mark
//   `descent-first-picture`; a page without it draws everything at once, so its complete draw
//   counts) and to the complete draw (readyAt), and the longest task of the page's main thread
//   from navigation until a frame after the complete draw (from a trace: the Long Tasks API
//   misses the task that resumes after the wasm compiles), in wall-clock and CPU time, and
//   the main thread's CPU time until the first picture (robust to other processes' load);
// - notes: a course note with three embeds (the site's examples/learning-rate.html, else
//   tests/bench/notes.html): each embed's first picture, the longest task, whether the embed
//   below the fold waited until scrolled near, and its first picture after the scroll.
// - map: a 96 × 96 map of 1,000-step Adam runs computed by the page's workers
//   (hardwareConcurrency − 1), its throughput in steps/s against the single-run rate measured
//   in the same page (a MapBoard computing cells on the main thread, the workers idle):
//   `ratio` = throughput ÷ (workers × single rate), budget ≥ 0.8; and with two workers forced
//   (hardwareConcurrency 3), which on a two-core machine share the cores with the page;
// `--only start_up` (or `--only notes`, `--only map`) measures just that; `--against URL` (another build,
// say the one before a change, served elsewhere) alternates start-up loads of both builds.
// Each draw ends by reading one pixel back, so the clock includes the canvas work.
// `cargo xtask bench` serves dist/ and passes the .wasm sizes in DESCENT_WASM_(GZ_)BYTES.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { plainSurface } from './plain-surface.mjs';

/** Command-line options with defaults. */
function options(argv) {
  // Both the redraw and its plain-JS reference reach their steady speed only after some
  // 20-40 runs (V8 optimises the JS reference, and the wasm's JS imports, over that many
  // calls), so each is timed after 30 untimed runs; `--warmup 3` shows the early runs.
  const opts = { url: 'http://127.0.0.1:8080/', loads: 5, runs: 30, warmup: 30, only: '', 'start-loads': 9, throttle: 4, against: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in opts) || argv[i + 1] === undefined) throw new Error(`unknown or incomplete option ${argv[i]}`);
    opts[key] = ['url', 'only', 'against'].includes(key) ? argv[i + 1] : Number(argv[i + 1]);
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

/**
 * Trace categories with every task of every thread as DevTools shows them (`RunTask`: the
 * toplevel category's tasks miss the one that resumes after the wasm compiles, as the Long
 * Tasks API does) and the page's performance marks.
 */
const TASK_CATEGORIES = ['disabled-by-default-devtools.timeline', 'blink.user_timing'];

/**
 * The tasks of the renderers' main threads in a trace: their wall-clock times, longest first
 * (ms), and the main thread's CPU time (the trace's thread time) until the first
 * `descent-first-picture` mark, in the process that made it. Wall-clock times stretch when
 * other processes share the cores; the thread time much less so.
 */
function rendererTasks(trace) {
  const events = JSON.parse(trace.toString('utf8')).traceEvents || [];
  const mains = new Set(events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args && e.args.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`));
  const ms = (us) => Math.round(us / 100) / 10;
  const mark = events.find((e) => e.name === 'descent-first-picture' && mains.has(`${e.pid}:${e.tid}`));
  const before = mark ? tasks.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ts <= mark.ts) : [];
  return {
    wall: tasks.map((e) => ms(e.dur)).sort((a, b) => b - a),
    cpu: tasks.map((e) => ms(e.tdur || 0)).sort((a, b) => b - a),
    cpuToPicture: mark ? ms(before.reduce((sum, e) => sum + (e.tdur || 0), 0)) : null,
  };
}

/** Sets the CPU throttling rate of `page`'s renderer (1: none); collects its errors. */
async function throttle(context, page, rate) {
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(err.message));
  if (rate <= 1) return;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/**
 * In every frame: when the page is complete (the `descent-ready` event), wait for a frame and
 * report the first picture and the complete draw through the console, so that the page is
 * never evaluated in (a Playwright evaluate is a long task of its own) while it starts.
 */
function reportStartUp() {
  // On the window, capturing: a frame that embed.js creates first holds about:blank, where this
  // script runs; the page then loads into the same window (its document replaced), so a
  // listener on the first document would never hear the page's `descent-ready`. A host page's
  // own `descent-ready` events (from its <descent-playground> elements) are not the page's.
  window.addEventListener('descent-ready', (e) => e.target === document && window.descent && requestAnimationFrame(() => setTimeout(() => {
    const mark = performance.getEntriesByName('descent-first-picture')[0];
    const complete = window.descent.readyAt;
    // A fixed piece of work, timed: shows that the throttling applied.
    const t0 = performance.now();
    let x = 0;
    for (let i = 0; i < 2e6; i += 1) x = (x * 31 + i) % 1000003;
    const calibration = performance.now() - t0 + (x < 0 ? 1 : 0);
    console.log(`STARTUP ${JSON.stringify({ href: location.href, origin: performance.timeOrigin, picture: mark ? mark.startTime : complete, complete, calibration })}`);
  }, 0)), true);
}

/** One fresh load of the playground (as the other measures: 1150×950 at DPR 2), traced. */
async function startUpLoad(browser, url, rate) {
  const context = await browser.newContext({ viewport: { width: 1150, height: 950 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.addInitScript(reportStartUp);
  await throttle(context, page, rate);
  const done = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('STARTUP '), timeout: 120_000 });
  await browser.startTracing(page, { categories: TASK_CATEGORIES });
  await page.goto(`${url}#f=rosenbrock`);
  const report = JSON.parse((await done).text().slice('STARTUP '.length));
  const tasks = rendererTasks(await browser.stopTracing());
  await context.close();
  return {
    picture: report.picture,
    complete: report.complete,
    calibration: report.calibration,
    longest: tasks.wall[0] || 0,
    over50: tasks.wall.filter((ms) => ms > 50),
    longestCpu: tasks.cpu[0] || 0,
    cpuToPicture: tasks.cpuToPicture,
  };
}

/** `loads` fresh loads at CPU throttling `rate`: first picture, complete draw, longest task. */
/** The start-up figures of a list of loads. */
function startUpStats(runs, rate) {
  return {
    cpu_throttling: rate,
    first_picture_ms: stats(runs.map((r) => r.picture)),
    complete_draw_ms: stats(runs.map((r) => r.complete)),
    longest_task_ms: stats(runs.map((r) => r.longest)),
    tasks_over_50_ms: runs.map((r) => r.over50),
    longest_task_cpu_ms: stats(runs.map((r) => r.longestCpu)),
    main_thread_cpu_to_first_picture_ms: runs.every((r) => r.cpuToPicture !== null) ? stats(runs.map((r) => r.cpuToPicture)) : null,
    calibration_loop_ms: stats(runs.map((r) => r.calibration)),
    // Per load: first picture, complete draw, longest task (wall, CPU), calibration loop.
    loads: runs.map((r) => [r.picture, r.complete, r.longest, r.longestCpu, r.calibration].map((ms) => Math.round(ms))),
  };
}

/**
 * `loads` fresh loads at CPU throttling `rate`: first picture, complete draw, longest task.
 * With `against` (another build's URL), its loads alternate with ours, one each, so that both
 * see the same machine, and the medians' ratios (ours ÷ theirs) are given too.
 */
async function startUp(browser, url, loads, rate, against) {
  const ours = [];
  const theirs = [];
  for (let i = 0; i < loads; i += 1) {
    ours.push(await startUpLoad(browser, url, rate));
    if (against) theirs.push(await startUpLoad(browser, against, rate));
  }
  const result = startUpStats(ours, rate);
  if (against) {
    const other = startUpStats(theirs, rate);
    const ratio = (key) => Math.round((result[key].median / other[key].median) * 100) / 100;
    result.against = { url: against, ...other };
    result.ratio_to_against = {
      first_picture: ratio('first_picture_ms'),
      complete_draw: ratio('complete_draw_ms'),
      longest_task: ratio('longest_task_ms'),
      longest_task_cpu: ratio('longest_task_cpu_ms'),
    };
  }
  return result;
}

/**
 * The course note with three embeds at 1280×800: the site's examples/learning-rate.html if it
 * has one, else tests/bench/notes.html served under the site's origin (one renderer, so the
 * throttling applies to the embeds too). Waits until every embed that started has drawn, then
 * checks that the others have not started, scrolls to the bottom and times theirs.
 */
async function notes(browser, url, rate) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(reportStartUp);
  await throttle(context, page, rate);
  let host = new URL('examples/learning-rate.html', url).href;
  const own = await fetch(host).then((r) => r.ok, () => false);
  if (!own) {
    host = new URL('__bench-notes.html', url).href;
    const html = readFileSync(new URL('./notes.html', import.meta.url), 'utf8').replaceAll('{{SITE}}', new URL('index.html', url).href);
    await page.route(host, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  }
  const reports = [];
  let last = Date.now();
  page.on('console', (m) => {
    if (!m.text().startsWith('STARTUP ')) return;
    reports.push(JSON.parse(m.text().slice('STARTUP '.length)));
    last = Date.now();
  });
  const started = () => page.frames().filter((f) => f !== page.mainFrame() && f.url().startsWith(url) && f.url() !== host).length;
  const settle = async (want) => {
    const t0 = Date.now();
    while (Date.now() - t0 < 120_000) {
      const n = started();
      if (n > 0 && reports.length >= Math.max(n, want) && Date.now() - last > 1000) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`embeds did not all draw: ${reports.length} of ${started()}`);
  };
  await browser.startTracing(page, { categories: TASK_CATEGORIES });
  await page.goto(host);
  await settle(1);
  const { wall: tasks, cpu } = rendererTasks(await browser.stopTracing());
  const hostOrigin = await page.evaluate(() => performance.timeOrigin);
  const frames = await page.evaluate(() => {
    const all = (root) => [...root.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e, ...all(e.shadowRoot)] : [e]));
    return all(document).filter((e) => e.tagName === 'IFRAME').length;
  });
  const first = reports.map((r) => Math.round(r.origin + r.picture - hostOrigin));
  const completeFirst = reports.map((r) => Math.round(r.origin + r.complete - hostOrigin));
  const startedBefore = started();
  const scrolledAt = await page.evaluate(async () => {
    // Scrolled down a screen at a time, as a reader would, to the end.
    const t = performance.timeOrigin + performance.now();
    for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
      scrollTo(0, y);
      await new Promise((r) => requestAnimationFrame(r));
    }
    return t;
  });
  await settle(frames);
  const below = reports.slice(first.length).map((r) => Math.round(r.origin + r.picture - scrolledAt));
  await context.close();
  return {
    page: own ? 'examples/learning-rate.html' : 'tests/bench/notes.html',
    cpu_throttling: rate,
    embeds: frames,
    first_picture_ms: first,
    complete_draw_ms: completeFirst,
    longest_task_ms: tasks[0] || 0,
    tasks_over_50_ms: tasks.filter((ms) => ms > 50),
    longest_task_cpu_ms: cpu[0] || 0,
    started_before_scroll: startedBefore,
    below_fold_first_picture_after_scroll_ms: below,
  };
}

/**
 * Download → GIF of a 1,000-step run: 200 frames of 640×480 drawn by the page and encoded in
 * wasm, in wall-clock ms from the click's call to the bytes (budget: under 3 s), `runs` times
 * in one page after a first, warming run.
 */
async function gifExport(browser, url, runs = 3) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  await page.goto(`${url}#f=rosenbrock&opt=adam&lr=0.05&steps=1000`);
  await page.waitForFunction(() => window.descent?.ready === true && !!window.descent.views, null, { timeout: 30_000 });
  await page.evaluate(() => window.descent.exportGif());
  const ms = [];
  let last = null;
  for (let i = 0; i < runs; i += 1) {
    last = await page.evaluate(() => window.descent.exportGif());
    ms.push(last.ms);
  }
  await context.close();
  return { ms: stats(ms), frames: last.frames, size: [last.width, last.height], bytes: last.size };
}

/** The map the page benchmark times, and a small one that starts the workers first. */
const MAP_BENCH = 'f=rosenbrock&opt=adam&steps=1000&tol=0&map=lr:1e-3:0.3:96,b1:0.5:0.99:96';
const MAP_WARM = 'f=rosenbrock&opt=adam&steps=1000&tol=0&map=lr:1e-3:0.3:8,b1:0.5:0.99:8';

/**
 * A map's throughput in the page against the single-run rate in the same page, with
 * `cores` as navigator.hardwareConcurrency (null: the machine's).
 */
async function mapBench(browser, url, cores) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (cores) await context.addInitScript((n) => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => n }), cores);
  const page = await context.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${url}#f=rosenbrock&opt=adam&steps=1000&tol=0`);
  await page.waitForFunction(() => window.descent?.ready === true && window.descent.map, null, { timeout: 30_000 });
  const done = () => page.waitForFunction(() => {
    const s = window.descent.map.state();
    return s.cells > 0 && s.done === s.cells && !s.running;
  }, null, { timeout: 120_000, polling: 20 });
  await page.evaluate((s) => window.descent.setSettings(s), MAP_WARM);
  await done();
  // One thread's rate: the workers' own loop (MapBoard.compute) on the page's thread.
  const single = await page.evaluate(async (settings) => {
    const boot = document.getElementById('descent-boot');
    const b = await import(new URL(boot.dataset.js, document.baseURI).href);
    const board = new b.MapBoard(settings);
    board.compute(0, 16);
    const t0 = performance.now();
    board.compute(0, 256);
    const ms = performance.now() - t0;
    board.free();
    return (256 * 1000) / (ms / 1000);
  }, MAP_BENCH);
  await page.evaluate((s) => window.descent.setSettings(s), MAP_BENCH);
  await done();
  const state = await page.evaluate(() => window.descent.map.state());
  await context.close();
  const steps = state.cells * 1000;
  const rate = steps / (state.elapsed / 1000);
  return {
    hardware_concurrency: cores,
    workers: state.workers,
    cells: state.cells,
    steps,
    map_ms: Math.round(state.elapsed),
    map_steps_per_s: Math.round(rate),
    single_steps_per_s: Math.round(single),
    ratio: Number((rate / (state.workers * single)).toFixed(3)),
    per_worker_cells: state.perWorker,
  };
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
  if (!opts.only || opts.only === 'start_up') {
    measured.start_up = [];
    for (const rate of [1, opts.throttle]) measured.start_up.push(await startUp(browser, opts.url, opts['start-loads'], rate, opts.against));
  }
  if (!opts.only || opts.only === 'gif') {
    measured.gif_page = await gifExport(browser, opts.url);
  }
  if (!opts.only || opts.only === 'notes') {
    measured.notes = [];
    for (const rate of [1, opts.throttle]) measured.notes.push(await notes(browser, opts.url, rate));
  }
  if (!opts.only || opts.only === 'map') {
    measured.map = [];
    for (const cores of [null, 3]) measured.map.push(await mapBench(browser, opts.url, cores));
  }
  for (let load = 0; load < (opts.only ? 0 : opts.loads); load += 1) {
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
      Object.assign(measured, await measure(page, opts));
    }
    await context.close();
  }
  if (!opts.only) {
    measured.long_run_1e6 = [];
    for (let i = 0; i < 3; i += 1) measured.long_run_1e6.push(await longRun(browser, opts.url));
  }
} finally {
  await browser.close();
}

const bytes = (name) => (process.env[name] ? Number(process.env[name]) : null);
const result = {
  url: opts.url,
  chromium: browser.version(),
  first_draw_ms: firstDraw.length ? stats(firstDraw) : null,
  ...measured,
  wasm_bytes: bytes('DESCENT_WASM_BYTES'),
  wasm_gzip_bytes: bytes('DESCENT_WASM_GZ_BYTES'),
  // `descent render … -o run.gif`, the same 200-frame GIF from the CLI (xtask/src/bench.rs).
  gif_cli_ms: process.env.DESCENT_GIF_CLI_MS ? stats(JSON.parse(process.env.DESCENT_GIF_CLI_MS)) : null,
  console_errors: errors,
};
console.log(JSON.stringify(result, null, 2));
if (errors.length) process.exitCode = 1;

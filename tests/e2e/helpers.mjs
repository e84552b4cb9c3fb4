// Shared helpers for the page tests: the checked `test`, open the page collecting errors, read
// pixels, run the CLI.
import { test as base, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Playwright's `test`, with every page of its browser context watched: any console error,
 * uncaught exception or Content-Security-Policy violation on any page the test opens (the
 * playground, the gallery, a host page and its iframes, popups) fails the test when it ends.
 * Every spec imports `test` from here (tests/e2e/console.spec.mjs checks that they do).
 */
export const test = base.extend({
  context: async ({ context }, use) => {
    const problems = [];
    // A violation also shows as a console error in Chromium; the event names the directive
    // even where the console message would not.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} refused ${e.blockedURI || 'an inline value'} (${e.sourceFile || '?'}:${e.lineNumber})`);
      });
    });
    const watch = (page) => {
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`${page.url()}: console error: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`${page.url()}: uncaught: ${err.message}`));
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    await use(context);
    expect(problems, 'console errors, uncaught exceptions or CSP violations on the pages this test opened').toEqual([]);
  },
});

export { expect };

/**
 * Opens the page at `hash` and waits for window.descent.ready. Uncaught exceptions and failed
 * requests fail every test; console errors are returned (collected live), and the load test
 * asserts that there are none, so that one cause fails one test.
 */
export async function open(page, hash = '') {
  const errors = [];
  const consoleErrors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('response', (res) => { if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`); });
  await page.goto(`./index.html${hash}`);
  const ok = await page
    .waitForFunction(() => window.descent && (window.descent.ready || window.descent.error), null, { timeout: 15_000 })
    .then(() => true, () => false);
  expect(errors, 'errors while loading').toEqual([]);
  expect(ok, 'window.descent never became ready').toBe(true);
  expect(await page.evaluate(() => window.descent.error ?? null)).toBeNull();
  return consoleErrors;
}

/** Distinct colours and transparent pixels of a canvas. */
export function canvasStats(page, id) {
  return page.evaluate((id) => {
    const c = document.getElementById(id);
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const colours = new Set();
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) transparent += 1; else opaque += 1;
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    return { colours: colours.size, transparent, opaque, width: c.width, height: c.height };
  }, id);
}

/** Hashes of the three canvases' pixels plus the URL hash: "did anything change?". */
export function snapshot(page) {
  return page.evaluate(() => ({
    hash: location.hash,
    base: window.descent.pixelHash('base'),
    overlay: window.descent.pixelHash('overlay'),
    loss: window.descent.pixelHash('loss'),
  }));
}

let built = false;

/** The `descent` binary, built (or brought up to date) once per test process. */
function cliBinary() {
  if (!built) {
    built = true;
    try {
      execFileSync('cargo', ['build', '-q', '-p', 'descent-cli'], { cwd: root, stdio: 'ignore' });
    } catch { /* use whatever binary is there */ }
  }
  for (const p of ['target/debug/descent']) {
    const full = join(root, p);
    if (existsSync(full)) return full;
  }
  return null;
}

/** `descent run SETTINGS` as CSV rows of strings (header dropped). */
export function cliRun(settings) {
  const bin = cliBinary();
  const opts = { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 };
  const out = bin
    ? execFileSync(bin, ['run', settings], opts)
    : execFileSync('cargo', ['run', '-q', '-p', 'descent-cli', '--', 'run', settings], opts);
  const lines = out.trim().split('\n');
  expect(lines[0]).toBe('step,x,y,loss,gx,gy,lr');
  return lines.slice(1).map((l) => l.split(','));
}

/** A Rust shortest-repr float as a JS number (inf, -inf and NaN included). */
export function rustNumber(text) {
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  if (text === 'NaN') return NaN;
  return Number(text);
}

/**
 * The page's main-thread tasks while `action` runs, timed by a Chrome trace in CPU (thread)
 * time: on a shared two-core machine a task also waits for a core, and its wall-clock length
 * says more about the machine than about the page (BENCHMARKS.md, start-up). Returns how many
 * tasks ran and the CPU milliseconds of those over 50 ms.
 */
export async function longTasks(page, browser, action) {
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline'] });
  await action();
  const events = JSON.parse((await browser.stopTracing()).toString('utf8')).traceEvents || [];
  const mains = new Set(events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args && e.args.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`));
  return { count: tasks.length, long: tasks.map((e) => Math.round((e.tdur || 0) / 1000)).filter((ms) => ms > 50) };
}

/** Waits until the map part exists and the page's map of runs is complete; its state. */
export async function mapDone(page, timeout = 30_000) {
  await expect.poll(() => page.evaluate(() => {
    const m = window.descent.map;
    if (!m) return false;
    const s = m.state();
    return s.cells > 0 && s.done === s.cells && !s.running && !!m.plot();
  }), { timeout }).toBe(true);
  return page.evaluate(() => window.descent.map.state());
}

/** The page (CSS) position of the centre of map cell (ix, iy) of nx × ny, rows from the
 * bottom, with the map scrolled into view. */
export async function mapCellAt(page, ix, iy, nx, ny) {
  await page.locator('#map-canvas').scrollIntoViewIfNeeded();
  const plot = await page.evaluate(() => window.descent.map.plot());
  const box = await page.locator('#map-canvas').boundingBox();
  const dpr = await page.evaluate(() => window.devicePixelRatio || 1);
  return {
    x: box.x + (plot.left + plot.width * ((ix + 0.5) / nx)) / dpr,
    y: box.y + (plot.top + plot.height * (1 - (iy + 0.5) / ny)) / dpr,
  };
}

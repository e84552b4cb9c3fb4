// Smoke test: the built page boots under its CSP, draws on the canvas and logs no errors.
import { test, expect } from './helpers.mjs';

test('page loads, draws and logs no console errors', async ({ page }, testInfo) => {
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    if (msg.type() === 'warning') console.log(`console warning (allowed): ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });

  await page.goto('./');
  // On a timeout, report what the page complained about (say, a CSP violation) instead.
  const booted = await page
    // (window.descent appears with ready: false at the start of start-up, before the picture.)
    .waitForFunction(() => window.descent && (window.descent.ready || window.descent.error), null, { timeout: 15_000 })
    .then(() => true, () => false);
  expect(problems).toEqual([]);
  expect(booted, 'window.descent never appeared').toBe(true);
  expect(await page.evaluate(() => window.descent.error ?? null)).toBeNull();
  expect(await page.evaluate(() => window.descent.ready)).toBe(true);

  // Not blank: many distinct colours, and no transparent pixels left.
  const stats = await page.evaluate(() => {
    const canvas = document.getElementById('base');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set();
    let transparent = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) transparent += 1;
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    return { colours: colours.size, transparent };
  });
  expect(stats.transparent).toBe(0);
  expect(stats.colours).toBeGreaterThan(100);

  // That every statically imported module has its modulepreload link, and no lazily imported
  // one has, is a tidy check (xtask/src/tidy.rs); here, the browser's side of it. Every script requested before the first picture was named up front in a modulepreload
  // link, so none waited for the module that imports it; the parts loaded after it (app.js's
  // PARTS) have no link, so that they are not fetched before it.
  const modules = await page.evaluate(() => {
    const name = (url) => new URL(url, document.baseURI).pathname.split('/').pop();
    const picture = performance.getEntriesByName('descent-first-picture')[0].startTime;
    const scripts = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js'));
    const early = scripts.filter((e) => e.startTime < picture).map((e) => name(e.name));
    const late = scripts.filter((e) => e.startTime >= picture).map((e) => name(e.name));
    const preloaded = [...document.querySelectorAll('link[rel=modulepreload]')].map((l) => name(l.href));
    return { early: [...new Set(early)].sort(), late: [...new Set(late)].sort(), preloaded };
  });
  expect(modules.early.length).toBeGreaterThan(5);
  expect(modules.early.filter((m) => !modules.preloaded.includes(m))).toEqual([]);
  expect(modules.late).toEqual(expect.arrayContaining(['compare.js', 'maths.js', 'views.js']));
  expect(modules.late.filter((m) => modules.preloaded.includes(m))).toEqual([]);

  await page.screenshot({ path: testInfo.outputPath('smoke.png') });
  expect(problems).toEqual([]);
});

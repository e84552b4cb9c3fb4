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
    .waitForFunction(() => window.descent && 'ready' in window.descent, null, { timeout: 15_000 })
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

  // That every page module has its modulepreload link is a tidy check (xtask/src/tidy.rs).

  await page.screenshot({ path: testInfo.outputPath('smoke.png') });
  expect(problems).toEqual([]);
});

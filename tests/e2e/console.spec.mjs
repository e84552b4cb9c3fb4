// A clean console: every lesson of the gallery and every comparison opens with no console
// error and no CSP violation, and the checked `test` of helpers.mjs (which fails any test on
// either) is what every spec uses, and can fail.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, open, root } from './helpers.mjs';

const { lessons } = JSON.parse(readFileSync(join(root, 'web', 'lessons.json'), 'utf8'));

/** Collects console errors of a page from now on (the fixture also fails the test on them). */
function watch(page) {
  const seen = [];
  page.on('console', (m) => { if (m.type() === 'error') seen.push(m.text()); });
  page.on('pageerror', (e) => seen.push(e.message));
  return seen;
}

/** Two animation frames: whatever the page draws after a change has been drawn. */
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test('every spec takes its test from helpers.mjs, so console errors fail it', () => {
  const dir = join(root, 'tests', 'e2e');
  const specs = readdirSync(dir).filter((f) => f.endsWith('.spec.mjs'));
  expect(specs.length).toBeGreaterThan(10);
  const unchecked = specs.filter((f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    return /import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'@playwright\/test'/.test(text)
      || !/import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'\.\/helpers\.mjs'/.test(text);
  });
  expect(unchecked).toEqual([]);
});

for (const lesson of lessons) {
  test(`lesson ${lesson.id} opens from its gallery link with a clean console`, async ({ page }) => {
    const seen = watch(page);
    await page.goto('./lessons.html#lang=en');
    await page.waitForSelector('body[data-ready="true"]');
    const link = page.locator(`#lesson-list li.lesson[data-id="${lesson.id}"] a`);
    await expect(link).toHaveAttribute('href', `./#${lesson.settings}&lang=en&lesson=${lesson.id}`);
    await link.click();
    await page.waitForFunction(() => window.descent && window.descent.ready, null, { timeout: 15_000 });
    expect(await page.evaluate(() => window.descent.error ?? null)).toBeNull();
    // Play it through to its end and draw that: the legend, the walker's words, the arrows.
    await page.evaluate(() => window.descent.runToEnd());
    await frames(page);
    expect(seen, lesson.id).toEqual([]);
  });
}

test('the comparisons of the issue draw with a clean console, in both languages and at 360 px', async ({ page }) => {
  const seen = watch(page);
  for (const hash of [
    '#f=parabola1d&lr=0.1&lrs=0.01,0.9,1.5',
    '#f=ellipse&opt=adagrad&lr=0.5&race=rmsprop(lr=0.05)~adam(lr=0.1)~gd(lr=0.035)',
    '#f=parabola1d&sweep=1e-3,1.5,50',
    '#f=ellipse&opt=adagrad&lr=0.5&race=rmsprop(lr=0.05)~adam(lr=0.1)&lang=zh',
  ]) {
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await open(page, hash);
      await page.evaluate(() => window.descent.runToEnd());
      await frames(page);
      // The loss chart's legend is drawn (its text measured) only when there are several runs.
      if (!hash.includes('sweep=')) expect(await page.evaluate(() => window.descent.runs().length), hash).toBeGreaterThan(1);
      expect(seen, `${hash} at ${width} px`).toEqual([]);
    }
  }
});

test('the checked test fails on a CSP violation', async ({ page }) => {
  test.fail(true, 'an inline style is refused by the CSP, and the fixture must fail the test');
  await open(page);
  await page.evaluate(() => {
    const span = document.createElement('span');
    span.setAttribute('style', 'position: fixed'); // what plotters' font measuring did
    document.body.append(span);
  });
  await frames(page);
});

// The optimizer race, other learning rates and the learning-rate sweep: kept in the link,
// drawn in their colours with a legend, computed without long tasks.
import { test, expect, open, cliRun } from './helpers.mjs';

/** Pixels of a canvas within `tol` of an RGB colour. */
function countColour(page, id, rgb, tol = 0) {
  return page.evaluate(([id, rgb, tol]) => {
    const c = document.getElementById(id);
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - rgb[0]) <= tol && Math.abs(data[i + 1] - rgb[1]) <= tol && Math.abs(data[i + 2] - rgb[2]) <= tol) n += 1;
    }
    return n;
  }, [id, rgb, tol]);
}

const RACE = 'f=saddle&x0=1&y0=1e-3&steps=150&race=momentum~adam(lr=0.05)';

test('a race link draws every run in its colour, lists them, and matches the CLI', async ({ page }) => {
  await open(page, `#${RACE}`);
  await page.evaluate(() => window.descent.runToEnd());
  const items = page.locator('#runs li');
  await expect(items).toHaveCount(3);
  await expect(items.nth(1)).toContainText('momentum(lr=0.01)');
  await expect(items.nth(2)).toContainText('adam(lr=0.05)');
  // Run colours (RUN_COLOURS[1], [2]) on the surface and the same on the loss chart.
  expect(await countColour(page, 'overlay', [255, 72, 214])).toBeGreaterThan(50);
  expect(await countColour(page, 'overlay', [72, 224, 255])).toBeGreaterThan(50);
  expect(await countColour(page, 'loss', [255, 72, 214], 2)).toBeGreaterThan(20);
  // The link keeps the race.
  expect(await page.evaluate(() => location.hash)).toBe(`#${RACE}`);
  // Each racer is the run `descent run` gives for its own optimizer: same length.
  const runs = await page.evaluate(() => window.descent.runs());
  const cli = cliRun('f=saddle&x0=1&y0=1e-3&steps=150&opt=adam&lr=0.05');
  expect(runs[2].len).toBe(cli.length);
  expect(runs[2].status.name).toBe('max_steps');
});

test('the race presets and the racer editor set race= and report bad values', async ({ page }) => {
  await open(page);
  await page.click('#preset-saddle');
  await expect(page.locator('#runs li')).toHaveCount(6);
  expect(await page.evaluate(() => location.hash)).toContain('race=momentum~nesterov~adagrad~rmsprop~adam');
  await page.click('#preset-rosenbrock');
  await expect(page.locator('#runs li')).toHaveCount(6);
  await expect(page.locator('#runs li').nth(5)).toContainText('newton');
  await page.click('#race-clear');
  await expect(page.locator('#runs')).toBeHidden();
  await page.click('#race-add');
  expect(await page.evaluate(() => location.hash)).toContain('race=momentum');
  await page.fill('#racer-1-lr', 'abc');
  await page.press('#racer-1-lr', 'Enter');
  await expect(page.locator('#race-error')).toBeVisible();
  await expect(page.locator('#race-error')).toContainText('lr');
  expect(await page.evaluate(() => location.hash)).not.toContain('abc');
  await page.fill('#racer-1-lr', '0.02');
  await page.press('#racer-1-lr', 'Enter');
  await expect(page.locator('#race-error')).toBeHidden();
  expect(await page.evaluate(() => location.hash)).toContain('race=momentum(lr=0.02)');
  await page.selectOption('#racer-1-opt', 'adam');
  expect(await page.evaluate(() => location.hash)).toContain('race=adam(lr=0.02)');
  await page.click('.racer-remove');
  expect(await page.evaluate(() => location.hash)).not.toContain('race=');
});

test('too small, right, too large, diverging: four learning rates from the curvature', async ({ page }) => {
  await open(page, '#f=quadratic&steps=60&tol=0');
  await page.click('#lrs-teach');
  // x² + y² has curvature 2: 0.01/2, 1/2, 1.9/2 and 2.1/2.
  expect(await page.evaluate(() => location.hash)).toContain('lr=0.5&');
  expect(await page.evaluate(() => location.hash)).toContain('lrs=5e-3,0.95,1.05');
  await page.evaluate(() => window.descent.runToEnd());
  await expect(page.locator('#runs li')).toHaveCount(4);
  const traj = await page.evaluate(() => window.descent.trajectory().loss.at(-1));
  expect(traj).toBe(0); // lr = 1/λ lands on the minimum in one step
  // Bad text in the field: a message naming it, the typed text kept, nothing changed.
  await page.fill('#lrs', '0.1, -2');
  await page.press('#lrs', 'Enter');
  await expect(page.locator('#lrs-error')).toContainText('-2');
  await expect(page.locator('#lrs')).toHaveValue('0.1, -2');
  expect(await page.evaluate(() => location.hash)).toContain('lrs=5e-3,0.95,1.05');
});

test('a sweep runs in slices with a progress bar and marks diverged learning rates', async ({ page }) => {
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  });
  await open(page, '#f=quadratic&steps=3000&tol=0&sweep=1e-3,10,60');
  await expect(page.locator('#sweep-box')).toBeVisible();
  const started = await page.evaluate(() => window.__long.length);
  await expect.poll(() => page.evaluate(() => document.getElementById('sweep').dataset.done), { timeout: 60_000 }).toBe('60');
  await expect(page.locator('#sweep-summary')).toContainText('Sweep done: 60 learning rates');
  expect(await page.evaluate(() => document.getElementById('sweep-progress').value)).toBe(60);
  // lr = 10 on x² + y² overflows: crossed in red; the others are a blue line.
  expect(await countColour(page, 'sweep', [222, 64, 32])).toBeGreaterThan(10);
  expect(await countColour(page, 'sweep', [49, 104, 142])).toBeGreaterThan(100);
  const long = await page.evaluate((n) => window.__long.slice(n), started);
  expect(long.filter((d) => d > 50), 'tasks over 50 ms while sweeping').toEqual([]);
  // The metric switch keeps the computed sweep and redraws.
  await page.selectOption('#sweep-metric', 'steps');
  expect(await page.evaluate(() => location.hash)).toContain('sweepy=steps');
  await expect(page.locator('#sweep-summary')).toContainText('Sweep done');
  // A bad sweep names the problem and keeps the old one.
  await page.fill('#sweep-lo', '5');
  await page.fill('#sweep-hi', '1');
  await page.click('#sweep-run');
  await expect(page.locator('#sweep-error')).toContainText('below');
  expect(await page.evaluate(() => location.hash)).toContain('sweep=1e-3,10,60');
});

test('a race works in embed mode: legend on the surface, no editing panel', async ({ page }) => {
  await open(page, `#${RACE}&embed=1`);
  await page.evaluate(() => window.descent.runToEnd());
  await expect(page.locator('#compare')).toBeHidden();
  expect(await countColour(page, 'overlay', [255, 72, 214])).toBeGreaterThan(50);
});

test('comparison problems are worded in Chinese too', async ({ page }) => {
  await open(page, '#lang=zh&race=adam(mom=1)&lrs=0.1,abc');
  const items = page.locator('#problems-list li');
  await expect(items.nth(0)).toContainText('第 1 个参赛者：adam 没有 mom');
  await expect(items.nth(1)).toContainText('“abc” 不是 (0, 1000] 之间的学习率');
  await page.fill('#sweep-lo', '5');
  await page.fill('#sweep-hi', '1');
  await page.click('#sweep-run');
  await expect(page.locator('#sweep-error')).toContainText('最小学习率 5 必须小于最大学习率 1');
});

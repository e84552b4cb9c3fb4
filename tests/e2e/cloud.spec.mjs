// The gradient cloud (cloud=on): the toggle comes from the codec's field and shows only where
// the gradient is noisy; the overlay draws the epoch's batch gradients, their mean and the
// 1-σ ellipse where the core's numbers put them (window.descent.views.cloud); the read-out's
// ‖mean‖, trace and cosine are the core's, in English and Chinese; a 100,000-sample SGD
// epoch is drawn decimated, said so, and without a long task.
import { test, expect, open, longTasks } from './helpers.mjs';

test.use({ viewport: { width: 1280, height: 800 } });

const MINI = 'f=linreg&data=line&batch=mini&bs=10&lr=0.01&steps=40';

/** The page's number format (readout.js `fmt`) for values in its ordinary range. */
const fmt6 = (x) => String(Number(x.toPrecision(6)));

/** The cloud as the core computed and the overlay drew it at the shown step. */
const cloudNow = (page) => page.evaluate(() => window.descent.views.cloud());

/** The overlay's RGBA at a device pixel. */
const overlayPixel = (page, [x, y]) => page.evaluate(([x, y]) => {
  const c = document.getElementById('overlay');
  return Array.from(c.getContext('2d').getImageData(Math.round(x), Math.round(y), 1, 1).data);
}, [x, y]);

test('cloud=on draws every batch gradient of the epoch, the mean and the ellipse, and reads them out', async ({ page }) => {
  await open(page, `#${MINI}&cloud=on&at=14`);
  await expect.poll(() => page.evaluate(() => !!window.descent.views)).toBe(true);
  await expect(page.locator('#cloud')).toBeChecked();
  await expect.poll(async () => (await cloudNow(page))?.drawn !== null).toBe(true);
  const c = await cloudNow(page);
  // n = 100, bs = 10: ten batches; step 14 is batch 4 of epoch 2.
  expect([c.source, c.k, c.count, c.shown, c.decimated, c.epoch, c.index]).toEqual(['batches', 14, 10, 10, false, 2, 4]);
  // This step's gradient is the run's own, bit for bit.
  const p = await page.evaluate(() => window.descent.state());
  expect(c.step).toEqual([p.gx, p.gy]);
  // Equal batches over a whole epoch: the mean is the full-batch gradient.
  expect(c.mean[0]).toBeCloseTo(c.full[0], 10);
  expect(c.mean[1]).toBeCloseTo(c.full[1], 10);
  expect(c.mean_norm).toBeCloseTo(Math.hypot(...c.full), 10);
  expect(c.trace).toBeCloseTo(c.covariance[0][0] + c.covariance[1][1], 12);
  const cos = (c.step[0] * c.full[0] + c.step[1] * c.full[1]) / (Math.hypot(...c.step) * Math.hypot(...c.full));
  expect(c.cosine).toBeCloseTo(cos, 12);

  // Drawn where the numbers say: θ_k, one arrow per batch, this step's arrow among them,
  // every arrow g·scale, the ellipse a closed ring around the mean's tip.
  const d = c.drawn;
  const theta = await page.evaluate(() => { const s = window.descent.state(); return window.descent.views.surfacePx(s.x, s.y); });
  expect(d.from[0]).toBeCloseTo(theta[0], 6);
  expect(d.from[1]).toBeCloseTo(theta[1], 6);
  expect(d.arrows.length).toBe(10);
  expect(d.arrows[c.index]).toEqual(d.step);
  expect(d.mean[0]).toBeCloseTo(c.mean[0] * d.scale[0], 6);
  expect(d.mean[1]).toBeCloseTo(c.mean[1] * d.scale[1], 6);
  expect(d.ellipse[0]).toEqual(d.ellipse[d.ellipse.length - 1]);
  const centre = d.ellipse.slice(1).reduce((a, q) => [a[0] + q[0], a[1] + q[1]], [0, 0]).map((v) => v / (d.ellipse.length - 1));
  expect(centre[0]).toBeCloseTo(d.from[0] + d.mean[0], 3);
  expect(centre[1]).toBeCloseTo(d.from[1] + d.mean[1], 3);
  // The ring's colour is on the overlay at its points (the mean arrow's yellow).
  const onRing = await Promise.all(d.ellipse.filter((_, i) => i % 6 === 0).map((q) => overlayPixel(page, q)));
  const yellow = onRing.filter(([r, g, b, a]) => a > 200 && r > 200 && g > 190 && b < 170).length;
  expect(yellow).toBeGreaterThan(onRing.length / 2);

  // The read-out: the core's values, in the page's format.
  await expect(page.getByTestId('cloud-mean')).toHaveText(fmt6(c.mean_norm));
  await expect(page.getByTestId('cloud-trace')).toHaveText(fmt6(c.trace));
  await expect(page.getByTestId('cloud-cos')).toHaveText(fmt6(c.cosine));
  await expect(page.getByTestId('cloud-note')).toHaveText('10 batch gradients of epoch 2');
  await expect(page.locator('.cloud-row dt').first()).toHaveText('‖mean g‖');

  // Off: nothing drawn, no rows, and the link loses the key; on again from the checkbox.
  const before = await overlayPixel(page, d.ellipse[0]);
  await page.locator('#cloud').uncheck();
  await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('cloud=on');
  expect(await cloudNow(page)).toBeNull();
  await expect(page.getByTestId('cloud-mean')).toBeHidden();
  expect(await overlayPixel(page, d.ellipse[0])).not.toEqual(before);
  await page.locator('#cloud').check();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('cloud=on');
  await expect(page.getByTestId('cloud-mean')).toBeVisible();
  // A view key: the run is the same run.
  expect(await page.evaluate(() => window.descent.state())).toEqual(p);
});

test('the cloud in Chinese', async ({ page }) => {
  await open(page, `#${MINI}&cloud=on&at=3&lang=zh`);
  await expect.poll(() => page.evaluate(() => !!window.descent.views)).toBe(true);
  await expect(page.locator('label.cloud-toggle')).toHaveText(/梯度云/);
  await expect(page.locator('.cloud-row dt').first()).toHaveText('‖均值 g‖');
  await expect(page.getByTestId('cloud-note')).toHaveText('第 1 轮的 10 个批次梯度');
  const c = await cloudNow(page);
  await expect(page.getByTestId('cloud-trace')).toHaveText(fmt6(c.trace));
});

test('the toggle shows only where the gradient is noisy; gnoise draws the noise distribution', async ({ page }) => {
  await open(page, '#f=linreg&data=line');
  await expect.poll(() => page.evaluate(() => !!window.descent.views)).toBe(true);
  await expect(page.locator('label.cloud-toggle')).toBeHidden();
  await open(page, '#f=booth&gnoise=2&lr=0.05&steps=30&cloud=on&at=10');
  await expect.poll(() => page.evaluate(() => !!window.descent.views)).toBe(true);
  await expect(page.locator('label.cloud-toggle')).toBeVisible();
  await expect.poll(async () => (await cloudNow(page))?.drawn !== null).toBe(true);
  const c = await cloudNow(page);
  expect(c.source).toBe('noise');
  expect(c.covariance).toEqual([[4, 0], [0, 4]]);
  expect(c.trace).toBe(8);
  expect(c.drawn.arrows.length).toBe(c.count);
  await expect(page.getByTestId('cloud-note')).toHaveText(`${c.count} draws of ∇f + σ·z; mean and ellipse exact`);
});

test('n = 100,000 with bs = 1: a decimated cloud, said so, and no long task while it plays', async ({ page, browser }) => {
  await open(page, '#f=linreg&data=line&n=100000&batch=sgd&lr=0.01&steps=400&cloud=on&at=0');
  await expect.poll(() => page.evaluate(() => !!window.descent.views)).toBe(true);
  await expect.poll(async () => (await cloudNow(page))?.drawn !== null).toBe(true);
  const c = await cloudNow(page);
  expect([c.count, c.shown, c.decimated, c.drawn.arrows.length]).toEqual([100000, 2000, true, 2000]);
  await expect(page.getByTestId('cloud-note')).toHaveText('2,000 of 100,000 batch gradients of epoch 1 drawn; mean and ellipse use all');
  // Every frame draws a new cloud at a new step: 100,000 gradients, 2,000 arrows.
  const { count, long } = await longTasks(page, browser, async () => {
    await page.evaluate(() => window.descent.play());
    await expect.poll(() => page.evaluate(() => window.descent.state().step), { timeout: 20_000 }).toBeGreaterThan(60);
    await page.evaluate(() => window.descent.pause());
  });
  const k = await page.evaluate(() => window.descent.state().step);
  await expect.poll(async () => (await cloudNow(page))?.k).toBe(k);
  expect(count, 'tasks traced while the cloud played').toBeGreaterThan(60);
  expect(long, 'tasks over 50 ms of CPU while the cloud played').toEqual([]);
});

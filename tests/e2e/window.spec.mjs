// The surface's view window: every 2-D function drawn with equal units on both axes (at any
// width, in the embed layout too), and a diverging run that stays in view for its first
// steps, with a marker on the border for points beyond the zoom's limit.
import { test, expect } from './helpers.mjs';
import { open } from './helpers.mjs';

const FUNCTIONS = ['quadratic', 'ellipse', 'rosenbrock', 'himmelblau', 'beale', 'booth', 'rastrigin', 'saddle',
  'six_hump_camel'];

/** Whether pixel p lies in the plot rectangle [l, t, r, b]. */
const inside = (p, [l, t, r, b]) => p[0] >= l && p[0] <= r && p[1] >= t && p[1] <= b;

/** Device pixels per unit along x and along y, measured from the origin to (1, 0) and (0, 1). */
function unitLengths(page) {
  return page.evaluate(() => {
    const v = window.descent.views;
    const o = v.surfacePx(0, 0);
    const x1 = v.surfacePx(1, 0);
    const y1 = v.surfacePx(0, 1);
    return { x: Math.hypot(x1[0] - o[0], x1[1] - o[1]), y: Math.hypot(y1[0] - o[0], y1[1] - o[1]), view: v.surfaceView() };
  });
}

for (const [w, h] of [[1280, 800], [360, 740]]) {
  test(`every 2-D function has as many pixels per unit across as up at ${w}px`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    const errors = await open(page, '#f=quadratic');
    for (const f of [...FUNCTIONS, 'custom&expr=x%5E2%2By%5E2']) {
      await page.evaluate((f) => window.descent.setSettings(`f=${f}`), f);
      const u = await unitLengths(page);
      expect(u.x, f).toBeGreaterThan(5);
      expect(Math.abs(u.x - u.y) / u.x, `${f}: ${u.x} px across, ${u.y} px up`).toBeLessThan(1e-9);
      // The view only grew from the landscape's own window, which holds the start: the
      // start is in view.
      const start = await page.evaluate(() => {
        const d = window.descent;
        d.step(-1e6);
        const s = d.state();
        return d.views.surfacePx(s.x, s.y);
      });
      expect(inside(start, u.view.plot), `${f}: the start at ${start}`).toBe(true);
      const [x0, x1, y0, y1] = u.view.window;
      // The plot fills the canvas: its aspect is the window's.
      const [l, t, r, b] = u.view.plot;
      expect(Math.abs((r - l) / (b - t) - (x1 - x0) / (y1 - y0))).toBeLessThan(1e-9);
    }
    // x² + y²: the contour through (1, 0) is a circle: (1, 0) and (0, 1) are as far from the
    // origin on screen.
    await page.evaluate(() => window.descent.setSettings('f=quadratic'));
    const q = await unitLengths(page);
    expect(Math.abs(q.x - q.y)).toBeLessThan(1e-6);
    expect(errors).toEqual([]);
  });
}

test('the embed layout keeps equal units too', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 420 });
  const errors = await open(page, '#f=quadratic&embed=1&controls=lr');
  const u = await unitLengths(page);
  expect(u.x).toBeGreaterThan(5);
  expect(Math.abs(u.x - u.y) / u.x).toBeLessThan(1e-9);
  expect(errors).toEqual([]);
});

test('data models of unlike parameters keep their own scales', async ({ page }) => {
  const errors = await open(page, '#f=linreg');
  const u = await unitLengths(page);
  // linreg's window is the fit's neighbourhood in w and b, scaled to fill the plot.
  expect(u.x).toBeGreaterThan(5);
  expect(u.y).toBeGreaterThan(5);
  expect(errors).toEqual([]);
});

test('a diverging 1-D run stays in view for its first steps, and says so', async ({ page }) => {
  const errors = await open(page, '#f=parabola1d&lr=1.5&steps=1000');
  const end = await page.evaluate(() => window.descent.runToEnd());
  expect(end.status).toBe('diverged');
  const t = await page.evaluate(() => {
    const c = window.descent.trajectory();
    return { x: Array.from(c.x.slice(0, 8)), loss: Array.from(c.loss.slice(0, 8)) };
  });
  for (let k = 0; k <= 3; k += 1) {
    const seen = await page.evaluate(([k, t]) => {
      const d = window.descent;
      d.step(-1e6);
      d.step(k);
      const v = d.views.surfaceView();
      return { v, px: t.x.slice(0, k + 1).map((x, i) => d.views.surfacePx(x, t.loss[i])) };
    }, [k, t]);
    expect(seen.v.shown).toBe(k);
    seen.px.forEach((p, i) => expect(inside(p, seen.v.plot), `step ${k}: point ${i} at ${p} is outside ${seen.v.plot}`).toBe(true));
    expect(seen.v.off_view).toBeNull();
  }
  // The view grew: at step 3 it reaches x = −20 and f = 400 (the landscape's own window is
  // [−3, 3] × [−0.5, 9]).
  const v3 = await page.evaluate(() => window.descent.views.surfaceView());
  expect(v3.window[0]).toBeLessThanOrEqual(-20);
  expect(v3.window[3]).toBeGreaterThanOrEqual(400);
  // At the end the point is far beyond any sensible view: a marker on the border shows it.
  const last = await page.evaluate(() => {
    const d = window.descent;
    d.runToEnd();
    const v = d.views.surfaceView();
    const c = document.getElementById('overlay');
    const px = v.off_view && c.getContext('2d').getImageData(Math.round(v.off_view[0]), Math.round(v.off_view[1]), 1, 1).data;
    return { v, px: px && Array.from(px), step: d.state().step };
  });
  expect(last.v.shown).toBe(last.step);
  expect(last.v.off_view).not.toBeNull();
  expect(inside(last.v.off_view, last.v.plot)).toBe(true);
  // The marker is drawn in the current point's colour (255, 80, 48).
  expect(last.px[3]).toBe(255);
  expect(last.px[0]).toBeGreaterThan(200);
  expect(last.px[1]).toBeLessThan(140);
  // The walker's sentence says so; at the end the status sentence does ("Diverged at…"), and
  // before it the read-out's own line.
  await expect(page.getByTestId('walker-note')).toHaveAttribute('data-diverging', '1');
  await expect(page.getByTestId('diverging')).toBeHidden();
  await page.evaluate(() => { window.descent.step(-1e6); window.descent.step(2); });
  await expect(page.getByTestId('diverging')).toBeVisible();
  await expect(page.getByTestId('diverging')).toContainText('Diverging');
  await expect(page.getByTestId('diverging')).toContainText('511');
  await expect(page.getByTestId('walker-note')).toContainText('diverging');
  expect(errors).toEqual([]);
});

test('中文: the read-out says the run is diverging', async ({ page }) => {
  const errors = await open(page, '#f=parabola1d&lr=1.5&steps=1000&lang=zh');
  await page.evaluate(() => { window.descent.runToEnd(); window.descent.step(-1e6); window.descent.step(3); });
  await expect(page.getByTestId('diverging')).toContainText('正在发散');
  await expect(page.getByTestId('walker-note')).toContainText('发散');
  expect(errors).toEqual([]);
});

test('a run that converges keeps the landscape\'s own view and shows no diverging line', async ({ page }) => {
  const errors = await open(page, '#f=parabola1d&lr=0.1');
  await page.evaluate(() => window.descent.runToEnd());
  const v = await page.evaluate(() => window.descent.views.surfaceView());
  expect(v.window).toEqual([-3, 3, -0.5, 9]);
  expect(v.off_view).toBeNull();
  await expect(page.getByTestId('diverging')).toBeHidden();
  expect(errors).toEqual([]);
});

test('a diverging 2-D run stays in view for its first steps on the surface', async ({ page }) => {
  const errors = await open(page, '#f=rosenbrock&lr=0.01&x0=-1.5&y0=2');
  const end = await page.evaluate(() => window.descent.runToEnd());
  expect(end.status).toBe('diverged');
  const t = await page.evaluate(() => {
    const c = window.descent.trajectory();
    return { x: Array.from(c.x), y: Array.from(c.y) };
  });
  for (let k = 0; k <= 3; k += 1) {
    const seen = await page.evaluate(([k, t]) => {
      const d = window.descent;
      d.step(-1e6);
      d.step(k);
      const v = d.views.surfaceView();
      return { v, px: t.x.slice(0, k + 1).map((x, i) => d.views.surfacePx(x, t.y[i])) };
    }, [k, t]);
    seen.px.forEach((p, i) => expect(inside(p, seen.v.plot), `step ${k}: point ${i} at ${p}`).toBe(true));
    // Equal units hold in the grown view too.
    const u = await unitLengths(page);
    expect(Math.abs(u.x - u.y) / u.x).toBeLessThan(1e-9);
  }
  const last = await page.evaluate(() => { window.descent.runToEnd(); return window.descent.views.surfaceView(); });
  expect(last.off_view).not.toBeNull();
  expect(errors).toEqual([]);
});

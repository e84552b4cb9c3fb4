// Presenter mode (present=1): the settings aside, a big read-out, the figures' text and lines
// PRESENT_SCALE times larger, keyboard stepping, and the link and the header button in step.
import { test, expect, open, canvasStats, mapDone, mapCellAt } from './helpers.mjs';

const RUN = '#f=himmelblau&opt=momentum&lr=0.01&steps=60';

/** The overlay's drawn pixels per pixel of its diagonal: the path's ink, whatever the canvas size. */
async function ink(page) {
  const s = await canvasStats(page, 'overlay');
  return s.opaque / Math.hypot(s.width, s.height);
}

/** The first read-out value's font size in CSS pixels. */
function readoutFont(page) {
  return page.evaluate(() => parseFloat(getComputedStyle(document.getElementById('ro-loss')).fontSize));
}

test.describe('presenter mode', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('present=1 hides the settings, enlarges the read-out and thickens the figure', async ({ page }) => {
    await open(page, RUN);
    const normalInk = await ink(page);
    const normalFont = await readoutFont(page);
    await expect(page.locator('aside.panel')).toBeVisible();

    await open(page, `${RUN}&present=1`);
    await expect(page.locator('body')).toHaveClass(/\bpresent\b/);
    await expect(page.locator('aside.panel')).toBeHidden();
    await expect(page.locator('#copy-link')).toBeHidden();
    await expect(page.locator('#present')).toHaveText('Exit presenter (Esc)');
    await expect(page.locator('#present')).toHaveAttribute('aria-pressed', 'true');
    expect(await readoutFont(page)).toBeGreaterThan(normalFont * 1.4);
    // The same path, drawn 1.75 times thicker with bigger markers.
    await page.evaluate(() => window.descent.redraw());
    expect(await ink(page)).toBeGreaterThan(normalInk * 1.4);
    // The read-out sits beside the surface, not below it.
    const surface = await page.locator('#surface').boundingBox();
    const readout = await page.locator('.readout').boundingBox();
    expect(readout.x).toBeGreaterThanOrEqual(surface.x + surface.width);
    expect(readout.y).toBeLessThan(surface.y + surface.height / 2);
  });

  test('a click on the surface sets the start where it was clicked, at the larger scale', async ({ page }) => {
    await open(page, `${RUN}&present=1`);
    const [px, py] = await page.evaluate(() => window.descent.views.surfacePx(1.5, -2));
    const dpr = await page.evaluate(() => window.devicePixelRatio);
    const box = await page.locator('#overlay').boundingBox();
    await page.mouse.click(box.x + px / dpr, box.y + py / dpr);
    await expect.poll(() => page.evaluate(() => [window.descent.trajectory().x[0], window.descent.trajectory().y[0]]))
      .toEqual([expect.closeTo(1.5, 1), expect.closeTo(-2, 1)]);
  });

  test('keys step and play; Esc leaves; the header button enters; the link keeps present=1', async ({ page }) => {
    await open(page, RUN);
    await page.locator('#present').click();
    await expect(page.locator('body')).toHaveClass(/\bpresent\b/);
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('present=1');
    expect(await page.evaluate(() => window.descent.link())).toContain('present=1');

    await page.keyboard.press('r');
    await expect.poll(() => page.evaluate(() => window.descent.state().step)).toBe(0);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => window.descent.state().step)).toBe(2);
    await expect(page.locator('#ro-step')).toHaveText('2');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => window.descent.state().step)).toBe(1);
    await page.keyboard.press(' ');
    await expect.poll(() => page.evaluate(() => window.descent.state().step)).toBeGreaterThan(1);

    await page.keyboard.press('Escape');
    await expect(page.locator('body')).not.toHaveClass(/\bpresent\b/);
    await expect(page.locator('aside.panel')).toBeVisible();
    await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('present=');
    await expect(page.locator('#present')).toHaveText('Present');
  });

  test('a map draws its text larger too, and hover and click still find the cell under the pointer', async ({ page }) => {
    const MAP = '#f=himmelblau&opt=momentum&steps=100&map=lr:1e-3:0.05:5,mom:0:0.95:4';
    const done = () => mapDone(page);
    await open(page, MAP);
    await done();
    // The left margin holds the tick labels and the axis title: it grows with their size.
    const normal = await page.evaluate(() => window.descent.map.plot());
    await open(page, `${MAP}&present=1`);
    await done();
    const plot = await page.evaluate(() => window.descent.map.plot());
    expect(plot.left).toBeGreaterThan(normal.left * 1.4);
    // Cell (ix 3, iy 2) of 5 × 4 under the pointer: its run is named and a click loads it.
    const { x, y } = await mapCellAt(page, 3, 2, 5, 4);
    await page.mouse.move(x, y);
    const cell = await page.evaluate(() => window.descent.map.cell(13));
    await expect(page.getByTestId('map-hover')).toContainText(`lr = ${Number(cell.x.toPrecision(4))}`);
    await page.mouse.click(x, y);
    const want = await page.evaluate(() => window.descent.map.cellSettings(13));
    await expect.poll(() => page.evaluate(() => window.descent.settings())).toBe(want);

    // On a phone the map keeps its usual text, so that its cells are not squeezed out.
    await page.setViewportSize({ width: 360, height: 740 });
    await open(page, `${MAP}&present=1&lang=zh`);
    await done();
    const small = await page.evaluate(() => ({ plot: window.descent.map.plot(), width: document.getElementById('map-canvas').width }));
    expect(small.plot.width).toBeGreaterThan(small.width * 0.45);
  });

  test('in 中文, and at 360 px nothing overflows', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await open(page, `${RUN}&lang=zh`);
    await expect(page.locator('#present')).toHaveText('演示');
    await open(page, `${RUN}&present=1&lang=zh`);
    await expect(page.locator('#present')).toHaveText('退出演示（Esc）');
    await expect(page.locator('aside.panel')).toBeHidden();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await expect(page.locator('#play')).toBeVisible();
  });

  test('an embed ignores present=1 and keeps its own layout', async ({ page }) => {
    await open(page, `${RUN}&embed=1&present=1`);
    await expect(page.locator('body')).toHaveClass(/\bembed\b/);
    await expect(page.locator('body')).not.toHaveClass(/\bpresent\b/);
  });
});

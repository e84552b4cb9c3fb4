// Drawing your own points in the data view (issue 15): a click adds a point at the data
// coordinates under it (read back through the view's coordinate helpers), a drag moves one,
// Delete and a long press remove one, Undo (button and Ctrl+Z) restores, Clear empties, the
// class toggle labels logreg's new points, and the link's pts follows every edit.
import { test, expect, open } from './helpers.mjs';

const views = (page) => expect.poll(() => page.evaluate(() => !!window.descent.views)).toBe(true);
const points = (page) => page.evaluate(() => window.descent.views.points());
const link = (page) => page.evaluate(() => decodeURIComponent(new URL(window.descent.link()).hash));

/** The page (CSS) position of data point (x, y) in the data view as last drawn. */
async function at(page, x, y) {
  return page.evaluate(([x, y]) => {
    const c = document.getElementById('data');
    const r = c.getBoundingClientRect();
    const [px, py] = window.descent.views.dataPx(x, y);
    const dpr = window.devicePixelRatio || 1;
    return { x: r.left + px / dpr, y: r.top + py / dpr, left: r.left, top: r.top };
  }, [x, y]);
}

/** Pairs of a flat point list. */
const pairs = (flat) => flat.reduce((a, v, i) => (i % 2 ? (a[a.length - 1].push(v), a) : (a.push([v]), a)), []);

test('click adds a point where it lands, drag moves it, Delete removes it, Undo restores, and the link follows', async ({ page }) => {
  await open(page, '#f=linreg&data=custom&pts=1,3;2,5;3,7&lr=0.05');
  await views(page);
  await expect(page.locator('#drawbar')).toBeVisible();
  await expect(page.locator('#draw-count')).toHaveText('3 points');

  // A click: the new point is the data under the pointer (the view holds still meanwhile).
  const p = await at(page, 2.5, 4);
  await page.mouse.move(p.x, p.y);
  const under = await page.evaluate(([x, y]) => window.descent.views.dataAt(x, y), [p.x - p.left, p.y - p.top]);
  await page.mouse.down();
  await page.mouse.up();
  await expect.poll(() => points(page).then((v) => v.length)).toBe(8);
  const added = pairs(await points(page))[3];
  // Within a CSS pixel of the data under the pointer (events carry whole pixels).
  expect(Math.abs(added[0] - under[0])).toBeLessThan(0.02);
  expect(Math.abs(added[1] - under[1])).toBeLessThan(0.05);
  expect(Math.abs(added[0] - 2.5)).toBeLessThan(0.05);
  expect(Math.abs(added[1] - 4)).toBeLessThan(0.1);
  expect(await link(page)).toContain(`pts=1,3;2,5;3,7;${added[0]},${added[1]}`);
  // Rounded to the view's pixel: the link reads like 2.503, not 2.5029998797336827.
  expect(String(added[0]).length).toBeLessThanOrEqual(6);
  expect(String(added[1]).length).toBeLessThanOrEqual(6);
  await expect(page.locator('#draw-count')).toHaveText('4 points');
  // The run restarted on the new data and was computed again.
  const settings = await page.evaluate(() => window.descent.settings());
  expect(settings).toContain('data=custom');

  // A drag moves point 1 (1, 3) to about (1.5, 6); one Undo step brings it back.
  const from = await at(page, 1, 3);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const to = await at(page, 1.5, 6);
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 3 });
  await page.mouse.up();
  await expect.poll(async () => pairs(await points(page))[0][0]).toBeGreaterThan(1.3);
  const moved = pairs(await points(page))[0];
  expect(Math.abs(moved[0] - 1.5)).toBeLessThan(0.05);
  expect(Math.abs(moved[1] - 6)).toBeLessThan(0.1);
  expect(await link(page)).toContain(`pts=${moved[0]},${moved[1]};2,5`);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => pairs(await points(page))[0]).toEqual([1, 3]);

  // Select point 2 (2, 5) by a press and remove it with Delete.
  const two = await at(page, 2, 5);
  await page.mouse.move(two.x, two.y);
  await page.mouse.down();
  await page.mouse.up();
  await page.keyboard.press('Delete');
  await expect.poll(async () => pairs(await points(page)).map((q) => q[0])).toEqual([1, 3, added[0]]);
  expect(await link(page)).toContain(`pts=1,3;3,7;${added[0]},${added[1]}`);
  // Ctrl+Z restores it.
  await page.mouse.move(5, 5);
  await page.keyboard.press('Control+z');
  await expect.poll(() => points(page).then((v) => v.length)).toBe(8);

  // Clear empties the data (a warning, not a dead page), Undo brings it all back.
  await page.getByRole('button', { name: 'Clear points' }).click();
  await expect.poll(() => points(page).then((v) => v.length)).toBe(0);
  await expect(page.locator('#draw-count')).toHaveText('0 points');
  expect(await link(page)).not.toContain('pts=');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => points(page).then((v) => v.length)).toBe(8);
});

test('drawing on generated data starts from its samples; a long press removes a point', async ({ page }) => {
  await open(page, '#f=linreg&data=line&n=20&lr=0.1');
  await views(page);
  const before = await page.evaluate(() => window.descent.views.points());
  expect(before).toEqual([]);
  // Below the line y = 2x + 1, clear of its samples.
  const p = await at(page, 0.8, 1.2);
  await page.mouse.click(p.x, p.y);
  await expect.poll(() => points(page).then((v) => v.length)).toBe(42);
  expect(await page.evaluate(() => window.descent.settings())).toContain('data=custom');
  // A long press (no movement) on the new point removes it.
  const q = await at(page, ...pairs(await points(page))[20]);
  await page.mouse.move(q.x, q.y);
  await page.mouse.down();
  await expect.poll(() => points(page).then((v) => v.length), { timeout: 3000 }).toBe(40);
  await page.mouse.up();
});

test('logreg: the class toggle labels new points; the run follows', async ({ page }) => {
  await open(page, '#f=logreg&data=custom&pts=-2,0;-1,0;1,1;2,1&lr=0.5');
  await views(page);
  await expect(page.getByTestId('draw-class-1')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('draw-class-0').click();
  await expect(page.getByTestId('draw-class-0')).toHaveAttribute('aria-pressed', 'true');
  const p = await at(page, 0.5, 0.5);
  await page.mouse.click(p.x, p.y);
  await expect.poll(() => points(page).then((v) => v.length)).toBe(10);
  const added = pairs(await points(page))[4];
  expect(Math.abs(added[0] - 0.5)).toBeLessThan(0.05);
  expect(added[1]).toBe(0);
  await page.getByTestId('draw-class-1').click();
  const q = await at(page, -0.5, 0.2);
  await page.mouse.click(q.x, q.y);
  await expect.poll(() => points(page).then((v) => v.length)).toBe(12);
  expect(pairs(await points(page))[5][1]).toBe(1);
  expect(await link(page)).toMatch(/pts=-2,0;-1,0;1,1;2,1;[-0-9.e]+,0;[-0-9.e]+,1/);
  await page.evaluate(() => window.descent.runToEnd());
  expect((await page.evaluate(() => window.descent.state())).status).not.toBe('running');
});

test('keyboard: Insert adds a point, arrows move the selected one, Delete removes it', async ({ page }) => {
  await open(page, '#f=linreg&data=custom&pts=1,3;2,5;3,7');
  await views(page);
  await page.locator('#data').focus();
  await page.keyboard.press('Insert');
  await expect.poll(() => points(page).then((v) => v.length)).toBe(8);
  const a = pairs(await points(page))[3];
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => pairs(await points(page))[3][0]).toBeGreaterThan(a[0]);
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => pairs(await points(page))[3][1]).toBeGreaterThan(a[1]);
  await page.keyboard.press('Delete');
  await expect.poll(() => points(page).then((v) => v.length)).toBe(6);
});

test('an embed shows custom data from its link but offers no drawing', async ({ page }) => {
  await open(page, '#f=linreg&data=custom&pts=1,3;2,5;3,7&embed=1&parts=data');
  await views(page);
  await expect(page.locator('#dataview')).toBeVisible();
  await expect(page.locator('#drawbar')).toBeHidden();
  expect(await points(page)).toEqual([1, 3, 2, 5, 3, 7]);
  const p = await at(page, 2.5, 4);
  await page.mouse.click(p.x, p.y);
  expect(await points(page)).toEqual([1, 3, 2, 5, 3, 7]);
});

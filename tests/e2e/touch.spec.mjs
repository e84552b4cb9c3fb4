// Touch on a phone: a swipe over the surface or the data view scrolls the page and changes
// nothing; a tap sets the start (surface) or adds a point (data view); a finger that lands on
// the start's marker or on a point drags it, and the page holds still meanwhile. Touches are
// real touch input (CDP Input.dispatchTouchEvent), so the browser's own scrolling decides;
// in an embed the swipe scrolls the host page.
import { test, expect, open } from './helpers.mjs';

test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

const LINK = '#f=linreg&data=custom&pts=1,3;2,5;3,7&lr=0.05&x0=1&y0=1';

/** A one-finger gesture through client CSS points `path`, lifted at the last. */
async function gesture(page, path) {
  const cdp = await page.context().newCDPSession(page);
  const at = ([x, y]) => [{ x, y, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(path[0]) });
  for (const p of path.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(p) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** Ten steps from `a` to `b`. */
const line = (a, b) => Array.from({ length: 11 }, (_, i) => [a[0] + ((b[0] - a[0]) * i) / 10, a[1] + ((b[1] - a[1]) * i) / 10]);

/** Scrolls `selector` to near the top of the window once a swipe's fling has stopped;
 * returns its client box. */
async function bring(page, selector) {
  await settled(page);
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    window.scrollTo(0, window.scrollY + el.getBoundingClientRect().top - 40);
    const r = el.getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  }, selector);
}

/** Resolves once the page has not scrolled for five frames. */
const settled = (page) => page.evaluate(() => new Promise((done) => {
  let last = window.scrollY;
  let still = 0;
  const frame = () => {
    still = window.scrollY === last ? still + 1 : 0;
    last = window.scrollY;
    if (still >= 5) done();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}));

const state = (page) => page.evaluate(() => ({ scroll: window.scrollY, settings: window.descent.settings() }));

/** The client CSS position of the surface's start marker, or of data point (x, y). */
const startAt = (page) => page.evaluate(() => {
  const link = new URLSearchParams(window.descent.settings());
  const r = document.getElementById('overlay').getBoundingClientRect();
  const [px, py] = window.descent.views.surfacePx(Number(link.get('x0')), Number(link.get('y0')));
  return [r.left + px / 2, r.top + py / 2];
});
const pointAt = (page, x, y) => page.evaluate(([x, y]) => {
  const r = document.getElementById('data').getBoundingClientRect();
  const [px, py] = window.descent.views.dataPx(x, y);
  return [r.left + px / 2, r.top + py / 2];
}, [x, y]);

test('on the surface a swipe scrolls and keeps the start, a tap sets it, and a drag from its marker moves it', async ({ page }) => {
  await open(page, LINK);
  await expect.poll(() => page.evaluate(() => !!window.descent.views)).toBe(true);
  const box = await bring(page, '#overlay');
  const before = await state(page);
  // A swipe up from the right half of the plot, far from the start (1, 1).
  const from = [box.x + box.w * 0.75, box.y + box.h * 0.7];
  await gesture(page, line(from, [from[0], from[1] - 120]));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before.scroll + 60);
  expect((await state(page)).settings).toBe(before.settings);

  // A tap sets the start to the data under it.
  const box2 = await bring(page, '#overlay');
  const tap = [box2.x + box2.w * 0.6, box2.y + box2.h * 0.4];
  await gesture(page, [tap]);
  await expect.poll(async () => (await state(page)).settings).not.toBe(before.settings);
  const tapped = new URLSearchParams((await state(page)).settings);
  // The new start is drawn under the finger (the link rounds it to a thousandth of the view).
  const drawn = await startAt(page);
  expect(Math.abs(drawn[0] - tap[0])).toBeLessThan(1.5);
  expect(Math.abs(drawn[1] - tap[1])).toBeLessThan(1.5);

  // A drag that starts on the start's marker moves the start and does not scroll.
  const marker = await startAt(page);
  const still = await state(page);
  await gesture(page, line(marker, [marker[0] - 40, marker[1] + 50]));
  await expect.poll(async () => (await state(page)).settings).not.toBe(still.settings);
  const dragged = new URLSearchParams((await state(page)).settings);
  expect(Number(dragged.get('x0'))).toBeLessThan(Number(tapped.get('x0')));
  expect(Number(dragged.get('y0'))).toBeLessThan(Number(tapped.get('y0')));
  await settled(page);
  expect(await page.evaluate(() => window.scrollY)).toBe(still.scroll);
});

test('on the data view a swipe scrolls and keeps the points, a tap adds one, and a drag from a point moves it', async ({ page }) => {
  await open(page, LINK);
  await expect.poll(() => page.evaluate(() => !!window.descent.views)).toBe(true);
  const points = () => page.evaluate(() => window.descent.views.points());
  const box = await bring(page, '#data');
  const before = await state(page);
  // A swipe up through the empty upper left of the view.
  const from = [box.x + box.w * 0.3, box.y + box.h * 0.6];
  await gesture(page, line(from, [from[0], from[1] - 120]));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before.scroll + 60);
  expect(await points()).toEqual([1, 3, 2, 5, 3, 7]);
  expect((await state(page)).settings).toBe(before.settings);

  // A tap adds a point under the finger.
  await bring(page, '#data');
  const tap = await pointAt(page, 2.5, 4);
  await gesture(page, [tap]);
  await expect.poll(async () => (await points()).length).toBe(8);
  const added = (await points()).slice(6);
  expect(Math.abs(added[0] - 2.5)).toBeLessThan(0.1);
  expect(Math.abs(added[1] - 4)).toBeLessThan(0.2);

  // A drag from point 1 (1, 3) moves it down and right; the page holds still.
  const still = await state(page);
  const a = await pointAt(page, 1, 3);
  const b = await pointAt(page, 1.5, 2);
  await gesture(page, line(a, b));
  await expect.poll(async () => (await points())[0]).toBeGreaterThan(1.3);
  const moved = (await points()).slice(0, 2);
  expect(Math.abs(moved[0] - 1.5)).toBeLessThan(0.1);
  expect(Math.abs(moved[1] - 2)).toBeLessThan(0.2);
  expect((await points()).length).toBe(8);
  await settled(page);
  expect(await page.evaluate(() => window.scrollY)).toBe(still.scroll);
});

test('in a course note on a phone, a swipe over an embedded figure scrolls the note and leaves the figure as it was', async ({ page }) => {
  await page.goto('./examples/learning-rate.html');
  const frame = page.frameLocator('iframe').first();
  await expect(frame.locator('#overlay')).toBeVisible({ timeout: 15_000 });
  const inner = page.frames().find((f) => f !== page.mainFrame());
  await expect.poll(() => inner.evaluate(() => !!(window.descent && window.descent.ready))).toBe(true);
  const before = await inner.evaluate(() => window.descent.settings());
  // The first embed's surface near the top of the window.
  const box = await page.locator('iframe').first().boundingBox();
  await page.evaluate((y) => window.scrollTo(0, window.scrollY + y - 40), box.y);
  await settled(page);
  const top = await page.evaluate(() => window.scrollY);
  const overlay = await frame.locator('#overlay').boundingBox();
  const from = [overlay.x + overlay.width * 0.7, overlay.y + overlay.height * 0.6];
  await gesture(page, line(from, [from[0], from[1] - 120]));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(top + 60);
  expect(await inner.evaluate(() => window.descent.settings())).toBe(before);
});

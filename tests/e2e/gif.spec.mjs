// Download → GIF: the run as an animated GIF made in the page (the figure the page draws, at
// 640×480, encoded in wasm by the CLI's encoder), with progress and Cancel, and no long task.
import { readFileSync } from 'node:fs';
import { test, expect, open, longTasks } from './helpers.mjs';

/** What a GIF file holds: its size, the loop extension, and each frame's rectangle and delay. */
function parseGif(bytes) {
  const le = (i) => bytes[i] | (bytes[i + 1] << 8);
  expect(bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  const size = [le(6), le(8)];
  let i = 13 + ((bytes[10] & 0x80) ? 3 << ((bytes[10] & 7) + 1) : 0);
  const frames = [];
  let loops = false;
  let delay = null;
  const skipBlocks = () => { while (bytes[i] !== 0) i += bytes[i] + 1; i += 1; };
  while (i < bytes.length && bytes[i] !== 0x3b) {
    if (bytes[i] === 0x21) {
      const label = bytes[i + 1];
      if (label === 0xff && bytes.subarray(i + 3, i + 14).toString('latin1') === 'NETSCAPE2.0') loops = true;
      if (label === 0xf9) delay = le(i + 4);
      i += 2;
      skipBlocks();
    } else if (bytes[i] === 0x2c) {
      frames.push({ rect: [le(i + 1), le(i + 3), le(i + 5), le(i + 7)], delay });
      const flags = bytes[i + 9];
      i += 10 + ((flags & 0x80) ? 3 << ((flags & 7) + 1) : 0) + 1;
      skipBlocks();
    } else {
      throw new Error(`unexpected byte ${bytes[i]} at ${i}`);
    }
  }
  return { size, frames, loops, trailer: bytes[i] === 0x3b };
}

test('Download → GIF gives 200 frames of 640×480 that loop, with progress, under 1 MB', async ({ page }) => {
  await open(page, '#f=rosenbrock&opt=adam&lr=0.05&steps=1000');
  await expect(page.locator('#export-gif')).toBeVisible();
  await expect(page.locator('#export-gif')).toHaveAttribute('title', /animated GIF/);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('#export-gif')]);
  expect(download.suggestedFilename()).toBe('descent-rosenbrock-adam.gif');
  const bytes = readFileSync(await download.path());
  const g = parseGif(bytes);
  expect(g.trailer).toBe(true);
  expect(g.loops).toBe(true);
  expect(g.size).toEqual([640, 480]);
  expect(g.frames.length).toBe(200);
  // The first frame is whole; the others store only what changed.
  expect(g.frames[0].rect).toEqual([0, 0, 640, 480]);
  const small = g.frames.slice(1).filter((f) => f.rect[2] * f.rect[3] < 640 * 480 / 4).length;
  expect(small).toBeGreaterThan(150);
  expect(g.frames[0].delay).toBe(5);
  expect(g.frames[199].delay).toBe(105);
  expect(bytes.length).toBeLessThan(1_000_000);
  await expect(page.locator('#gif-status')).toHaveText(`GIF: 200 frames, ${Math.round(bytes.length / 1024)} KB`);
  await expect(page.locator('#gif-cancel')).toBeHidden();
  // The page still runs.
  await page.evaluate(() => window.descent.setSettings('f=rosenbrock&opt=adam&lr=0.01&steps=50'));
  expect((await page.evaluate(() => window.descent.runToEnd())).step).toBe(50);
});

test('a GIF of the 3-D view and of a short run has one frame a step', async ({ page }) => {
  await open(page, '#f=himmelblau&steps=30&view=3d');
  await expect.poll(() => page.evaluate(() => !!window.descent.views)).toBe(true);
  const r = await page.evaluate(() => window.descent.exportGif());
  expect(r).toMatchObject({ frames: 31, width: 640, height: 480 });
  expect(r.size).toBeGreaterThan(10_000);
});

test('Cancel stops the GIF and the page keeps working; 中文 words', async ({ page }) => {
  await open(page, '#f=rosenbrock&opt=adam&lr=0.05&steps=1000&lang=zh');
  await expect(page.locator('#export-gif')).toHaveAttribute('title', /GIF 动画/);
  await page.evaluate(() => { window.gifDone = window.descent.exportGif(); });
  await expect(page.locator('#gif-status')).toContainText('GIF：第');
  await page.click('#gif-cancel');
  expect(await page.evaluate(() => window.gifDone)).toBeNull();
  await expect(page.locator('#gif-status')).toHaveText('已取消 GIF');
  await expect(page.locator('#export-gif')).toBeEnabled();
  await page.evaluate(() => window.descent.setSettings('f=rosenbrock&opt=adam&lr=0.01&steps=50'));
  expect((await page.evaluate(() => window.descent.runToEnd())).step).toBe(50);
});

test('making a GIF never blocks the page for over 50 ms', async ({ page, browser }) => {
  await open(page, '#f=himmelblau&opt=momentum&lr=0.01&steps=600');
  await expect.poll(() => page.evaluate(() => !!window.descent.views)).toBe(true);
  let r = null;
  const { count, long } = await longTasks(page, browser, async () => {
    r = await page.evaluate(() => window.descent.exportGif());
  });
  expect(r.frames).toBe(200);
  expect(count, 'tasks traced while the GIF was made').toBeGreaterThan(10);
  expect(long, 'tasks over 50 ms of CPU while the GIF was made').toEqual([]);
});

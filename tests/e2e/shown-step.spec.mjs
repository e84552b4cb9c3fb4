// The shown step: at= in the link (lessons open where they teach, a copied link keeps its
// step), the status sentence of the step on screen, the lesson's caption with its neighbours,
// controls that apply (no n or noise for the worked example's three points), and the
// optimizer and learning rate right under the figure on narrow screens.
import { test, expect } from './helpers.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { open, root } from './helpers.mjs';

const { lessons } = JSON.parse(readFileSync(join(root, 'web', 'lessons.json'), 'utf8'));
const lesson = (id) => lessons.find((l) => l.id === id);

/** The playground link of a lesson, as the gallery writes it. */
const lessonHash = (l, lang = 'en') => `#${l.settings}&lang=${lang}&lesson=${l.id}`;

/** Waits until every run has been computed to its end. */
async function settled(page) {
  await page.waitForFunction(() => window.descent.runs().every((r) => r.status.name !== 'running'));
}

/** The settings key at= of the address bar, once the throttled write has happened. */
async function hashAt(page) {
  await page.waitForTimeout(0);
  return page.evaluate(() => {
    const m = /[#&]at=(\d+)/.exec(location.hash);
    return m ? Number(m[1]) : null;
  });
}

test('the worked example opens at step 0, its maths panel above the fold showing 1 − 0.1·(−13.333) = 2.333', async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const errors = await open(page, lessonHash(lesson('worked-example')));
  await settled(page);
  const s = await page.evaluate(() => window.descent.state());
  expect(s.step).toBe(0);
  expect([s.x, s.y]).toEqual([1, 0]);
  await expect(page.getByTestId('step')).toHaveText('0');
  const panel = page.locator('#maths');
  await expect(panel).toBeVisible();
  const w = page.locator('#maths .maths-numbers[data-component="0"]');
  await expect(w).toContainText('=1−0.1·(−13.333)=2.333');
  await expect(page.locator('#maths .maths-numbers[data-component="1"]')).toContainText('=0−0.1·(−6)=0.6');
  // The numbers themselves are on screen, without scrolling.
  await expect(w).toBeInViewport({ ratio: 1 });
  await expect(panel).not.toContainText('last computed point');
  // The status sentence speaks of step 0, not of the run's end (671).
  await expect(page.getByTestId('status')).toHaveText('Step 0 of 671: the start. Press Step or Play to descend.');
  // The whole run is there to play: the timeline reaches its end.
  expect(await page.locator('#timeline').getAttribute('max')).toBe('671');
  await page.screenshot({ path: info.outputPath('worked-example-1280.png') });
  expect(errors).toEqual([]);
});

test('at 360 px the worked example shows its maths right under the figure', async ({ page }, info) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const errors = await open(page, lessonHash(lesson('worked-example'), 'zh'));
  await settled(page);
  const surface = await page.locator('#surface').boundingBox();
  const data = await page.locator('#dataview').boundingBox();
  const maths = await page.locator('#maths').boundingBox();
  // Below the figure (the surface, and the data view under it), within about a screen of its
  // bottom (the data view's drawing bar, the read-out and the controls between).
  const bottom = Math.max(surface.y + surface.height, data.y + data.height);
  expect(maths.y).toBeGreaterThan(bottom);
  expect(maths.y - bottom).toBeLessThan(740);
  await expect(page.locator('#maths .maths-numbers[data-component="0"]')).toContainText('=1−0.1·(−13.333)=2.333');
  await page.screenshot({ path: info.outputPath('worked-example-360-zh.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('a link copied at step 10 reopens at step 10; the end is written as no at=', async ({ page, context }) => {
  const errors = await open(page, '#f=rosenbrock&lr=0.001&steps=200');
  await settled(page);
  expect((await page.evaluate(() => window.descent.state())).step).toBe(200);
  expect(await hashAt(page)).toBeNull();
  // Step back to 0, then forward to 10 with the keyboard and the Step button.
  await page.click('#reset');
  for (let i = 0; i < 9; i += 1) await page.keyboard.press('ArrowRight');
  await page.click('#step');
  await expect(page.getByTestId('step')).toHaveText('10');
  const link = await page.evaluate(() => window.descent.link());
  expect(link).toContain('at=10');
  // The address bar follows (throttled).
  await expect.poll(() => hashAt(page)).toBe(10);
  const other = await context.newPage();
  const more = await open(other, new URL(link).hash);
  await settled(other);
  expect((await other.evaluate(() => window.descent.state())).step).toBe(10);
  await expect(other.getByTestId('step')).toHaveText('10');
  await expect(other.locator('#timeline')).toHaveValue('10');
  // Scrubbing the timeline writes the step too; the end of the run is no at= at all.
  await other.locator('#timeline').fill('37');
  await expect.poll(() => hashAt(other)).toBe(37);
  await other.evaluate(() => window.descent.runToEnd());
  await expect.poll(() => other.evaluate(() => location.hash)).not.toContain('at=');
  // A new run (a control changed) is shown from its end, as before.
  await page.fill('#c-lr', '0.0005');
  await page.press('#c-lr', 'Enter');
  await settled(page);
  expect((await page.evaluate(() => window.descent.state())).step).toBe(200);
  expect(await page.evaluate(() => window.descent.settings())).not.toContain('at=');
  expect([...errors, ...more]).toEqual([]);
});

test('a bad at= is named in the problems banner and the end is shown', async ({ page }) => {
  await open(page, '#f=quadratic&at=-3');
  await expect(page.getByTestId('problems')).toBeVisible();
  await expect(page.locator('#problems-list li[data-key="at"]')).toContainText('at=-3');
  await settled(page);
  const s = await page.evaluate(() => window.descent.state());
  expect(s.step).toBe(await page.evaluate(() => window.descent.trajectory().x.length - 1));
  // A step past the end of the run shows the end.
  await page.evaluate(() => { location.hash = '#f=quadratic&steps=20&at=500'; });
  await expect(page.getByTestId('step')).toHaveText('20');
});

test('the status sentence describes the step on screen; the final reason shows at the end', async ({ page }) => {
  const errors = await open(page, '#f=rosenbrock&lr=0.001&steps=200&lang=en');
  await settled(page);
  const status = page.getByTestId('status');
  await expect(status).toHaveText('Stopped after the maximum of 200 steps.');
  await page.evaluate(() => { window.descent.step(-1e9); window.descent.step(56); });
  await expect(page.getByTestId('step')).toHaveText('56');
  const loss = await page.evaluate(() => { const t = window.descent.trajectory(); return [t.loss[55], t.loss[56]]; });
  expect(loss[1]).toBeLessThan(loss[0]);
  await expect(status).toHaveText('Step 56 of 200: the loss is falling.');
  await expect(status).not.toContainText('Stopped');
  await expect(status).not.toContainText('maximum');
  // Playing: every frame describes its own step, never the end until it is on screen.
  await page.evaluate(() => window.descent.play());
  await page.waitForFunction(() => window.descent.state().step > 60);
  const playing = await page.evaluate(() => [window.descent.state().step, document.getElementById('status').textContent]);
  if (playing[0] < 200) expect(playing[1]).toMatch(/^Step \d+ of 200: the loss is (falling|rising|unchanged)\.$/);
  await page.evaluate(() => window.descent.runToEnd());
  await expect(status).toHaveText('Stopped after the maximum of 200 steps.');
  // A converged run: the reason at its end, and "of 671" before it, in Chinese too.
  await page.evaluate(() => window.descent.setSettings('f=linreg&data=seed&lr=0.1&x0=1&y0=0&steps=1000&at=0&lang=zh'));
  await settled(page);
  await expect(status).toHaveText('第 0 步（共 671 步）：起点。按“单步”或“播放”开始下降。');
  await page.evaluate(() => window.descent.step(1));
  await expect(status).toHaveText('第 1 步（共 671 步）：损失正在下降。');
  await page.evaluate(() => window.descent.runToEnd());
  await expect(status).toHaveText('在第 671 步收敛：梯度范数已低于容差。');
  // A diverging run says the loss is rising before its end.
  await page.evaluate(() => window.descent.setSettings('f=parabola1d&lr=1.5&steps=1000&at=3&lang=en'));
  await settled(page);
  await expect(status).toHaveText('Step 3 of 511: the loss is rising.');
  await page.evaluate(() => window.descent.runToEnd());
  await expect(status).toContainText('Diverged at step 511');
  expect(errors).toEqual([]);
});

test('a lesson shows its caption in the page language, with links to the previous and next lesson', async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const i = lessons.findIndex((l) => l.id === 'worked-example');
  const [prev, here, next] = [lessons[i - 1], lessons[i], lessons[i + 1]];
  const errors = await open(page, lessonHash(here, 'en'));
  const box = page.getByTestId('lesson');
  await expect(box).toBeVisible();
  await expect(box.locator('h2')).toHaveText(here.title.en);
  await expect(box.getByTestId('lesson-caption')).toHaveText(here.caption.en);
  await expect(box.locator('.lesson-count')).toContainText(`Lesson ${i + 1} of ${lessons.length}`);
  await expect(page.locator('#lesson-prev')).toHaveText(`← ${prev.title.en}`);
  await expect(page.locator('#lesson-next')).toHaveText(`${next.title.en} →`);
  await expect(box).toBeInViewport();
  // The language menu re-words it from lessons.json.
  await page.selectOption('#lang', 'zh');
  await expect(box.getByTestId('lesson-caption')).toHaveText(here.caption.zh);
  await expect(page.locator('#lesson-next')).toHaveText(`${next.title.zh} →`);
  // The keyboard reaches the next lesson: focus the link, press Enter.
  await page.locator('#lesson-next').focus();
  await page.keyboard.press('Enter');
  await expect(box.locator('h2')).toHaveText(next.title.zh);
  await expect(box.getByTestId('lesson-caption')).toHaveText(next.caption.zh);
  await page.waitForFunction(() => window.descent.ready);
  const settings = await page.evaluate(() => window.descent.settings());
  expect(settings.split('&').sort()).toEqual([...next.settings.split('&'), 'lang=zh'].sort());
  expect(await page.evaluate(() => location.hash)).toContain(`lesson=${next.id}`);
  await settled(page);
  const at = /(?:^|&)at=(\d+)/.exec(next.settings);
  expect((await page.evaluate(() => window.descent.state())).step).toBe(at ? Number(at[1]) : await page.evaluate(() => window.descent.trajectory().x.length - 1));
  // Back with the previous link.
  await page.locator('#lesson-prev').click();
  await expect(box.locator('h2')).toHaveText(here.title.zh);
  await page.screenshot({ path: info.outputPath('lesson-zh-1280.png') });
  // The first and the last lesson have one neighbour each.
  await page.evaluate((h) => { location.hash = h; }, lessonHash(lessons[0]));
  await expect(box.locator('h2')).toHaveText(lessons[0].title.en);
  await expect(page.locator('#lesson-prev')).toHaveCount(0);
  await expect(page.locator('#lesson-next')).toHaveText(`${lessons[1].title.en} →`);
  await page.evaluate((h) => { location.hash = h; }, lessonHash(lessons[lessons.length - 1]));
  await expect(page.locator('#lesson-next')).toHaveCount(0);
  // Without lesson= there is no caption.
  await page.evaluate(() => { location.hash = '#f=himmelblau'; });
  await expect(box).toBeHidden();
  expect(errors).toEqual([]);
});

test('every lesson opens on its own step with its caption', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = await open(page);
  for (const l of lessons) {
    await page.evaluate((h) => { location.hash = h; }, lessonHash(l));
    await expect(page.getByTestId('lesson-caption'), l.id).toHaveText(l.caption.en);
    await settled(page);
    const at = /(?:^|&)at=(\d+)/.exec(l.settings);
    const s = await page.evaluate(() => [window.descent.state().step, window.descent.trajectory().x.length - 1]);
    expect(s[0], l.id).toBe(at ? Number(at[1]) : s[1]);
  }
  expect(errors).toEqual([]);
});

test('n and noise are hidden for the worked example\'s three points and shown for generated data', async ({ page }) => {
  const errors = await open(page, '#f=linreg&data=seed');
  await expect(page.locator('#c-data')).toBeVisible();
  await expect(page.locator('#c-n')).toBeHidden();
  await expect(page.locator('#c-noise')).toBeHidden();
  await page.selectOption('#c-data', 'line');
  await expect(page.locator('#c-n')).toBeVisible();
  await expect(page.locator('#c-noise')).toBeVisible();
  await page.selectOption('#c-data', 'seed');
  await expect(page.locator('#c-n')).toBeHidden();
  expect(errors).toEqual([]);
});

for (const lang of ['en', 'zh']) {
  test(`at 360 px the optimizer, learning rate and Play sit right under the figure (${lang})`, async ({ page }, info) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const errors = await open(page, `#f=rosenbrock&lang=${lang}`);
    const surface = await page.locator('#surface').boundingBox();
    const bottom = surface.y + surface.height;
    for (const id of ['#c-lr', '#c-lr-slider', '#c-opt', '#play']) {
      const box = await page.locator(id).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box.y, id).toBeGreaterThan(bottom);
      expect(box.y - bottom, id).toBeLessThan(0.5 * 740);
    }
    // They still work from there: the learning rate changes the run and the link.
    await page.fill('#c-lr', '0.002');
    await page.press('#c-lr', 'Enter');
    await expect.poll(() => page.evaluate(() => window.descent.settings())).toContain('lr=2e-3');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: info.outputPath(`narrow-${lang}.png`) });
    // Wide again: they are back in the settings panel.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(page.locator('.panel #c-lr')).toHaveCount(1);
    await expect(page.locator('.panel #c-opt')).toHaveCount(1);
    expect(errors).toEqual([]);
  });
}

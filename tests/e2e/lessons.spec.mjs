// The lessons gallery: every preset is a relative link that opens the page without problems,
// captions in both languages, the same language menu, and links to and from the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, open, root } from './helpers.mjs';

const { lessons } = JSON.parse(readFileSync(join(root, 'web', 'lessons.json'), 'utf8'));

/** Opens the gallery and waits until its cards are there. */
async function gallery(page, hash = '') {
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  await page.goto(`./lessons.html${hash}`);
  await page.waitForSelector('body[data-ready="true"]');
  expect(errors).toEqual([]);
}

test('the gallery lists every preset as a relative link with its English caption', async ({ page }) => {
  await gallery(page, '#lang=en');
  const cards = page.locator('#lesson-list li.lesson');
  await expect(cards).toHaveCount(lessons.length);
  for (const [i, lesson] of lessons.entries()) {
    const card = cards.nth(i);
    await expect(card.locator('a')).toHaveAttribute('href', `./#${lesson.settings}&lang=en&lesson=${lesson.id}`);
    await expect(card.locator('h3')).toHaveText(lesson.title.en);
    await expect(card.locator('.lesson-caption')).toHaveText(lesson.caption.en);
  }
  await expect(page.locator('#back')).toHaveAttribute('href', './#lang=en');
  // Grouped by topic, each topic named.
  await expect(page.locator('#lesson-list section.topic')).toHaveCount(6);
  await expect(page.locator('#lesson-list section.topic h2').nth(1)).toHaveText('The learning rate');
});

test('the gallery in Chinese: lang=zh, the menu switches live, links carry the language', async ({ page }) => {
  await gallery(page, '#lang=zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const first = page.locator('#lesson-list li.lesson').first();
  await expect(first.locator('h3')).toHaveText(lessons[0].title.zh);
  await expect(first.locator('.lesson-caption')).toHaveText(lessons[0].caption.zh);
  await expect(first.locator('.lesson-source')).toContainText('出自：');
  await expect(page.locator('#back')).toHaveText('← 交互演示');
  await expect(page.locator('#lesson-list section.topic h2').nth(1)).toHaveText('学习率');
  const worked = page.locator('#lesson-list li.lesson[data-id="worked-example"]');
  await expect(worked.locator('.lesson-caption')).toContainText('−40/3 ≈ −13.333');
  await page.selectOption('#lang', 'en');
  await expect(first.locator('h3')).toHaveText(lessons[0].title.en);
  await expect(first.locator('a')).toHaveAttribute('href', `./#${lessons[0].settings}&lang=en&lesson=${lessons[0].id}`);
  expect(await page.evaluate(() => location.hash)).toBe('#lang=en');
});

test.describe('with a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });
  test('the gallery without lang= follows the browser', async ({ page }) => {
    await gallery(page);
    await expect(page.locator('#lang')).toHaveValue('zh');
    await expect(page.locator('#lesson-list li.lesson h3').first()).toHaveText(lessons[0].title.zh);
  });
});

test('every preset decodes in the page with no problem', async ({ page }) => {
  await open(page);
  for (const lesson of lessons) {
    const problems = await page.evaluate((s) => window.descent.setSettings(s), lesson.settings);
    expect(problems, lesson.id).toEqual([]);
  }
});

test('presets opened from the gallery show the playground with their settings and no problems banner', async ({ page }) => {
  const ids = ['worked-example', 'lr-diverge', 'batch-mini', 'adaptive-race', 'plateau', 'scaling-none', 'target'];
  for (const id of ids) {
    const lesson = lessons.find((l) => l.id === id);
    await gallery(page, '#lang=zh');
    await page.locator(`#lesson-list li.lesson[data-id="${id}"] a`).click();
    await page.waitForFunction(() => window.descent && window.descent.ready);
    const settings = await page.evaluate(() => window.descent.settings());
    // The link's settings plus lang=zh (canonical order puts lang among the view keys).
    expect(settings.split('&').sort(), id).toEqual([...lesson.settings.split('&'), 'lang=zh'].sort());
    await expect(page.getByTestId('problems'), id).toBeHidden();
    await expect(page.locator('#play')).toHaveText('播放');
  }
  // The worked example starts at (w, b) = (1, 0) and its first step is the text's w = 2.333.
  await page.goto(`./index.html#${lessons.find((l) => l.id === 'worked-example').settings}`);
  await page.waitForFunction(() => window.descent && window.descent.ready);
  const s0 = await page.evaluate(() => { window.descent.step(-1e9); return window.descent.state(); });
  expect([s0.x, s0.y]).toEqual([1, 0]);
  const s1 = await page.evaluate(() => window.descent.step(1));
  expect(s1.x).toBeCloseTo(7 / 3, 12);
  expect(s1.y).toBeCloseTo(0.6, 12);
});

test('the page links to the gallery in its language, and the gallery links back', async ({ page }) => {
  await open(page, '#lang=zh');
  await expect(page.locator('#lessons-link')).toHaveText('课程示例');
  await page.click('#lessons-link');
  await page.waitForSelector('body[data-ready="true"]');
  await expect(page.locator('#lang')).toHaveValue('zh');
  await page.click('#back');
  await page.waitForFunction(() => window.descent && window.descent.ready);
  await expect(page.locator('#play')).toHaveText('播放');
});

for (const [name, width, height] of [['desktop', 1280, 900], ['phone', 360, 740]]) {
  test(`the gallery fits ${width} px in Chinese (${name})`, async ({ page }, info) => {
    await page.setViewportSize({ width, height });
    await gallery(page, '#lang=zh');
    const scroll = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll[0]).toBeLessThanOrEqual(scroll[1]);
    await page.screenshot({ path: info.outputPath(`lessons-zh-${name}.png`), fullPage: true });
    await page.screenshot({ path: info.outputPath(`lessons-zh-${name}-top.png`) });
  });
}

// Language: lang=zh shows 简体中文 (texts and tooltips), the browser's locale is the default,
// switching live keeps the run and goes into the link, and every key has both languages.
import { test, expect, open, snapshot } from './helpers.mjs';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { keys } from '../../web/i18n.js';
import { root } from './helpers.mjs';

/** Keys that exist in Chinese only: their English comes from the Rust codec's own words. */
const ZH_ONLY = /^allowed\./;

test('the string tables: every English key has Chinese, and Chinese adds only codec wordings', async () => {
  // Every page module registers its strings on import (app.js boots the page, so not that one).
  const loaded = [];
  for (const f of readdirSync(join(root, 'web')).filter((n) => n.endsWith('.js') && n !== 'app.js')) {
    try {
      await import(pathToFileURL(join(root, 'web', f)).href);
      loaded.push(f);
    } catch { /* a module that needs the DOM to load is covered by the in-page walk below */ }
  }
  expect(loaded).toEqual(expect.arrayContaining(['strings.js', 'lessons.js', 'controls.js', 'readout.js']));
  const en = keys('en');
  const zh = keys('zh');
  expect(en.length).toBeGreaterThan(150);
  expect(en.filter((k) => !zh.includes(k))).toEqual([]);
  expect(zh.filter((k) => !en.includes(k) && !ZH_ONLY.test(k))).toEqual([]);
});

/** Every data-i18n* key used in the document, with whether each language has it. */
function domKeys(page) {
  return page.evaluate(async () => {
    const i18n = await import(new URL('i18n.js', document.baseURI).href);
    const attrs = ['data-i18n', 'data-i18n-title', 'data-i18n-aria', 'data-i18n-placeholder'];
    const used = new Set();
    for (const a of attrs) for (const el of document.querySelectorAll(`[${a}]`)) used.add(el.getAttribute(a));
    return [...used].map((k) => ({ k, en: i18n.has(k, 'en'), zh: i18n.has(k, 'zh') }));
  });
}

test('every data-i18n key in the page and the gallery has an English and a Chinese string', async ({ page }) => {
  await open(page, '#lang=zh');
  const main = await domKeys(page);
  expect(main.length).toBeGreaterThan(40);
  expect(main.filter((e) => !e.en || !e.zh)).toEqual([]);
  await page.goto('./lessons.html#lang=zh');
  await page.waitForSelector('body[data-ready="true"]');
  const gallery = await domKeys(page);
  expect(gallery.length).toBeGreaterThan(4);
  expect(gallery.filter((e) => !e.en || !e.zh)).toEqual([]);
});

test('lang=zh shows the page in Chinese: header, buttons, panel, tooltips, read-out, status', async ({ page }) => {
  await open(page, '#lang=zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle(/梯度下降/);
  await expect(page.locator('#copy-link')).toHaveText('复制链接');
  await expect(page.locator('#copy-link')).toHaveAttribute('title', '把指向这次运行的链接复制到剪贴板');
  await expect(page.locator('#play')).toHaveText('播放');
  await expect(page.locator('#step')).toHaveText('单步');
  await expect(page.locator('#step')).toHaveAttribute('title', '迭代一步（→）');
  await expect(page.locator('#lessons-link')).toHaveText('课程示例');
  await expect(page.locator('#lang')).toHaveValue('zh');
  await expect(page.locator('label[for="c-lr"]')).toHaveText('学习率');
  await expect(page.locator('#c-lr')).toHaveAttribute('title', /^基础步长.*允许：区间 \(0, 1000\] 内的数。$/);
  await expect(page.locator('#c-lr-slider')).toHaveAttribute('aria-label', '学习率（对数滑块）');
  await expect(page.locator('#overlay')).toHaveAttribute('title', '点击或拖动来设置起点');
  await expect(page.locator('#overlay')).toHaveAttribute('aria-label', '优化器的轨迹。点击或拖动来设置起点。');
  await expect(page.locator('#controls legend').first()).toHaveText('损失曲面');
  await expect(page.locator('#c-opt option[value="gd"]')).toHaveText('梯度下降（gd）');
  await expect(page.locator('#c-opt option[value="momentum"]')).toHaveText('动量法');
  await expect(page.locator('#c-sched option[value="invsqrt"]')).toHaveText('自适应学习率 lr/√(t+1)');
  await expect(page.locator('#c-f option[value="saddle"]')).toHaveText('鞍点');
  await expect(page.locator('#c-f optgroup').first()).toHaveAttribute('label', '二元函数');
  await expect(page.locator('label[for="c-x0"]')).toHaveText('起点 x');
  await expect(page.locator('#ro-loss').locator('xpath=preceding-sibling::dt')).toHaveText('损失');
  // The default run stops after its 200 steps; the sentence is built in Chinese.
  await page.evaluate(() => window.descent.runToEnd());
  await expect(page.getByTestId('status')).toHaveText('已达到最大迭代次数 200，停止。');
  await expect(page.locator('#speed')).toHaveAttribute('aria-valuetext', '每帧 1 步');

  // A data model: batch modes use the course texts' names; start labels use w and b.
  await page.evaluate(() => window.descent.setSettings('f=linreg&lang=zh'));
  await expect(page.locator('#c-batch option[value="full"]')).toHaveText('批量梯度下降');
  await expect(page.locator('#c-batch option[value="sgd"]')).toHaveText('随机梯度下降');
  await expect(page.locator('#c-batch option[value="mini"]')).toHaveText('小批量梯度下降');
  await expect(page.locator('label[for="c-scale"]')).toHaveText('特征缩放');
  await expect(page.locator('label[for="c-x0"]')).toHaveText('起点 w');
  await expect(page.locator('#c-x0')).toHaveAttribute('title', /^起点的 w 坐标/);
});

for (const link of ['f=linreg&batch=mini&opt=adam&sched=step&resid=on&maths=on', 'f=parabola1d&lrs=0.01,0.9', 'f=rosenbrock&view=3d&race=adam&sweep=1e-3,1,5', 'f=linreg2&maths=on&opt=momentum']) test(`in Chinese no visible text, tooltip or accessible name is left in English: ${link}`, async ({ page }) => {
  await open(page, `#lang=zh&${link}`);
  await page.evaluate(() => window.descent.runToEnd());
  const english = await page.evaluate(() => {
    // Common English words; names such as Adam, Rosenbrock or codec values are allowed.
    const words = /\b(the|and|of|to|a|is|on|in|or|this|step|steps|loss|start|copy|link|play|reset|speed|rate|batch|schedule|optimizer|landscape|settings|allowed)\b/i;
    const found = [];
    const visible = (el) => el.getClientRects().length > 0 || el.tagName === 'OPTION' || el.tagName === 'OPTGROUP';
    for (const el of document.body.querySelectorAll('*')) {
      if (['SCRIPT', 'STYLE', 'CODE', 'NOSCRIPT', 'TEXTAREA', 'DIALOG'].includes(el.tagName) || el.closest('dialog, noscript, #problems-list')) continue;
      if (!visible(el)) continue;
      for (const n of el.childNodes) if (n.nodeType === 3 && words.test(n.textContent)) found.push(`${el.tagName}#${el.id}: ${n.textContent.trim()}`);
      for (const a of ['title', 'aria-label', 'placeholder', 'aria-valuetext', 'label']) {
        // After 允许： come the codec's value names (const, step, on…), which stay as written.
        const v = (el.getAttribute(a) || '').split('允许：')[0];
        if (v && words.test(v)) found.push(`${el.tagName}#${el.id} @${a}: ${v}`);
      }
    }
    return found;
  });
  expect(english).toEqual([]);
});

test('the problems banner is framed in Chinese, with the key and value', async ({ page }) => {
  await open(page, '#lang=zh&lr=abc&zzz=1');
  const banner = page.getByTestId('problems');
  await expect(banner).toBeVisible();
  await expect(page.locator('#problems-title')).toHaveText('链接中有些设置无法使用');
  await expect(page.locator('#problems-note')).toHaveText('已改用默认值。');
  await expect(page.locator('#problems-list li[data-key="lr"]')).toHaveText('lr=abc：应为区间 (0, 1000] 内的数；已改用默认值');
  await expect(page.locator('#problems-list li[data-key="zzz"]')).toHaveText('zzz=1：未知的键，已忽略');
  await expect(page.locator('#problems-dismiss')).toHaveText('关闭');
  // Switching language re-words the banner in place.
  await page.selectOption('#lang', 'en');
  await expect(page.locator('#problems-title')).toHaveText('Some settings could not be used');
  await expect(page.locator('#problems-list li[data-key="lr"]')).toHaveText('lr=abc: expected a number in (0, 1000]; the default was used');
});

test('a formula error in Chinese names its column, with the caret under it', async ({ page }) => {
  await open(page, '#lang=zh&f=custom');
  await page.locator('#c-expr').fill('x^2 + $y');
  const err = page.getByTestId('formula-error');
  await expect(err.locator('p')).toHaveText(/^第 7 列：/);
  await expect(err.locator('pre')).toHaveText('x^2 + $y\n      ^');
  // A bad value typed in a number field gets its message in Chinese beside it.
  await page.locator('#c-lr').fill('5000');
  await page.locator('#c-lr').dispatchEvent('change');
  // The run keeps its learning rate, and the message says so (nothing fell back to a default).
  await expect(page.locator('#c-lr-error')).toHaveText(/^lr = 5000：应为区间 \(0, 1000\] 内的数。运行仍使用 lr = [0-9.e-]+。$/);
});

test('a diverging run says so in Chinese, naming what overflowed', async ({ page }) => {
  await open(page, '#lang=zh&f=parabola1d&lr=1.5&steps=1000');
  const st = await page.evaluate(() => window.descent.runToEnd());
  expect(st.status).toBe('diverged');
  await expect(page.getByTestId('status')).toHaveText(`在第 ${st.step} 步发散：损失变为 inf。请尝试更小的学习率。`);
  await page.selectOption('#lang', 'en');
  await expect(page.getByTestId('status')).toHaveText(`Diverged at step ${st.step}: the loss became inf. Try a smaller learning rate.`);
});

test.describe('with a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });
  test('no lang= in the link: the page follows the browser and speaks Chinese', async ({ page }) => {
    await open(page, '#f=rosenbrock');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.locator('#play')).toHaveText('播放');
    await expect(page.locator('#lang')).toHaveValue('zh');
    // The default is not written into the link; lang=en in a link wins over the browser.
    expect(await page.evaluate(() => location.hash)).toBe('#f=rosenbrock');
    await open(page, '#f=rosenbrock&lang=en');
    await expect(page.locator('#play')).toHaveText('Play');
  });
});

test.describe('with an English browser', () => {
  test.use({ locale: 'en-US' });
  test('no lang= in the link: the page speaks English', async ({ page }) => {
    await open(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('#play')).toHaveText('Play');
    await expect(page.locator('#copy-link')).toHaveText('Copy link');
    await expect(page.locator('#lang')).toHaveValue('en');
  });
});

test('switching the language live keeps the run: same step, same θ, same pixels; the link gets lang=zh', async ({ page }) => {
  await open(page, '#f=rosenbrock&opt=adam&lr=0.05');
  await page.evaluate(() => window.descent.runToEnd());
  const before = await page.evaluate(() => window.descent.step(-37));
  const points = await page.evaluate(() => window.descent.trajectory().x.length);
  await page.evaluate(() => window.descent.redraw());
  const pixels = await snapshot(page);

  await page.selectOption('#lang', 'zh');
  await expect(page.locator('#play')).toHaveText('播放');
  // The sentence is about the step on screen (37 before the end), not the run's end.
  await expect(page.getByTestId('status')).toHaveText(new RegExp(`^第 ${before.step} 步（共 \\d+ 步）：损失(正在下降|正在上升|没有变化)。$`));
  const after = await page.evaluate(() => window.descent.state());
  expect(after.step).toBe(before.step);
  expect(after.x).toBe(before.x);
  expect(after.y).toBe(before.y);
  expect(after.loss).toBe(before.loss);
  await expect(page.getByTestId('step')).toHaveText(String(before.step));
  expect(await page.evaluate(() => window.descent.trajectory().x.length)).toBe(points);
  expect(await page.evaluate(() => location.hash)).toBe(`#f=rosenbrock&opt=adam&lr=0.05&at=${before.step}&lang=zh`);
  expect(await page.evaluate(() => window.descent.link())).toContain('lang=zh');
  await expect(page.locator('#lessons-link')).toHaveAttribute('href', './lessons.html#lang=zh');

  // And back: English again, the run still the same, drawn to the same pixels. (In Chinese
  // the canvases' sans-serif is the CJK font, so even the digits differ there.)
  await page.selectOption('#lang', 'en');
  await expect(page.locator('#play')).toHaveText('Play');
  expect((await page.evaluate(() => window.descent.state())).x).toBe(before.x);
  expect(await page.evaluate(() => location.hash)).toBe(`#f=rosenbrock&opt=adam&lr=0.05&at=${before.step}&lang=en`);
  await page.evaluate(() => window.descent.redraw());
  const again = await snapshot(page);
  expect(again.base).toBe(pixels.base);
  expect(again.overlay).toBe(pixels.overlay);
  expect(again.loss).toBe(pixels.loss);
});

test('a hash edit to lang=zh switches the language and keeps the same run', async ({ page }) => {
  await open(page, '#f=himmelblau');
  await page.evaluate(() => window.descent.runToEnd());
  const before = await page.evaluate(() => window.descent.step(-3));
  await page.evaluate(() => { location.hash = '#f=himmelblau&lang=zh'; });
  await expect(page.locator('#play')).toHaveText('播放');
  // A hash edit replaces every setting; only a view key changed, so the run is kept.
  const st = await page.evaluate((k) => { window.descent.runToEnd(); return window.descent.step(k - window.descent.state().step); }, before.step);
  expect(st.x).toBe(before.x);
  expect(st.y).toBe(before.y);
});

for (const [name, width, height] of [['desktop', 1280, 900], ['phone', 360, 740]]) {
  test(`in Chinese at ${width} px nothing overflows sideways (${name})`, async ({ page }, info) => {
    await page.setViewportSize({ width, height });
    await open(page, '#lang=zh&f=linreg&batch=mini&opt=adam');
    const overflow = await page.evaluate(() => {
      const wide = [];
      const limit = document.documentElement.clientWidth;
      for (const el of document.querySelectorAll('header *, .playback *, .readout *, .chart label, #controls *')) {
        const r = el.getBoundingClientRect();
        if (r.width && r.right > limit + 1) wide.push(`${el.tagName}#${el.id}.${el.className}: ${Math.round(r.right)} > ${limit}`);
      }
      return { wide, scroll: document.documentElement.scrollWidth, limit };
    });
    expect(overflow.wide).toEqual([]);
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.limit);
    await page.screenshot({ path: info.outputPath(`zh-${name}.png`), fullPage: true });
  });
}

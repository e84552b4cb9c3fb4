// 中文 as a reader of the course notes sees it: the string tables and the rendered pages use
// full-width punctuation in Chinese sentences, no space after 。，；：, and no English word left
// untranslated; both languages cover every key; the race menus name optimizers as the main
// menu does; tooltips of menus list no raw codes.
import { test, expect, open } from './helpers.mjs';
import { zhFaults } from './zhcheck.mjs';

/** Every zh string of the page's tables, with its key, and the keys missing in either language. */
function tables(page) {
  return page.evaluate(async () => {
    const i18n = await import(new URL('i18n.js', document.baseURI).href);
    const en = i18n.keys('en');
    const zh = i18n.keys('zh');
    const before = i18n.lang();
    i18n.setLang('zh');
    const strings = zh.map((k) => [k, i18n.t(k)]);
    i18n.setLang(before);
    return { strings, enOnly: en.filter((k) => !zh.includes(k)), zhOnly: zh.filter((k) => !en.includes(k)) };
  });
}

/** Keys whose Chinese lists what a link may hold (on 或 off): values to type, not words. */
const CODES = /^allowed\./;
/** Keys that exist in Chinese only: their English is the Rust codec's own wording. */
const ZH_ONLY = /^allowed\./;

/**
 * Every piece of text a reader meets on the page: text nodes, tooltips, accessible names,
 * placeholders, menu entries and group labels. Code (formulas, links, class "mono", and
 * translate="no") is left out.
 */
function pageTexts(page) {
  return page.evaluate(() => {
    const code = (el) => !!(el && el.closest('.mono, code, pre, [translate="no"], script, style, noscript'));
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      if (text && !code(n.parentElement)) out.push([n.parentElement.id || n.parentElement.tagName, text]);
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], optgroup[label]')) {
      if (code(el) && el.tagName !== 'INPUT') continue;
      for (const a of ['title', 'aria-label', 'placeholder', 'label']) {
        const v = el.getAttribute(a);
        if (v && (a !== 'label' || el.tagName === 'OPTGROUP')) out.push([`${el.id || el.tagName}[${a}]`, v]);
      }
    }
    out.push(['title', document.title]);
    return out;
  });
}

test('the zh string tables: every key in both languages, Chinese punctuation, nothing left in English', async ({ page }) => {
  await open(page, '#lang=zh');
  const main = await tables(page);
  expect(main.strings.length).toBeGreaterThan(300);
  expect(main.enOnly).toEqual([]);
  expect(main.zhOnly.filter((k) => !ZH_ONLY.test(k))).toEqual([]);
  const faults = main.strings.flatMap(([k, s]) => zhFaults(s, k, { codes: CODES.test(k) }));
  await page.goto('./lessons.html#lang=zh');
  await page.waitForSelector('body[data-ready="true"]');
  const gallery = await tables(page);
  expect(gallery.enOnly).toEqual([]);
  faults.push(...gallery.strings.flatMap(([k, s]) => zhFaults(s, k, { codes: CODES.test(k) })));
  expect(faults).toEqual([]);
});

test('the checks catch what the issue saw', () => {
  expect(zhFaults('T max', 'c.tmax')).toHaveLength(1);
  expect(zhFaults('在第 3 步收敛：梯度范数已低于 tol。', 'status')).toHaveLength(1);
  expect(zhFaults('基础步长。 允许：区间 (0, 1000] 内的数。', 'tip')).toHaveLength(1);
  expect(zhFaults('梯度下降 (gd)', 'opt.gd')).toHaveLength(1);
  expect(zhFaults('收敛,然后停止', 'x')).toHaveLength(1);
  expect(zhFaults('none 或 standard', 'tip')).toHaveLength(1);
  expect(zhFaults('梯度下降（gd）', 'opt.gd')).toEqual([]);
  expect(zhFaults('从 (w, b) = (1, 0) 出发，学习率取 0.1。', 'caption')).toEqual([]);
});

const STATES = [
  ['the default page', '#lang=zh'],
  ['a cosine schedule with Adam', '#lang=zh&opt=adam&sched=cosine'],
  ['a step schedule with momentum', '#lang=zh&opt=momentum&sched=step'],
  ['mini-batch regression', '#lang=zh&f=linreg&data=line&n=20&batch=mini&bs=5&resid=on'],
  ['a race', '#lang=zh&f=ellipse&opt=adagrad&lr=0.5&race=rmsprop(lr=0.05)~adam(lr=0.1)~momentum'],
  ['learning rates compared', '#lang=zh&f=parabola1d&lr=0.1&lrs=0.01,0.9,1.5'],
  ['the maths panel', '#lang=zh&f=ellipse&maths=on'],
  ['a custom formula', '#lang=zh&f=custom'],
];

for (const [name, hash] of STATES) {
  test(`the rendered zh page reads as Chinese: ${name}`, async ({ page }) => {
    await open(page, hash);
    await page.evaluate(() => window.descent.runToEnd());
    const texts = await pageTexts(page);
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.flatMap(([where, s]) => zhFaults(s, where))).toEqual([]);
  });
}

test('the rendered zh gallery reads as Chinese', async ({ page }) => {
  await page.goto('./lessons.html#lang=zh');
  await page.waitForSelector('body[data-ready="true"]');
  const texts = await pageTexts(page);
  expect(texts.flatMap(([where, s]) => zhFaults(s, where))).toEqual([]);
});

test('zh: the race menus name optimizers as the main menu does; menus list no raw codes in tooltips', async ({ page }) => {
  await open(page, '#lang=zh&f=ellipse&race=momentum~adam');
  await expect(page.locator('#c-opt option[value="momentum"]')).toHaveText('动量法');
  await expect(page.locator('#racer-1-opt option[value="momentum"]')).toHaveText('动量法');
  await expect(page.locator('#racer-1-opt option[value="newton"]')).toHaveText('牛顿法');
  await expect(page.locator('#racer-1-opt')).toHaveValue('momentum');
  // Switching language re-words the racers' menus in place.
  await page.selectOption('#lang', 'en');
  await expect(page.locator('#racer-1-opt option[value="momentum"]')).toHaveText('Momentum');
  await page.selectOption('#lang', 'zh');
  await expect(page.locator('#racer-2-opt option[value="newton"]')).toHaveText('牛顿法');
  for (const key of ['f', 'opt', 'sched', 'scale', 'batch', 'data']) {
    const title = await page.locator(`#c-${key}`).getAttribute('title');
    expect(title, key).not.toMatch(/允许|none|standard|quadratic|momentum|cosine|mini/);
  }
  // Typed fields still say what they accept, worded from the codec's range.
  await expect(page.locator('#c-lr')).toHaveAttribute('title', '基础步长（对数滑块，1e-5 到 10）。允许：区间 (0, 1000] 内的数。');
  await expect(page.locator('#c-steps')).toHaveAttribute('title', /允许：1 到 1000000 之间的整数。$/);
  await expect(page.locator('label[for="c-tmax"]')).toHaveText('余弦半周期');
  await expect(page.locator('#lessons-link')).toHaveText('课程示例');
  await expect(page).toHaveTitle('Descent — 梯度下降交互演示');
});

test('zh: the formula field words its common errors in Chinese, the caret kept', async ({ page }) => {
  await open(page, '#lang=zh&f=custom');
  const field = page.locator('#c-expr');
  const err = page.getByTestId('formula-error');
  const cases = [
    ['x^2 + $y', '第 7 列：意外的字符“$”'],
    ['X^2 + y', '第 1 列：未知的名称“X”（名称要小写：是不是“x”？）；可用的名称：x、y、pi、e、sin、cos、tan、exp、ln、log10、sqrt、abs、tanh、sinh、cosh'],
    ['sin(x, y)', '第 6 列：意外的字符“,”（函数只接受一个参数）'],
  ];
  for (const [typed, message] of cases) {
    await field.fill(typed);
    await expect(err.locator('p')).toHaveText(message);
    await expect(err.locator('pre')).toBeVisible();
    expect(zhFaults(message, typed)).toEqual([]);
  }
});

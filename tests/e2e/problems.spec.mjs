// Problems are data: the core ships each problem as a code with named arguments, and the page
// words it from its own tables in English (the CLI's words) and 简体中文, numbers and names
// coming from the arguments, never from parsed English.
import { test, expect, open } from './helpers.mjs';

test('a bad link: every problem comes as a code with its arguments, worded alike in both languages', async ({ page }) => {
  const link = 'lr=0&bogus=1&race=adam(mom=0.9)&f=custom&expr=2x%2By&sweep=1,0.1,5';
  await open(page, `#${link}`);
  const problems = await page.evaluate((l) => window.descent.setSettings(l), link);
  const byKey = Object.fromEntries(problems.map((p) => [p.key, p]));
  expect(byKey.lr.detail).toEqual({ code: 'out_of_range', allowed: 'a number in (0, 1000]', min: 0, max: 1000, min_open: true, max_open: false, whole: false });
  expect(byKey.bogus.detail).toEqual({ code: 'unknown_key' });
  expect(byKey.race.detail).toEqual({
    code: 'racer',
    index: 1,
    detail: { code: 'no_such_hyperparameter', key: 'mom', opt: 'adam', takes: ['lr', 'b1', 'b2', 'eps', 'batch', 'bs'] },
  });
  expect(byKey.expr.detail).toEqual({ code: 'formula_expected_operator', column: 2, found: 'x', hint: 'implicit_product' });
  expect(byKey.sweep.detail).toEqual({ code: 'sweep_order', lo: '1', hi: '0.1' });
  // The English banner is the CLI's sentence, worded by the page from the code.
  const items = page.locator('#problems-list li');
  const english = await items.allTextContents();
  expect(english).toEqual(problems.map((p) => p.text));
  await page.selectOption('#lang', 'zh');
  await expect(page.locator('#problems-list li[data-key="race"]')).toHaveText(
    'race=adam(mom=0.9)：第 1 个参赛者：adam 没有 mom；它可用 lr、b1、b2、eps、batch、bs；已改用默认值');
  await expect(page.locator('#problems-list li[data-key="expr"]')).toHaveText(
    'expr=2x+y：第 2 列：应为运算符，却是“x”（乘号不能省略：请写 2*x，而不是 2x）；已改用默认值');
  await expect(page.locator('#problems-list li[data-key="sweep"]')).toHaveText(
    'sweep=1,0.1,5：最小学习率 1 必须小于最大学习率 0.1；已改用默认值');
});

test('the catalog lists every problem code, and the page has words for each in both languages', async ({ page }) => {
  await open(page);
  const missing = await page.evaluate(async () => {
    const i18n = await import(new URL('i18n.js', document.baseURI).href);
    const c = window.descent.catalog();
    const keys = [
      ...c.problem_codes.map((k) => `problem.${k}`),
      ...c.hint_codes.map((k) => `problem.hint.${k}`),
      ...c.divergence_codes.map((k) => `what.${k}`),
    ];
    return { count: keys.length, missing: keys.filter((k) => !i18n.has(k, 'en') || !i18n.has(k, 'zh')) };
  });
  expect(missing.count).toBeGreaterThan(40);
  expect(missing.missing).toEqual([]);
});

test('a divergence is data: the status sentence is worded from its code and value in both languages', async ({ page }) => {
  await open(page, '#lang=zh&f=quadratic&lr=1.5&x0=1e200&y0=1&steps=2000');
  const st = await page.evaluate(() => window.descent.runToEnd());
  expect(st.status).toBe('diverged');
  // x² overflows first: the loss, not a coordinate, stops being finite at step 0.
  await expect(page.getByTestId('status')).toHaveText(`在第 ${st.step} 步发散：损失变为 inf。请尝试更小的学习率。`);
  await page.selectOption('#lang', 'en');
  await expect(page.getByTestId('status')).toHaveText(`Diverged at step ${st.step}: the loss became inf. Try a smaller learning rate.`);
});

test('a bad formula in English: the caret under the column its detail names', async ({ page }) => {
  await open(page, '#f=custom');
  await page.locator('#c-expr').fill('sin x + 1');
  await page.locator('#c-expr').press('Tab');
  const err = page.getByTestId('formula-error');
  await expect(err.locator('p')).toHaveText("column 5: expected '(' after the function 'sin', found 'x' (write sin(x))");
  await expect(err.locator('pre')).toHaveText('sin x + 1\n    ^');
});

// Typed values: a refused value stays in its field, marked aria-invalid, with a message beside
// it (a live region) naming the key, what the codec allows and the value the run keeps; the
// run and the link keep the last valid value. What each field allows comes from the codec
// (catalog().fields), never from a copy in the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, open, root } from './helpers.mjs';

/** The run's learning rate (point 0's), the link, and a field's text. */
const lrOfRun = (page) => page.evaluate(() => window.descent.trajectory().lr[0]);
const hash = (page) => page.evaluate(() => location.hash);

/** Asserts that `key`'s field shows `text` as refused, with a message saying what is kept. */
async function expectRefused(page, key, text, message) {
  const input = page.locator(`#c-${key}`);
  await expect(input).toHaveValue(text);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  const error = page.locator(`#c-${key}-error`);
  await expect(error).toBeVisible();
  await expect(error).toHaveText(message);
  const described = await input.getAttribute('aria-describedby');
  expect(described.split(/\s+/)).toContain(`c-${key}-error`);
  expect(await error.getAttribute('role') || await error.getAttribute('aria-live')).toMatch(/alert|status|polite|assertive/);
}

test('lr 0 then Tab: the 0 stays, the message names the range, the run and the link keep 0.1', async ({ page }) => {
  await open(page, '#f=booth&lr=0.1');
  await page.fill('#c-lr', '0');
  await page.press('#c-lr', 'Tab');
  await expectRefused(page, 'lr', '0', 'lr = 0: expected a number in (0, 1000]. The run keeps lr = 0.1.');
  expect(await lrOfRun(page)).toBe(0.1);
  expect(await hash(page)).toBe('#f=booth&lr=0.1');
  expect(await page.evaluate(() => window.descent.link())).toMatch(/#f=booth&lr=0\.1$/);
  await expect(page.getByTestId('problems')).toBeHidden();
  // Another change rebuilds the run: the refused text and its message stay.
  await page.fill('#c-steps', '50');
  await page.press('#c-steps', 'Enter');
  expect(await hash(page)).toBe('#f=booth&lr=0.1&steps=50');
  await expectRefused(page, 'lr', '0', 'lr = 0: expected a number in (0, 1000]. The run keeps lr = 0.1.');
  // A valid value clears it and is used.
  await page.fill('#c-lr', '0.2');
  await page.press('#c-lr', 'Tab');
  await expect(page.locator('#c-lr')).toHaveAttribute('aria-invalid', 'false');
  await expect(page.locator('#c-lr-error')).toBeHidden();
  expect(await lrOfRun(page)).toBe(0.2);
  expect(await hash(page)).toBe('#f=booth&lr=0.2&steps=50');
});

test('lr abc then Enter, and 0 then Enter: nothing falls back to a default', async ({ page }) => {
  await open(page, '#f=booth&lr=0.1');
  await page.fill('#c-lr', 'abc');
  await page.press('#c-lr', 'Enter');
  await expectRefused(page, 'lr', 'abc', 'lr = abc: expected a number in (0, 1000]. The run keeps lr = 0.1.');
  expect(await lrOfRun(page)).toBe(0.1);
  await page.fill('#c-lr', '0');
  await page.press('#c-lr', 'Enter');
  await expectRefused(page, 'lr', '0', 'lr = 0: expected a number in (0, 1000]. The run keeps lr = 0.1.');
  await expect(page.locator('#c-lr-error')).not.toContainText('default');
  expect(await lrOfRun(page)).toBe(0.1);
  expect(await hash(page)).toBe('#f=booth&lr=0.1');
  // The slider still shows the learning rate in force.
  expect(Number(await page.locator('#c-lr-slider').inputValue())).toBeCloseTo(-1, 5);
  // A new link replaces the settings: the field shows the new value, the message goes.
  await page.evaluate(() => { location.hash = '#f=booth&lr=0.3'; });
  await expect(page.locator('#c-lr')).toHaveValue('0.3');
  await expect(page.locator('#c-lr-error')).toBeHidden();
});

/** A value outside a range (or not a number at all), from the range alone. */
function outside(range) {
  if (range.whole) return String((range.min ?? 0) + 0.5);
  if (range.min !== null) return String(range.min_open ? range.min : range.min - 1);
  if (range.max !== null) return String(range.max_open ? range.max : range.max + 1);
  return 'abc';
}

for (const [name, link] of [
  ['a function with Adam and a cosine schedule', '#f=booth&opt=adam&sched=cosine'],
  ['momentum with a step schedule', '#f=booth&opt=momentum&sched=step&target=0.5'],
  ['RMSProp and AdamW on data', '#f=linreg&data=line&opt=rmsprop'],
  ['AdamW with gradient noise', '#f=booth&opt=adamw&sched=exp'],
]) {
  test(`every typed field refuses a value outside the codec's range, keeping the run: ${name}`, async ({ page }) => {
    await open(page, link);
    const fields = await page.evaluate(() => window.descent.catalog().fields);
    const typed = await page.locator('#controls input[type=text]:visible').evaluateAll((els) => els.map((e) => e.name));
    expect(typed.length).toBeGreaterThan(6);
    for (const key of typed) {
      const field = fields.find((f) => f.key === key);
      if (!field.range) continue; // the formula has its own test
      const before = { hash: await hash(page), value: await page.locator(`#c-${key}`).inputValue() };
      const bad = outside(field.range);
      await page.fill(`#c-${key}`, bad);
      await page.press(`#c-${key}`, 'Tab');
      const kept = before.value === '' ? `The run keeps ${key} unset.` : `The run keeps ${key} = ${before.value}.`;
      await expectRefused(page, key, bad, `${key} = ${bad}: expected ${field.allowed}. ${kept}`);
      expect(await hash(page), key).toBe(before.hash);
      // Type the value in force again: the field is valid, its message gone.
      await page.fill(`#c-${key}`, before.value);
      await page.press(`#c-${key}`, 'Tab');
      await expect(page.locator(`#c-${key}`)).toHaveAttribute('aria-invalid', 'false');
      await expect(page.locator(`#c-${key}-error`)).toBeHidden();
      await expect(page.locator(`#c-${key}`)).toHaveValue(before.value);
    }
  });
}

test('a formula with an error keeps its text and caret after Tab, and says which formula runs', async ({ page }) => {
  await open(page, '#f=custom&expr=x^2%2B2*y^2');
  const field = page.locator('#c-expr');
  await field.fill('x^2 + $y');
  await page.keyboard.press('Tab');
  await expect(field).toHaveValue('x^2 + $y');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const err = page.getByTestId('formula-error');
  await expect(err.locator('pre')).toHaveText('x^2 + $y\n      ^');
  await expect(err.locator('.kept')).toHaveText('The run keeps expr = x^2+2*y^2.');
  expect(await hash(page)).toBe('#f=custom&expr=x^2+2*y^2');
  // Another control's change keeps it.
  await page.fill('#c-steps', '30');
  await page.press('#c-steps', 'Enter');
  await expect(field).toHaveValue('x^2 + $y');
  await expect(err).toBeVisible();
});

test('the messages in Chinese, and the ranges from the codec, not the page', async ({ page }) => {
  await open(page, '#lang=zh&f=booth&lr=0.05&sched=cosine');
  await page.fill('#c-tmax', '0');
  await page.press('#c-tmax', 'Tab');
  await expectRefused(page, 'tmax', '0', 'tmax = 0：应为不小于 1 的整数。运行仍使用 tmax = 200。');
  await page.fill('#c-lr', 'abc');
  await page.press('#c-lr', 'Enter');
  await expectRefused(page, 'lr', 'abc', 'lr = abc：应为区间 (0, 1000] 内的数。运行仍使用 lr = 0.05。');
  // The catalog carries each numeric key's range; the panel's table holds none of its own.
  const lr = await page.evaluate(() => window.descent.catalog().fields.find((f) => f.key === 'lr'));
  expect(lr.range).toEqual({ min: 0, min_open: true, max: 1000, max_open: false, whole: false });
  const source = readFileSync(join(root, 'web', 'controls.js'), 'utf8');
  const defs = source.slice(source.indexOf('const DEFS = ['), source.indexOf('];', source.indexOf('const DEFS = [')));
  expect(defs).not.toMatch(/\b(min|max): -?\d/);
  expect(defs).not.toMatch(/'none'|'standard'|'full'|'sgd'/);
});

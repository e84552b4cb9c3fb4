// Feature scaling (seed 004) as its two lessons show it: one model, the same best fit, far
// fewer steps standardised; a short common target; loss-chart tick labels that differ.
import { test, expect } from './helpers.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { open, root } from './helpers.mjs';

const { lessons } = JSON.parse(readFileSync(join(root, 'web', 'lessons.json'), 'utf8'));
const lesson = (id) => lessons.find((l) => l.id === id);

/** Opens a lesson's link, runs it to its end and returns the end state and the table. */
async function finished(page, id) {
  const errors = await open(page, `#${lesson(id).settings}&lang=en`);
  await expect(page.locator('#scaling tbody tr')).toHaveCount(2);
  const end = await page.evaluate(() => window.descent.runToEnd());
  const table = await page.evaluate(() => window.descent.scaling());
  return { end, table, errors };
}

test('the scaled and unscaled lessons fit the same model, and scaling takes far fewer steps', async ({ page }) => {
  test.setTimeout(120_000);
  const none = await finished(page, 'scaling-none');
  const standard = await finished(page, 'scaling-standard');
  // Both runs converge (the gradient norm fell below tol), at the steps the captions quote.
  expect(none.end.status).toBe('converged');
  expect(standard.end.status).toBe('converged');
  expect(none.end.step).toBe(106889);
  expect(standard.end.step).toBe(9);
  expect(lesson('scaling-none').caption.en).toContain('106,889');
  expect(lesson('scaling-standard').caption.en).toContain('9 steps');
  // In original units (a standardised weight is the original one times σ) the two fits agree,
  // and both are the exact best fit the table reports for either case.
  const sd = standard.table.sd;
  const wNone = [none.end.x, none.end.y];
  const wStd = [standard.end.x / sd[0], standard.end.y / sd[1]];
  for (const i of [0, 1]) {
    expect(Math.abs(wNone[i] - wStd[i])).toBeLessThan(1e-6 * Math.abs(wNone[i]) + 1e-9);
    for (const t of [none.table, standard.table]) {
      expect(Math.abs(t.rows[0].best[i] - t.rows[1].best[i])).toBeLessThan(1e-9);
      expect(Math.abs(t.rows[0].best[i] - wNone[i])).toBeLessThan(1e-6);
    }
  }
  expect(none.table.rows[0].min_loss).toBeCloseTo(standard.table.rows[1].min_loss, 12);
  await expect(page.locator('#scaling .scaling-fit')).toContainText('3.3x₁ + 0.048x₂ − 0.119');
  // The table: the same target for both, and standardised needs far fewer steps.
  for (const t of [none.table, standard.table]) {
    const [raw, std] = t.rows;
    expect(raw.target).toBe(std.target);
    expect(std.reached).not.toBeNull();
    expect(raw.reached).not.toBeNull();
    expect(raw.reached).toBeGreaterThan(100 * std.reached);
  }
  expect(none.table.rows.map((r) => r.reached)).toEqual([10560, 2]);
  expect(standard.table.rows.map((r) => r.reached)).toEqual([18858, 2]);
  await expect(page.locator('#scaling tr[data-scale="none"] .scaling-steps')).toHaveText('18858');
  await expect(page.locator('#scaling tr[data-scale="standard"] .scaling-steps')).toHaveText('2');
  expect([...none.errors, ...standard.errors]).toEqual([]);
});

test('"Use this target" writes a short rounded target, and the table keeps its numbers', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = await open(page, `#${lesson('scaling-none').settings}&lang=en`);
  await expect(page.locator('#scaling-set-target')).toBeVisible();
  const before = await page.evaluate(() => window.descent.scaling());
  expect(before.auto).toBe(true);
  expect(before.target).toBe(0.319);
  await expect(page.locator('#scaling caption')).toHaveText('Steps to bring the loss below T = 0.319, same settings otherwise');
  await page.click('#scaling-set-target');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('target=0.319');
  const hash = await page.evaluate(() => location.hash);
  expect(hash).toMatch(/target=0\.319(&|$)/);
  const after = await page.evaluate(() => window.descent.scaling());
  expect(after.auto).toBe(false);
  expect(after.rows.map((r) => r.reached)).toEqual(before.rows.map((r) => r.reached));
  // The run on screen now stops at the target, where the table's unscaled row says.
  const end = await page.evaluate(() => window.descent.runToEnd());
  expect(end.status).toBe('target_reached');
  expect(end.step).toBe(after.rows[0].reached);
  expect(errors).toEqual([]);
});

test('loss chart tick labels differ from their neighbours, on short runs and narrow ranges', async ({ page }) => {
  const links = [
    // Reaches the target in 2 steps: the step axis spans 0…2.
    'f=linreg2&scale=standard&lr=0.5&target=0.3',
    // Starts next to the minimum: the loss barely changes, on a linear and a log axis.
    'f=linreg2&scale=standard&lr=0.5&x0=0.95&y0=1.43&logy=off',
    'f=linreg2&scale=standard&lr=0.5&x0=0.95&y0=1.43',
    lesson('scaling-none').settings,
  ];
  for (const link of links) {
    const errors = await open(page, `#${link}`);
    await page.evaluate(() => { window.descent.runToEnd(); window.descent.redraw(); });
    const ticks = await page.evaluate(() => window.descent.lossTicks());
    for (const axis of ['x', 'y']) {
      const labels = ticks[axis];
      expect(labels.length, `${link} ${axis}: ${labels}`).toBeGreaterThanOrEqual(2);
      expect(new Set(labels).size, `${link} ${axis}: ${labels}`).toBe(labels.length);
    }
    // Steps are whole numbers.
    for (const l of ticks.x) expect(l, link).toMatch(/^\d+$/);
    expect(errors).toEqual([]);
  }
});

test('picking a landscape sets its own learning rate in the link; an old link keeps its rate', async ({ page }) => {
  const errors = await open(page, '#lang=en');
  await page.selectOption('#c-f', 'rosenbrock');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('lr=5e-4');
  await expect(page.locator('#c-lr')).toHaveValue('5e-4');
  const end = await page.evaluate(() => window.descent.runToEnd());
  expect(end.status).not.toBe('diverged');
  await page.selectOption('#c-f', 'linreg2');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('lr=1e-3');
  expect((await page.evaluate(() => window.descent.runToEnd())).status).not.toBe('diverged');
  // A link made before the table: no lr= is still 0.01 (and on Rosenbrock still diverges).
  await page.evaluate(() => window.descent.setSettings('f=rosenbrock'));
  await expect(page.locator('#c-lr')).toHaveValue('0.01');
  expect((await page.evaluate(() => window.descent.runToEnd())).status).toBe('diverged');
  expect(errors).toEqual([]);
});

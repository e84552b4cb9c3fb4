// The settings panel is built from the codec's table (catalog().fields): its run keys, in
// table order within groups that come in the order they first appear, each with the widget
// the table names; the rows shown are exactly the keys info().applies lists.
import { test, expect, open } from './helpers.mjs';

// Wide, so that every row stays in its group (narrow screens move opt and lr up).
test.use({ viewport: { width: 1280, height: 800 } });

/** The panel as drawn: per fieldset, its group and the keys and widgets of its rows. */
const panel = (page) => page.evaluate(() => Array.from(document.querySelectorAll('#controls fieldset')).map((fs) => ({
  group: fs.querySelector('legend').dataset.group,
  rows: Array.from(fs.querySelectorAll('.row')).map((r) => ({ key: r.dataset.key, widget: r.className.replace(/^row row-/, ''), shown: !r.hidden })),
})));

test('the panel is the codec table: groups, order and widgets', async ({ page }) => {
  await open(page, '#f=rosenbrock');
  const fields = (await page.evaluate(() => window.descent.catalog().fields)).filter((f) => f.kind === 'run');
  expect(fields.map((f) => f.key)).toContain('stepmax');
  const drawn = await panel(page);
  const groups = [...new Set(fields.map((f) => f.group))];
  expect(drawn.map((g) => g.group)).toEqual(groups);
  for (const g of drawn) {
    // The random start is a page action, not a key; every other row is a table row.
    const keys = g.rows.map((r) => r.key).filter((k) => k !== 'random');
    expect(keys).toEqual(fields.filter((f) => f.group === g.group).map((f) => f.key));
    for (const r of g.rows.filter((row) => row.key !== 'random')) {
      expect(r.widget).toBe(fields.find((f) => f.key === r.key).control);
    }
  }
  const lr = fields.find((f) => f.key === 'lr');
  expect(lr.slider).toEqual([1e-5, 10]);
  await expect(page.locator('#c-lr-slider')).toHaveAttribute('min', '-5');
  await expect(page.locator('#c-lr-slider')).toHaveAttribute('max', '1');
});

const SHOWN = {
  'f=booth&opt=rprop': ['f', 'seed', 'gnoise', 'opt', 'lr', 'etaminus', 'etaplus', 'stepmin', 'stepmax', 'sched', 'x0', 'y0', 'steps', 'tol', 'target'],
  'f=linreg&data=line&batch=mini&sched=step': ['f', 'data', 'n', 'noise', 'scale', 'seed', 'batch', 'bs', 'opt', 'lr', 'sched', 'gamma', 'every', 'x0', 'y0', 'steps', 'tol', 'target'],
  'f=parabola1d&opt=adamw': ['f', 'seed', 'gnoise', 'opt', 'lr', 'b1', 'b2', 'eps', 'wd', 'sched', 'x0', 'steps', 'tol', 'target'],
  'f=custom&opt=rmsprop&sched=cosine': ['f', 'expr', 'seed', 'gnoise', 'opt', 'lr', 'rho', 'eps', 'sched', 'tmax', 'lrmin', 'x0', 'y0', 'steps', 'tol', 'target'],
  // A formula in x alone is a 1-D landscape: no start y.
  'f=custom&expr=x%5E2-x': ['f', 'expr', 'seed', 'gnoise', 'opt', 'lr', 'sched', 'x0', 'steps', 'tol', 'target'],
};

for (const [hash, expected] of Object.entries(SHOWN)) {
  test(`the rows shown are the keys that apply (info().applies): ${hash}`, async ({ page }) => {
    await open(page, `#${hash}`);
    const shown = (await panel(page)).flatMap((g) => g.rows).filter((r) => r.shown && r.key !== 'random').map((r) => r.key);
    expect(shown).toEqual(expected);
  });
}

test('the racer editor writes race= through the Playground and stops at the core run limit', async ({ page }) => {
  await open(page, '#f=booth&race=adam(lr=0.05,b1=0.8)');
  const maxRuns = await page.evaluate(() => window.descent.catalog().max_runs);
  expect(maxRuns).toBe(6);
  // Editing the first racer's lr keeps its b1 (the core's syntax, written by the Playground).
  await page.fill('#racer-1-lr', '0.02');
  await page.press('#racer-1-lr', 'Enter');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('race=adam(lr=0.02,b1=0.8)');
  const add = page.locator('#race-add');
  for (let n = 2; n <= maxRuns - 1; n += 1) {
    await add.click();
    await expect(page.locator(`#racer-${n}-opt`)).toBeVisible();
  }
  await expect(add).toBeDisabled();
  const racers = await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('race').split('~').length);
  expect(racers).toBe(maxRuns - 1);
});

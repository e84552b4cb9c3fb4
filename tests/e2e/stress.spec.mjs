// Numeric stress in the page: every optimizer at extreme learning rates, from starts inside
// and far outside the window, on three landscapes (a steep function, a data model, a formula).
// Each run ends in a valid status sentence, and no exception reaches the page.
import { test, expect, open, canvasStats } from './helpers.mjs';

const LRS = ['1e-8', '1e-4', '1', '10', '1000'];
const STARTS = ['', '&x0=1e6&y0=-1e6', '&x0=-1e150&y0=1e150', '&x0=1e300&y0=1e-300'];
const LANDSCAPES = [
  'f=rosenbrock',
  'f=linreg',
  `f=custom&expr=${encodeURIComponent('x^4/4 - x^2 + y^2 + 0.5*sin(3*y) + 0.1*x*y')}`,
];

/** The sentences of core's Status::text for a stopped run. */
const SENTENCE = new RegExp([
  /^Converged at step \d+: the gradient norm fell below tol\.$/,
  /^Target reached at step \d+: the loss is below the target\.$/,
  /^Stopped after the maximum of \d+ steps\.$/,
  /^Diverged at step \d+: .+ became (inf|-inf|NaN)\. Try a smaller learning rate\.$/,
].map((r) => r.source).join('|'));

test('every optimizer × lr × start on three landscapes ends in a valid status, drawn without errors', async ({ page }) => {
  test.setTimeout(180_000);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const consoleErrors = await open(page);
  const optimizers = await page.evaluate(() => window.descent.catalog().optimizers.map((o) => o.name));
  // The registry's order; a new optimizer joins the stress run by itself.
  expect(optimizers).toEqual(expect.arrayContaining(['gd', 'adam', 'newton', 'adamax', 'radam', 'rprop']));
  const cases = [];
  for (const land of LANDSCAPES) {
    for (const opt of optimizers) {
      for (const lr of LRS) {
        for (const start of STARTS) cases.push(`${land}&opt=${opt}&lr=${lr}${start}&steps=200`);
      }
    }
  }
  // One evaluate per landscape keeps the round trips few; each run is drawn as the page does.
  const results = [];
  for (const land of LANDSCAPES) {
    const mine = cases.filter((c) => c.startsWith(`${land}&`));
    results.push(...await page.evaluate((links) => links.map((link) => {
      const problems = window.descent.setSettings(link).filter((p) => p.severity === 'error');
      const end = window.descent.runToEnd();
      const first = window.descent.step(-1e9);
      const second = window.descent.step(1);
      window.descent.redraw();
      return {
        link,
        problems,
        end,
        shown: document.getElementById('status').textContent,
        first: first.step,
        second: second.step,
        error: !document.querySelector('[data-testid=error]').hidden,
      };
    }), mine));
    // The surface of this landscape was drawn (the last redraw), far starts or not.
    expect((await canvasStats(page, 'base')).colours, land).toBeGreaterThan(100);
  }
  expect(results).toHaveLength(LANDSCAPES.length * optimizers.length * LRS.length * STARTS.length);
  let diverged = 0;
  for (const r of results) {
    expect(r.problems, r.link).toEqual([]);
    expect(r.error, `${r.link}: the error box is shown`).toBe(false);
    expect(['converged', 'target_reached', 'max_steps', 'diverged'], r.link).toContain(r.end.status);
    expect(r.end.step, r.link).toBeLessThanOrEqual(200);
    expect(r.end.statusText, r.link).toMatch(SENTENCE);
    // Back at step 0 and one step on, the read-out follows the timeline.
    expect(r.first, r.link).toBe(0);
    expect(r.second, r.link).toBe(Math.min(1, r.end.step));
    if (r.end.status === 'diverged') diverged += 1;
  }
  // The matrix is extreme for real: some runs blow up, most do not.
  expect(diverged).toBeGreaterThan(0);
  expect(diverged).toBeLessThan(results.length);
  // The last run's end as the page shows it: the readout's sentence, a drawn surface and path.
  await page.evaluate(() => window.descent.runToEnd());
  await expect(page.getByTestId('status')).toHaveText(SENTENCE);
  expect((await canvasStats(page, 'base')).colours).toBeGreaterThan(100);
  expect((await canvasStats(page, 'overlay')).opaque).toBeGreaterThan(0);
  await expect(page.getByTestId('error')).toBeHidden();
  expect(pageErrors).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('far starts play, step and reset through the buttons without an exception', async ({ page }) => {
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const consoleErrors = await open(page, '#f=himmelblau&opt=nadam&lr=1000&x0=1e6&y0=-1e6&steps=200');
  const sentence = page.getByTestId('status');
  await expect(sentence).toHaveText(SENTENCE);
  await page.click('#reset');
  await page.click('#step');
  expect(await page.evaluate(() => window.descent.state().step)).toBe(1);
  await page.click('#play');
  await expect.poll(() => page.evaluate(() => window.descent.playing())).toBe(false);
  await expect(sentence).toHaveText(SENTENCE);
  const end = await page.evaluate(() => window.descent.state());
  expect(['converged', 'target_reached', 'max_steps', 'diverged']).toContain(end.status);
  await expect(page.getByTestId('error')).toBeHidden();
  expect(pageErrors).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

// Adamax, RAdam and Rprop on the page: the optimizer menu in both languages, the maths panel's
// numbers ending at θ_{k+1} as recorded, their state rows, RAdam's switch and Rprop's first
// step explained, and the momentum arrow only where the rule has a momentum.
import { test, expect } from './helpers.mjs';
import { open } from './helpers.mjs';

/** Shows step k (pauses, goes to 0, steps k). */
async function show(page, k) {
  await page.evaluate((k) => { window.descent.pause(); window.descent.step(-1e9); window.descent.step(k); }, k);
}

/** The exact value of the last result cell of component i. */
function result(page, i) {
  return page.evaluate((i) => {
    const r = document.querySelectorAll(`#maths .maths-numbers[data-component="${i}"] .result`);
    return r.length ? Number(r[r.length - 1].getAttribute('data-value')) : null;
  }, i);
}

const rows = (page) => page.evaluate(() => [...document.querySelectorAll('#maths tr[data-name]')].map((tr) => tr.dataset.name));
const legend = (page) => page.locator('#maths .maths-legend .swatch');

for (const [opt, lr, state] of [
  ['adamax', 0.05, ['exp_avg', 'exp_inf']],
  ['radam', 0.001, ['exp_avg', 'exp_avg_sq', 'rho_t']],
  ['rprop', 0.01, ['prev', 'step_size']],
]) {
  test(`${opt}: its rule and this step's numbers end at θ_{k+1} as recorded`, async ({ page }) => {
    await open(page, `#f=rosenbrock&opt=${opt}&lr=${lr}&steps=30&maths=on`);
    for (const k of [0, 2, 7]) {
      await show(page, k);
      expect(await page.locator(`#maths .maths-rule[data-opt="${opt}"] math`).count()).toBeGreaterThan(1);
      const t = await page.evaluate(() => { const t = window.descent.trajectory(); return { x: [...t.x], y: [...t.y] }; });
      const [a, b] = [await result(page, 0), await result(page, 1)];
      expect(Object.is(a, t.x[k + 1]), `${opt} step ${k}: x ${a} vs ${t.x[k + 1]}`).toBe(true);
      expect(Object.is(b, t.y[k + 1]), `${opt} step ${k}: y ${b} vs ${t.y[k + 1]}`).toBe(true);
      expect(await page.locator('#maths').textContent()).not.toContain('NaN');
      const names = await rows(page);
      for (const s of state) expect(names, `${opt}: ${s}`).toContain(s);
      // Adamax and RAdam draw their bias-corrected first moment (slot 2 of ∇f, −η·∇f,
      // momentum, update, alone or merged with an arrow it coincides with); Rprop has none.
      const slots = (await page.evaluate(() => window.descent.stepArrows() || [])).flatMap((a) => a.of);
      expect(slots.includes(2), `${opt} step ${k}: a momentum arrow`).toBe(opt !== 'rprop');
      expect(await legend(page).count()).toBeGreaterThan(1);
    }
  });
}

test('RAdam says when its adaptive step is off (t ≤ 5) and on (t ≥ 6), in English and Chinese', async ({ page }) => {
  await open(page, '#f=rosenbrock&opt=radam&lr=0.001&steps=30&maths=on');
  await show(page, 4);
  await expect(page.locator('#maths')).toContainText('ρₜ ≤ 5');
  expect(await rows(page)).not.toContain('rect');
  await show(page, 5);
  await expect(page.locator('#maths')).toContainText('ρₜ > 5');
  expect(await rows(page)).toContain('rect');
  await page.evaluate(() => window.descent.setSettings('f=rosenbrock&opt=radam&lr=0.001&steps=30&maths=on&lang=zh'));
  await show(page, 5);
  await expect(page.locator('#maths')).toContainText('修正因子');
});

test('Rprop explains its first step, and its keys are controls with their ranges enforced', async ({ page }) => {
  await open(page, '#f=ellipse&opt=rprop&lr=0.05&etaminus=0.3&steps=30&maths=on');
  await show(page, 0);
  await expect(page.locator('#maths')).toContainText('δ₀ = η');
  const problems = await page.evaluate(() => window.descent.setSettings('f=ellipse&opt=rprop&etaplus=0.9'));
  expect(problems.length).toBe(1);
  expect(JSON.stringify(problems)).toContain('etaplus');
});

test('the optimizer menu offers Adamax, RAdam and Rprop in English and Chinese', async ({ page }) => {
  await open(page, '#opt=adamax');
  const labels = () => page.evaluate(() => [...document.querySelectorAll('option')].map((o) => `${o.value}=${o.textContent}`));
  let all = await labels();
  for (const o of ['adamax=Adamax', 'radam=RAdam (rectified Adam)', 'rprop=Rprop (resilient)']) expect(all).toContain(o);
  await page.evaluate(() => window.descent.setSettings('opt=rprop&lang=zh'));
  await expect.poll(async () => (await labels()).join('|')).toContain('rprop=Rprop（弹性反向传播）');
  all = await labels();
  expect(all).toContain('radam=RAdam（修正 Adam）');
});

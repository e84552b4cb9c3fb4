// The maths panel is built from the core's formula templates (catalog().optimizers[].formula):
// every optimizer the catalog lists, with no list of names here, renders its rule and this
// step's numbers in MathML, ending at θ_{k+1} as recorded, with every command understood.
import { test, expect, open } from './helpers.mjs';

/** Shows step k (pauses, goes to 0, steps k). */
async function show(page, k) {
  await page.evaluate((k) => { window.descent.pause(); window.descent.step(-1e9); window.descent.step(k); }, k);
}

/** What the panel shows: rule lines, the last result per component, and stray notation. */
function panel(page) {
  return page.evaluate(() => {
    const m = document.getElementById('maths');
    const last = (i) => {
      const r = m.querySelectorAll(`.maths-numbers[data-component="${i}"] .result`);
      return r.length ? Number(r[r.length - 1].getAttribute('data-value')) : null;
    };
    return {
      rules: m.querySelectorAll('.maths-rule .maths-line').length,
      results: [last(0), last(1)],
      // Template notation that was not rendered: a command, a value reference, a brace.
      // (The ^ of an accent, m̂, is the only caret.)
      stray: [...m.querySelectorAll('math *')]
        .filter((e) => !e.children.length && /[\\#{}%_^]/.test(e.textContent) && e.parentElement.localName !== 'mover')
        .map((e) => e.textContent),
      text: m.textContent,
    };
  });
}

test('every optimizer of the catalog: the rule from its template and numbers ending at θ_{k+1} as recorded', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  const optimizers = await page.evaluate(() => window.descent.catalog().optimizers);
  expect(optimizers.length).toBeGreaterThan(10);
  for (const { name, formula } of optimizers) {
    expect(formula.filter((l) => l.kind === 'rule').length, name).toBeGreaterThan(0);
    const lr = name === 'newton' ? 0.5 : 0.001;
    expect(await page.evaluate((s) => window.descent.setSettings(s), `f=rosenbrock&opt=${name}&lr=${lr}&steps=12&maths=on`)).toEqual([]);
    for (const k of [0, 6]) {
      await show(page, k);
      const p = await panel(page);
      const traj = await page.evaluate(() => { const t = window.descent.trajectory(); return [null, [...t.x], [...t.y]]; });
      expect(p.rules, name).toBeGreaterThan(0);
      expect(Object.is(p.results[0], traj[1][k + 1]), `${name} step ${k}: x`).toBe(true);
      expect(Object.is(p.results[1], traj[2][k + 1]), `${name} step ${k}: y`).toBe(true);
      expect(p.stray, name).toEqual([]);
      expect(p.text, name).not.toContain('NaN');
    }
  }
});

test('guards: SGD momentum without μ is gradient descent, its first step copies g, RAdam switches', async ({ page }) => {
  await open(page, '#f=ellipse&opt=momentum&mom=0&lr=0.02&maths=on');
  await show(page, 2);
  await expect(page.locator('#maths')).toContainText('this is plain gradient descent');
  await expect(page.locator('#maths .maths-rule .maths-line')).toHaveCount(1);
  await page.evaluate(() => window.descent.setSettings('f=ellipse&opt=momentum&lr=0.02&maths=on'));
  await show(page, 0);
  await expect(page.locator('#maths')).toContainText('b₁ = g₁');
  const first = await page.locator('#maths .maths-numbers[data-component="0"]').textContent();
  expect(first).toMatch(/bx=gx=/);
  await show(page, 1);
  expect(await page.locator('#maths .maths-numbers[data-component="0"]').textContent()).toMatch(/bx=μ·bt−1\+gx=0\.9·/);
  // In Chinese the words inside formulas are translated.
  await page.evaluate(() => window.descent.setSettings('f=ellipse&opt=rprop&lr=0.02&maths=on&lang=zh'));
  await show(page, 1);
  await expect(page.locator('#maths .maths-rule')).toContainText('否则');
  await expect(page.locator('#maths .maths-rule')).not.toContainText('otherwise');
});

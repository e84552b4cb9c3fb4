// The page: it loads and draws, each control changes the URL and the drawing, the surface sets
// the start, and playback works by buttons, timeline and keyboard.
import { test, expect, open, canvasStats, snapshot } from './helpers.mjs';

test('loads, draws the surface, overlay and loss chart, logs no errors', async ({ page }) => {
  const errors = await open(page);
  const base = await canvasStats(page, 'base');
  expect(base.width).toBeGreaterThan(100);
  expect(base.transparent).toBe(0);
  expect(base.colours).toBeGreaterThan(100);
  const overlay = await canvasStats(page, 'overlay');
  expect(overlay.opaque).toBeGreaterThan(50); // the trajectory is drawn
  const loss = await canvasStats(page, 'loss');
  expect(loss.colours).toBeGreaterThan(2);
  await expect(page.getByTestId('status')).not.toHaveText('');
  await expect(page.getByTestId('step')).toHaveText(/^\d+$/);
  // Play a little and change a setting, so that every drawing path has run once.
  await page.click('#reset');
  await page.click('#play');
  await expect.poll(() => page.evaluate(() => window.descent.state().step)).toBeGreaterThan(0);
  await page.selectOption('#c-opt', 'adam');
  await page.click('#play');
  expect(errors, 'console errors (the CSP must hold for everything the page does)').toEqual([]);
});

test('every control has a label, a tooltip and an accessible name', async ({ page }) => {
  await open(page);
  const bad = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('input, select, button, textarea')) {
      if (el.closest('dialog') || el.closest('[hidden]')) continue;
      if (el.type === 'hidden') continue;
      const labelled = el.labels && el.labels.length > 0;
      const named = labelled || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent.trim());
      const tip = el.title || (el.labels && [...el.labels].some((l) => l.title));
      if (!named || !tip) out.push(el.id || el.outerHTML.slice(0, 60));
    }
    return out;
  });
  expect(bad).toEqual([]);
  // The visible controls in the panel all have visible labels.
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('#controls input, #controls select')]
    .filter((el) => !el.closest('[hidden]') && el.type !== 'range' && !(el.labels && el.labels.length))
    .map((el) => el.id));
  expect(unlabelled).toEqual([]);
});

/** Changes a control and checks that the URL and the drawing both changed. */
async function expectChange(page, what, act, { canvases = ['overlay', 'loss', 'base'] } = {}) {
  const before = await snapshot(page);
  await act();
  // The page redraws on its next frame: wait until the URL and some canvas have changed.
  let after = before;
  await expect
    .poll(async () => {
      after = await snapshot(page);
      return after.hash !== before.hash && canvases.some((c) => after[c] !== before[c]);
    }, { message: `${what}: URL and drawing` })
    .toBe(true);
  expect(after.hash, `${what}: URL`).not.toBe(before.hash);
  expect(canvases.some((c) => after[c] !== before[c]), `${what}: drawing`).toBe(true);
  expect(await page.evaluate(() => window.descent.settings())).toBe(after.hash.replace(/^#/, ''));
}

test('each control changes the URL and the drawing', async ({ page }) => {
  await open(page);
  await expectChange(page, 'lr number', () => page.fill('#c-lr', '0.03').then(() => page.press('#c-lr', 'Enter')));
  await expectChange(page, 'lr slider', () => page.locator('#c-lr-slider').fill('-1.5'));
  await expectChange(page, 'optimizer', () => page.selectOption('#c-opt', 'momentum'));
  await expect(page.locator('#c-mom')).toBeVisible();
  await expect(page.locator('#c-b1')).toBeHidden();
  await expectChange(page, 'momentum', () => page.fill('#c-mom', '0.5').then(() => page.press('#c-mom', 'Enter')));
  await expectChange(page, 'optimizer adam', () => page.selectOption('#c-opt', 'adam'));
  await expect(page.locator('#c-mom')).toBeHidden();
  await expectChange(page, 'b1', () => page.fill('#c-b1', '0.5').then(() => page.press('#c-b1', 'Enter')));
  await expectChange(page, 'schedule', () => page.selectOption('#c-sched', 'exp'));
  await expect(page.locator('#c-gamma')).toBeVisible();
  await expectChange(page, 'gamma', () => page.fill('#c-gamma', '0.9').then(() => page.press('#c-gamma', 'Enter')));
  await expectChange(page, 'start x', () => page.fill('#c-x0', '1.5').then(() => page.press('#c-x0', 'Enter')));
  await expectChange(page, 'start y', () => page.fill('#c-y0', '-1').then(() => page.press('#c-y0', 'Enter')));
  await expectChange(page, 'steps', () => page.fill('#c-steps', '7').then(() => page.press('#c-steps', 'Enter')));
  await expectChange(page, 'gradient noise', () => page.fill('#c-gnoise', '0.5').then(() => page.press('#c-gnoise', 'Enter')));
  await expectChange(page, 'seed', () => page.fill('#c-seed', '42').then(() => page.press('#c-seed', 'Enter')));
  await expectChange(page, 'tol', () => page.fill('#c-tol', '1000').then(() => page.press('#c-tol', 'Enter')));
  await expectChange(page, 'tol off', () => page.fill('#c-tol', '0').then(() => page.press('#c-tol', 'Enter')));
  await expectChange(page, 'target', () => page.fill('#c-target', '1e6').then(() => page.press('#c-target', 'Enter')));
  await expectChange(page, 'target off', () => page.fill('#c-target', '').then(() => page.press('#c-target', 'Enter')));
  await expectChange(page, 'random start', () => page.click('#c-random'));
  await expectChange(page, 'landscape', () => page.selectOption('#c-f', 'rosenbrock'));
  // View options: in the link, redrawn, and the run (its computed steps) kept.
  const steps = await page.evaluate(() => window.descent.trajectory().x.length);
  await expectChange(page, 'log colour', () => page.click('#logc'), { canvases: ['base'] });
  expect(await page.evaluate(() => location.hash)).toContain('color=linear');
  await expectChange(page, 'log loss axis', () => page.click('#logy'), { canvases: ['loss'] });
  expect(await page.evaluate(() => location.hash)).toContain('logy=off');
  expect(await page.evaluate(() => window.descent.trajectory().x.length)).toBe(steps);
});

test('view options in a link set the colour scale and the loss axis', async ({ page }) => {
  await open(page, '#f=quadratic&color=log&logy=off');
  await expect(page.locator('#logc')).toBeChecked();
  await expect(page.locator('#logy')).not.toBeChecked();
  await open(page, '#f=rosenbrock');
  await expect(page.locator('#logc')).toBeChecked(); // auto: rosenbrock's range is huge
  await expect(page.locator('#logy')).toBeChecked();
});

test('data models show batch controls; functions show gradient noise', async ({ page }) => {
  await open(page, '#f=linreg&data=line');
  await expect(page.locator('#c-gnoise')).toBeHidden();
  await expect(page.locator('#c-batch')).toBeVisible();
  await expect(page.locator('#c-bs')).toBeHidden();
  await expectChange(page, 'batch mode', () => page.selectOption('#c-batch', 'mini'));
  await expect(page.locator('#c-bs')).toBeVisible();
  await expectChange(page, 'batch size', () => page.locator('#c-bs').fill('5'));
  await expectChange(page, 'n', () => page.fill('#c-n', '50').then(() => page.press('#c-n', 'Enter')));
  await expectChange(page, 'noise', () => page.fill('#c-noise', '1').then(() => page.press('#c-noise', 'Enter')));
  await expectChange(page, 'scale', () => page.selectOption('#c-scale', 'standard'));
  await expectChange(page, 'dataset', () => page.selectOption('#c-data', 'seed'), { canvases: ['base'] });
});

test('the other hyperparameters and schedule parameters change the URL and the drawing', async ({ page }) => {
  await open(page, '#f=rosenbrock&lr=0.01');
  const num = (id, v) => () => page.fill(id, v).then(() => page.press(id, 'Enter'));
  await expectChange(page, 'rmsprop', () => page.selectOption('#c-opt', 'rmsprop'));
  await expectChange(page, 'rho', num('#c-rho', '0.5'));
  await expectChange(page, 'eps', num('#c-eps', '0.1'));
  await expectChange(page, 'adamw', () => page.selectOption('#c-opt', 'adamw'));
  await expect(page.locator('#c-rho')).toBeHidden();
  await expectChange(page, 'wd', num('#c-wd', '5'));
  await expectChange(page, 'step schedule', () => page.selectOption('#c-sched', 'step'));
  await expectChange(page, 'every', num('#c-every', '5'));
  await expectChange(page, 'cosine', () => page.selectOption('#c-sched', 'cosine'));
  await expect(page.locator('#c-every')).toBeHidden();
  await expectChange(page, 'tmax', num('#c-tmax', '10'));
  await expectChange(page, 'lrmin', num('#c-lrmin', '0.005'));
});

test('the formula field shows its error live, at the column', async ({ page }) => {
  await open(page, '#f=custom');
  const field = page.locator('#c-expr');
  await expect(field).toBeVisible();
  await expectChange(page, 'formula', () => field.fill('x^2 + y^2 + x*y'), { canvases: ['base', 'overlay'] });
  expect(await page.evaluate(() => location.hash)).toContain('expr=');
  await field.fill('x^2 + $y');
  const err = page.getByTestId('formula-error');
  await expect(err).toBeVisible();
  await expect(err).toContainText('column 7');
  await expect(err.locator('pre')).toHaveText('x^2 + $y\n      ^');
  // Fixing it hides the error.
  await field.fill('x^2 + y^2');
  await expect(err).toBeHidden();
});

test('a click on the surface sets the start', async ({ page }) => {
  await open(page);
  const box = await page.locator('#overlay').boundingBox();
  const before = await page.evaluate(() => location.hash);
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.3);
  const hash = await page.evaluate(() => location.hash);
  expect(hash).not.toBe(before);
  expect(hash).toMatch(/x0=/);
  expect(hash).toMatch(/y0=/);
  const x0 = Number(/x0=([^&]+)/.exec(hash)[1]);
  const t = await page.evaluate(() => { const t = window.descent.trajectory(); return [t.x[0], t.y[0]]; });
  expect(t[0]).toBe(x0);
  // Dragging moves it again.
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.65, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => page.evaluate(() => location.hash)).not.toBe(hash);
});

test('step, play, pause, reset, timeline and keyboard', async ({ page }) => {
  await open(page);
  const step = () => page.evaluate(() => window.descent.state().step);
  await page.click('#reset');
  expect(await step()).toBe(0);
  await expect(page.getByTestId('step')).toHaveText('0');
  await page.click('#step');
  expect(await step()).toBe(1);
  await expect(page.getByTestId('step')).toHaveText('1');
  await page.locator('#timeline').fill('5');
  expect(await step()).toBe(5);
  await page.click('#play');
  await expect(page.locator('#play')).toHaveText('Pause');
  await expect.poll(step).toBeGreaterThan(5);
  await page.click('#play');
  await expect(page.locator('#play')).toHaveText('Play');
  const played = await step();
  expect(played).toBeGreaterThan(5);
  await page.click('#reset');
  expect(await step()).toBe(0);

  // Keyboard, with the focus outside form fields.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await step()).toBe(2);
  await page.keyboard.press('ArrowLeft');
  expect(await step()).toBe(1);
  await page.keyboard.press('Space');
  expect(await page.evaluate(() => window.descent.playing())).toBe(true);
  await expect.poll(step).toBeGreaterThan(1);
  await page.keyboard.press('Space');
  expect(await page.evaluate(() => window.descent.playing())).toBe(false);
  expect(await step()).toBeGreaterThan(1);
  await page.keyboard.press('r');
  expect(await step()).toBe(0);

  /** With `selector` focused, Space plays then pauses, and R resets to step 0. */
  const spaceToggles = async (selector) => {
    await page.focus(selector);
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => window.descent.playing()), `${selector}: Space plays`).toBe(true);
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => window.descent.playing()), `${selector}: Space pauses`).toBe(false);
    await page.keyboard.press('r');
    expect(await step()).toBe(0);
  };
  // Space on a focused button plays/pauses once (no extra click).
  await spaceToggles('#step');
  // Space on the focused timeline also plays/pauses; its arrows scrub it.
  await spaceToggles('#timeline');
  await page.keyboard.press('ArrowRight'); // the slider's own arrow: one step on
  expect(await step()).toBe(1);
  await page.keyboard.press('r');

  // Not while typing in a field.
  await page.click('#c-x0');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('r');
  expect(await step()).toBe(0);
  expect(await page.evaluate(() => window.descent.playing())).toBe(false);

  // The speed slider reaches 1000 steps per frame.
  await page.locator('#speed').fill('3');
  await expect(page.locator('#speed-out')).toHaveText('1000');
});

test('the step and loss are announced in an aria-live region', async ({ page }) => {
  await open(page);
  const live = page.locator('#announce');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toContainText(/Step \d+, loss/);
});

test('the API: state at the shown step, step(n), runToEnd, trajectory, redraw', async ({ page }) => {
  await open(page, '#f=rosenbrock&opt=adam&lr=0.05&steps=300');
  const r = await page.evaluate(() => {
    const d = window.descent;
    d.setSettings('f=rosenbrock&opt=adam&lr=0.05&steps=300');
    const end = d.runToEnd();
    const t = d.trajectory();
    d.step(-1000);
    const s0 = d.state();
    d.step(10);
    const s10 = d.state();
    const t0 = performance.now();
    d.redraw();
    return { end, len: t.x.length, s0, s10, x10: t.x[10], ms: performance.now() - t0, settings: d.settings() };
  });
  expect(r.end.step).toBe(r.len - 1);
  expect(r.end.status).not.toBe('running');
  expect(r.s0.step).toBe(0);
  expect(r.s10.step).toBe(10);
  expect(r.s10.x).toBe(r.x10);
  expect(typeof r.s10.status).toBe('string');
  // The shown step travels in the settings (at=), so that a copied link opens there.
  expect(r.settings).toBe('f=rosenbrock&opt=adam&lr=0.05&steps=300&at=10');
  console.log(`redraw() took ${r.ms.toFixed(1)} ms`);
});

test('editing the hash by hand re-reads the settings', async ({ page }) => {
  await open(page);
  await page.evaluate(() => { location.hash = '#f=booth&opt=adam&embed=1&controls=lr'; });
  await page.waitForFunction(() => window.descent.settings() === 'f=booth&opt=adam');
  await expect(page.locator('body')).toHaveClass(/embed/);
  await expect(page.locator('#c-f')).toBeHidden();
  await expect(page.locator('#c-lr')).toBeVisible();
  expect(await page.evaluate(() => window.descent.state().x)).toBe(
    await page.evaluate(() => { const t = window.descent.trajectory(); return t.x[t.x.length - 1]; }));
});

test('a bad value typed into a field is shown beside it and changes nothing', async ({ page }) => {
  await open(page, '#f=booth');
  await page.fill('#c-lr', '-3');
  await page.press('#c-lr', 'Enter');
  const err = page.locator('#c-lr-error');
  await expect(err).toBeVisible();
  await expect(err).toContainText('lr');
  await expect(page.locator('#c-lr')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#c-lr')).toHaveValue('-3'); // the typed text stays for fixing
  expect(await page.evaluate(() => location.hash)).toBe('#f=booth');
  await expect(page.getByTestId('problems')).toBeHidden();
  await page.fill('#c-lr', '0.02');
  await page.press('#c-lr', 'Enter');
  await expect(err).toBeHidden();
  expect(await page.evaluate(() => location.hash)).toBe('#f=booth&lr=0.02');
});

test('an exception from wasm shows in the error area, and the page keeps working', async ({ page }) => {
  await open(page);
  const glue = await page.evaluate(() => document.getElementById('descent-boot').dataset.js);
  await page.evaluate(async (glue) => {
    const m = await import(new URL(glue, document.baseURI).href);
    window.__saved = m.Playground.prototype.render_overlay;
    m.Playground.prototype.render_overlay = () => { throw new Error('boom from a test'); };
  }, glue);
  await page.click('#reset');
  await expect(page.getByTestId('error')).toBeVisible();
  await expect(page.getByTestId('error')).toContainText('boom from a test');
  await page.evaluate(async (glue) => {
    const m = await import(new URL(glue, document.baseURI).href);
    m.Playground.prototype.render_overlay = window.__saved;
  }, glue);
  await page.click('#step');
  expect(await page.evaluate(() => window.descent.state().step)).toBe(1);
  expect(await page.evaluate(() => window.descent.step(NaN).step)).toBe(1);
});

test('landscapes come in groups; the lr slider and number field stay in sync', async ({ page }) => {
  await open(page);
  const groups = await page.evaluate(() => [...document.querySelectorAll('#c-f optgroup')].map((g) => [g.label, g.children.length]));
  expect(groups.map((g) => g[0])).toEqual(['2-D functions', '1-D functions', 'Data models', 'Custom formula']);
  for (const [, n] of groups) expect(n).toBeGreaterThan(0);
  await page.locator('#c-lr-slider').fill('-2');
  await expect(page.locator('#c-lr')).toHaveValue('0.01');
  await page.fill('#c-lr', '0.1');
  await page.press('#c-lr', 'Enter');
  expect(Number(await page.locator('#c-lr-slider').inputValue())).toBeCloseTo(-1, 5);
  expect(await page.evaluate(() => location.hash)).toContain('lr=0.1');
  const [min, max] = await page.evaluate(() => [document.getElementById('c-lr-slider').min, document.getElementById('c-lr-slider').max]);
  expect([Number(min), Number(max)]).toEqual([-5, 1]); // 1e-5 … 10
});

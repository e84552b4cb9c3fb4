// The comparison lessons as a student sees them: every run on the 1-D curve, a diverging run
// marked, the sweep's axis kept to the useful range and clickable, one colour per run in every
// place, racers that sample differently (full batch, SGD, mini-batch), and a preset that says
// when it changes the learning rate.
import { test, expect } from './helpers.mjs';
import { open, cliRun } from './helpers.mjs';

test.use({ viewport: { width: 1280, height: 800 } });

/** Pixels of a canvas within `tol` of an RGB colour, optionally only inside a CSS-px box. */
function countColour(page, id, rgb, tol = 0, box = null) {
  return page.evaluate(([id, rgb, tol, box]) => {
    const c = document.getElementById(id);
    const { data, width } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const dpr = c.width / c.getBoundingClientRect().width;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const x = ((i / 4) % width) / dpr;
      const y = Math.floor(i / 4 / width) / dpr;
      if (box && (x < box[0] || x > box[2] || y < box[1] || y > box[3])) continue;
      if (Math.abs(data[i] - rgb[0]) <= tol && Math.abs(data[i + 1] - rgb[1]) <= tol && Math.abs(data[i + 2] - rgb[2]) <= tol) n += 1;
    }
    return n;
  }, [id, rgb, tol, box]);
}

const rgbOf = (css) => css.match(/\d+/g).map(Number);

/** The gallery's settings for a lesson id. */
async function lesson(page, id) {
  return page.evaluate(async (id) => {
    const doc = await (await fetch('./lessons.json')).json();
    return doc.lessons.find((l) => l.id === id).settings;
  }, id);
}

/** Console errors, apart from none: every page these tests open must log nothing. */
function clean(errors) {
  expect(errors, 'console errors').toEqual([]);
}

test('lr-compare draws every run on the 1-D curve, each in its colour', async ({ page }) => {
  const errors = await open(page);
  const link = await lesson(page, 'lr-compare');
  await page.evaluate((s) => window.descent.setSettings(s), link);
  await page.evaluate(() => window.descent.runToEnd());
  const runs = await page.evaluate(() => window.descent.runs());
  expect(runs.map((r) => r.label)).toEqual(['gd(lr=0.1)', 'gd(lr=0.01)', 'gd(lr=0.9)', 'gd(lr=1.5)']);
  // At step 3 every run is still on the plot: lr 0.01 creeps down, 0.9 jumps across.
  await page.evaluate(() => { window.descent.step(-1e9); window.descent.step(3); window.descent.redraw(); });
  // θ₃ of each run on x² from 2.5: 2.5·(1 − 2·lr)³; each run's colour is found near its point
  // on the curve (outside any legend box, which sits in a corner away from the curve).
  for (const [i, lr] of [[1, 0.01], [2, 0.9]]) {
    const x = 2.5 * (1 - 2 * lr) ** 3;
    const [px, py] = await page.evaluate(([x]) => window.descent.views.surfacePx(x, x * x), [x]);
    const dpr = await page.evaluate(() => window.devicePixelRatio);
    const box = [px / dpr - 12, py / dpr - 12, px / dpr + 12, py / dpr + 12];
    const n = await countColour(page, 'overlay', rgbOf(runs[i].colour), 0, box);
    expect(n, `run ${i} (lr ${lr}) drawn at its point on the curve`).toBeGreaterThan(8);
  }
  for (const r of runs.slice(1)) {
    expect(await countColour(page, 'overlay', rgbOf(r.colour)), r.label).toBeGreaterThan(60);
  }
  clean(errors);
});

test('the diverging run is marked in the legend, the run list and the loss chart, in both languages', async ({ page }) => {
  const errors = await open(page);
  const link = await lesson(page, 'lr-compare');
  await page.evaluate((s) => window.descent.setSettings(s), link);
  await page.evaluate(() => window.descent.runToEnd());
  const runs = await page.evaluate(() => window.descent.runs());
  // lr 1.5 on x²: |1 − 3| = 2, the loss quadruples each step and passes 10× its start at step 2.
  expect(runs[3].diverging_from).toBe(2);
  expect(runs.slice(0, 3).map((r) => r.diverging_from)).toEqual([null, null, null]);
  const item = page.locator('#runs li[data-run="3"]');
  await expect(item).toHaveAttribute('data-diverging', '2');
  await expect(item).toContainText('diverging from 2');
  // The ring where it diverged (DIVERGED_MARK) on the loss chart.
  expect(await countColour(page, 'loss', [222, 64, 32])).toBeGreaterThan(20);
  // lr 0.9 and 0.1 have the same loss at every step: the dashed curve and its own markers
  // show on top of the main run's solid one.
  expect(await countColour(page, 'loss', rgbOf(runs[2].colour))).toBeGreaterThan(60);
  await page.selectOption('#lang', 'zh').catch(() => page.evaluate(() => window.descent.setSettings(`${window.descent.settings()}&lang=zh`)));
  await expect(page.locator('#runs li[data-run="3"]')).toContainText('从第 2 步起发散');
  clean(errors);
});

test('the sweep keeps its y axis to the useful range, marks the current lr, and a click or a key sets lr', async ({ page }) => {
  const errors = await open(page);
  const link = await lesson(page, 'lr-sweep');
  await page.evaluate((s) => window.descent.setSettings(s), link);
  await expect.poll(() => page.evaluate(() => document.getElementById('sweep').dataset.done), { timeout: 60_000 }).toBe('50');
  const axis = await page.evaluate(() => window.descent.sweepAxis());
  // Final losses reach 1e120 at the largest rates; the axis stops a padding above 10× the
  // start (6.25), so that the valley of good rates fills the chart.
  const span = axis.y_max - axis.y_min;
  expect(axis.y_max).toBeLessThanOrEqual(Math.log10(62.5) + 0.25 * span);
  expect(axis.y_max).toBeLessThan(6);
  expect(axis.y_max).toBeGreaterThan(Math.log10(6.25));
  await expect(page.locator('#sweep-summary')).toContainText('diverged');
  // The diverged rates: crosses along the top edge.
  expect(await countColour(page, 'sweep', [222, 64, 32])).toBeGreaterThan(10);
  // The current lr (default 0.1 for gd) as a vertical line in the current point's red.
  const plotH = axis.bottom - axis.top;
  expect(await countColour(page, 'sweep', [255, 80, 48])).toBeGreaterThan(plotH);
  // A click at lr ≈ 0.3 sets the main run's lr to the swept rate nearest to it.
  const lrs = await page.evaluate(() => {
    const lo = 1e-3; const hi = 1.5; const k = 50;
    return Array.from({ length: k }, (_, i) => (i === k - 1 ? hi : lo * (hi / lo) ** (i / (k - 1))));
  });
  const target = 0.3;
  const nearest = lrs.reduce((a, b) => (Math.abs(Math.log(b / target)) < Math.abs(Math.log(a / target)) ? b : a));
  const x = axis.left + ((Math.log10(target) - axis.x_min) / (axis.x_max - axis.x_min)) * (axis.right - axis.left);
  await page.locator('#sweep').click({ position: { x, y: (axis.top + axis.bottom) / 2 } });
  const lr = Number(await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('lr')));
  expect(Math.abs(lr - nearest) / nearest).toBeLessThan(1e-12);
  // The keyboard: → takes the next swept rate, Home the first.
  await page.locator('#sweep').focus();
  await page.keyboard.press('ArrowRight');
  const next = lrs[lrs.indexOf(nearest) + 1];
  const lr2 = Number(await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('lr')));
  expect(Math.abs(lr2 - next) / next).toBeLessThan(1e-12);
  await page.keyboard.press('Home');
  expect(await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('lr'))).toBe('1e-3');
  clean(errors);
});

test('a run has one colour on the surface, in the run list, the racer rows and the loss chart', async ({ page }) => {
  const errors = await open(page, '#f=saddle&x0=1&y0=1e-3&steps=150&race=momentum~adam(lr=0.05)');
  await page.evaluate(() => window.descent.runToEnd());
  const runs = await page.evaluate(() => window.descent.runs());
  expect(runs).toHaveLength(3);
  for (let i = 0; i < runs.length; i += 1) {
    const colour = runs[i].colour;
    await expect(page.locator(`#runs li[data-run="${i}"]`)).toHaveAttribute('data-colour', colour);
    await expect(page.locator(`#runs li[data-run="${i}"] svg`)).toHaveAttribute('data-colour', colour);
    if (i > 0) await expect(page.locator(`#racers li:nth-child(${i}) svg`)).toHaveAttribute('data-colour', colour);
    expect(await countColour(page, 'overlay', rgbOf(colour)), `surface, run ${i}`).toBeGreaterThan(50);
    expect(await countColour(page, 'loss', rgbOf(colour)), `loss chart, run ${i}`).toBeGreaterThan(20);
  }
  expect(new Set(runs.map((r) => r.colour)).size).toBe(3);
  clean(errors);
});

test('a racer may sample differently: batch=sgd and mini-batch beside full batch', async ({ page }) => {
  const errors = await open(page, '#f=linreg&data=line&n=20&lr=0.1');
  await page.click('#race-add');
  await page.selectOption('#racer-1-opt', 'gd');
  await page.fill('#racer-1-lr', '0.1');
  await page.press('#racer-1-lr', 'Enter');
  await expect(page.locator('#racer-1-bs')).toBeHidden();
  await page.selectOption('#racer-1-batch', 'sgd');
  expect(await page.evaluate(() => location.hash)).toContain('race=gd(lr=0.1,batch=sgd)');
  let runs = await page.evaluate(() => { window.descent.runToEnd(); return window.descent.runs(); });
  expect(runs[1].label).toBe('gd(lr=0.1) · sgd');
  expect(runs[0].label).toBe('gd(lr=0.1) · full');
  // The racer is the run `descent run` gives with batch=sgd: the same trajectory length.
  expect(runs[1].len).toBe(cliRun('f=linreg&data=line&n=20&lr=0.1&batch=sgd').length);
  await page.selectOption('#racer-1-batch', 'mini');
  await expect(page.locator('#racer-1-bs')).toBeVisible();
  await page.fill('#racer-1-bs', '5');
  await page.press('#racer-1-bs', 'Enter');
  expect(await page.evaluate(() => location.hash)).toContain('race=gd(lr=0.1,batch=mini,bs=5)');
  runs = await page.evaluate(() => window.descent.runs());
  expect(runs[1].label).toBe('gd(lr=0.1) · mini, bs=5');
  // A batch size over n is named and nothing is lost.
  await page.fill('#racer-1-bs', '50');
  await page.press('#racer-1-bs', 'Enter');
  await expect(page.locator('#race-error')).toBeVisible();
  expect(await page.evaluate(() => location.hash)).toContain('race=gd(lr=0.1,batch=mini,bs=5)');
  // The lesson that compares the three in one picture.
  const link = await lesson(page, 'batch-race');
  await page.evaluate((s) => window.descent.setSettings(s), link);
  runs = await page.evaluate(() => { window.descent.runToEnd(); return window.descent.runs(); });
  expect(runs.map((r) => r.label)).toEqual(['gd(lr=0.1) · full', 'gd(lr=0.1) · sgd', 'gd(lr=0.1) · mini, bs=5']);
  // Mid-way, each path is seen beside the others (at the end all three meet at the minimum).
  await page.evaluate(() => { window.descent.step(-1e9); window.descent.step(100); window.descent.redraw(); });
  for (const r of runs.slice(1)) expect(await countColour(page, 'overlay', rgbOf(r.colour), 8), r.label).toBeGreaterThan(50);
  clean(errors);
});

test('the four-regime preset says it changed the learning rate, and Undo puts it back', async ({ page }) => {
  const errors = await open(page, '#f=quadratic&lr=0.1&steps=60&tol=0');
  await expect(page.locator('#lrs-teach-note')).toBeHidden();
  await page.click('#lrs-teach');
  await expect(page.locator('#lrs-teach-note')).toBeVisible();
  await expect(page.locator('#lrs-teach-note')).toContainText('from 0.1 to 0.5');
  expect(await page.evaluate(() => location.hash)).toContain('lr=0.5&');
  await page.click('#lrs-teach-undo');
  await expect(page.locator('#lrs-teach-note')).toBeHidden();
  const hash = await page.evaluate(() => location.hash);
  expect(hash).toContain('lr=0.1');
  expect(hash).not.toContain('lrs=');
  clean(errors);
});

test('the sweep lesson shows its chart without scrolling, at 1280×800 and 360×740', async ({ browser }) => {
  for (const [width, height] of [[1280, 800], [360, 740]]) {
    const page = await browser.newPage({ viewport: { width, height } });
    await open(page, '#f=parabola1d&sweep=1e-3,1.5,50&lesson=lr-sweep');
    const box = await page.locator('#sweep').boundingBox();
    const lesson = await page.locator('#lesson').boundingBox().catch(() => null);
    // Wide: the whole chart is in the first screen. Narrow: the lesson box heads the page, so
    // the chart starts within two screens.
    if (width > 900) expect(box.y + box.height, `${width}`).toBeLessThanOrEqual(height);
    else expect(box.y, `${width} (lesson box ${lesson && Math.round(lesson.height)} px)`).toBeLessThan(2 * height);
    await page.close();
  }
});

test('zh: the sweep summary runs its sentences together, without a space after 。', async ({ page }) => {
  await open(page, '#f=parabola1d&sweep=1e-3,1.5,50&lang=zh');
  const summary = page.getByTestId('sweep-summary');
  await expect(summary).toContainText('个发散');
  expect(await summary.textContent()).not.toMatch(/。\s/);
});

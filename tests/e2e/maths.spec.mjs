// The step-by-step maths panel (maths=on), feature scaling for linreg2, and the downloads:
// real numbers checked against the trajectory, JS arithmetic and the `descent` CLI.
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, open, cliRun, root } from './helpers.mjs';

/** `descent run SETTINGS --format F`, exactly as printed (the binary is built by cliRun). */
function cliText(settings, format) {
  cliRun(settings);
  return execFileSync(join(root, 'target/debug/descent'), ['run', settings, '--format', format], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024,
  });
}

/** Shows step k (pauses, goes to 0, steps k). */
async function show(page, k) {
  await page.evaluate((k) => { window.descent.pause(); window.descent.step(-1e9); window.descent.step(k); }, k);
}

/** The exact numbers of the result cells of each component. */
function results(page) {
  return page.evaluate(() => [0, 1].map((i) => {
    const box = document.querySelector(`#maths .maths-numbers[data-component="${i}"]`);
    if (!box) return null;
    const r = box.querySelectorAll('.result');
    return { text: box.textContent, result: r.length ? Number(r[r.length - 1].getAttribute('data-value')) : null, count: r.length };
  }));
}

/** A state row's before and after values. */
function stateRow(page, name) {
  return page.evaluate((name) => {
    const tr = document.querySelector(`#maths tr[data-name="${name}"]`);
    if (!tr) return null;
    const [b, a] = [...tr.querySelectorAll('td')].map((td) => (td.dataset.value ? JSON.parse(td.dataset.value) : null));
    return { before: b, after: a };
  }, name);
}

test('the worked example: w ← 1 − 0.1·(−13.333) = 2.333, the result is θ₁ as recorded', async ({ page }) => {
  await open(page, '#f=linreg&data=seed&lr=0.1&x0=1&y0=0&maths=on');
  await show(page, 0);
  await expect(page.locator('#maths')).toBeVisible();
  await expect(page.locator('#maths-toggle')).toHaveAttribute('aria-pressed', 'true');
  const [w, b] = await results(page);
  const traj = await page.evaluate(() => { const t = window.descent.trajectory(); return { x: [...t.x], y: [...t.y], gx: [...t.gx], gy: [...t.gy] }; });
  expect(Math.abs(traj.gx[0] + 40 / 3)).toBeLessThan(1e-12);
  expect(Math.abs(traj.gy[0] + 6)).toBeLessThan(1e-12);
  expect(w.text).toContain('=1−0.1·(−13.333)=2.333');
  expect(b.text).toContain('=0−0.1·(−6)=0.6');
  expect(Object.is(w.result, traj.x[1]), `${w.result} vs ${traj.x[1]}`).toBe(true);
  expect(Object.is(b.result, traj.y[1])).toBe(true);
  // MathML elements, in the MathML namespace, built without innerHTML.
  const ns = await page.evaluate(() => [...document.querySelectorAll('#maths math')].map((m) => m.namespaceURI));
  expect(ns.length).toBeGreaterThan(2);
  expect(new Set(ns)).toEqual(new Set(['http://www.w3.org/1998/Math/MathML']));
  // The toggle turns it off, and the link says so.
  await page.click('#maths-toggle');
  await expect(page.locator('#maths')).toBeHidden();
  expect(await page.evaluate(() => location.hash)).not.toContain('maths=on');
  await page.click('#maths-toggle');
  await expect(page.locator('#maths')).toBeVisible();
  expect(await page.evaluate(() => location.hash)).toContain('maths=on');
});

test('every optimizer: its rule in MathML and this step\'s numbers ending at θ_{k+1} as recorded', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  // Every optimizer the core lists, so that a new one is covered without editing this file.
  const optimizers = await page.evaluate(() => window.descent.catalog().optimizers.map((o) => o.name));
  expect(optimizers.length).toBeGreaterThan(10);
  for (const opt of optimizers) {
    const lr = { gd: 0.001, momentum: 0.001, nesterov: 0.001, newton: 0.5 }[opt] || 0.05;
    const problems = await page.evaluate((s) => window.descent.setSettings(s), `f=rosenbrock&opt=${opt}&lr=${lr}&steps=30&maths=on`);
    expect(problems).toEqual([]);
    for (const k of [0, 3]) {
      await show(page, k);
      const rule = page.locator(`#maths .maths-rule[data-opt="${opt}"] math`);
      expect(await rule.count(), opt).toBeGreaterThan(0);
      const traj = await page.evaluate(() => { const t = window.descent.trajectory(); return { x: [...t.x], y: [...t.y] }; });
      const [a, b] = await results(page);
      expect(Object.is(a.result, traj.x[k + 1]), `${opt} step ${k}: x ${a.result} vs ${traj.x[k + 1]}`).toBe(true);
      expect(Object.is(b.result, traj.y[k + 1]), `${opt} step ${k}: y ${b.result} vs ${traj.y[k + 1]}`).toBe(true);
      expect(a.text).not.toContain('NaN');
      const header = await page.locator('#maths .maths-step').textContent();
      expect(header).toContain(`Step ${k} → ${k + 1}`);
      expect(header).toContain(`t = ${k + 1}`);
    }
  }
});

test('the state before and after a step is what the optimizer computes', async ({ page }) => {
  await open(page, '#f=rosenbrock&opt=momentum&lr=0.001&steps=10&maths=on');
  await show(page, 1);
  const t = await page.evaluate(() => { const t = window.descent.trajectory(); return { gx: [...t.gx], gy: [...t.gy] }; });
  const row = await stateRow(page, 'momentum_buffer');
  // torch: b₁ = g₁, then b₂ = 0.9·b₁ + g₂ (the product rounded first).
  expect(row.before).toEqual([t.gx[0], t.gy[0]]);
  expect(row.after).toEqual([0.9 * t.gx[0] + t.gx[1], 0.9 * t.gy[0] + t.gy[1]]);
  const g = await stateRow(page, 'gradient');
  expect(g.after).toEqual([t.gx[1], t.gy[1]]);

  // Adam's first step: m = (1 − β₁)·g, v = ((1 − β₂)·g)·g, and the bias corrections.
  await page.evaluate(() => window.descent.setSettings('f=rosenbrock&opt=adam&lr=0.05&steps=10&maths=on'));
  await show(page, 0);
  const a = await page.evaluate(() => { const t = window.descent.trajectory(); return { gx: t.gx[0], gy: t.gy[0] }; });
  const m = await stateRow(page, 'exp_avg');
  const v = await stateRow(page, 'exp_avg_sq');
  expect(m.before).toEqual([0, 0]);
  expect(m.after).toEqual([(1 - 0.9) * a.gx, (1 - 0.9) * a.gy]);
  expect(v.after).toEqual([((1 - 0.999) * a.gx) * a.gx, ((1 - 0.999) * a.gy) * a.gy]);
  const bc1 = await stateRow(page, 'bc1');
  expect(bc1.after[0]).toBe(1 - 0.9);
  const mh = await stateRow(page, 'm_hat');
  expect(mh.after).toEqual([m.after[0] / (1 - 0.9), m.after[1] / (1 - 0.9)]);
  // The same numbers through window.descent (the replay), and a later step continues it.
  const s = await page.evaluate(() => window.descent.stepMaths(0));
  expect(s.after.find((x) => x.name === 'exp_avg').value).toEqual(m.after);
  await show(page, 5);
  const later = await page.evaluate(() => window.descent.stepMaths(4));
  const now = await stateRow(page, 'exp_avg');
  expect(now.before).toEqual(later.after.find((x) => x.name === 'exp_avg').value);
});

test('the arrows (gradient, momentum, update) and their legend are drawn on the overlay', async ({ page }) => {
  // Adam: its update −η·m̂/(√v̂ + ε) differs from the momentum arrow −η·m̂ (for plain SGD
  // momentum the two are one arrow, "momentum = update": tests/e2e/arrows.spec.mjs).
  await open(page, '#f=rosenbrock&opt=adam&lr=0.05&steps=40');
  await show(page, 6);
  const colours = () => page.evaluate(() => {
    const c = document.getElementById('overlay');
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const want = { update: [255, 214, 10], momentum: [40, 200, 255] };
    const n = { update: 0, momentum: 0 };
    for (let i = 0; i < data.length; i += 4) {
      for (const [k, [r, g, b]] of Object.entries(want)) {
        if (data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255) n[k] += 1;
      }
    }
    return n;
  });
  const off = await colours();
  const hashOff = await page.evaluate(() => window.descent.pixelHash('overlay'));
  expect(off).toEqual({ update: 0, momentum: 0 });
  await page.click('#maths-toggle');
  const on = await colours();
  expect(on.update).toBeGreaterThan(30);
  expect(on.momentum).toBeGreaterThan(30);
  expect(await page.evaluate(() => window.descent.pixelHash('overlay'))).not.toBe(hashOff);
  // ∇f uphill, −η·∇f, momentum and the update.
  await expect(page.locator('#maths .maths-legend .swatch')).toHaveCount(4);
  // Plain gradient descent has no momentum arrow, and its update is −η·∇f (one arrow).
  await page.evaluate(() => window.descent.setSettings('f=rosenbrock&opt=gd&lr=0.001&steps=40&maths=on'));
  await show(page, 10);
  const gd = await colours();
  expect(gd.update).toBeGreaterThan(30);
  expect(gd.momentum).toBe(0);
  await expect(page.locator('#maths .maths-legend .swatch')).toHaveCount(2);
});

test('feature scaling: the toggle, round contours, and the steps table equals the CLI', async ({ page }) => {
  test.setTimeout(120_000);
  // Adam reaches both targets; plain GD at its default lr diverges unscaled.
  for (const link of ['f=linreg2&data=scales&opt=adam&lr=0.05&steps=3000', 'f=linreg2&data=scales']) {
    await open(page, `#${link}`);
    await expect(page.locator('#scaling')).toBeVisible();
    const rows = await page.evaluate(() => window.descent.scaling().rows);
    await expect(page.locator('#scaling tbody tr')).toHaveCount(2);
    expect(rows.map((r) => r.scale)).toEqual(['none', 'standard']);
    for (const row of rows) {
      // The same settings with that lr and target, run by the CLI, stop where the table says.
      const base = link.replace(/&lr=[^&]*/, '');
      const out = cliRun(`${base}&scale=${row.scale}&lr=${row.lr}&target=${row.target}`);
      const last = Number(out[out.length - 1][0]);
      const cell = page.locator(`#scaling tr[data-scale="${row.scale}"] .scaling-steps`);
      if (row.reached !== null) {
        expect(row.reached, link).toBe(last);
        await expect(cell).toHaveText(String(last));
      } else {
        expect(row.status, link).toBe('diverged');
        await expect(cell).toHaveText(`diverged at step ${last}`);
      }
    }
    // Standardising is faster here: the unscaled case is held back by its steep direction.
    expect(rows[1].reached).not.toBeNull();
    expect(rows[0].reached === null || rows[0].reached > rows[1].reached).toBe(true);
  }
  // The axes (the margins of the base layer) stay put: one window for both cases, with runs
  // that both converge (a diverging run's view follows its path out of the window).
  await open(page, '#f=linreg2&data=scales&opt=adam&lr=0.05&steps=3000');
  const margins = () => page.evaluate(() => {
    const c = document.getElementById('base');
    const ctx = c.getContext('2d');
    const strip = (x, y, w, h) => [...ctx.getImageData(x, y, w, h).data].join(',');
    return { bottom: strip(0, c.height - 30, c.width, 30), left: strip(0, 0, 40, c.height) };
  });
  const before = await page.evaluate(() => window.descent.pixelHash('base'));
  const axesBefore = await margins();
  await page.check('#scaling-standard');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('scale=standard');
  expect(await page.evaluate(() => window.descent.pixelHash('base'))).not.toBe(before);
  expect(await margins()).toEqual(axesBefore);
  await expect(page.locator('#scaling tr.shown')).toHaveAttribute('data-scale', 'standard');
  // The one-click common target.
  await page.click('#scaling-set-target');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('target=');
  await expect(page.locator('#scaling')).toContainText('The target loss T comes from the settings');
  // Other landscapes have no scaling panel.
  await page.evaluate(() => window.descent.setSettings('f=linreg'));
  await expect(page.locator('#scaling')).toBeHidden();
});

test('downloads: CSV and JSON equal `descent run` byte for byte; the PNG is the figure', async ({ page }) => {
  test.setTimeout(120_000);
  const link = 'f=linreg&data=line&n=30&batch=mini&bs=4&opt=adam&lr=0.05&steps=150&seed=9';
  await open(page, `#${link}`);
  for (const format of ['csv', 'json']) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`#export-${format}`)]);
    expect(dl.suggestedFilename()).toBe(`descent-linreg-adam.${format}`);
    const text = readFileSync(await dl.path(), 'utf8');
    expect(text === cliText(link, format), `${format} differs from the CLI`).toBe(true);
  }
  // A run the page has not computed to its end yet is exported whole.
  await page.evaluate(() => window.descent.setSettings('f=rosenbrock&lr=0.001&steps=20000'));
  await show(page, 3);
  const csv = await page.evaluate(() => window.descent.exportText('csv'));
  expect(csv === cliText('f=rosenbrock&lr=0.001&steps=20000', 'csv')).toBe(true);
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  expect(png.suggestedFilename()).toBe('descent-rosenbrock-gd-step3.png');
  const bytes = readFileSync(await png.path());
  expect([...bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  const [w, h] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  // Redrawn at a readable size (tests/e2e/arrows.spec.mjs checks the caption).
  const size = await page.evaluate(() => window.descent.exportFigure());
  expect({ w, h }).toEqual({ w: size.width, h: size.height });
  expect(w).toBeGreaterThanOrEqual(1200);
});

test('screenshots of the maths panel: desktop and 360 px, English and Chinese', async ({ page }) => {
  test.setTimeout(60_000);
  const dir = join(root, 'test-results', 'maths-shots');
  mkdirSync(dir, { recursive: true });
  for (const [name, width] of [['desktop', 1200], ['phone', 360]]) {
    await page.setViewportSize({ width, height: 900 });
    for (const lang of ['en', 'zh']) {
      await open(page, '#f=rosenbrock&opt=adam&lr=0.05&steps=50&maths=on');
      await page.evaluate(async (lang) => (await import(new URL('i18n.js', document.baseURI).href)).setLang(lang), lang);
      await show(page, 4);
      const panel = page.locator('#maths');
      await expect(panel).toBeVisible();
      if (lang === 'zh') await expect(panel).toContainText('第 4 步');
      // Nothing in the panel is wider than the page.
      const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(over).toBeLessThanOrEqual(0);
      await panel.screenshot({ path: join(dir, `maths-${name}-${lang}.png`) });
      await page.locator('.figure').screenshot({ path: join(dir, `figure-${name}-${lang}.png`) });
    }
    // Feature scaling, unscaled and standardised.
    for (const scale of ['none', 'standard']) {
      await open(page, `#f=linreg2&data=scales&opt=adam&lr=0.05&steps=3000&scale=${scale}`);
      await expect(page.locator('#scaling tbody tr')).toHaveCount(2);
      await page.locator('.figure').screenshot({ path: join(dir, `scaling-${name}-${scale}.png`) });
    }
  }
});

// Share links, bad links, script injection, embed mode, copy link, small screens, screenshots.
import { test, expect, open, canvasStats, cliRun, rustNumber } from './helpers.mjs';

const LINKS = [
  '',
  'f=rosenbrock&opt=adam&lr=0.05',
  'f=himmelblau&opt=momentum&lr=0.01&mom=0.8&x0=-1&y0=1',
  'f=rastrigin&opt=nesterov&sched=cosine&tmax=50&gnoise=0.3&seed=7',
  'f=linreg&data=line&n=50&batch=mini&bs=8&opt=rmsprop&seed=3',
  'f=rosenbrock&lr=0.1&steps=100',
  'f=logreg&batch=sgd&opt=adamw&wd=0.1',
  'f=custom&expr=x%5E4-x%5E2%2By%5E2&opt=nadam&steps=150',
  'f=beale&opt=newton&lr=0.5',
  'f=quadratic&lr=1.2&steps=500',
];

test('a share link gives the same final θ as `descent run`, bit for bit', async ({ page }) => {
  test.setTimeout(300_000);
  await open(page);
  for (const link of LINKS) {
    const rows = cliRun(link || 'f=quadratic');
    const last = rows[rows.length - 1].map((v, i) => (i === 0 ? Number(v) : rustNumber(v)));
    const got = await page.evaluate((s) => {
      const problems = window.descent.setSettings(s);
      const st = window.descent.runToEnd();
      return { problems: problems.filter((p) => p.severity === 'error'), st };
    }, link);
    expect(got.problems, link).toEqual([]);
    const { st } = got;
    expect(st.step, `${link}: steps`).toBe(last[0]);
    for (const [i, key] of ['x', 'y', 'loss', 'gx', 'gy', 'lr'].entries()) {
      expect(Object.is(st[key], last[i + 1]), `${link}: ${key} page ${st[key]} vs cli ${last[i + 1]}`).toBe(true);
    }
  }
  // And the link itself, opened fresh.
  const link = LINKS[1];
  const rows = cliRun(link);
  await page.goto(`./index.html#${link}`);
  await page.waitForFunction(() => window.descent && window.descent.ready);
  const st = await page.evaluate(() => window.descent.runToEnd());
  expect(st.x).toBe(rustNumber(rows[rows.length - 1][1]));
  expect(st.y).toBe(rustNumber(rows[rows.length - 1][2]));
});

test('a bad link shows the problems banner naming the key, and still draws', async ({ page }) => {
  await open(page, '#f=nosuch&lr=abc&steps=0&zzz=1');
  const banner = page.getByTestId('problems');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('lr');
  await expect(banner).toContainText('abc');
  await expect(banner).toContainText('nosuch');
  await expect(banner).toContainText('steps');
  await expect(banner).toContainText(/default/i);
  const base = await canvasStats(page, 'base');
  expect(base.colours).toBeGreaterThan(100);
  // The canonical form dropped the bad values.
  expect(await page.evaluate(() => location.hash)).not.toContain('lr=abc');
  await page.click('#problems-dismiss');
  await expect(banner).toBeHidden();
  // Still works.
  await page.click('#reset');
  await page.click('#step');
  expect(await page.evaluate(() => window.descent.state().step)).toBe(1);
});

test('script-injection payloads in every key never run', async ({ page }) => {
  const payloads = [
    '<img src=x onerror="window.__pwned=1">',
    '"><script>window.__pwned=2</script>',
    "javascript:window.__pwned=3",
    '<svg onload=window.__pwned=4>',
  ];
  const keys = ['f', 'expr', 'data', 'n', 'noise', 'scale', 'seed', 'opt', 'lr', 'mom', 'rho', 'b1', 'b2', 'eps', 'wd',
    'sched', 'gamma', 'every', 'tmax', 'lrmin', 'batch', 'bs', 'gnoise', 'x0', 'y0', 'steps', 'tol', 'target', 'controls', 'embed', '<b>'];
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  for (const p of payloads) {
    const enc = encodeURIComponent(p);
    const hash = `#${keys.map((k) => `${encodeURIComponent(k)}=${enc}`).join('&')}`;
    await page.goto(`./index.html${hash}`);
    await page.waitForFunction(() => window.descent && window.descent.ready);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await page.locator('#problems img, #problems script, #problems svg, #controls img, #controls svg').count()).toBe(0);
    await expect(page.getByTestId('problems')).toBeVisible();
    // Same through the API and the formula field.
    await page.evaluate((s) => window.descent.setSettings(`f=custom&expr=${encodeURIComponent(s)}`), p);
    await page.fill('#c-expr', p);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  }
  expect(dialogs).toBe(0);
});

for (const [w, h] of [[360, 640], [1280, 800]]) {
  test(`embed mode shows only the named controls at ${w}×${h}`, async ({ page }, info) => {
    await page.setViewportSize({ width: w, height: h });
    await open(page, '#f=rosenbrock&opt=adam&embed=1&controls=lr,opt');
    await expect(page.locator('body')).toHaveClass(/embed/);
    // On narrow screens optimizer and lr sit under the playback bar (#quick), not in the panel.
    const visible = await page.evaluate(() => [...document.querySelectorAll('#controls .row, #quick .row')]
      .filter((r) => r.offsetParent !== null).map((r) => r.dataset.key));
    expect(visible.sort()).toEqual(['lr', 'opt']);
    await expect(page.locator('#play')).toBeVisible();
    await expect(page.locator('#step')).toBeVisible();
    await expect(page.locator('#reset')).toBeVisible();
    await expect(page.locator('#copy-link')).toBeHidden();
    // The page-only keys do not reach the codec (no "unknown key" banner), and survive changes.
    await expect(page.getByTestId('problems')).toBeHidden();
    await page.selectOption('#c-opt', 'momentum');
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('opt=momentum');
    expect(hash).toContain('embed=1');
    expect(hash).toContain('controls=lr,opt');
    expect(await page.evaluate(() => window.descent.settings())).not.toContain('embed');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
    const base = await canvasStats(page, 'base');
    expect(base.colours).toBeGreaterThan(100);
    await page.screenshot({ path: info.outputPath(`embed-${w}x${h}.png`), fullPage: true });
  });
}

test('embed dialog gives an iframe snippet; copy link copies the link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, '#f=booth&opt=adam');
  await page.click('#embed');
  const snippet = await page.locator('#embed-snippet').inputValue();
  // The controls are picked from a check list now (tests/e2e/embed.spec.mjs), in catalog order.
  expect(snippet).toMatch(/^<iframe src="[^"]+#f=booth&amp;opt=adam&amp;embed=1&amp;controls=opt,lr"/);
  await page.locator('#embed-controls input[value=opt]').uncheck();
  await page.locator('#embed-controls input[value=steps]').check();
  expect(await page.locator('#embed-snippet').inputValue()).toContain('controls=lr,steps"');
  await page.click('#embed-close');
  await page.click('#copy-link');
  const copied = page.locator('#copied');
  await expect(copied).not.toHaveText('');
  const expected = await page.evaluate(() => location.href);
  const fallbackShown = await page.locator('#fallback-link').isVisible();
  if (fallbackShown) {
    expect(await page.locator('#link-text').inputValue()).toBe(expected);
  } else {
    await expect(copied).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
  }
});

test('an iframe embed works inside another page', async ({ page }) => {
  await open(page);
  const src = await page.evaluate(() => `${location.origin}${location.pathname}#f=rosenbrock&embed=1&controls=lr`);
  await page.setContent(`<iframe src="${src}" width="360" height="640"></iframe>`);
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('#c-lr')).toBeVisible();
  await expect(frame.locator('#c-opt')).toBeHidden();
});

test('at 360 px wide nothing overflows; screenshots at 360 px and desktop dpr 2', async ({ browser }, info) => {
  const small = await browser.newPage({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  await open(small, '#f=rosenbrock&opt=momentum&lr=0.001');
  expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // Touch on the surface sets the start.
  const box = await small.locator('#overlay').boundingBox();
  const before = await small.evaluate(() => location.hash);
  await small.tap('#overlay', { position: { x: box.width * 0.6, y: box.height * 0.5 } });
  expect(await small.evaluate(() => location.hash)).not.toBe(before);
  await small.screenshot({ path: info.outputPath('page-360.png'), fullPage: true });
  await small.close();

  const big = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  await open(big, '#f=rosenbrock&opt=adam&lr=0.05');
  const base = await canvasStats(big, 'base');
  const css = await big.locator('#base').boundingBox();
  expect(base.width).toBe(Math.round(css.width * 2));
  expect(await big.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await big.screenshot({ path: info.outputPath('page-1280-dpr2.png'), fullPage: true });
  await big.close();
});

test('screenshots of the other states: banner, formula error, 1-D, data model, embed dialog', async ({ browser }, info) => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  await open(page, '#f=nosuch&lr=%3Cb%3Ehi%3C%2Fb%3E&zzz=1');
  await page.screenshot({ path: info.outputPath('banner.png') });
  await page.goto('./index.html#f=custom&expr=x%5E2%2By%5E2');
  await page.waitForFunction(() => window.descent && window.descent.ready);
  await page.fill('#c-expr', 'x^2 + (y*');
  await expect(page.getByTestId('formula-error')).toBeVisible();
  await page.locator('.panel').screenshot({ path: info.outputPath('formula-error.png') });
  await page.goto('./index.html#f=double_well1d&opt=momentum&x0=-2');
  await page.waitForFunction(() => window.descent && window.descent.ready);
  await expect(page.locator('#c-y0')).toBeHidden();
  await page.screenshot({ path: info.outputPath('one-d.png') });
  await page.goto('./index.html#f=logreg&data=blobs&batch=mini&bs=8');
  await page.waitForFunction(() => window.descent && window.descent.ready);
  await page.screenshot({ path: info.outputPath('data-model.png') });
  await page.click('#embed');
  await page.screenshot({ path: info.outputPath('embed-dialog.png') });
  await page.close();
});

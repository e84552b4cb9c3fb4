// Hostile links and hosts: every settings key given injection payloads, 10 kB values, odd
// unicode and broken percent-encoding; two embeds on one host page; storage denied.
import { test, expect, open, canvasStats, snapshot } from './helpers.mjs';

/** Values for every key, already in link form (a raw `%` stays raw on purpose). */
const enc = encodeURIComponent;
const PAYLOADS = {
  script: enc('<script>window.__pwned=1</script>'),
  attribute: enc('"><img src=x onerror="window.__pwned=2">'),
  url: enc('javascript:window.__pwned=3'),
  svg: enc('<svg onload=window.__pwned=4>'),
  long: '9'.repeat(10 * 1024),
  unicode: enc('\u202E1\u0301😀\u0000'),
  bom: enc('\uFEFF0.5'),
  'bare %': '%',
  '%zz': '%zz',
  overlong: '%C0%AF',
  'double-encoded': '%253Cscript%253Ewindow.__pwned%3D5%253C%252Fscript%253E',
};

/** Collects page errors and dialogs; the page must produce none. */
function watch(page) {
  const seen = { errors: [], dialogs: [] };
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  return seen;
}

/** Still working: a run is drawn, Step moves one step, nothing ran and no error is shown. */
async function stillWorks(page, seen, what) {
  expect((await canvasStats(page, 'base')).colours, what).toBeGreaterThan(100);
  expect((await canvasStats(page, 'overlay')).opaque, what).toBeGreaterThan(0);
  await page.click('#reset');
  await page.click('#step');
  expect(await page.evaluate(() => window.descent.state().step), what).toBe(1);
  expect(await page.evaluate(() => window.__pwned), what).toBeUndefined();
  await expect(page.getByTestId('error'), what).toBeHidden();
  expect(seen.errors, what).toEqual([]);
  expect(seen.dialogs, what).toEqual([]);
}

test('every key with injection, 10 kB, unicode and percent-encoding abuse: listed, harmless, still working', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  const consoleErrors = await open(page);
  const keys = await page.evaluate(() => window.descent.catalog().fields.map((f) => f.key));
  expect(keys.length).toBeGreaterThanOrEqual(30);
  expect(keys).toEqual(expect.arrayContaining(['f', 'expr', 'lr', 'x0', 'steps', 'color', 'logy']));
  for (const [name, value] of Object.entries(PAYLOADS)) {
    const hash = `#${keys.map((k) => `${k}=${value}`).join('&')}`;
    // A fresh load each time: the link is read at boot, not through hashchange.
    await page.goto('about:blank');
    await page.goto(`./index.html${hash}`);
    await page.waitForFunction(() => window.descent && window.descent.ready);
    // The banner names every key, with each value shortened.
    const banner = page.getByTestId('problems');
    await expect(banner, name).toBeVisible();
    const listed = await page.$$eval('#problems-list li', (lis) => lis.map((li) => ({ key: li.dataset.key, text: li.textContent })));
    expect(listed.map((l) => l.key), name).toEqual(keys);
    for (const l of listed) expect(l.text.length, `${name}: ${l.key}`).toBeLessThan(700);
    // Defaults were used, and the link was rewritten without the payload.
    expect(await page.evaluate(() => window.descent.settings()), name).toBe('');
    expect(await page.evaluate(() => location.hash), name).not.toMatch(/script|img|svg|%25|9999/i);
    // Nothing became markup.
    expect(await page.locator('#problems img, #problems script, #problems svg, main img, main svg').count(), name).toBe(0);
    await stillWorks(page, seen, name);
  }
  // The same values through the API and typed into every text field of the panel.
  await page.goto('./index.html#f=custom');
  await page.waitForFunction(() => window.descent && window.descent.ready);
  for (const [name, value] of Object.entries(PAYLOADS)) {
    const problems = await page.evaluate((s) => window.descent.setSettings(s), keys.map((k) => `${k}=${value}`).join('&'));
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.key), name).toEqual(keys);
    await page.evaluate(() => window.descent.setSettings('f=custom'));
    let raw = value;
    try { raw = decodeURIComponent(value); } catch { /* typed as written */ }
    const fields = await page.locator('#controls input[type=text]:visible, #controls textarea:visible').all();
    expect(fields.length, 'the formula field at least').toBeGreaterThan(0);
    for (const field of fields) await field.fill(raw);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => window.__pwned), name).toBeUndefined();
  }
  await page.evaluate(() => window.descent.setSettings(''));
  await stillWorks(page, seen, 'after typing');
  expect(consoleErrors).toEqual([]);
});

/** A host page with two embeds of the page, served by the test on the same origin. */
function hostPage(a, b) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>host</title></head><body>
<iframe name="a" src="index.html#${a}" width="420" height="560"></iframe>
<iframe name="b" src="index.html#${b}" width="420" height="560"></iframe>
</body></html>`;
}

/** What an embed shows: its state, settings, hash and pixels. */
async function look(frame) {
  return frame.evaluate(() => ({
    state: window.descent.state(),
    settings: window.descent.settings(),
    hash: location.hash,
    overlay: window.descent.pixelHash('overlay'),
    loss: window.descent.pixelHash('loss'),
    focused: document.hasFocus(),
  }));
}

test('two embeds on one host page keep separate state and keyboard focus', async ({ page }) => {
  const seen = watch(page);
  const A = 'f=rosenbrock&opt=adam&lr=0.05&steps=300&embed=1&controls=lr,opt';
  const B = 'f=himmelblau&opt=momentum&lr=0.01&embed=1&controls=opt';
  await page.route('**/host.html', (route) => route.fulfill({ contentType: 'text/html', body: hostPage(A, B) }));
  await page.goto('./host.html');
  const a = page.frame({ name: 'a' });
  const b = page.frame({ name: 'b' });
  for (const f of [a, b]) await f.waitForFunction(() => window.descent && window.descent.ready);
  const b0 = await look(b);
  expect(b0.settings).toBe('f=himmelblau&opt=momentum&lr=0.01');
  expect((await look(a)).settings).toBe('f=rosenbrock&opt=adam&lr=0.05&steps=300');

  // Step and keys in A: A moves, B does not.
  await page.frameLocator('iframe[name=a]').locator('#reset').click();
  await page.frameLocator('iframe[name=a]').locator('#step').click();
  expect((await look(a)).state.step).toBe(1);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const a1 = await look(a);
  expect(a1.state.step).toBe(3);
  expect(a1.focused).toBe(true);
  expect(await page.evaluate(() => document.activeElement && document.activeElement.name)).toBe('a');
  await page.keyboard.press(' ');
  await expect.poll(() => a.evaluate(() => window.descent.state().step)).toBeGreaterThan(3);
  await page.keyboard.press(' ');
  await page.keyboard.press('r');
  await expect.poll(() => a.evaluate(() => window.descent.state().step)).toBe(0);
  await page.frameLocator('iframe[name=a]').locator('#c-opt').selectOption('nesterov');
  expect((await look(a)).settings).toContain('opt=nesterov');
  const b1 = await look(b);
  expect(b1.focused).toBe(false);
  expect({ ...b1, focused: undefined }).toEqual({ ...b0, focused: undefined });

  // Now B: its keys move B only. A restarted on nesterov and computes and draws its run in
  // slices: its picture is taken once two looks in a row agree.
  let last = null;
  await expect.poll(async () => {
    const now = JSON.stringify(await look(a));
    const settled = now === last;
    last = now;
    return settled;
  }).toBe(true);
  const a2 = await look(a);
  await page.frameLocator('iframe[name=b]').locator('#reset').click();
  await page.frameLocator('iframe[name=b]').locator('#step').click();
  await page.keyboard.press('ArrowRight');
  expect((await look(b)).state.step).toBe(2);
  expect((await look(b)).focused).toBe(true);
  expect(await page.evaluate(() => document.activeElement && document.activeElement.name)).toBe('b');
  const a3 = await look(a);
  expect({ ...a3, focused: undefined }).toEqual({ ...a2, focused: undefined });
  expect(a3.focused).toBe(false);
  expect(seen.errors).toEqual([]);
});

/** Makes localStorage and sessionStorage throw, as in a third-party iframe with storage blocked. */
function denyStorage() {
  for (const name of ['localStorage', 'sessionStorage', 'indexedDB']) {
    Object.defineProperty(window, name, {
      configurable: true,
      get() { throw new DOMException(`access to ${name} is denied`, 'SecurityError'); },
    });
  }
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() { throw new DOMException('cookies are denied', 'SecurityError'); },
    set() { throw new DOMException('cookies are denied', 'SecurityError'); },
  });
}

test('with storage denied the page boots, runs and shares, alone and in an iframe', async ({ page, context }) => {
  await context.addInitScript(denyStorage);
  const seen = watch(page);
  const consoleErrors = await open(page, '#f=booth&opt=adam&lr=0.1');
  // The init script really ran in the page.
  expect(await page.evaluate(() => { try { return typeof window.localStorage; } catch (e) { return e.name; } })).toBe('SecurityError');
  const end = await page.evaluate(() => window.descent.runToEnd());
  expect(['converged', 'max_steps']).toContain(end.status);
  await page.selectOption('#c-opt', 'rmsprop');
  expect(await page.evaluate(() => location.hash)).toContain('opt=rmsprop');
  await page.click('#copy-link');
  await expect(page.locator('#copied')).not.toHaveText('');
  const link = await page.evaluate(() => window.descent.link());
  expect(link).toContain('#f=booth&opt=rmsprop&lr=0.1');
  if (await page.locator('#fallback-link').isVisible()) {
    expect(await page.locator('#link-text').inputValue()).toBe(link);
  }
  await page.click('#embed');
  expect(await page.locator('#embed-snippet').inputValue()).toContain('embed=1');
  await page.click('#embed-close');
  await stillWorks(page, seen, 'storage denied');
  expect(consoleErrors).toEqual([]);

  // The same inside an iframe of a host page (the third-party case).
  await page.route('**/host.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: hostPage('f=rosenbrock&embed=1&controls=lr', 'f=booth&embed=1'),
  }));
  await page.goto('./host.html');
  const frame = page.frame({ name: 'a' });
  await frame.waitForFunction(() => window.descent && (window.descent.ready || window.descent.error));
  expect(await frame.evaluate(() => window.descent.error ?? null)).toBeNull();
  expect(await frame.evaluate(() => { try { return typeof sessionStorage; } catch (e) { return e.name; } })).toBe('SecurityError');
  const st = await frame.evaluate(() => window.descent.runToEnd());
  expect(st.step).toBeGreaterThan(0);
  expect(await frame.evaluate(() => document.querySelector('[data-testid=error]').hidden)).toBe(true);
  expect(seen.errors).toEqual([]);
});

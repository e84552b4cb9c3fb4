// The embed's own page and the Embed dialog: the snippet's iframe shows the figure, Play, Step,
// the timeline and the compact read-out without scrolling inside it at 360 and 800 px wide,
// with each optional part (parts=) too; the dialog's check lists change the snippet and the
// live preview; its three snippets parse; an unknown part is named in the banner.
import vm from 'node:vm';
import { test, expect, open } from './helpers.mjs';
import { zhFaults } from './zhcheck.mjs';

const RUN = 'f=rosenbrock&opt=adam&lr=0.01';
const PARTS = ['readout', 'loss', 'maths', 'data'];

/** Opens the main page at `hash`, opens the Embed dialog and sets its choices; returns the snippets. */
async function dialogSnippets(page, hash, { parts = [], controls = null } = {}) {
  await page.goto('about:blank');
  await open(page, `#${hash}`);
  await page.click('#embed');
  await expect(page.locator('#embed-dialog')).toBeVisible();
  if (controls) {
    for (const box of await page.locator('#embed-controls input[type=checkbox]').all()) {
      await box.setChecked(controls.includes(await box.getAttribute('value')));
    }
  }
  for (const part of PARTS) {
    const box = page.locator(`#embed-parts input[value=${part}]`);
    if (await box.isDisabled()) continue;
    await box.setChecked(parts.includes(part));
  }
  const out = {};
  for (const kind of ['iframe', 'element', 'script']) {
    await page.check(`#embed-kind input[value=${kind}]`);
    out[kind] = await page.locator('#embed-snippet').inputValue();
  }
  await page.check('#embed-kind input[value=iframe]');
  return out;
}

/**
 * The snippet's iframe in a host page (`host`: a page of its own, about:blank, without the
 * playground's CSP), `width` px wide; returns what the embed shows.
 */
async function hostAndMeasure(host, snippet, width) {
  const page = host;
  await page.setContent(`<!doctype html><html><body style="margin:0"><div style="width:${width}px">${snippet}</div></body></html>`);
  const iframe = page.locator('iframe').first();
  await expect.poll(() => page.frames().length).toBe(2);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  await frame.waitForFunction(() => window.descent && window.descent.ready);
  // Sizes settle after the first frame (fonts, the ResizeObserver's redraw).
  await frame.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
  const box = await iframe.boundingBox();
  const m = await frame.evaluate(async () => {
    const need = (await import('./embedview.js')).embedHeight();
    const rect = (sel) => { const el = document.querySelector(sel); const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: r.height, width: r.width, shown: el.offsetParent !== null }; };
    return {
      need,
      doc: document.documentElement.scrollHeight,
      body: document.body.scrollHeight,
      inner: window.innerHeight,
      width: document.documentElement.scrollWidth,
      surface: rect('#surface'),
      play: rect('#play'),
      step: rect('#step'),
      timeline: rect('#timeline'),
      readout: rect('#ro-loss'),
      theta: rect('#ro-x'),
      loss: rect('#loss'),
      maths: rect('#maths'),
      data: rect('#dataview'),
      status: rect('#status'),
    };
  });
  return { frame, box, m };
}

/** Everything the default embed promises is inside the frame, with nothing to scroll. */
function expectFits({ box, m }, label) {
  expect(m.inner, `${label}: the iframe's height`).toBe(Math.round(box.height));
  expect(m.doc, `${label}: the document's scrollHeight`).toBeLessThanOrEqual(m.inner);
  expect(m.body, `${label}: the body's scrollHeight`).toBeLessThanOrEqual(m.inner);
  expect(m.width, `${label}: nothing spills sideways`).toBeLessThanOrEqual(Math.round(box.width));
  for (const key of ['play', 'step', 'timeline', 'readout', 'theta']) {
    expect(m[key].shown, `${label}: ${key} shown`).toBe(true);
    expect(m[key].bottom, `${label}: ${key} inside the frame`).toBeLessThanOrEqual(m.inner);
  }
  expect(m.surface.height, `${label}: the surface's height`).toBeGreaterThanOrEqual(200);
}

const CASES = [
  ['default', [], RUN],
  ['readout', ['readout'], RUN],
  ['loss', ['loss'], RUN],
  ['maths', ['maths'], `${RUN}&at=10`],
  ['data', ['data'], 'f=linreg&lr=0.05'],
  ['all', ['readout', 'loss', 'maths'], `${RUN}&at=10`],
  ['all with data', PARTS, 'f=linreg&lr=0.05&at=5'],
];

for (const width of [360, 800]) {
  test(`the dialog's iframe snippet fits at ${width} px wide, by default and with each part`, async ({ page, context }) => {
    test.setTimeout(120_000);
    const host = await context.newPage();
    const heights = [];
    for (const [name, parts, hash] of CASES) {
      const { iframe } = await dialogSnippets(page, hash, { parts });
      const h = Number(/height="(\d+)"/.exec(iframe)[1]);
      const shown = await hostAndMeasure(host, iframe, width);
      const label = `${name} at ${width}×${h}`;
      expectFits(shown, label);
      const { m, frame } = shown;
      heights.push(`${name}: iframe ${h}, content needs ${m.need}, scrollHeight ${m.doc}, surface ${Math.round(m.surface.width)}×${Math.round(m.surface.height)}`);
      // Each part shows when asked for, and only then.
      expect(m.status.shown, `${label}: status sentence`).toBe(parts.includes('readout'));
      expect(m.loss.shown, `${label}: loss chart`).toBe(parts.includes('loss'));
      expect(m.maths.shown, `${label}: maths panel`).toBe(parts.includes('maths'));
      expect(m.data.shown, `${label}: data view`).toBe(parts.includes('data'));
      for (const part of ['loss', 'maths', 'data']) {
        if (parts.includes(part)) expect(m[part].bottom, `${label}: ${part} inside the frame`).toBeLessThanOrEqual(m.inner);
      }
      if (parts.includes('maths')) expect(m.maths.height, `${label}: the maths shows a step`).toBeGreaterThan(300);
      // Play and Step work in the frame.
      await frame.click('#step');
      expect(await frame.evaluate(() => window.descent.state().step)).toBeGreaterThanOrEqual(0);
    }
    console.log(`iframe heights at ${width} px: ${heights.join('; ')}`);
  });
}

test('the maths part fits every optimizer\'s update rule at 360 and 800 px', async ({ page }) => {
  test.setTimeout(120_000);
  for (const width of [360, 800]) {
    await page.setViewportSize({ width, height: 800 });
    await open(page, '#f=himmelblau&lr=0.001&embed=1&parts=maths&maths=on&at=5');
    const optimizers = await page.evaluate(() => window.descent.catalog().optimizers);
    for (const o of optimizers) {
      const h = await page.evaluate(async (lines) => (await import('./embedview.js')).snippetHeight({ parts: ['maths'], controls: ['lr', 'opt'], formulaLines: lines }), o.formula.length);
      await page.setViewportSize({ width, height: h });
      await page.evaluate((name) => { location.hash = `#f=himmelblau&opt=${name}&lr=0.001&maths=on&at=5&embed=1&controls=lr,opt&parts=maths`; }, o.name);
      await page.waitForFunction((name) => document.getElementById('c-opt').value === name && window.descent.state().step === 5, o.name);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const m = await page.evaluate(() => ({
        doc: document.documentElement.scrollHeight,
        body: document.body.scrollHeight,
        maths: document.getElementById('maths').getBoundingClientRect().height,
        surface: document.getElementById('surface').getBoundingClientRect().height,
      }));
      const label = `${o.name} at ${width}×${h}`;
      expect(m.maths, `${label}: the maths shows step 5`).toBeGreaterThan(300);
      expect(m.doc, label).toBeLessThanOrEqual(h);
      expect(m.body, label).toBeLessThanOrEqual(h);
      expect(m.surface, label).toBeGreaterThanOrEqual(200);
    }
  }
});

test('the embed fills any height: the surface takes what is left, up to 4:3, and embedHeight() is the content\'s', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 400 });
  await open(page, `#${RUN}&embed=1&controls=lr,opt`);
  const small = await page.evaluate(async () => ({
    doc: document.documentElement.scrollHeight,
    surface: document.getElementById('surface').getBoundingClientRect(),
    natural: (await import('./embedview.js')).embedHeight(),
  }));
  expect(small.doc).toBeLessThanOrEqual(400);
  expect(small.surface.height).toBeLessThan(small.surface.width * 0.75 - 50);
  // At the height it says it needs, the surface is at its 4:3 and nothing scrolls.
  await page.setViewportSize({ width: 800, height: small.natural });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const fit = await page.evaluate(async () => ({
    doc: document.documentElement.scrollHeight,
    column: parseFloat(getComputedStyle(document.querySelector('.figure')).gridTemplateColumns),
    surface: document.getElementById('surface').getBoundingClientRect().height,
    natural: (await import('./embedview.js')).embedHeight(),
  }));
  expect(fit.doc).toBeLessThanOrEqual(small.natural);
  expect(Math.abs(fit.surface - fit.column * 0.75)).toBeLessThan(2);
  expect(Math.abs(fit.natural - small.natural)).toBeLessThanOrEqual(1);
  // watchEmbedHeight reports the new height when a part appears (for embedapi's `resize`).
  await page.evaluate(async () => {
    window.heights = [];
    (await import('./embedview.js')).watchEmbedHeight((h) => window.heights.push(h));
  });
  await expect.poll(() => page.evaluate(() => window.heights.length)).toBe(1);
  await page.evaluate((run) => { location.hash = `#${run}&embed=1&controls=lr,opt&parts=loss`; }, RUN);
  await expect.poll(() => page.evaluate(() => window.heights.at(-1))).toBeGreaterThan(small.natural + 100);
  // And a smaller one when it goes: the content's height, not the frame's.
  await page.evaluate((run) => { location.hash = `#${run}&embed=1&controls=lr,opt`; }, RUN);
  await expect.poll(() => page.evaluate(() => window.heights.at(-1))).toBeLessThanOrEqual(small.natural + 1);
});

test('the dialog: controls from the catalog, parts, snippets and preview follow the check boxes', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, `#${RUN}`);
  await page.click('#embed');
  // The check list is the catalog's fields that have a control applying to this run.
  const want = await page.evaluate(() => window.descent.catalog().fields.map((f) => f.key)
    .filter((k) => { const row = document.querySelector(`#controls .row[data-key="${k}"], #quick .row[data-key="${k}"]`); return row && !row.hidden; }));
  const got = await page.locator('#embed-controls input[type=checkbox]').evaluateAll((els) => els.map((e) => e.value));
  expect(got).toEqual(want);
  expect(got).toEqual(expect.arrayContaining(['f', 'opt', 'lr', 'b1', 'b2', 'eps', 'x0', 'y0', 'steps']));
  expect(got).not.toContain('mom'); // Adam has no momentum factor
  expect(got).not.toContain('view'); // a view key, not a control
  // Each box is labelled with the control's own label.
  await expect(page.getByLabel('Learning rate lr', { exact: true })).toBeChecked();
  await expect(page.getByLabel('Optimizer opt', { exact: true })).toBeChecked();

  const snippet = () => page.locator('#embed-snippet').inputValue();
  expect(await snippet()).toContain('controls=opt,lr"');
  const frame = () => page.frames().find((f) => /embed=1/.test(f.url()));
  await expect.poll(() => frame()?.url() || '').toContain('controls=opt,lr');
  await frame().waitForFunction(() => window.descent && window.descent.ready);

  // Keyboard: Tab reaches the boxes, Space ticks one.
  await page.getByLabel('β₁ b1', { exact: true }).focus();
  await page.keyboard.press('Space');
  expect(await snippet()).toContain('controls=opt,lr,b1');
  await page.getByLabel('Optimizer opt', { exact: true }).uncheck();
  expect(await snippet()).toContain('controls=lr,b1"');
  await page.locator('#embed-parts').getByLabel('Loss chart').check();
  expect(await snippet()).toContain('parts=loss"');
  expect(await snippet()).toMatch(/height="(\d+)"/);
  // The preview follows: its link, its controls and its loss chart.
  await expect.poll(() => frame().url()).toContain('controls=lr,b1&parts=loss');
  const f = frame();
  await f.waitForFunction(() => document.body.classList.contains('part-loss') && document.getElementById('c-b1').offsetParent !== null);
  expect(await f.evaluate(() => document.getElementById('c-opt').offsetParent)).toBeNull();
  expect(await f.evaluate(() => document.getElementById('loss').getBoundingClientRect().height)).toBeGreaterThan(50);
  const height = Number(/height="(\d+)"/.exec(await snippet())[1]);
  expect(await page.locator('#embed-preview iframe').evaluate((el) => el.getBoundingClientRect().height)).toBeCloseTo(height + 2, 0);

  // The kinds are radios: arrow keys move between them.
  await page.locator('#embed-kind input[value=iframe]').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#embed-kind input[value=element]')).toBeChecked();
  expect(await snippet()).toContain('<descent-playground');
  expect(await page.locator('#embed-size').textContent()).toContain('auto');
  await page.keyboard.press('Escape');
  await expect(page.locator('#embed-dialog')).toBeHidden();
  await expect(page.locator('#embed-preview iframe')).toHaveCount(0);
});

test('the three snippets are well-formed HTML that names the run, its controls and parts', async ({ page, context }) => {
  const s = await dialogSnippets(page, `${RUN}&lang=zh`, { parts: ['loss', 'maths'], controls: ['lr', 'mom', 'b1'] });
  const site = await page.evaluate(() => new URL('./', location.href).href);
  // Parsed in a blank page: the playground's CSP would refuse the snippets' style attributes.
  const blank = await context.newPage();
  const parsed = await blank.evaluate((s) => {
    const doc = (html) => new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
    const attrs = (el) => (el ? Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])) : null);
    const a = doc(s.iframe);
    const b = doc(s.element);
    const c = doc(s.script);
    const site = s.site;
    return {
      iframe: { count: a.body.children.length, tag: a.body.firstElementChild.tagName, attrs: attrs(a.querySelector('iframe')) },
      element: { tags: [...b.body.children].map((e) => e.tagName), script: attrs(b.querySelector('script')), el: attrs(b.querySelector('descent-playground')) },
      script: {
        tags: [...c.body.children].map((e) => e.tagName),
        iframe: attrs(c.querySelector('iframe')),
        src: c.querySelectorAll('script')[0].getAttribute('src'),
        code: c.querySelectorAll('script')[1].textContent,
        button: c.querySelector('button#descent-play')?.textContent,
      },
      site,
    };
  }, { ...s, site });
  // Plain iframe: one element, the embed link with its page keys, a height and a title.
  expect(parsed.iframe.count).toBe(1);
  expect(parsed.iframe.tag).toBe('IFRAME');
  const src = new URL(parsed.iframe.attrs.src);
  expect(src.hash).toBe('#f=rosenbrock&opt=adam&lr=0.01&lang=zh&maths=on&embed=1&controls=lr,b1&parts=loss,maths');
  expect(Number(parsed.iframe.attrs.height)).toBeGreaterThan(560);
  expect(parsed.iframe.attrs.title).toContain('Descent');
  expect(parsed.iframe.attrs.style).toContain('width:100%');
  // The element: embed.js from the site, the settings without the language, which has its own attribute.
  expect(parsed.element.tags).toEqual(['SCRIPT', 'DESCENT-PLAYGROUND']);
  expect(parsed.element.script.src).toBe(`${parsed.site}embed.js`);
  expect(parsed.element.el).toEqual({ settings: 'f=rosenbrock&opt=adam&lr=0.01&maths=on', controls: 'lr,b1', parts: 'loss,maths', lang: 'zh', height: 'auto' });
  // The script: an iframe, embed.js, and code that compiles and calls Descent.connect.
  expect(parsed.script.tags).toEqual(['IFRAME', 'P', 'SCRIPT', 'SCRIPT']);
  expect(parsed.script.iframe.src).toBe(parsed.iframe.attrs.src);
  expect(parsed.script.src).toBe(`${parsed.site}embed.js`);
  expect(parsed.script.button).toBe('播放');
  expect(() => new vm.Script(parsed.script.code)).not.toThrow();
  expect(parsed.script.code).toContain("Descent.connect(document.getElementById('descent-run'))");
  // Run against a stand-in for embed.js, the code wires the events and the button as the API says.
  const calls = [];
  const handlers = {};
  const el = { textContent: '', addEventListener: (ev, fn) => { handlers[`click`] = fn; } };
  const player = {
    on: (ev, fn) => { handlers[ev] = fn; },
    state: () => Promise.resolve({ step: 3, loss: 1.5 }),
    play: () => { calls.push('play'); },
  };
  const sandbox = { document: { getElementById: () => el }, Descent: { connect: () => Promise.resolve(player) } };
  vm.runInNewContext(parsed.script.code, sandbox);
  await new Promise((r) => setTimeout(r, 10));
  expect(el.textContent).toBe('第 3 步，损失 1.500');
  handlers.step({ state: { step: 7, loss: 0.25 } });
  expect(el.textContent).toBe('第 7 步，损失 0.2500');
  handlers.stop({ state: { step: 9, loss: 0.125 }, status: '已收敛' });
  expect(el.textContent).toBe('第 9 步，损失 0.1250 · 已停止：已收敛');
  handlers.click();
  expect(calls).toEqual(['play']);
});

test('an unknown part is named in the banner, the known ones still apply, the link drops it', async ({ page }) => {
  await open(page, `#${RUN}&embed=1&parts=loss,graph,%3Cb%3E`);
  const banner = page.getByTestId('problems');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('parts=graph: not a part of an embed, ignored; the parts are readout, loss, maths, data');
  await expect(banner).toContainText('parts=<b>');
  expect(await page.locator('#problems b').count()).toBe(0);
  await expect(page.locator('body')).toHaveClass(/part-loss/);
  await expect(page.locator('#loss')).toBeVisible();
  expect(await page.evaluate(() => location.hash)).toBe(`#${RUN}&embed=1&parts=loss`);
  // Worded in Chinese too, and kept after a settings change.
  await page.evaluate((run) => { location.hash = `#${run}&lang=zh&embed=1&parts=loss,graph`; }, RUN);
  await expect(banner).toContainText('parts=graph：不是嵌入页面的组成部分，已忽略；可用的部分为 readout、loss、maths、data');
  await page.evaluate(() => { location.hash = '#f=booth&embed=1&parts=maths,nope'; });
  await expect(banner).toContainText('parts=nope');
  await expect(banner).not.toContainText('graph');
});

test('the dialog reads as Chinese with lang=zh', async ({ page }) => {
  await dialogSnippets(page, 'f=linreg&lang=zh', { parts: ['loss'] });
  const texts = await page.evaluate(() => {
    const dialog = document.getElementById('embed-dialog');
    const out = [];
    for (const el of dialog.querySelectorAll('h2, p, h3, legend, button, label')) {
      const clone = el.cloneNode(true);
      for (const code of clone.querySelectorAll('code, input, select, textarea')) code.remove();
      const text = clone.textContent.trim();
      if (text) out.push([el.id || el.tagName, text]);
      if (el.title) out.push([`${el.id || el.tagName} title`, el.title]);
    }
    return out;
  });
  expect(texts.length).toBeGreaterThan(20);
  expect(texts.flatMap(([where, s]) => zhFaults(s, where))).toEqual([]);
});

test('screenshots: the embed at 360, 800 and 1280 px in en and zh, default and all parts; the dialog', async ({ browser }, info) => {
  test.setTimeout(120_000);
  for (const lang of ['en', 'zh']) {
    for (const [name, hash, parts] of [['default', RUN, []], ['all', 'f=linreg&lr=0.05&at=5', PARTS]]) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const { iframe } = await dialogSnippets(page, `${hash}&lang=${lang}`, { parts });
      await page.close();
      for (const width of [360, 800, 1280]) {
        const host = await browser.newPage({ viewport: { width, height: 800 } });
        const { box, m } = await hostAndMeasure(host, iframe, width);
        expect(m.doc, `${lang} ${name} ${width}`).toBeLessThanOrEqual(Math.round(box.height));
        await host.setViewportSize({ width, height: Math.round(box.height) });
        await host.screenshot({ path: info.outputPath(`embed-${name}-${width}-${lang}.png`), fullPage: true });
        await host.close();
      }
    }
    for (const [w, h] of [[1280, 800], [360, 740]]) {
      const page = await browser.newPage({ viewport: { width: w, height: h } });
      await dialogSnippets(page, `f=linreg&lr=0.05&lang=${lang}`, { parts: ['loss'] });
      expect(await page.evaluate(() => document.getElementById('embed-dialog').scrollWidth <= document.getElementById('embed-dialog').clientWidth)).toBe(true);
      await page.screenshot({ path: info.outputPath(`embed-dialog-${w}-${lang}.png`) });
      await page.close();
    }
  }
});

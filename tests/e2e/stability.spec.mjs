// The stability band of the learning rate: the read-out's curvature (λ₁, λ₂ and the shape
// word) against the core's, the band drawn on the lr slider at the bound the core gives (the
// slider itself, clicked at the band's edge, reads the bound back), the band following the
// shown step, and no band with a reason for adaptive optimizers; in English and Chinese.
import { test, expect, open } from './helpers.mjs';

/** The shown step's curvature in the read-out and the band as drawn. */
function drawn(page) {
  return page.evaluate(() => {
    const band = document.querySelector('[data-testid="lr-band"]');
    const slider = document.getElementById('c-lr-slider');
    const note = document.querySelector('[data-testid="lr-band-note"]');
    const b = band.getBoundingClientRect();
    const s = slider.getBoundingClientRect();
    return {
      step: window.descent.state().step,
      curvature: document.getElementById('ro-curv').textContent,
      lambda: JSON.parse(document.getElementById('ro-curv').dataset.lambda),
      shape: document.getElementById('ro-shape').textContent,
      shapeCode: document.getElementById('ro-shape').dataset.shape,
      bandHidden: band.hidden,
      bound: Number(band.dataset.bound),
      band: { left: b.left, right: b.right, width: b.width },
      slider: { left: s.left, right: s.right, top: s.top, height: s.height },
      note: note.textContent,
      noteCode: note.dataset.code,
    };
  });
}

for (const lang of ['en', 'zh']) {
  test(`ellipse: λ = 50, 2, a bowl, and gd's band ends at 2/λ₁ = 0.04 (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const errors = await open(page, `#f=ellipse&lr=0.001&steps=40&lang=${lang}`);
    const d = await drawn(page);
    const core = await page.evaluate((k) => window.descent.curvature(k), d.step);
    expect(core.lambda).toEqual([50, 2]);
    expect(d.lambda).toEqual(core.lambda);
    expect(d.curvature).toBe('50, 2');
    expect(d.shapeCode).toBe('bowl');
    expect(d.shape).toBe(lang === 'en' ? 'bowl' : '碗形');
    expect(core.band).toEqual({ code: 'below', bound: 0.04 });
    expect(d.bandHidden).toBe(false);
    expect(d.bound).toBe(0.04);
    expect(d.note).toContain('0.04');
    expect(d.note).toContain(lang === 'en' ? 'inside' : '在范围内');
    // The band starts at the slider's left end and ends where the slider puts 0.04 (the thumb,
    // at 0.001, is far from there, so the click moves it):
    // clicking the slider there sets the learning rate to the bound (to the slider's
    // 0.01-decade step and the 3 digits it writes).
    expect(Math.abs(d.band.left - d.slider.left)).toBeLessThan(1);
    await page.mouse.click(d.band.right, d.slider.top + d.slider.height / 2);
    await expect.poll(() => page.locator('#c-lr').inputValue()).not.toBe('0.001');
    const lr = Number(await page.locator('#c-lr').inputValue());
    expect(Math.abs(Math.log10(lr) - Math.log10(0.04))).toBeLessThan(0.012);
    expect(errors).toEqual([]);
  });

  test(`adaptive optimizers get no band and say why (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const errors = await open(page, `#f=ellipse&opt=adam&steps=20&lang=${lang}`);
    const d = await drawn(page);
    expect(d.bandHidden).toBe(true);
    expect(d.noteCode).toBe('adaptive');
    expect(d.note).toContain(lang === 'en' ? 'No band' : '没有稳定范围');
    expect(d.shapeCode).toBe('bowl');
    expect(errors).toEqual([]);
  });
}

test('the band follows the shown step (Rosenbrock, momentum, a saddle)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const errors = await open(page, '#f=rosenbrock&lr=0.0005&steps=200&at=0');
  const first = await drawn(page);
  expect(first.step).toBe(0);
  const core0 = await page.evaluate(() => window.descent.curvature(0));
  expect(first.bound).toBe(core0.band.bound);
  expect(first.bound).toBeCloseTo(2 / core0.lambda[0], 15);
  await page.evaluate(() => window.descent.step(150));
  const later = await drawn(page);
  expect(later.step).toBe(150);
  const core = await page.evaluate(() => window.descent.curvature(150));
  expect(later.bound).toBe(core.band.bound);
  expect(later.bound).not.toBe(first.bound);
  // A larger bound is a longer band, at the slider's logarithmic scale.
  expect(later.band.width > first.band.width).toBe(later.bound > first.bound);

  // Heavy ball's bound is 2(1 + μ)/λ₁.
  await page.evaluate(() => window.descent.setSettings('f=ellipse&opt=momentum&mom=0.5&lr=0.01&steps=30'));
  await expect.poll(async () => (await drawn(page)).bound).toBeCloseTo(2 * 1.5 / 50, 12);
  // At the saddle point λ₁ > 0 still bounds the step; where nothing curves up there is no bound.
  await page.evaluate(() => window.descent.setSettings('f=custom&expr=-x^2-y^2&x0=1&y0=1&lr=0.01&steps=5'));
  await expect.poll(async () => (await drawn(page)).noteCode).toBe('unbounded');
  const peak = await drawn(page);
  expect(peak.bandHidden).toBe(true);
  expect(peak.shapeCode).toBe('peak');
  expect(peak.curvature).toBe('-2, -2');
  expect(errors).toEqual([]);
});

for (const lang of ['en', 'zh']) {
  test(`the maths panel states each rule's bound with its source (${lang})`, async ({ page }) => {
    const errors = await open(page, `#f=ellipse&opt=nesterov&lr=0.02&maths=on&at=3&lang=${lang}`);
    const panel = page.locator('#maths');
    // The symbolic bound of torch's Nesterov: 2(1 + μ) over (1 + 2μ)·λ₁, then its source.
    await expect(panel.locator('.maths-stable math mfrac')).toHaveCount(1);
    await expect(panel.locator('.maths-stable')).toContainText('1+2μ');
    await expect(panel).toContainText('Lessard');
    const band = panel.locator('.maths-band');
    await expect(band).toHaveAttribute('data-code', 'below');
    // 2·1.9/(2.8·50) = 0.0271…, as the panel rounds it.
    await expect(band).toContainText('0.027');
    await expect(band).toContainText(lang === 'en' ? 'is inside' : '在范围内');
    // Heavy ball names Goh's article; an adaptive rule has no bound and says why.
    await page.evaluate(() => window.descent.setSettings('f=ellipse&opt=momentum&lr=0.02&maths=on&at=3'));
    await expect(panel).toContainText('Why Momentum Really Works');
    await page.evaluate(() => window.descent.setSettings('f=ellipse&opt=adam&maths=on&at=3'));
    await expect(band).toHaveAttribute('data-code', 'adaptive');
    await expect(panel.locator('.maths-stable')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}

/** Of the quad curve's points, the share with the curve's orange within 2 device pixels. */
function orangeAlongCurve(page, k) {
  return page.evaluate((k) => {
    const lines = window.descent.quadCurve(k);
    const c = document.getElementById('overlay');
    const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const orange = (x, y) => {
      for (let dy = -2; dy <= 2; dy += 1) {
        for (let dx = -2; dx <= 2; dx += 1) {
          const px = Math.round(x) + dx;
          const py = Math.round(y) + dy;
          if (px < 0 || py < 0 || px >= width || py >= height) continue;
          const i = 4 * (py * width + px);
          if (data[i] > 220 && data[i + 1] > 110 && data[i + 1] < 170 && data[i + 2] < 60 && data[i + 3] > 200) return true;
        }
      }
      return false;
    };
    const points = lines.flat();
    const hit = points.filter(([, [x, y]]) => orange(x, y)).length;
    return { lines: lines.length, points: points.length, share: points.length ? hit / points.length : 0, theta: lines };
  }, k);
}

for (const lang of ['en', 'zh']) {
  test(`quad=on draws the quadratic model's level curve through θ_k (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const errors = await open(page, `#f=ellipse&lr=0.03&quad=on&at=2&lang=${lang}`);
    const box = page.locator('#view-quad');
    await expect(box).toBeChecked();
    await expect(page.locator('label.surface-toggle')).toContainText(lang === 'en' ? 'quadratic model' : '二次模型');
    // A bowl: one closed curve, through θ_2, drawn (dashed) where the helper says.
    const on = await orangeAlongCurve(page, 2);
    expect(on.lines).toBe(1);
    expect(on.share).toBeGreaterThan(0.3);
    const st = await page.evaluate(() => window.descent.state());
    const pts = on.theta[0].map(([p]) => p);
    const nearest = Math.min(...pts.map(([x, y]) => Math.hypot(x - st.x, y - st.y)));
    expect(nearest).toBeLessThan(0.03);
    // x² + 25y² is its own model: every point is on the contour through θ.
    for (const [x, y] of pts) expect(Math.abs(x * x + 25 * y * y - (st.x * st.x + 25 * st.y * st.y))).toBeLessThan(0.05);
    // Unticked: the link loses quad, the run stays, and no orange is left along the curve.
    const before = await page.evaluate(() => window.descent.trajectory().x.length);
    await box.uncheck();
    await expect.poll(() => page.evaluate(() => window.descent.settings())).not.toContain('quad');
    expect(await page.evaluate(() => window.descent.trajectory().x.length)).toBe(before);
    expect((await orangeAlongCurve(page, 2)).share).toBe(0);
    await box.check();
    await expect.poll(() => page.evaluate(() => window.descent.settings())).toContain('quad=on');
    // A saddle: two hyperbola branches.
    await page.evaluate(() => window.descent.setSettings('f=saddle&quad=on&at=5'));
    await expect.poll(async () => (await orangeAlongCurve(page, 5)).lines).toBe(2);
    expect((await orangeAlongCurve(page, 5)).share).toBeGreaterThan(0.3);
    // No 2-D surface, no check box.
    await page.evaluate(() => window.descent.setSettings('f=parabola1d&quad=on'));
    await expect(page.locator('label.surface-toggle')).toBeHidden();
    expect(errors).toEqual([]);
  });
}

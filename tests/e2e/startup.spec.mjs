// Start-up (issue 14): the first picture (surface and path) comes first, before the controls
// and before the parts that are imported later (app.js's PARTS); those parts work when first
// opened. Structure only: the times are `cargo xtask bench`'s (start_up, notes).
import { test, expect, open } from './helpers.mjs';

/** The modules app.js imports only after the first picture (and what they import). */
const LATE = ['views.js', 'cloud.js', 'dataview.js', 'draw.js', 'view3d.js', 'walker.js', 'maths.js', 'export.js', 'scaling.js', 'compare.js', 'lesson.js', 'lessons.js', 'map.js'];

/**
 * Records, at the moment the page marks its first picture, what is on the canvases and in
 * the page: the base layer's colours, the overlay's drawn pixels, the controls built so far
 * and the scripts requested so far.
 */
function watchFirstPicture() {
  const mark = performance.mark.bind(performance);
  performance.mark = (name, ...rest) => {
    if (name === 'descent-first-picture') {
      const read = (id) => {
        const c = document.getElementById(id);
        return c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      };
      const base = read('base');
      const colours = new Set();
      for (let i = 0; i < base.length; i += 4 * 7) colours.add((base[i] << 16) | (base[i + 1] << 8) | base[i + 2]);
      const over = read('overlay');
      let drawn = 0;
      for (let i = 3; i < over.length; i += 4) if (over[i]) drawn += 1;
      window.firstPicture = {
        colours: colours.size,
        overlayPixels: drawn,
        controls: document.querySelectorAll('#controls .row').length,
        compare: document.querySelectorAll('#compare *').length,
        scripts: performance.getEntriesByType('resource').map((e) => e.name.split('/').pop()).filter((n) => n.endsWith('.js')),
        ready: !!(window.descent && window.descent.ready),
      };
    }
    return mark(name, ...rest);
  };
}

test('the first picture (surface and path) comes before the controls and before the later modules are fetched', async ({ page }) => {
  await page.addInitScript(watchFirstPicture);
  const errors = await open(page, '#f=rosenbrock&opt=momentum&lr=0.001');
  const first = await page.evaluate(() => window.firstPicture);
  expect(first, 'the page marked no first picture').toBeTruthy();
  // The surface (a heatmap of many colours) and the path are drawn; nothing else is up yet.
  expect(first.colours).toBeGreaterThan(100);
  expect(first.overlayPixels).toBeGreaterThan(200);
  expect(first.controls).toBe(0);
  expect(first.compare).toBe(0);
  expect(first.ready).toBe(false);
  expect(first.scripts).toContain('app.js');
  expect(first.scripts.filter((s) => LATE.includes(s))).toEqual([]);

  // Then everything: the later modules were fetched after the mark, and the complete draw
  // is marked after the first picture.
  const after = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0].startTime;
    const picture = at('descent-first-picture');
    const scripts = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js'));
    return {
      picture,
      complete: at('descent-complete'),
      late: scripts.filter((e) => e.startTime >= picture).map((e) => e.name.split('/').pop()).sort(),
      controls: document.querySelectorAll('#controls .row').length,
    };
  });
  expect(after.complete).toBeGreaterThan(after.picture);
  expect(after.late).toEqual([...LATE].sort());
  expect(after.controls).toBeGreaterThan(5);
  await expect(page.locator('#compare h2')).toBeVisible();
  await expect(page.locator('#export-png')).toBeVisible();
  expect(errors).toEqual([]);
});

test('the later parts work when first opened: maths, 3-D, the sweep and the lessons link', async ({ page }) => {
  const errors = await open(page, '#f=rosenbrock&opt=adam&lr=0.05&steps=40&at=3');
  // The maths panel, first opened by its button.
  await expect(page.locator('#maths')).toBeHidden();
  await page.click('#maths-toggle');
  await expect(page.locator('#maths .maths-rule[data-opt="adam"] math').first()).toBeVisible();
  expect(await page.evaluate(() => window.descent.stepArrows().length)).toBeGreaterThan(0);
  await page.click('#maths-toggle');
  await expect(page.locator('#maths')).toBeHidden();

  // The 3-D view, first opened by its button: the mesh is drawn.
  await page.click('#view-3d');
  await page.waitForFunction(() => window.descent.views.active3d());
  await expect.poll(() => page.evaluate(() => {
    const c = document.getElementById('mesh');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let opaque = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]) opaque += 1;
    return opaque;
  })).toBeGreaterThan(1000);
  await page.click('#view-2d');

  // The sweep, first run from the compare panel: its chart and summary appear.
  await page.fill('#sweep-k', '5');
  await page.click('#sweep-run');
  await expect(page.locator('#sweep-box')).toBeVisible();
  await expect(page.locator('[data-testid="sweep-summary"]')).not.toHaveText('');
  expect(await page.evaluate(() => location.hash)).toContain('sweep=');

  // The lessons link opens the gallery.
  await page.click('#lessons-link');
  await page.waitForURL(/lessons\.html/);
  await expect(page.locator('a[href*="lesson="]').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('a link with lesson= shows the lesson box, whose module comes after the first picture', async ({ page }) => {
  const lessons = JSON.parse(await (await page.request.get('lessons.json')).text());
  const first = (lessons.lessons || lessons)[0];
  const errors = await open(page, `#${first.settings}&lesson=${first.id}&lang=en`);
  await expect(page.locator('#lesson')).toBeVisible();
  await expect(page.locator('#lesson')).toContainText(first.title.en);
  const timing = await page.evaluate(() => {
    const picture = performance.getEntriesByName('descent-first-picture')[0].startTime;
    const lesson = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/lesson.js'));
    return { picture, lesson: lesson ? lesson.startTime : null };
  });
  expect(timing.lesson).not.toBeNull();
  expect(timing.lesson).toBeGreaterThan(timing.picture);
  expect(errors).toEqual([]);
});

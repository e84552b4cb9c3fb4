// The map of runs (map=): its cells are single runs bit for bit (and `descent map`'s numbers),
// it is computed by more than one worker when there are cores for them, never in a long task
// of the page, can be cancelled, and a click on a cell loads that cell's run; its problems and
// words in English and Chinese.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test, expect, open, root, rustNumber, longTasks, mapDone, mapCellAt } from './helpers.mjs';

test.use({ viewport: { width: 1280, height: 800 } });

/** A small map over lr and momentum with converged, stopped and diverged cells. */
const SMALL = 'f=himmelblau&opt=momentum&steps=100&map=lr:1e-3:0.05:5,mom:0:0.95:4';

/** `descent map SETTINGS` as rows of strings (header dropped). */
function cliMap(settings) {
  execFileSync('cargo', ['build', '-q', '-p', 'descent-cli'], { cwd: root, stdio: 'ignore' });
  const out = execFileSync(join(root, 'target/debug/descent'), ['map', settings], { cwd: root, encoding: 'utf8' });
  return out.trim().split('\n').slice(1).map((l) => l.split(','));
}

test('every cell is the single run of its settings, and descent map’s numbers, bit for bit', async ({ page }) => {
  await open(page, `#${SMALL}`);
  const state = await mapDone(page);
  expect(state.cells).toBe(20);
  const fields = await page.evaluate(() => window.descent.map.fields());
  expect(fields).toEqual(['x', 'y', 'loss', 'start_loss', 'steps', 'reached', 'status', 'basin', 'end_x', 'end_y']);
  const cells = await page.evaluate(() => Array.from({ length: 20 }, (_, i) => window.descent.map.cellNumbers(i)));
  // The CLI's rows: ix,iy,lr,mom,loss,steps,reached,status,basin,end_x,end_y.
  const rows = cliMap(SMALL);
  expect(rows.length).toBe(20);
  const statuses = ['running', 'converged', 'target_reached', 'max_steps', 'diverged'];
  for (const [i, r] of rows.entries()) {
    const c = cells[i];
    expect(Object.is(c[0], rustNumber(r[2])) && Object.is(c[1], rustNumber(r[3])), `cell ${i} axes`).toBe(true);
    expect(Object.is(c[2], rustNumber(r[4])), `cell ${i} loss ${c[2]} vs ${r[4]}`).toBe(true);
    expect(c[4]).toBe(Number(r[5]));
    expect(statuses[c[6]]).toBe(r[7]);
    expect(Object.is(c[8], rustNumber(r[9])) && Object.is(c[9], rustNumber(r[10])), `cell ${i} end`).toBe(true);
  }
  expect(rows.some((r) => r[7] === 'diverged')).toBe(true);
  // Each cell again as the page's own run of its settings.
  for (const i of [0, 7, 13, 19]) {
    const single = await page.evaluate((i) => {
      const m = window.descent.map;
      window.descent.setSettings(m.cellSettings(i));
      window.descent.runToEnd();
      const t = window.descent.trajectory();
      const k = t.x.length - 1;
      const c = m.cellNumbers(i);
      return { same: Object.is(t.loss[k], c[2]) && Object.is(t.x[k], c[8]) && Object.is(t.y[k], c[9]), steps: k, cellSteps: c[4] };
    }, i);
    expect(single.same, `cell ${i}`).toBe(true);
    expect(single.steps).toBe(single.cellSteps);
  }
  // Moving the main run along the axes keeps the map: nothing was computed again.
  expect((await page.evaluate(() => window.descent.map.state())).key).toBe(state.key);
});

test('more than one worker computes a map when there are cores for them, with no long task', async ({ page, browser }) => {
  // Four cores: three workers, whatever the machine running the test has.
  await page.addInitScript(() => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 4 }));
  await open(page, '#f=himmelblau&steps=300&tol=0');
  await expect.poll(() => page.evaluate(() => !!window.descent.map)).toBe(true);
  let state = null;
  const { count, long } = await longTasks(page, browser, async () => {
    await page.evaluate(() => window.descent.setSettings('f=himmelblau&steps=300&tol=0&map=x0:-5:5:96,y0:-5:5:96'));
    state = await mapDone(page, 60_000);
  });
  expect(state.workers).toBe(3);
  expect(state.maxBusy).toBe(3);
  expect(state.perWorker.length).toBe(3);
  for (const n of state.perWorker) expect(n, `cells per worker ${state.perWorker}`).toBeGreaterThan(96 * 96 / 10);
  expect(state.perWorker.reduce((a, b) => a + b, 0)).toBe(96 * 96);
  // Main-thread tasks in CPU time (helpers.mjs, longTasks).
  expect(count, 'tasks traced while the map computed').toBeGreaterThan(20);
  expect(long, 'main-thread tasks over 50 ms of CPU while the map computed').toEqual([]);
  // Basins: the four minima of Himmelblau, each a quarter or so of the starts.
  const basins = await page.evaluate(() => {
    const counts = {};
    for (let i = 0; i < 96 * 96; i++) { const b = window.descent.map.cell(i).basin; counts[b] = (counts[b] || 0) + 1; }
    return counts;
  });
  for (const b of ['0', '1', '2', '3']) expect(basins[b]).toBeGreaterThan(96 * 96 / 6);
});

test('one worker where hardwareConcurrency is 1 or 2', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 1 }));
  await open(page, `#${SMALL}`);
  const state = await mapDone(page);
  expect(state.workers).toBe(1);
});

test('cancel stops the map and keeps the cells so far; Compute starts it again', async ({ page }) => {
  await open(page, '#f=rosenbrock&opt=adam&lr=0.01&steps=20000&tol=0&map=lr:1e-3:1:40,b1:0.5:0.99:40');
  await expect.poll(() => page.evaluate(() => window.descent.map && window.descent.map.state().done), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(page.locator('#map-cancel')).toBeVisible();
  await page.locator('#map-cancel').click();
  const after = await page.evaluate(() => window.descent.map.state());
  expect(after.running).toBe(false);
  expect(after.done).toBeLessThan(after.cells);
  await expect(page.locator('#map-cancel')).toBeHidden();
  await expect(page.getByTestId('map-summary')).toHaveText(`Map cancelled: ${after.done.toLocaleString('en-US')} of 1,600 runs.`);
  // Answers on their way are dropped: nothing more arrives.
  await page.waitForTimeout(600);
  expect((await page.evaluate(() => window.descent.map.state())).done).toBe(after.done);
  // Compute again: the missing cells only, the known ones kept.
  const known = await page.evaluate(() => window.descent.map.cellNumbers(0));
  await page.locator('#map-compute').click();
  await expect.poll(() => page.evaluate(() => window.descent.map.state().done)).toBeGreaterThan(after.done);
  expect(await page.evaluate(() => window.descent.map.cellNumbers(0))).toEqual(known);
  await page.evaluate(() => window.descent.map.cancel());
});

test('hovering a cell shows its run, and a click loads it with the link updated', async ({ page }) => {
  await open(page, `#${SMALL}&lang=en`);
  await mapDone(page);
  // Cell (ix 3, iy 2) of 5 × 4: the centre of its rectangle (rows from the bottom).
  const { x, y } = await mapCellAt(page, 3, 2, 5, 4);
  await page.mouse.move(x, y);
  const cell = await page.evaluate(() => window.descent.map.cell(13));
  expect([cell.ix, cell.iy]).toEqual([3, 2]);
  await expect(page.getByTestId('map-hover')).toContainText(`lr = ${Number(cell.x.toPrecision(4))}`);
  await expect(page.getByTestId('map-hover')).toContainText(`mom = ${Number(cell.y.toPrecision(4))}`);
  await expect(page.getByTestId('map-hover')).toContainText(`after ${cell.steps} steps`);
  await page.mouse.click(x, y);
  const want = await page.evaluate(() => window.descent.map.cellSettings(13));
  await expect.poll(() => page.evaluate(() => window.descent.settings())).toBe(want);
  expect(want).toContain(`lr=${cell.x}`);
  expect(want).toContain('map=lr:1e-3:0.05:5,mom:0:0.95:4');
  await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toContain(`lr=${cell.x}`);
  // The keyboard: arrows from the hovered cell, Enter loads.
  await page.locator('#map-canvas').focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowDown');
  const left = await page.evaluate(() => window.descent.map.cell(7));
  await expect(page.getByTestId('map-hover')).toContainText(`lr = ${Number(left.x.toPrecision(4))}`);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => window.descent.settings())).toBe(await page.evaluate(() => window.descent.map.cellSettings(7)));
  await page.mouse.click(x, y);
  await expect.poll(() => page.evaluate(() => window.descent.settings())).toBe(want);
  // The loaded run is the cell's.
  const end = await page.evaluate(() => { window.descent.runToEnd(); return window.descent.state(); });
  expect(end.loss).toBe(cell.loss);
  expect(end.step).toBe(cell.steps);
});

test('colouring by another metric keeps the cells: nothing is computed again', async ({ page }) => {
  await open(page, `#${SMALL}&lang=en`);
  await mapDone(page);
  const before = await page.evaluate(() => window.descent.map.cellNumbers(3));
  await page.locator('#map-metric').selectOption('steps');
  const after = await page.evaluate(() => window.descent.map.state());
  expect([after.metric, after.done, after.running]).toEqual(['steps', 20, false]);
  expect(await page.evaluate(() => window.descent.map.cellNumbers(3))).toEqual(before);
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('mapy=steps');
});

test('a map too big for the limit is a problem in the link, in English and Chinese', async ({ page }) => {
  await open(page, '#f=booth&steps=1000000&map=lr:1e-3:1,x0:0:1&lang=en');
  await expect(page.getByTestId('problems')).toContainText('4096 cells × 1000000 steps is 4096000000 steps; a map may take at most 268435456');
  await expect(page.getByTestId('map-box')).toBeHidden();
  await open(page, '#f=booth&opt=adam&map=lr:1e-3:1,mom:0:0.9&lang=zh');
  await expect(page.getByTestId('problems')).toContainText('当前设置不使用 mom');
});

test('a bad map typed in the panel is named beside the field and stays there; a good one computes', async ({ page }) => {
  await open(page, '#f=himmelblau&opt=momentum&lang=en');
  await expect.poll(() => page.evaluate(() => !!window.descent.map)).toBe(true);
  await page.locator('#map-text').fill('lr:1e-3:0.1:16,b1:0:0.9:16');
  await page.locator('#map-compute').click();
  await expect(page.locator('#map-error')).toHaveText('these settings do not read b1 (the optimizer, schedule, landscape or batch mode does not use it), so every cell would be the same');
  await expect(page.locator('#map-text')).toHaveValue('lr:1e-3:0.1:16,b1:0:0.9:16');
  await expect(page.locator('#map-text')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('map-box')).toBeHidden();
  await page.locator('#map-text').fill('lr:1e-3:0.1:16,mom:0:0.9:16');
  await page.locator('#map-text').press('Enter');
  await expect(page.locator('#map-error')).toBeHidden();
  const state = await mapDone(page);
  expect([state.text, state.cells]).toEqual(['lr:1e-3:0.1:16,mom:0:0.9:16', 256]);
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('map=lr:1e-3:0.1:16,mom:0:0.9:16');
  await page.locator('#map-clear').click();
  await expect(page.getByTestId('map-box')).toBeHidden();
  await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('map=');
});

test('the map in Chinese: controls, progress and legend words', async ({ page }) => {
  await open(page, '#f=himmelblau&lr=0.01&map=x0:-5:5:16,y0:-5:5:16&lang=zh');
  const state = await mapDone(page);
  expect(state.metric).toBe('basin');
  await expect(page.locator('#map-title')).toHaveText('运行地图');
  await expect(page.getByTestId('map-summary')).toHaveText(/^地图完成：256 次运行，共 [0-9,]+ 步，用时 [0-9.]+ 秒。$/);
  await expect(page.locator('#map-compute')).toHaveText('计算地图');
});

test('an embed with a map still works', async ({ page }) => {
  await open(page, `#${SMALL}&embed=1`);
  await expect(page.locator('#map-panel')).toBeHidden();
  const s = await page.evaluate(() => window.descent.state());
  expect(s.step).toBeGreaterThan(0);
});

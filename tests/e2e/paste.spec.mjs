// Your own data by paste, file and session (issue 15): the dialog shows the columns picked and
// the rows read, a bad table's problem names its row and column and changes nothing, 100,000
// rows load without a long task, a session file saved by the page opens to the same run, and
// logistic regression on many points draws a coarse surface (and 3-D mesh) first and refines
// it in tasks under 50 ms.
import { readFileSync } from 'node:fs';
import { test, expect, open, longTasks } from './helpers.mjs';

const views = (page) => expect.poll(() => page.evaluate(() => !!window.descent.views)).toBe(true);
const points = (page) => page.evaluate(() => window.descent.views.points());

async function dialog(page) {
  await page.locator('#draw-data').click();
  await expect(page.locator('#data-dialog')).toBeVisible();
}

test('a pasted CSV with a header: the columns picked are shown, and it runs', async ({ page }) => {
  await open(page, '#f=linreg&lr=0.02');
  await views(page);
  await dialog(page);
  await page.locator('#data-paste').fill('id,height,weight\n1,1.5,3.1\n2,2.0,4.9\n3,2.5,6.2\n4,3.0,7.0\n');
  await page.locator('#data-use').click();
  // Not by name (neither is x or y): the first numeric columns after... as the core picked.
  await expect(page.locator('#data-result')).toContainText('4 rows read (comma-separated, with a header).');
  await expect(page.locator('#data-result')).toContainText(/Columns used: x = column \d \(\w+\), y = column \d \(\w+\)\./);
  const flat = await points(page);
  expect(flat.length).toBe(8);
  const link = await page.evaluate(() => decodeURIComponent(window.descent.link()));
  expect(link).toContain('data=custom&pts=');
  await page.locator('#data-close').click();
  await page.evaluate(() => window.descent.runToEnd());
  expect((await page.evaluate(() => window.descent.state())).status).not.toBe('running');
  await expect(page.locator('#draw-count')).toHaveText('4 points');
});

test('named columns: x and y are picked by their header, whatever their place', async ({ page }) => {
  await open(page, '#f=linreg');
  await views(page);
  await dialog(page);
  await page.locator('#data-paste').fill('y\tnote\tx\n3\ta\t1\n5\tb\t2\n7\tc\t3\n');
  await page.locator('#data-use').click();
  await expect(page.locator('#data-result')).toContainText('Columns used: x = column 3 (x), y = column 1 (y).');
  await expect(page.locator('#data-result')).toContainText('3 rows read (tab-separated, with a header).');
  expect(await points(page)).toEqual([1, 3, 2, 5, 3, 7]);
});

test('a bad CSV names its row and column, changes nothing, and the page keeps working; in Chinese too', async ({ page }) => {
  await open(page, '#f=linreg&data=custom&pts=1,3;2,5;3,7');
  await views(page);
  await dialog(page);
  await page.locator('#data-paste').fill('x,y\n1,2\n3,abc\n5,6\n');
  await page.locator('#data-use').click();
  await expect(page.locator('#data-result')).toHaveText('Not used: row 3, column 2 (y): “abc” is not a number. Nothing was changed.');
  expect(await points(page)).toEqual([1, 3, 2, 5, 3, 7]);
  await page.locator('#data-paste').fill('x,y\n1,2\n3\n');
  await page.locator('#data-use').click();
  await expect(page.locator('#data-result')).toContainText('row 3 has 1 cells, the first row 2');
  await page.locator('#data-close').click();
  const s = await page.evaluate(() => window.descent.step(3));
  expect(s.step).toBeGreaterThanOrEqual(0);
  // 中文
  await page.goto('about:blank');
  await open(page, '#f=linreg&lang=zh');
  await views(page);
  await page.locator('#draw-data').click();
  await page.locator('#data-paste').fill('x,y\n1,2\n3,abc\n');
  await page.locator('#data-use').click();
  await expect(page.locator('#data-result')).toContainText('第 3 行第 2 (y) 列：“abc”不是数');
  await expect(page.locator('#data-result')).toContainText('没有做任何更改');
});

test('a session file saved by the page opens to the same run', async ({ page }) => {
  const settings = 'f=logreg&data=custom&pts=-2,0;-1.5,0;-0.5,1;0.3,0;1,1;2,1&opt=adam&lr=0.1&steps=60';
  await open(page, `#${settings}`);
  await views(page);
  await page.evaluate(() => window.descent.runToEnd());
  const before = await page.evaluate(() => ({ s: window.descent.settings(), t: window.descent.exportText('csv') }));
  await dialog(page);
  const download = page.waitForEvent('download');
  await page.locator('#data-save').click();
  const file = await (await download).path();
  expect((await download).suggestedFilename()).toBe('descent-session.json');
  const json = readFileSync(file, 'utf8');
  expect(JSON.parse(json)).toBeTruthy();
  // A fresh page on other settings opens the file.
  await page.goto('about:blank');
  await open(page, '#f=rosenbrock');
  await views(page);
  await expect(page.locator('#draw-data')).toBeHidden();
  await page.evaluate(() => window.descent.setSettings('f=linreg'));
  await dialog(page);
  await page.locator('#data-file').setInputFiles(file);
  await expect(page.locator('#data-result')).toContainText('Session opened.');
  await page.evaluate(() => window.descent.runToEnd());
  const after = await page.evaluate(() => ({ s: window.descent.settings(), t: window.descent.exportText('csv') }));
  expect(after.s).toBe(before.s);
  expect(after.t).toBe(before.t);
});

test('logistic regression on 100,000 samples: a coarse surface first, refined in tasks under 50 ms', async ({ page, browser }) => {
  await open(page, '#f=logreg&data=blobs&n=100000&steps=20');
  await views(page);
  await expect.poll(() => page.evaluate(() => window.descent.surfaceDone()), { timeout: 20_000 }).toBe(true);
  const hashBefore = await page.evaluate(() => window.descent.pixelHash('base'));
  const r = await longTasks(page, browser, async () => {
    // A new colour scale: a new surface, coarse at once, then refined.
    const coarse = await page.evaluate(() => {
      document.getElementById('logc').click();
      return { done: window.descent.surfaceDone(), hash: window.descent.pixelHash('base') };
    });
    expect(coarse.done).toBe(false);
    expect(coarse.hash).not.toBe(hashBefore);
    await expect.poll(() => page.evaluate(() => window.descent.surfaceDone()), { timeout: 30_000 }).toBe(true);
  });
  expect(r.count).toBeGreaterThan(5);
  expect(r.long, 'tasks over 50 ms of CPU while the surface was refined').toEqual([]);
  expect(await page.evaluate(() => window.descent.surfaceRefined())).toBeGreaterThanOrEqual(2);
});

test('logistic regression on 100,000 samples in 3-D: a coarse mesh first, the full one in tasks under 50 ms', async ({ page, browser }) => {
  await open(page, '#f=logreg&data=blobs&n=100000&steps=20');
  await views(page);
  await expect.poll(() => page.evaluate(() => window.descent.surfaceDone()), { timeout: 20_000 }).toBe(true);
  const r = await longTasks(page, browser, async () => {
    const coarse = await page.evaluate(() => {
      document.getElementById('view-3d').click();
      return { samples: window.descent.views.meshSamples(), hash: window.descent.pixelHash('mesh') };
    });
    expect(coarse.samples).toBe(8);
    await expect.poll(() => page.evaluate(() => window.descent.views.meshSamples()), { timeout: 20_000 }).toBe(48);
    // The full mesh is drawn as soon as it is sampled.
    expect(await page.evaluate(() => window.descent.pixelHash('mesh'))).not.toBe(coarse.hash);
  });
  expect(r.long, 'tasks over 50 ms of CPU while the 3-D view opened and its mesh was sampled').toEqual([]);
  // The colour scale switched twice before a slice runs: the mesh finally wanted is completed.
  const again = await page.evaluate(() => {
    document.getElementById('logc').click();
    document.getElementById('logc').click();
    return window.descent.views.meshSamples();
  });
  expect(again).toBe(8);
  await expect.poll(() => page.evaluate(() => window.descent.views.meshSamples()), { timeout: 20_000 }).toBe(48);
  // A cheap landscape's mesh is whole at once.
  await page.evaluate(() => window.descent.setSettings('f=rosenbrock&view=3d'));
  await expect.poll(() => page.evaluate(() => window.descent.views.meshSamples())).toBe(48);
});

test('with more columns than the model reads, other columns can be chosen (with and without a header)', async ({ page }) => {
  await open(page, '#f=linreg');
  await views(page);
  await dialog(page);
  await page.locator('#data-paste').fill('a,b,c\n1,10,3\n2,20,5\n3,30,7\n');
  await page.locator('#data-use').click();
  await expect(page.locator('#data-columns')).toBeVisible();
  expect(await points(page)).toEqual([1, 10, 2, 20, 3, 30]);
  await page.locator('#data-column-y').selectOption('2');
  await expect(page.locator('#data-result')).toContainText('Columns used: x = column 1 (a), y = column 3 (c).');
  expect(await points(page)).toEqual([1, 3, 2, 5, 3, 7]);
  expect(await page.evaluate(() => decodeURIComponent(window.descent.link()))).toContain('pts=1,3;2,5;3,7');
  // No header: the rows keep their numbers in a problem.
  await page.locator('#data-paste').fill('1,10,3\n2,20,5\n3,30,x\n');
  await page.locator('#data-use').click();
  await expect(page.locator('#data-result')).toContainText('Columns used: x = column 1, y = column 2.');
  await page.locator('#data-column-x').selectOption('2');
  await expect(page.locator('#data-result')).toHaveText('Not used: row 3, column 3: “x” is not a number. Nothing was changed.');
  await page.locator('#data-column-y').selectOption('0');
  await page.locator('#data-column-x').selectOption('1');
  await expect(page.locator('#data-result')).toContainText('Columns used: x = column 2, y = column 1.');
  expect(await points(page)).toEqual([10, 1, 20, 2, 30, 3]);
});

test('100,000 pasted rows load without a long task; the share area says the link cannot hold them and offers the session file', async ({ page, browser }) => {
  await open(page, '#f=linreg&lr=0.1');
  await views(page);
  await dialog(page);
  // The test's own text, made before the trace.
  await page.evaluate(() => {
    const rows = ['x,y'];
    for (let i = 0; i < 100000; i += 1) {
      const x = (i % 1000) / 100 - 5;
      rows.push(`${x},${2 * x + 1 + Math.sin(i)}`);
    }
    window.testRows = rows.join('\n');
  });
  const r = await longTasks(page, browser, async () => {
    // A paste of 100,000 rows into the text area (read at once, not shown in it).
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', window.testRows);
      document.getElementById('data-paste').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => page.evaluate(() => window.descent.views.points().length), { timeout: 20_000 }).toBe(200000);
    await expect(page.locator('#data-result')).toContainText('100,000 rows read (comma-separated, with a header).');
    await page.evaluate(() => window.descent.runToEnd());
  });
  expect(r.long, 'tasks over 50 ms of CPU while 100,000 rows were read and run').toEqual([]);
  await page.locator('#data-close').click();
  await expect(page.locator('#link-note')).toBeVisible();
  await expect(page.locator('#link-note')).toContainText('100,000 points are too many for a link (at most 500): the link leaves them out.');
  // The link and the address bar leave the points out; the settings keep them.
  const link = await page.evaluate(() => window.descent.link());
  expect(link).not.toContain('pts=');
  expect(link).toContain('data=custom');
  expect(await page.evaluate(() => location.hash.length)).toBeLessThan(200);
  const download = page.waitForEvent('download');
  await page.locator('#link-save').click();
  const saved = await (await download).path();
  const json = JSON.parse(readFileSync(saved, 'utf8'));
  expect(JSON.stringify(json).length).toBeGreaterThan(1_000_000);

  // The session file opens again (read in the worker) without a long task, to the same data.
  const before = await page.evaluate(() => ({ s: window.descent.settings(), n: window.descent.views.points().length }));
  await page.evaluate(() => window.descent.setSettings('f=linreg&lr=0.3'));
  await expect.poll(() => page.evaluate(() => window.descent.views.points().length)).toBe(0);
  await dialog(page);
  const opened = await longTasks(page, browser, async () => {
    await page.locator('#data-file').setInputFiles(saved);
    await expect(page.locator('#data-result')).toContainText('Session opened.', { timeout: 20_000 });
    await page.evaluate(() => window.descent.runToEnd());
  });
  console.log('session open tasks', JSON.stringify(opened));
  expect(opened.long, 'tasks over 50 ms of CPU while a 100,000-point session file opened and ran').toEqual([]);
  expect(await page.evaluate(() => ({ s: window.descent.settings(), n: window.descent.views.points().length }))).toEqual(before);
});

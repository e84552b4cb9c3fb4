// Your own data in a link (`data=custom&pts=…`): the page opens it and runs it bit for bit as
// the CLI does, draws the points in the data view, and names a bad point by its number in
// English and 简体中文 while the rest of the link still applies.
import { test, expect, open, cliRun, rustNumber } from './helpers.mjs';

const LINREG = 'f=linreg&data=custom&pts=0.5,1.2;1.5,2.9;2.5,5.1;3.5,7.2;-1,-0.8&lr=0.05&batch=sgd&steps=60';
const LOGREG = 'f=logreg&data=custom&pts=-2,0;-1,0;0.5,0;-0.5,1;1,1;2,1&opt=adam&lr=0.1&steps=80';

// The samples' colour (figure::data::SAMPLE, 49,104,142) as drawn, at its opacity over the plot.
const SAMPLE = [79, 126, 159];

/** Whether the data view's pixel at data coordinates (x, y) has the samples' colour. */
function sampleAt(page, [x, y]) {
  return page.evaluate(({ x, y, c }) => {
    const [px, py] = window.descent.views.dataPx(x, y);
    const cv = document.getElementById('data');
    const d = cv.getContext('2d').getImageData(Math.round(px), Math.round(py), 1, 1).data;
    return [0, 1, 2].every((k) => Math.abs(d[k] - c[k]) <= 6);
  }, { x, y, c: SAMPLE });
}

/** The page's run as rows of numbers, and the CLI's. */
async function bothRuns(page, link) {
  const csv = await page.evaluate(() => { window.descent.runToEnd(); return window.descent.exportText('csv'); });
  const pageRows = csv.trim().split('\n').slice(1).map((l) => l.split(',').map(rustNumber));
  const cliRows = cliRun(link).map((r) => r.map(rustNumber));
  return { pageRows, cliRows };
}

test('a link with custom points runs as the CLI does, bit for bit', async ({ page }) => {
  await open(page, `#${LINREG}`);
  expect(await page.evaluate(() => window.descent.settings())).toBe(LINREG);
  const { pageRows, cliRows } = await bothRuns(page, LINREG);
  expect(pageRows).toEqual(cliRows);
  expect(pageRows).toHaveLength(61);
  // Recorded with `descent run` when custom data landed: the last point θ₆₀ and its loss.
  expect(pageRows[60].slice(0, 4)).toEqual([60, 1.9385676826131137, 0.6238134879795375, 0.19983358480318544]);
  // The data view draws the five points, in the samples' colour, and nothing there between.
  await expect(page.getByTestId('dataview')).toBeVisible();
  await page.waitForFunction(() => window.descent.views && window.descent.views.dataPx(0, 0));
  for (const p of [[0.5, 1.2], [1.5, 2.9], [2.5, 5.1], [3.5, 7.2], [-1, -0.8]]) {
    expect(await sampleAt(page, p), `a sample at ${p}`).toBe(true);
  }
  expect(await sampleAt(page, [3.5, 0])).toBe(false);
  await open(page, `#${LOGREG}`);
  const logreg = await bothRuns(page, LOGREG);
  expect(logreg.pageRows).toEqual(logreg.cliRows);
  expect(logreg.pageRows[80].slice(1, 3)).toEqual([1.4399688057972058, -0.01182465981342864]);
});

test('a bad point is a problem named by its number in both languages, and the rest of the link applies', async ({ page }) => {
  const link = 'f=linreg&data=custom&pts=1,3;2,5;3,oops&opt=adam&lr=0.05';
  await open(page, `#${link}`);
  const problems = await page.evaluate((l) => window.descent.setSettings(l), link);
  const bad = problems.find((p) => p.key === 'pts' && p.severity === 'error');
  expect(bad.detail).toEqual({ code: 'point_not_a_number', point: 3, coordinate: 2, text: 'oops', max: '1e15' });
  const item = page.locator('#problems-list li[data-key="pts"]').first();
  await expect(item).toHaveText('pts=1,3;2,5;3,oops: point 3, number 2: “oops” is not a number; the default was used');
  await page.selectOption('#lang', 'zh');
  await expect(item).toHaveText('pts=1,3;2,5;3,oops：第 3 个点的第 2 个数：“oops”不是数；已改用默认值');
  // The rest of the link still applies, on the model's own data, and the page keeps working.
  expect(await page.evaluate(() => window.descent.settings())).toBe('f=linreg&opt=adam&lr=0.05&lang=zh');
  await expect(page.locator('#problems-list li')).toHaveCount(1);
  const st = await page.evaluate(() => window.descent.runToEnd());
  expect(st.status).not.toBe('diverged');
  // Too many points for a link: the problem says to use a session file.
  const many = Array.from({ length: 501 }, (_, i) => `${i},${2 * i}`).join(';');
  await page.selectOption('#lang', 'en');
  const p2 = await page.evaluate((l) => window.descent.setSettings(l), `f=linreg&data=custom&pts=${many}`);
  expect(p2[0].detail).toEqual({ code: 'too_many_points', count: 501, max: 500 });
  await expect(page.locator('#problems-list li[data-key="pts"]').first()).toContainText('save a session file instead');
});

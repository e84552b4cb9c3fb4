import { chromium } from 'playwright';
const url = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (let load = 0; load < 5; load++) {
  const context = await browser.newContext({ viewport: { width: 1150, height: 950 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.addInitScript(() => window.addEventListener('descent-ready', (e) => e.target === document && requestAnimationFrame(() => setTimeout(() => console.log('DONE'), 0)), true));
  const done = page.waitForEvent('console', { predicate: (m) => m.text() === 'DONE' });
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  await page.goto(`${url}#f=rosenbrock`);
  await done;
  const ev = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const mains = new Set(ev.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = ev.filter((e) => e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`));
  const m = await page.evaluate(() => performance.getEntriesByType('measure').map((x) => `${x.name.trim()}=${x.duration.toFixed(1)}`));
  const big = tasks.filter((t) => t.dur > 30000).map((t) => `${(t.dur / 1000).toFixed(0)}/${((t.tdur || 0) / 1000).toFixed(0)}`);
  console.log('load', load, 'tasks>30 wall/cpu', big.join(' '));
  console.log('   ', m.join(' | '));
  await context.close();
}
await browser.close();

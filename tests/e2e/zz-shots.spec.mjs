import { test } from '@playwright/test';
import { open } from './helpers.mjs';
test('shots', async ({ page }) => {
  test.setTimeout(120000);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await open(page, '#f=rosenbrock&lr=1e-3&steps=2000&tol=1e-6&race=momentum(lr=1e-3)~adam(lr=0.05)~rmsprop(lr=5e-3)~nadam(lr=0.05)~newton');
  await page.evaluate(() => window.descent.runToEnd());
  await page.screenshot({ path: '/tmp/shot-race.png', fullPage: true });
  await open(page, '#f=quadratic&steps=3000&tol=0&sweep=1e-3,10,60&lr=0.5&lrs=5e-3,0.95,1.05');
  await page.waitForFunction(() => document.getElementById('sweep').dataset.done === '60');
  await page.evaluate(() => window.descent.step(20));
  await page.screenshot({ path: '/tmp/shot-sweep.png', fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await open(page, '#f=saddle&x0=1&y0=1e-3&steps=150&race=momentum~nesterov~adagrad~rmsprop~adam');
  await page.evaluate(() => window.descent.runToEnd());
  await page.screenshot({ path: '/tmp/shot-360.png', fullPage: true });
});

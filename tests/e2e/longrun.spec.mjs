// A 1,000,000-step run in the page (issue 5, long runs): it is computed in time-boxed slices
// while the page keeps drawing, the wasm heap stays under 64 MB, the timeline scrubs it to
// the exact θ the CLI gives, playback goes on at its end, and no task blocks the page for
// long. The measured numbers are printed (and written into the README by hand).
//
// Long tasks are wall-clock times, which a loaded machine stretches (on the shared 2-core
// development machine at a load average of 10 to 13, a slice of 12 ms measured 50 to 60 ms).
// So the test asserts the structure that keeps tasks short (the run is computed over many
// frames in slices of at most 12 ms including the frame's drawing, and a frame's drawing at
// a million points costs a few ms) and prints the long tasks it saw.
import { test, expect, open, cliRun, rustNumber } from './helpers.mjs';

const STEPS = 1_000_000;
const LINK = `#f=rosenbrock&opt=adam&steps=${STEPS}&tol=0`;
const MB = 1024 * 1024;

test.setTimeout(180_000);

/**
 * At the end of the run, the median of 21 frames' drawing: overlay with every path decimated,
 * loss chart, read-out (`step(0)` redraws exactly that).
 */
async function medianFrameMs(page) {
  return page.evaluate(() => {
    window.descent.runToEnd();
    const times = [];
    for (let i = 0; i < 21; i += 1) {
      const t = performance.now();
      window.descent.step(0);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return times[10];
  });
}

test('a million-step run stays responsive, small and scrubbable', async ({ page }) => {
  // Every task over 50 ms that the browser reports, from before the page's first script.
  await page.addInitScript(() => {
    window.__longTasks = [];
    window.__frames = 0;
    // The steps computed so far, as each frame after ready sees them.
    window.__seen = [];
    const count = () => {
      window.__frames += 1;
      if (window.descent && window.descent.readyAt !== undefined) window.__seen.push(window.descent.state().step);
      requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
    // Tasks are recorded with their start; the one that boots the page (compiling the wasm,
    // the first surface) is reported apart from those of the running page.
    window.__allTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__allTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
        const ready = window.descent && window.descent.readyAt;
        if (ready !== undefined && e.startTime >= ready) window.__longTasks.push(Math.round(e.duration));
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  const t0 = Date.now();
  await open(page, LINK);

  // The run is computed in slices while frames keep coming.
  await expect
    .poll(() => page.evaluate(() => window.descent.state().step), { timeout: 120_000, intervals: [250] })
    .toBe(STEPS);
  const computeMs = Date.now() - t0;
  const after = await page.evaluate(() => ({
    state: window.descent.state(),
    frames: window.__frames,
    heap: window.descent.heapBytes(),
    link: window.descent.link(),
    tasks: window.__longTasks.slice(),
    seen: window.__seen.slice(),
    slices: window.descent.slices(),
  }));
  // Frames that came while the run was part-way: each saw a different step count.
  const partway = new Set(after.seen.filter((s) => s > 0 && s < STEPS)).size;
  console.log(
    `longrun: computed in ${computeMs} ms, ${after.slices} slices, ${after.frames} frames (${partway} part-way), ` +
      `long tasks so far ${JSON.stringify(after.tasks)}`,
  );
  expect(after.state.status).toBe('max_steps');
  expect(after.link).toContain(`steps=${STEPS}`);

  // The timeline scrubs the long run; the point shown is the CLI's, bit for bit.
  const k = 123_457;
  await page.evaluate((k) => {
    const tl = document.getElementById('timeline');
    tl.value = String(k);
    tl.dispatchEvent(new Event('input', { bubbles: true }));
  }, k);
  const shown = await page.evaluate(() => window.descent.state());
  expect(shown.step).toBe(k);
  const rows = cliRun(`f=rosenbrock&opt=adam&steps=${k}&tol=0`);
  const row = rows[k];
  expect(Number(row[0])).toBe(k);
  expect(shown.x).toBe(rustNumber(row[1]));
  expect(shown.y).toBe(rustNumber(row[2]));
  expect(shown.loss).toBe(rustNumber(row[3]));
  expect(shown.gx).toBe(rustNumber(row[4]));
  expect(shown.gy).toBe(rustNumber(row[5]));
  await expect(page.getByTestId('step')).toHaveText(String(k));

  // Playback goes on over the long run at the fastest speed, frame after frame.
  await page.evaluate(() => {
    const s = document.getElementById('speed');
    s.value = s.max;
    s.dispatchEvent(new Event('input', { bubbles: true }));
    window.descent.play();
  });
  await expect.poll(() => page.evaluate(() => window.descent.state().step)).toBeGreaterThan(k + 20_000);
  const playing = await page.evaluate(() => window.descent.playing());
  await page.evaluate(() => window.descent.pause());
  expect(playing).toBe(true);

  // The page's own tasks end here; the measurement below is one long task by design.
  const tasks = await page.evaluate(() => window.__longTasks.slice());

  // At the end of the run: what one frame draws, and a full redraw with the surface.
  const frameMs = await medianFrameMs(page);
  const redrawMs = await page.evaluate(() => {
    const t = performance.now();
    window.descent.redraw();
    return performance.now() - t;
  });

  const end = await page.evaluate(() => ({
    heap: window.descent.heapBytes(),
    all: window.__allTasks,
    ready: Math.round(window.descent.readyAt),
  }));
  const worst = Math.max(0, ...tasks);
  console.log(
    `longrun: ${STEPS} steps computed in ${computeMs} ms with ${after.frames} frames; ` +
      `wasm heap ${(after.heap / MB).toFixed(1)} MB after the run, ${(end.heap / MB).toFixed(1)} MB at the end; ` +
      `long tasks after ready ${JSON.stringify(tasks)} (worst ${worst} ms); ` +
      `all long tasks [start, ms] ${JSON.stringify(end.all)}, ready at ${end.ready} ms; ` +
      `a frame's drawing at 1e6 points ${frameMs.toFixed(1)} ms (median of 21), full redraw ${redrawMs.toFixed(1)} ms`,
  );
  expect(end.heap).toBeLessThan(64 * MB);
  // Drawing does not grow with the run: a frame at a million points is a few ms.
  expect(frameMs).toBeLessThan(16);
  // Time-boxed slices: the run was computed in several tasks of 8 ms, and frames came in
  // between them (one task computing the whole run would let no frame see it part-way).
  // Alone, 8-14 slices of about 100,000 steps and as many frames part-way; with the other
  // suites running, as few as 3 frames. Three slices would take 40 M steps/s in the page,
  // three times this machine's. Counting every frame since the page's start, as before,
  // measured the load as well, and a fast machine fell under that bound.
  expect(after.slices).toBeGreaterThanOrEqual(3);
  expect(partway).toBeGreaterThanOrEqual(1);
});

test('a race of million-step runs draws a frame in the same few ms', async ({ page }) => {
  // Three runs of 1,000,000 steps each: every run keeps its decimated path between frames,
  // so a frame at the end costs what a one-run frame does (it redecimated every run before).
  await open(page, `#f=rosenbrock&opt=adam&steps=${STEPS}&tol=0&race=gd(lr=1e-4)~momentum(lr=1e-4)`);
  const frameMs = await medianFrameMs(page);
  const runs = await page.evaluate(() => window.descent.runs().length);
  console.log(`longrun: a frame of a 3-run race at 1e6 points each ${frameMs.toFixed(1)} ms (median of 21)`);
  expect(runs).toBe(3);
  expect(await page.evaluate(() => window.descent.state().step)).toBe(STEPS);
  // 7–10 ms alone and 18–20 ms under a full parallel suite; redecimating every racer took
  // 32 ms alone. The bound is the long-task limit: a frame must never be a long task.
  expect(frameMs).toBeLessThan(50);
});

// Yielding to the browser between pieces of work, so that no task grows long.

/** Resolves in a new task (after whatever the browser has queued), not in this one. */
export const nextTask = () => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve();
  channel.port2.postMessage(0);
});

/** Time one task refining an expensive surface or mesh may take. */
export const REFINE_MS = 16;

/**
 * Drives a core refine call (`refine_base`, `refine_mesh`: 1 = nothing left, 2 = a new
 * picture is cached) in tasks of about `ms` each, so that an expensive surface is sampled
 * without a long task. The loss terms a call are adapted to the time the last call took.
 */
export class Refiner {
  constructor(ms = REFINE_MS) {
    this.ms = ms;
    this.terms = 200_000;
    this.busy = false;
  }

  /**
   * Calls `slice(terms)` in tasks until it reports 1, and `drawn()` after each new picture;
   * both run inside `safe(fn, fallback)` (the page's error guard). A call while a run is
   * queued does nothing: the queued run goes on.
   */
  run(safe, slice, drawn) {
    if (this.busy) return;
    this.busy = true;
    const work = () => {
      this.busy = false;
      const done = safe(() => {
        const t0 = performance.now();
        for (;;) {
          const t = performance.now();
          const r = slice(this.terms);
          const dt = Math.max(0.05, performance.now() - t);
          this.terms = Math.min(5e7, Math.max(1e4, this.terms * Math.min(4, (this.ms / 2) / dt)));
          if (r & 2) {
            drawn();
            return !!(r & 1);
          }
          if (r & 1) return true;
          if (performance.now() - t0 > this.ms) return false;
        }
      }, true);
      if (!done) this.run(safe, slice, drawn);
    };
    nextTask().then(work);
  }
}

// A map worker: its own instance of the page's wasm (the same bindings module, loaded again
// here) and a MapBoard of the map the page names; it runs the cell ranges the page asks for
// and sends back their numbers (CELL_FIELDS per cell) in one transferred Float64Array.

let bindings = null;
let board = null;
let boardKey = null;

/** Handles one message in order; every failure goes back to the page as an error message. */
async function handle(m) {
  if (m.kind === 'init') {
    const b = await import(m.js);
    await b.default({ module_or_path: m.wasm });
    bindings = b;
    postMessage({ kind: 'ready' });
    return;
  }
  if (m.kind === 'map') {
    if (boardKey !== m.key) {
      if (board) board.free();
      board = new bindings.MapBoard(m.settings);
      boardKey = m.key;
    }
    return;
  }
  if (m.kind === 'cells') {
    if (!board || boardKey !== m.key) return;
    const t0 = performance.now();
    const numbers = board.compute(m.start, m.end);
    const ms = performance.now() - t0;
    postMessage({ kind: 'cells', key: m.key, job: m.job, start: m.start, end: m.end, numbers, ms }, [numbers.buffer]);
  }
}

// Messages are handled one after another, never interleaved across an await.
let queue = Promise.resolve();
self.onmessage = (e) => {
  queue = queue.then(() => handle(e.data)).catch((err) => {
    postMessage({ kind: 'error', job: e.data && e.data.job, message: String(err && err.message ? err.message : err) });
  });
};

// A worker that reads a data table or a session file with the core's own parsers
// (`read_table` and `read_session` of the wasm module), so that 100,000 pasted or uploaded
// rows are read off the page's main thread: the page stays responsive and no task of its own
// grows long. Nothing leaves the browser.

let module = null;

self.onmessage = async (e) => {
  const { id, glue, wasm, bytes, model, session } = e.data || {};
  try {
    if (!module) {
      module = import(glue).then(async (m) => {
        await m.default({ module_or_path: wasm });
        return m;
      });
    }
    const m = await module;
    const result = session ? m.read_session(bytes) : m.read_table(bytes, model);
    // The points as one Float64Array, moved rather than copied to the page.
    const points = Float64Array.from(result.points || []);
    self.postMessage({ id, result: { ...result, points } }, [points.buffer]);
  } catch (err) {
    self.postMessage({ id, error: String(err && err.message ? err.message : err) });
  }
};

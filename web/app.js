// Boots the page: loads the wasm bindings named by trunk, draws, then publishes window.descent.

/** The <script> element trunk generated for us; its data attributes name the glue and .wasm. */
const boot = document.getElementById('descent-boot');

/** Resolves a trunk-relative file name against the page, so the site works under a sub-path. */
const here = (name) => new URL(name, document.baseURI).href;

/** Loads the wasm module and returns its exports. */
async function load() {
  const bindings = await import(here(boot.dataset.js));
  await bindings.default({ module_or_path: here(boot.dataset.wasm) });
  return bindings;
}

/** Draws the placeholder picture and exposes hooks for tests and benchmarks. */
async function main() {
  const bindings = await load();
  const redraw = () => bindings.hello('plot');
  redraw();
  window.descent = { ready: true, readyAt: performance.now(), redraw };
  document.dispatchEvent(new CustomEvent('descent-ready'));
}

main().catch((err) => {
  console.error(err);
  window.descent = { ready: false, error: String(err) };
});

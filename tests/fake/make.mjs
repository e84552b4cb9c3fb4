// Builds target/fake-dist: the page's web/ files with the stand-in Playground instead of wasm,
// for developing the front-end without trunk. Usage: node tests/fake/make.mjs
import { cpSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'target', 'fake-dist');
mkdirSync(out, { recursive: true });
for (const f of readdirSync(join(root, 'web'))) cpSync(join(root, 'web', f), join(out, f));
cpSync(join(root, 'tests', 'fake', 'fake-playground.js'), join(out, 'fake-playground.js'));
writeFileSync(join(out, 'fake-boot.js'),
  "import { boot } from './app.js';\nimport { Playground } from './fake-playground.js';\nboot(Playground);\n");
let html = readFileSync(join(root, 'web', 'index.html'), 'utf8');
html = html.replace(/<link data-trunk rel="css" href="([^"]+)">/g, '<link rel="stylesheet" href="$1">');
html = html.replace(/\s*<link data-trunk[^>]*>/g, '');
html = html.replace('</head>', '  <script type="module" src="fake-boot.js"></script>\n</head>');
writeFileSync(join(out, 'index.html'), html);
console.log(`wrote ${out}`);

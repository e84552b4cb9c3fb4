// The second loopback origin of embed.spec.mjs: a static server of dist/ that plays a blog on
// another site. Pages under /examples/ load embed.js and the page they frame from the Descent
// site (the first origin) instead of their own copies, as a teacher's page would; /courses/descent/ is dist/ again under
// a sub-path; /page?html=… serves the test's own
// host page. A real server, not a Playwright route: Chromium treats a routed document as a
// public address, and then refuses its requests to loopback.
//
//   node tests/e2e/host-server.mjs HOST_PORT SITE_PORT
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const [hostPort, sitePort] = process.argv.slice(2).map(Number);
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const site = `http://127.0.0.1:${sitePort}/`;
const SUB = '/courses/descent/';
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.png': 'image/png',
};

createServer(async (req, res) => {
  const url = new URL(req.url, `http://127.0.0.1:${hostPort}/`);
  const send = (status, type, body) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (url.pathname === '/page') {
    send(200, TYPES['.html'], (url.searchParams.get('html') || '').replaceAll('{{SITE}}', site));
    return;
  }
  // dist/ again under a sub-path, as on a project site (https://USER.github.io/REPO/).
  const path = url.pathname.startsWith(SUB) ? `/${url.pathname.slice(SUB.length)}` : url.pathname;
  const file = normalize(join(dist, decodeURIComponent(path === '/' ? '/index.html' : path)));
  if (!file.startsWith(dist)) { send(403, 'text/plain', 'no'); return; }
  try {
    let body = await readFile(file);
    if (url.pathname.startsWith('/examples/') && extname(file) === '.html') {
      body = body.toString('utf8')
        .replaceAll('src="../embed.js"', `src="${site}embed.js"`)
        .replaceAll('src="../index.html', `src="${site}index.html`);
    }
    send(200, TYPES[extname(file)] || 'application/octet-stream', body);
  } catch {
    send(404, 'text/plain', 'not found');
  }
}).listen(hostPort, '127.0.0.1');

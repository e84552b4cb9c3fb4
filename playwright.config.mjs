// Playwright configuration: end-to-end tests of the built dist/ in Debian's headless Chromium.
import { defineConfig } from '@playwright/test';

// `cargo xtask test` picks a free port; a fixed default keeps `npx playwright test` usable.
const port = Number(process.env.DESCENT_E2E_PORT || 8089);
// A second loopback origin, serving dist/ too: host pages that embed the first (embed.spec.mjs).
const hostPort = Number(process.env.DESCENT_E2E_HOST_PORT || port + 10);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    viewport: { width: 800, height: 600 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // Never reuse a server: another checkout's server on the same port would serve the wrong dist/.
  webServer: [
    `python3 -m http.server ${port} --bind 127.0.0.1 --directory dist`,
    `node tests/e2e/host-server.mjs ${hostPort} ${port}`,
  ].map((command, i) => ({
    command,
    url: `http://127.0.0.1:${[port, hostPort][i]}/index.html`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'ignore',
  })),
});

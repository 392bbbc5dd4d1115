// End-to-end tests against the built dist/, served by python3 -m http.server
// under a sub-path (/wizard/) to prove the build's asset URLs are relative.
//
// The browser is Debian's /usr/bin/chromium (installed by scripts/setup.sh):
// never `npx playwright install`, which downloads a browser and fails here.
// Playwright gives every launch a fresh, empty user-data dir of its own.
import { defineConfig } from '@playwright/test';
import { BASE_URL, PORT, SUB_PATH } from './support/server';
// Shared with the browser benchmark (bench/bench.mjs).
import chromiumLaunch from './support/chromium.json';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // Two cores, shared: one worker keeps timings stable.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: '../../target/e2e-results',
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? chromiumLaunch.executablePath,
      args: chromiumLaunch.args,
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  webServer: {
    command: `bash support/serve.sh ${PORT} ${SUB_PATH}`,
    url: BASE_URL,
    // Never test a stale server left over from another run.
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

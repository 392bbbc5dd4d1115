// The first end-to-end test: the built page renders the app from a sub-path,
// typing into a field changes what it shows, and nothing logs an error
// (checked for every test by the `problems` fixture).
import { test, expect, openApp, artifact } from './support/fixtures';
import { SUB_PATH } from './support/server';

// The guide's example in static mode, so the primary address is written into
// the netplan file (ubuntu22, the default OS, uses netplan).
const GUIDE =
  '?mode=static&cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,192.168.1.203';

test('the built app renders from a sub-path with relative asset URLs', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (req) => requested.push(new URL(req.url()).pathname));

  await openApp(page);

  await expect(page).toHaveTitle(/Secondary IP Wizard/);
  await expect(page.getByLabel('Primary IP', { exact: true })).toBeVisible();
  await expect(page.locator('[data-artifact]').first()).toBeAttached();
  // Every asset (wasm, js, css) came from under the sub-path.
  expect(requested.length).toBeGreaterThan(2);
  for (const path of requested) {
    expect(path, `${path} is outside /${SUB_PATH}/`).toMatch(new RegExp(`^/${SUB_PATH}/`));
  }
  expect(requested.some((p) => p.endsWith('.wasm'))).toBe(true);
});

test('typing a primary IP changes the netplan file', async ({ page }) => {
  await openApp(page, GUIDE);
  const netplan = artifact(page, 'netplan.configure.file');
  await expect(netplan).toContainText('192.168.1.201/24');

  const primary = page.getByLabel('Primary IP', { exact: true });
  await expect(primary).toHaveValue('192.168.1.201');
  await primary.fill('192.168.1.210');

  await expect(netplan).toContainText('192.168.1.210/24');
  await expect(netplan).not.toContainText('192.168.1.201/24');
});

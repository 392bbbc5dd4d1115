// Journey: editing the secondary list: add and remove rows, paste a whole
// list into one box, fill free addresses of the vSwitch.
import { test, expect, openApp, artifact } from '../support/fixtures';

const BASE = '?cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202';

test('a pasted list becomes one row per address', async ({ page }) => {
  await openApp(page, BASE);
  await page.getByText('Paste a list or fill free addresses').click();
  await page.getByLabel('Paste addresses').fill('192.168.1.210, 192.168.1.211\n192.168.1.212');
  await page.getByRole('button', { name: 'Add these addresses' }).click();
  await expect(page.getByLabel('Secondary IP 4', { exact: true })).toHaveValue('192.168.1.212');
  await expect(page.getByLabel('Paste addresses')).toHaveValue('');
  await expect(artifact(page, 'netplan.configure.file')).toContainText('192.168.1.212/24');
});

test('fill free addresses adds addresses nobody uses, and rows can be removed', async ({ page }) => {
  await openApp(page, BASE);
  await page.getByText('Paste a list or fill free addresses').click();
  await page.getByLabel('Free addresses to add').fill('2');
  await page.getByRole('button', { name: 'Fill free addresses' }).click();
  await expect(page.getByLabel('Secondary IP 2', { exact: true })).toHaveValue('192.168.1.203');
  await expect(page.getByLabel('Secondary IP 3', { exact: true })).toHaveValue('192.168.1.204');
  await expect(page.locator('[data-error-for]')).toHaveCount(0);

  await page.getByRole('button', { name: 'Remove Secondary IP 2' }).click();
  await expect(page.getByLabel('Secondary IP 2', { exact: true })).toHaveValue('192.168.1.204');
  await expect(page.getByLabel('Secondary IP 3', { exact: true })).toHaveCount(0);
  await expect(page).toHaveURL(/sec=192\.168\.1\.202,192\.168\.1\.204/);
});

test('a problem in an advanced field opens the Advanced section', async ({ page }) => {
  await openApp(page, `${BASE}&mac=00:16:3e:zz:00:01`);
  const error = page.locator('[data-error-for="mac"]');
  await expect(error).toBeVisible();
  await expect(page.getByLabel('MAC address (optional)')).toHaveAttribute('aria-invalid', 'true');
});

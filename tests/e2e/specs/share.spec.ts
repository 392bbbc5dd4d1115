// Journey: the share link, opened in a fresh browser, reproduces the form and
// the outputs; the URL follows the form as the user types.
import { test, expect, openApp, artifact } from '../support/fixtures';

test('a share link opened in a fresh page reproduces the form and outputs', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.getByLabel('Operating system').selectOption('debian12');
  await page.getByRole('radio', { name: /Everything static/ }).check();
  await page.getByLabel('vSwitch CIDR or mask').fill('10.20.0.0/20');
  await page.getByLabel('Gateway', { exact: true }).fill('10.20.15.253');
  await page.getByLabel('Primary IP', { exact: true }).fill('10.20.3.4');
  await page.getByLabel('Secondary IP 1', { exact: true }).fill('10.20.3.5');
  await page.getByLabel('Secondary IP 2', { exact: true }).fill('10.20.3.6');
  await page.locator('summary', { hasText: 'Advanced' }).click();
  await page.getByLabel('Linux interface name').fill('ens5');

  // The query follows the form.
  await expect(page).toHaveURL(/cidr=10\.20\.0\.0\/20/);
  await expect(page).toHaveURL(/if=ens5/);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('button', { name: 'Link copied ✓' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(page.url());
  const original = await artifact(page, 'netplan.configure.file').textContent();

  // A fresh context: no storage, nothing shared but the link.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.locator('body')).toHaveAttribute('data-ready', '1');
  await expect(other.getByLabel('Operating system')).toHaveValue('debian12');
  await expect(other.getByRole('radio', { name: /Everything static/ })).toBeChecked();
  await expect(other.getByLabel('Secondary IP 2', { exact: true })).toHaveValue('10.20.3.6');
  await expect(other.getByLabel('Linux interface name')).toHaveValue('ens5');
  await expect(artifact(other, 'netplan.configure.file')).toHaveText(original ?? 'missing');
  expect(original).toContain('ens5:');
  await fresh.close();
});

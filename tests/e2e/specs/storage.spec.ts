// Journey: the form survives a reload, and reopening the page without a link
// restores it from storage; a link wins over storage; Reset clears it.
import { test, expect, openApp } from '../support/fixtures';

test('reload keeps the form, and the bare page restores it from storage', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Primary IP', { exact: true }).fill('192.168.1.77');
  await page.getByLabel('Operating system').selectOption('rhel9');

  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-ready', '1');
  await expect(page.getByLabel('Primary IP', { exact: true })).toHaveValue('192.168.1.77');

  // No query at all: the stored form comes back.
  await openApp(page);
  await expect(page.getByLabel('Primary IP', { exact: true })).toHaveValue('192.168.1.77');
  await expect(page.getByLabel('Operating system')).toHaveValue('rhel9');

  // A link wins over storage.
  await openApp(page, '?ip=192.168.1.99');
  await expect(page.getByLabel('Primary IP', { exact: true })).toHaveValue('192.168.1.99');

  // Reset clears the form and what was stored.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByLabel('Primary IP', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Operating system')).toHaveValue('ubuntu22');
  await openApp(page);
  await expect(page.getByLabel('Primary IP', { exact: true })).toHaveValue('');
});

// Journey: embed=1 hides the page header and footer (for an iframe in docs)
// and keeps itself in the URL as the form changes.
import { test, expect, openApp } from '../support/fixtures';

test('embed=1 hides the header and footer', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('contentinfo')).toBeVisible();

  await openApp(page, '?embed=1&ip=192.168.1.201');
  await expect(page.getByRole('banner')).toHaveCount(0);
  await expect(page.getByRole('contentinfo')).toHaveCount(0);
  await expect(page.getByLabel('Primary IP', { exact: true })).toHaveValue('192.168.1.201');
  await page.getByLabel('Primary IP', { exact: true }).fill('192.168.1.202');
  await expect(page).toHaveURL(/embed=1/);
  await expect(page).toHaveURL(/ip=192\.168\.1\.202/);
});

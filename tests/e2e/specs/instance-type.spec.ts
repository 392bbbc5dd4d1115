// Journey: the instance-type search narrows the list as the user types, and
// the chosen type's per-ENI limit and the remaining count are shown.
import { test, expect, openApp } from '../support/fixtures';

const GUIDE = '?cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,192.168.1.203';

test('typing narrows the instance-type list and picking one shows the limit', async ({ page }) => {
  await openApp(page, GUIDE);
  const search = page.getByRole('combobox', { name: 'Instance type' });
  await search.fill('ecs.g7');
  const options = page.getByRole('listbox', { name: 'Matching instance types' }).getByRole('option');
  await expect(options.first()).toBeVisible();
  const broad = await options.count();
  expect(broad).toBeLessThanOrEqual(8);
  for (const text of await options.allTextContents()) expect(text).toMatch(/^ecs\.g7/);

  await search.fill('ecs.g7.2x');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('ecs.g7.2xlarge');

  await search.fill('ecs.g7.l');
  await options.filter({ hasText: 'ecs.g7.large' }).click();
  await expect(search).toHaveValue('ecs.g7.large');
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await expect(page.getByText(/Limit: \d+ private IPs per ENI for ecs\.g7\.large/)).toContainText(
    'This plan uses 3',
  );
  await expect(page.locator('[data-warning-for="type"]')).toHaveCount(0);
});

test('the list works by keyboard: arrows move, Enter picks, Escape closes', async ({ page }) => {
  await openApp(page, GUIDE);
  const search = page.getByRole('combobox', { name: 'Instance type' });
  await search.fill('ecs.g7.');
  await expect(search).toHaveAttribute('aria-expanded', 'true');
  await search.press('Escape');
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await search.press('ArrowDown');
  await search.press('ArrowDown');
  const active = page.getByRole('listbox', { name: 'Matching instance types' }).getByRole('option', { selected: true });
  await expect(active).toHaveCount(1);
  const name = (await active.locator('.type-name').textContent()) ?? '';
  await expect(search).toHaveAttribute('aria-activedescendant', 'type-opt-1');
  await search.press('Enter');
  await expect(search).toHaveValue(name);
  await expect(page.getByText(new RegExp(`Limit: \\d+ private IPs per ENI for ${name.replace(/\./g, '\\.')}`))).toBeVisible();
});

test('an unknown instance type is an error with suggestions', async ({ page }) => {
  await openApp(page, GUIDE);
  await page.getByRole('combobox', { name: 'Instance type' }).fill('ecs.g7.48xlarge');
  await expect(page.locator('[data-error-for="type"]')).toContainText("Unknown instance type 'ecs.g7.48xlarge'");
});

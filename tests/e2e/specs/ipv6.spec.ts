// Journey: IPv6 typed into its card reaches the outputs of the methods that
// add it, the picture places each address in its /64, a method that leaves
// IPv6 alone says so, and a bad address is named on its field.
import { test, expect, openApp, artifact } from '../support/fixtures';

test('IPv6 addresses typed in their card reach netplan and the picture', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Operating system').selectOption('ubuntu22');
  await page.getByLabel('vSwitch CIDR or mask').fill('192.168.1.0/24');
  await page.getByLabel('Gateway', { exact: true }).fill('192.168.1.253');
  await page.getByLabel('Primary IP', { exact: true }).fill('192.168.1.201');
  await page.getByLabel('Secondary IP 1', { exact: true }).fill('192.168.1.202');
  await page.locator('summary', { hasText: 'IPv6 (optional)' }).click();
  await page.getByLabel('vSwitch IPv6 CIDR').fill('2001:db8:10:1::/64');
  await page.getByLabel("ENI's own IPv6 address").fill('2001:db8:10:1::10');
  await page.getByLabel('IPv6 addresses to add').fill('2001:db8:10:1::a, 2001:db8:10:1:8000::b');

  await expect(page).toHaveURL(/sec6=/);
  const file = artifact(page, 'netplan.configure.file');
  await expect(file).toContainText('- "2001:db8:10:1::a/64"');
  await expect(file).toContainText('- "2001:db8:10:1:8000::b/64"');
  await expect(file).toContainText('- 192.168.1.202/24');
  await expect(artifact(page, 'netplan.verify.ipv6')).toContainText('ip -6 addr show dev eth0');

  const pic = page.locator('.picture6');
  await expect(pic).toContainText('18,446,744,073,709,551,606');
  await expect(pic).toContainText('2001:db8:10:1::a · to add · 10 from the start');
  await expect(pic).toContainText('2001:db8:10:1:8000::b · to add · about 50.0% along');
  await expect(pic.locator('svg rect.m-secondary')).toHaveCount(2);
  await expect(pic.locator('svg rect.m-primary')).toHaveCount(1);

  // An address outside the block is named on its own field.
  await page.getByLabel('IPv6 addresses to add').fill('2001:db8:99::a');
  await expect(page.locator('[data-error-for="sec6"]')).toContainText('2001:db8:99::a');
});

test('a shared link with IPv6 opens the IPv6 card', async ({ page }) => {
  await openApp(page, '?os=rhel9&cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202&cidr6=2001:db8:40:4::/64&sec6=2001:db8:40:4::20');
  await expect(page.locator('details#ipv6')).toHaveAttribute('open', '');
  await expect(page.getByLabel('IPv6 addresses to add')).toHaveValue('2001:db8:40:4::20');
});

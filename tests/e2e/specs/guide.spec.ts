// Journey: a new user types the guide's example into an empty form and gets a
// netplan file with exactly the planned addresses; every OS of the catalog
// then renders its own configuration.
import { test, expect, openApp, artifact } from '../support/fixtures';

/** The `a.b.c.d/p` addresses listed in a netplan file, in order. */
function addressesIn(text: string): string[] {
  return [...text.matchAll(/^\s+- (\d+\.\d+\.\d+\.\d+\/\d+)$/gm)].map((m) => m[1]);
}

test('the guide example typed in gives a netplan file with exactly the planned addresses', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.locator('.output-side [data-artifact]')).toHaveCount(0);

  await page.getByLabel('vSwitch CIDR or mask').fill('192.168.1.0/24');
  // Alibaba's usual gateway is filled in once the CIDR is known.
  await expect(page.getByLabel('Gateway', { exact: true })).toHaveValue('192.168.1.253');
  await page.getByLabel('Primary IP', { exact: true }).fill('192.168.1.201');
  await page.getByLabel('Secondary IP 1', { exact: true }).fill('192.168.1.202');
  await page.getByRole('button', { name: '+ Add address' }).click();
  await page.getByLabel('Secondary IP 2', { exact: true }).fill('192.168.1.203');

  // Keep DHCP (the default): only the secondaries are written.
  const netplan = artifact(page, 'netplan.configure.file');
  await expect(netplan).toHaveAttribute('data-path', '/etc/netplan/60-secondary-ips.yaml');
  expect(addressesIn((await netplan.textContent()) ?? '')).toEqual(['192.168.1.202/24', '192.168.1.203/24']);

  // Everything static: the primary first, then the secondaries, and the gateway.
  await page.getByRole('radio', { name: /Everything static/ }).check();
  await expect(netplan).toContainText('via: 192.168.1.253');
  expect(addressesIn((await netplan.textContent()) ?? '')).toEqual([
    '192.168.1.201/24',
    '192.168.1.202/24',
    '192.168.1.203/24',
  ]);
  // The file's mode is shown beside its path.
  await expect(page.locator('.artifact', { has: netplan })).toContainText('mode 0600');
});

test('every OS in the catalog renders its steps with the planned addresses', async ({ page }) => {
  await openApp(page, '?cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,192.168.1.203&type=ecs.g7.large');
  const picker = page.getByLabel('Operating system');
  const values = await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(values.length).toBeGreaterThan(30);
  for (const os of values) {
    await picker.selectOption(os);
    const tabs = page.getByRole('tablist', { name: 'Configuration method' }).getByRole('tab');
    await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
    // Every step is there, and the configure step names the secondaries.
    for (const step of ['assign', 'configure', 'apply', 'verify', 'undo']) {
      await expect(page.locator(`[data-step="${step}"]`), `${os}: ${step}`).toHaveCount(1);
    }
    await expect(page.locator('[data-step="configure"]'), os).toContainText('192.168.1.202');
    await expect(page.locator('[data-artifact$=".script"]'), os).toHaveCount(1);
  }
});

test('the Cloud Assistant and at-launch steps are built when opened, by keyboard too, and follow the form while open', async ({ page }) => {
  await openApp(page, '?cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,192.168.1.203');
  const assistant = page.locator('[data-step="assistant"] details');
  const launch = page.locator('[data-step="launch"] details');
  const blocks = (step: string) => page.locator(`[data-step="${step}"] [data-artifact]`);
  // Closed, each says what it holds, and holds no block.
  await expect(assistant.locator('summary')).toContainText('Or run it with Cloud Assistant');
  await expect(assistant.locator('summary')).toContainText('built when opened');
  await expect(launch.locator('summary')).toContainText('Or at launch');
  await expect(blocks('assistant')).toHaveCount(0);
  await expect(blocks('launch')).toHaveCount(0);

  // Enter on the focused summary opens it; only that one is built.
  await assistant.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(assistant).toHaveAttribute('open', '');
  await expect(blocks('assistant')).toHaveCount(3);
  await expect(artifact(page, 'netplan.assistant.run')).toContainText("INSTANCE=''");
  await expect(blocks('launch')).toHaveCount(0);

  // Open, it follows the form and the method tab.
  await page.locator('details#advanced').evaluate((d) => d.setAttribute('open', ''));
  await page.locator('#f-iid').fill('i-bp1a2b3c4d5e6f7g8h9i');
  await expect(artifact(page, 'netplan.assistant.run')).toContainText('i-bp1a2b3c4d5e6f7g8h9i');
  await page.getByRole('tab', { name: /ip addr/ }).click();
  await expect(artifact(page, 'runtime.assistant.run')).toContainText('i-bp1a2b3c4d5e6f7g8h9i');
  await expect(artifact(page, 'netplan.assistant.run')).toHaveCount(0);

  // Space opens the other one; Space on the first closes it, and its blocks go.
  await launch.locator('summary').focus();
  await page.keyboard.press('Space');
  await expect(artifact(page, 'runtime.launch.user-data')).toBeVisible();
  await assistant.locator('summary').focus();
  await page.keyboard.press('Space');
  await expect(assistant).not.toHaveAttribute('open', '');
  await expect(blocks('assistant')).toHaveCount(0);
  await expect(blocks('launch')).toHaveCount(3);
});

test('each method of an OS has its own tab, the preferred one first', async ({ page }) => {
  await openApp(page, '?os=rhel8&cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202');
  const tabs = page.getByRole('tab');
  await expect(tabs.first()).toContainText('nmcli');
  await expect(artifact(page, 'nmcli.configure.commands')).toBeVisible();
  await page.getByRole('tab', { name: /ifcfg \(IPADDRn\)/ }).click();
  await expect(page.getByRole('tab', { name: /ifcfg \(IPADDRn\)/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-artifact^="ifcfg.configure"]').first()).toBeVisible();
  // Arrow keys move between tabs.
  await page.getByRole('tab', { name: /ifcfg \(IPADDRn\)/ }).press('ArrowLeft');
  await expect(page.getByRole('tab', { name: /nmcli/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: /nmcli/ })).toBeFocused();
});

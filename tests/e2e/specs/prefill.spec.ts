// Journey (issue 7): "Start from the instance". The page offers the
// pre-fill one-liners, built for its own location; opening a link like the
// one they print (cidr, gw, ip, sec, mac, if, eniid, region, dns, os)
// reproduces the instance in the form and in every output.
import { test, expect, openApp, artifact } from '../support/fixtures';
import { BASE_URL } from '../support/server';

const ENI = 'eni-bp1a2b3c4d5e6f7g8h9i';
const REGION = 'cn-hangzhou';
/** What the Linux one-liner prints on an instance (query part). */
const PRINTED =
  '?os=ubuntu22&if=eth0&mac=00:16:3e:12:34:56&cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201' +
  `&sec=192.168.1.202,192.168.1.203&dns=100.100.2.136,100.100.2.138&region=${REGION}&eniid=${ENI}`;

/** The `a.b.c.d/p` addresses listed in a netplan file, in order. */
function addressesIn(text: string): string[] {
  return [...text.matchAll(/^\s+- (\d+\.\d+\.\d+\.\d+\/\d+)$/gm)].map((m) => m[1]);
}

test('the panel shows both one-liners for this page, each with Copy', async ({ page }) => {
  await openApp(page, '?cidr=10.0.0.0/24&ip=10.0.0.5&sec=10.0.0.6');
  const panel = page.locator('details#prefill');
  // Collapsed at first, near the top of the form.
  await expect(panel).not.toHaveAttribute('open', /.*/);
  await panel.locator('summary').click();
  await expect(panel).toHaveAttribute('open', '');

  const linux = artifact(page, 'prefill.linux');
  const windows = artifact(page, 'prefill.powershell');
  await expect(linux).toBeVisible();
  await expect(windows).toBeVisible();
  // The link comes back to this page, without the form's query.
  const linuxText = (await linux.textContent()) ?? '';
  expect(linuxText.startsWith("sh -c '")).toBe(true);
  expect(linuxText.trimEnd().endsWith(` sh ${BASE_URL}`)).toBe(true);
  expect(linuxText.trimEnd()).not.toContain('\n');
  await expect(windows).toContainText(`$Base = '${BASE_URL}'`);
  await expect(windows).toContainText("$Mac = ''");
  await expect(panel).toContainText('append a MAC address to read another NIC');
  await expect(panel).toContainText('$Mac');

  // Copy copies exactly the command.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const copy = page.locator('.artifact', { has: linux }).getByRole('button', { name: 'Copy', exact: true });
  await copy.click();
  await expect(page.locator('.artifact', { has: linux }).getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(linuxText);
});

test('the printed link reproduces the instance in the form and the outputs', async ({ page }) => {
  await openApp(page, PRINTED);
  await expect(page.getByLabel('Operating system')).toHaveValue('ubuntu22');
  await expect(page.locator('#f-cidr')).toHaveValue('192.168.1.0/24');
  await expect(page.locator('#f-gw')).toHaveValue('192.168.1.253');
  await expect(page.locator('#f-ip')).toHaveValue('192.168.1.201');
  await expect(page.locator('#f-sec-0')).toHaveValue('192.168.1.202');
  await expect(page.locator('#f-sec-1')).toHaveValue('192.168.1.203');
  await expect(page.locator('#f-if')).toHaveValue('eth0');
  await expect(page.locator('#f-mac')).toHaveValue('00:16:3e:12:34:56');
  await expect(page.locator('#f-dns')).toHaveValue('100.100.2.136,100.100.2.138');
  await expect(page.locator('#f-region')).toHaveValue(REGION);
  await expect(page.locator('#f-eniid')).toHaveValue(ENI);
  // No error, no unknown parameter; the only warning asks for the instance
  // type, which the link does not carry.
  await expect(page.locator('.summary-box.error')).toHaveCount(0);
  await expect(page.locator('[data-warning-for]:not([data-warning-for="type"])')).toHaveCount(0);

  // The cloud side names this ENI in this region, one address per secondary.
  const aliyun = artifact(page, 'assign.aliyun');
  await expect(aliyun).toContainText(`--RegionId ${REGION}`);
  await expect(aliyun).toContainText(`--NetworkInterfaceId ${ENI}`);
  await expect(aliyun).toContainText('--PrivateIpAddress.1 192.168.1.202');
  await expect(aliyun).toContainText('--PrivateIpAddress.2 192.168.1.203');
  await expect(aliyun).not.toContainText('PrivateIpAddress.3');
  // With both ids known, nothing points to the missing ones.
  await expect(page.locator('.missing-ids')).toHaveCount(0);

  // The netplan file holds exactly the secondaries (Keep DHCP: not the primary).
  const netplan = artifact(page, 'netplan.configure.file');
  expect(addressesIn((await netplan.textContent()) ?? '')).toEqual(['192.168.1.202/24', '192.168.1.203/24']);
  await expect(netplan).toContainText('00:16:3e:12:34:56');
});

test('without the ids, the Assign step links to the fields under Advanced', async ({ page }) => {
  await openApp(page, '?cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202');
  const advanced = page.locator('details#advanced');
  await expect(advanced).not.toHaveAttribute('open', /.*/);
  const note = page.locator('[data-step="assign"] .missing-ids');
  await expect(note).toBeVisible();
  await note.getByRole('link', { name: 'the region ID' }).click();
  await expect(advanced).toHaveAttribute('open', '');
  await expect(page.locator('#f-region')).toBeFocused();
  await page.locator('#f-region').fill(REGION);
  await expect(note.getByRole('link', { name: 'the region ID' })).toHaveCount(0);
  await note.getByRole('link', { name: 'the ENI ID' }).click();
  await expect(page.locator('#f-eniid')).toBeFocused();
  await page.locator('#f-eniid').fill(ENI);
  await expect(page.locator('.missing-ids')).toHaveCount(0);
  await expect(artifact(page, 'assign.aliyun')).toContainText(`--NetworkInterfaceId ${ENI}`);
});

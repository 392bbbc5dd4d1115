// Journey (issue 17, item 2): the read-only doctor. The page offers its
// scripts for its own location; the link the doctor prints fills the form
// and shows what it found on the right fields, with the commands to act;
// the findings can be forgotten.
import { test, expect, openApp, artifact } from '../support/fixtures';
import { BASE_URL } from '../support/server';

/**
 * What the Linux doctor printed in tests/doctor.rs's NetworkManager case
 * (RHEL 9, cloud-init's keyfile, nm-cloud-setup enabled with the Aliyun
 * provider, the metadata in hardened mode), its query part.
 */
const PRINTED =
  '?os=rhel9&type=ecs.g7.large&if=eth0&con=%63%6c%6f%75%64%2d%69%6e%69%74%20%65%74%68%30&mac=00:16:3e:12:34:56' +
  '&cidr=192.0.2.0/24&gw=192.0.2.253&ip=192.0.2.201&sec=192.0.2.202,192.0.2.203,192.0.2.204' +
  '&dns=198.51.100.53,198.51.100.54&region=cn-hangzhou&eniid=eni-bp1doctor00000001&mode=keep' +
  '&d.v=1&d.stack=nm&d.ci=enabled&d.cifile=/etc/NetworkManager/system-connections/cloud-init-eth0.nmconnection' +
  '&d.ncs=aliyun&d.cnc=absent&d.md=ok&d.on=192.0.2.202/24,192.0.2.203/24,192.0.2.201/24&d.dyn=192.0.2.201' +
  '&d.route=192.0.2.253,100,main,eth0&d.rpf=0,0';

test('the panel offers both doctor scripts for this page, read-only, with Download', async ({ page }) => {
  await openApp(page);
  const panel = page.locator('details#prefill');
  await panel.locator('summary').click();
  const linux = artifact(page, 'doctor.linux');
  const windows = artifact(page, 'doctor.powershell');
  await expect(linux).toBeVisible();
  await expect(linux).toContainText('changes nothing');
  await expect(linux).toContainText(`\nb=${BASE_URL}\n`);
  await expect(windows).toContainText(`$Base = '${BASE_URL}'`);
  await expect(panel).toContainText('It changes nothing');
  const saved = page.waitForEvent('download');
  await page.locator('.artifact', { has: linux }).getByRole('button', { name: 'Download' }).click();
  expect((await saved).suggestedFilename()).toBe('doctor.sh');
});

test("the doctor's link fills the form and shows its findings on the fields", async ({ page }) => {
  await openApp(page, PRINTED);
  await expect(page.getByLabel('Operating system')).toHaveValue('rhel9');
  await expect(page.locator('#f-ip')).toHaveValue('192.0.2.201');
  await expect(page.locator('#f-sec-2')).toHaveValue('192.0.2.204');
  // The doctor's parameters are not "unknown".
  await expect(page.locator('.summary-box', { hasText: 'parameters this page does not know' })).toHaveCount(0);

  // nm-cloud-setup on the secondaries, with the commands to turn it off.
  const sec = page.locator('[data-doctor-for="sec"]');
  const ncs = sec.filter({ hasText: 'nm-cloud-setup is enabled with the Aliyun provider' });
  await expect(ncs).toHaveCount(1);
  await expect(ncs).toHaveClass(/warning/);
  await expect(ncs.locator('pre')).toContainText('sudo systemctl disable --now nm-cloud-setup.timer nm-cloud-setup.service');
  await expect(ncs.locator('pre')).toContainText("sudo nmcli connection up 'cloud-init eth0'");
  // .204 is assigned but not on eth0 yet.
  await expect(sec.filter({ hasText: '192.0.2.204: assigned in the cloud, not yet on eth0' })).toHaveCount(1);
  // The stack on the OS field, cloud-init on the mode.
  await expect(page.locator('[data-doctor-for="os"]')).toContainText('NetworkManager in charge of eth0: use the nmcli method');
  await expect(page.locator('[data-doctor-for="mode"]')).toContainText('cloud-init-eth0.nmconnection');
  // And in the summary, linked to their fields.
  const box = page.locator('.doctor-box');
  await expect(box).toContainText('What the doctor found on the instance');
  await expect(box.locator('[data-doctor-summary="sec"]')).toHaveCount(2);

  // The URL keeps them while the form changes; Forget drops them.
  await page.locator('#f-sec-2').fill('192.0.2.205');
  await expect(page).toHaveURL(/d\.ncs=aliyun/);
  await expect(sec.filter({ hasText: '192.0.2.205: assigned in the cloud' })).toHaveCount(1);
  await box.getByRole('button', { name: 'Forget what the doctor found' }).click();
  await expect(page.locator('[data-doctor-for]')).toHaveCount(0);
  await expect(page.locator('.doctor-box')).toHaveCount(0);
  await expect(page).not.toHaveURL(/d\./);
  await expect(page.locator('#f-sec-2')).toHaveValue('192.0.2.205');
});

test("with nm-cloud-setup found, every other method's tab warns and points to its own", async ({ page }) => {
  await openApp(page, PRINTED);
  // The first tab (nmcli) warns, with the commands to turn it off.
  const warn = page.locator('[data-doctor-method]');
  await expect(warn).toHaveCount(1);
  await expect(page.locator('[data-doctor-method="nmcli"]')).toContainText('Use the method “nm-cloud-setup (Aliyun)” instead');
  await expect(page.locator('[data-doctor-method="nmcli"] pre')).toContainText('systemctl disable --now nm-cloud-setup.timer');
  // Its own tab: the drop-in, and no such warning.
  await page.getByRole('tab', { name: /nm-cloud-setup/ }).click();
  await expect(artifact(page, 'nm-cloud-setup.configure.dropin')).toContainText('Environment=NM_CLOUD_SETUP_ALIYUN=yes');
  await expect(warn).toHaveCount(0);
  await page.getByRole('tab', { name: /NetworkManager keyfile/ }).click();
  await expect(page.locator('[data-doctor-method="keyfile"]')).toHaveCount(1);
});

test('a value the page cannot read is said on its field', async ({ page }) => {
  await openApp(page, '?cidr=192.0.2.0/24&ip=192.0.2.10&sec=192.0.2.11&d.v=1&d.stack=beos&d.route=nonsense');
  await expect(page.locator('[data-doctor-for="os"]')).toContainText('d.stack=beos');
  await expect(page.locator('[data-doctor-for="gw"]')).toContainText('d.route=nonsense');
});

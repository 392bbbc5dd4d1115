// Journey: an out-of-subnet secondary shows its error next to its field and
// nothing can be copied; fixing it brings the outputs back.
import { test, expect, openApp, artifact } from '../support/fixtures';

const GUIDE = '?cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,192.168.1.203';

test('an out-of-subnet secondary is flagged on its row and hides every Copy button', async ({ page }) => {
  await openApp(page, GUIDE);
  const copy = page.locator('.output-side').getByRole('button', { name: 'Copy', exact: true });
  await expect(copy.first()).toBeVisible();

  const second = page.getByLabel('Secondary IP 2', { exact: true });
  await second.fill('10.0.0.5');

  // The error sits next to the field and is tied to it.
  const error = page.locator('[data-error-for="sec"]');
  await expect(error).toHaveCount(1);
  await expect(error).toHaveText(/10\.0\.0\.5 is outside the vSwitch 192\.168\.1\.0\/24\.$/);
  await expect(second).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await second.getAttribute('aria-describedby')) ?? '';
  const box = page.locator(`[id="${describedBy.split(' ').pop()}"]`);
  await expect(box.locator('[data-error-for="sec"]')).toHaveCount(1);
  await expect(second).toHaveAccessibleDescription(/outside the vSwitch/);

  // The summary on the output side counts it; nothing can be copied.
  await expect(page.getByRole('status')).toContainText('1 problem to fix');
  await expect(copy).toHaveCount(0);
  await expect(page.locator('.output-side [data-artifact]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Download script' })).toHaveCount(0);

  // The picture lists the address it cannot draw.
  await expect(page.getByText('Outside this range (not drawn): 10.0.0.5.')).toBeVisible();

  await second.fill('192.168.1.204');
  await expect(error).toHaveCount(0);
  await expect(second).not.toHaveAttribute('aria-invalid', 'true');
  await expect(artifact(page, 'netplan.configure.file')).toContainText('192.168.1.204/24');
  await expect(copy.first()).toBeVisible();
});

test('warnings are shown apart from errors and do not block the outputs', async ({ page }) => {
  await openApp(page, `${GUIDE}&gw=192.168.1.1`);
  const warning = page.locator('[data-warning-for="gw"]');
  await expect(warning).toContainText('is not the usual Alibaba gateway 192.168.1.253');
  await expect(page.locator('[data-error-for]')).toHaveCount(0);
  await expect(artifact(page, 'netplan.configure.file')).toBeVisible();
});

test('a bad value from a link is shown as a field error, and an unknown parameter is reported', async ({ page }) => {
  await openApp(page, `${GUIDE}&os=ubuntu99&zz=1`);
  await expect(page.locator('[data-error-for="os"]')).toContainText("Unknown value 'ubuntu99'");
  await expect(page.locator('[data-warning-for="zz"]')).toContainText("Unknown link parameter 'zz'");
  await expect(page.locator('.output-side [data-artifact]')).toHaveCount(0);
});

// Journey: Copy puts exactly the block's text on the clipboard and says so.
import { test, expect, openApp, artifact } from '../support/fixtures';

const GUIDE = '?cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,192.168.1.203';

for (const id of ['netplan.configure.file', 'netplan.apply.commands', 'netplan.script']) {
  test(`Copy puts the text of ${id} on the clipboard`, async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApp(page, GUIDE);
    const block = artifact(page, id);
    const expected = await block.textContent();
    expect(expected?.length ?? 0).toBeGreaterThan(0);

    const button = page.locator('.artifact', { has: block }).getByRole('button', { name: 'Copy' });
    await button.click();
    await expect(page.locator('.artifact', { has: block }).getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    // The "Copied" state goes away by itself.
    await expect(page.locator('.artifact', { has: block }).getByRole('button', { name: 'Copy' })).toBeVisible({
      timeout: 5_000,
    });
  });
}

test('Copy works by keyboard alone', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, GUIDE);
  const block = artifact(page, 'netplan.configure.file');
  const button = page.locator('.artifact', { has: block }).getByRole('button', { name: 'Copy' });
  await button.focus();
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await block.textContent());
});

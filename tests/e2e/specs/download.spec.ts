// Journey: Download saves a file with exactly the block's text.
import { readFile } from 'node:fs/promises';
import { test, expect, openApp, artifact } from '../support/fixtures';

const GUIDE = '?cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,192.168.1.203';

test('Download saves the netplan file under its own name with its text', async ({ page }) => {
  await openApp(page, GUIDE);
  const block = artifact(page, 'netplan.configure.file');
  const expected = await block.textContent();
  const saved = page.waitForEvent('download');
  await page.locator('.artifact', { has: block }).getByRole('button', { name: 'Download' }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toBe('60-secondary-ips.yaml');
  expect(await readFile((await download.path()) ?? '', 'utf8')).toBe(expected);
});

test('Download script saves the all-in-one script', async ({ page }) => {
  await openApp(page, GUIDE);
  const expected = await artifact(page, 'netplan.script').textContent();
  expect(expected).toMatch(/^#!\/bin\/sh/);
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download script' }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toMatch(/\.sh$/);
  expect(await readFile((await download.path()) ?? '', 'utf8')).toBe(expected);
});

// Journey (issue 17, item 1): "Paste what the instance shows". The guide's
// own `ip a` + `route -n` pasted into an empty form fills it so that, once
// the two secondaries the guide assigned in the cloud are typed in, every
// output equals the guide example's; each value names the line it came
// from; warnings (two default routes) are shown; Undo puts the form back
// exactly. The native twin is tests/paste.rs
// (the_guides_paste_gives_the_guides_outputs).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect, openApp, openDeliveries, type Page } from '../support/fixtures';

/** A sample of tests/paste/ without its header (lines count from the line after `#---`). */
function sample(name: string): string {
  const text = readFileSync(resolve(__dirname, '../../paste', name), 'utf8');
  const body = text.split('\n#---\n')[1];
  if (body === undefined) throw new Error(`${name}: no #--- line`);
  return body;
}

/** The text of every output block on the page, by id. */
async function outputs(page: Page): Promise<Record<string, string>> {
  const blocks = page.locator('.output-side [data-artifact]');
  const ids = await blocks.evaluateAll((els) => els.map((e) => e.getAttribute('data-artifact') ?? ''));
  const out: Record<string, string> = {};
  for (const id of ids) out[id] = (await page.locator(`.output-side [data-artifact="${id}"]`).textContent()) ?? '';
  return out;
}

async function openPanel(page: Page) {
  const panel = page.locator('details#paste');
  await expect(panel).not.toHaveAttribute('open', /.*/);
  await panel.locator('summary').click();
  await expect(panel).toHaveAttribute('open', '');
  return panel;
}

test("the guide's ip a and route -n fill the form: the outputs are the guide example's", async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Reset' }).click();
  const panel = await openPanel(page);
  // The panel says that nothing pasted leaves the page.
  await expect(panel).toContainText('nothing you paste leaves it');

  await panel.getByLabel('Output from the instance').fill(sample('handwritten/guide.ip-a-route-n.txt'));
  await panel.getByRole('button', { name: 'Read it' }).click();

  // Each value with the line it came from, as pasted.
  const cidr = panel.locator('[data-paste-field="cidr"]');
  await expect(cidr).toContainText('192.168.1.0/24');
  await expect(cidr).toContainText('from line 10 of ip addr');
  await expect(cidr).toContainText('inet 192.168.1.201/24 brd 192.168.1.255 scope global dynamic noprefixroute eth0');
  const gw = panel.locator('[data-paste-field="gw"]');
  await expect(gw).toContainText('192.168.1.253');
  await expect(gw).toContainText('from line 15 of route -n');
  await expect(gw).toContainText('0.0.0.0         192.168.1.253   0.0.0.0         UG    100    0        0 eth0');
  await expect(panel.locator('[data-paste-field="ip"]')).toContainText('192.168.1.201');
  // Nothing to warn about in the guide's own output.
  await expect(panel.locator('[data-paste-issue="warning"]')).toHaveCount(0);

  await panel.getByRole('button', { name: 'Apply to the form' }).click();
  await expect(panel).toContainText('fields of the form changed');
  await expect(page.locator('#f-cidr')).toHaveValue('192.168.1.0/24');
  await expect(page.locator('#f-gw')).toHaveValue('192.168.1.253');
  await expect(page.locator('#f-ip')).toHaveValue('192.168.1.201');

  // The secondaries the guide assigned in the cloud (step 1): its ip a cannot show them yet.
  await page.getByLabel('Secondary IP 1', { exact: true }).fill('192.168.1.202');
  await page.getByRole('button', { name: '+ Add address' }).click();
  await page.getByLabel('Secondary IP 2', { exact: true }).fill('192.168.1.203');

  // The form is the guide example's (the link says so), and so are the outputs.
  await expect(page).toHaveURL(/\?cidr=192\.168\.1\.0\/24&gw=192\.168\.1\.253&ip=192\.168\.1\.201&sec=192\.168\.1\.202,192\.168\.1\.203&lang=en$/);
  // Every block: the delivery steps opened (they stay open when the form changes).
  await openDeliveries(page);
  const ours = await outputs(page);
  expect(Object.keys(ours).length).toBeGreaterThan(5);
  expect(ours['netplan.assistant.run']).toBeDefined();
  await page.getByRole('button', { name: "Load the guide's example" }).click();
  await expect(page.locator('.example-note')).toBeVisible();
  expect(await outputs(page)).toEqual(ours);
});

test('warnings are shown, a value can be left out, and Undo puts the form back exactly', async ({ page }) => {
  const start = '?os=debian12&cidr=10.0.0.0/24&gw=10.0.0.253&ip=10.0.0.5&sec=10.0.0.6&dns=100.100.2.136';
  await openApp(page, start);
  const before = page.url();
  const panel = await openPanel(page);
  // Two interfaces, two default routes, two subnets on eth0 (captured in namespaces).
  const text = [sample('captured/static.ip-addr.txt'), sample('captured/static.ip-route.txt')].join('');
  await panel.getByLabel('Output from the instance').fill(text);
  await panel.getByRole('button', { name: 'Read it' }).click();
  await expect(panel.locator('[data-paste-issue="warning"]').filter({ hasText: '2 default routes' })).toHaveCount(1);
  await expect(panel.locator('[data-paste-issue="warning"]').filter({ hasText: '198.51.100.10/24' })).toHaveCount(1);

  // Leave the primary IP out.
  await panel.locator('[data-paste-field="ip"]').getByRole('checkbox').uncheck();
  await panel.getByRole('button', { name: 'Apply to the form' }).click();
  await expect(page.locator('#f-cidr')).toHaveValue('192.0.2.0/24');
  await expect(page.locator('#f-gw')).toHaveValue('192.0.2.1');
  await expect(page.locator('#f-ip')).toHaveValue('10.0.0.5');
  await expect(page.locator('#f-sec-0')).toHaveValue('192.0.2.11');
  expect(page.url()).not.toBe(before);

  await panel.getByRole('button', { name: 'Undo' }).click();
  await expect(panel).toContainText('The form is back as it was before Apply.');
  await expect(page.locator('#f-cidr')).toHaveValue('10.0.0.0/24');
  await expect(page.locator('#f-sec-0')).toHaveValue('10.0.0.6');
  await expect(page.locator('#f-sec-1')).toHaveCount(0);
  expect(page.url()).toBe(before);
  await expect(panel.getByRole('button', { name: 'Undo' })).toHaveCount(0);
});

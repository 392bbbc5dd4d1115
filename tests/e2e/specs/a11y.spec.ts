// Issue 8, item 8: axe-core on the main states (the empty form after Reset,
// the guide's example, a form with errors, dark mode, 360 px) finds no
// serious or critical violation.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openApp, openDeliveries } from '../support/fixtures';

const GUIDE = '?cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,192.168.1.203&type=ecs.g7.large';
const BROKEN = '?cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,10.0.0.5&mac=zz&region=Hangzhou';

/** The serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
}

/** Opens the panels and the delivery steps so their content is checked too. */
async function openPanels(page: Page): Promise<void> {
  for (const id of ['prefill', 'advanced']) {
    await page.locator(`details#${id}`).evaluate((d) => d.setAttribute('open', ''));
  }
  await openDeliveries(page);
}

const STATES = [
  { name: 'guide example', width: 1280, scheme: 'light', query: GUIDE, reset: false },
  { name: 'empty form after Reset', width: 1280, scheme: 'light', query: GUIDE, reset: true },
  { name: 'errors', width: 1280, scheme: 'light', query: BROKEN, reset: false },
  { name: 'dark, guide example', width: 1280, scheme: 'dark', query: GUIDE, reset: false },
  { name: 'dark, errors', width: 1280, scheme: 'dark', query: BROKEN, reset: false },
  { name: '360 px, guide example', width: 360, scheme: 'light', query: GUIDE, reset: false },
  { name: '360 px, errors', width: 360, scheme: 'light', query: BROKEN, reset: false },
] as const;

for (const s of STATES) {
  test(`axe: ${s.name}`, async ({ page }) => {
    await page.setViewportSize({ width: s.width, height: 900 });
    await page.emulateMedia({ colorScheme: s.scheme });
    await openApp(page, s.query);
    if (s.reset) {
      await page.getByRole('button', { name: 'Reset' }).click();
      await expect(page.locator('[data-artifact^="netplan"]')).toHaveCount(0);
    }
    await openPanels(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('axe: every method tab of the guide example', async ({ page }) => {
  // Seven tabs, an axe run each: 20-26 s on the idle 2-core machine.
  test.setTimeout(90_000);
  await openApp(page, GUIDE);
  // Opened once, the delivery steps stay open on every tab and OS.
  await openDeliveries(page);
  const found: string[] = [];
  for (const os of ['ubuntu22', 'centos7', 'win2022']) {
    await page.getByLabel('Operating system').selectOption(os);
    for (const tab of await page.getByRole('tab').all()) {
      await tab.click();
      await expect(page.locator('[data-step="launch"] [data-artifact]').first()).toBeVisible();
      found.push(...(await seriousViolations(page)));
    }
  }
  expect([...new Set(found)]).toEqual([]);
});

// Issue 8, item 7: the page carries a Content-Security-Policy, nothing it
// does leaves its own origin, and nothing it does violates the policy
// (console messages and `securitypolicyviolation` events both count).
import { test, expect, openApp, artifact } from '../support/fixtures';
import { BASE_URL } from '../support/server';

const ORIGIN = new URL(BASE_URL).origin;

test('the policy is there and holds what the issue asks for', async ({ page }) => {
  await openApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).not.toBeNull();
  const directives = new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map((d) => [d[0], d.slice(1).join(' ')]),
  );
  expect(directives.get('default-src')).toBe("'self'");
  expect(directives.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
  expect(directives.get('style-src')).toBe("'self'");
  expect(directives.get('connect-src')).toBe("'self'");
  expect(directives.get('img-src')).toBe("'self' data:");
  expect(directives.get('object-src')).toBe("'none'");
  expect(directives.get('base-uri')).toBe("'none'");
  expect(directives.get('form-action')).toBe("'none'");
});

test('a whole session stays on the page origin and violates nothing', async ({ page }) => {
  const requests: string[] = [];
  const violations: string[] = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('console', (msg) => {
    if (/Content.Security.Policy|Refused to/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
  });
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(
        `${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });

  await openApp(page);
  // Use the page the way a person does: type, switch OS and tabs, copy,
  // download, open the panels, break a field, reset.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByLabel('Operating system').selectOption('win2022');
  await page.getByLabel('Operating system').selectOption('ubuntu22');
  for (const tab of await page.getByRole('tab').all()) await tab.click();
  await page.locator('.output-side .artifact').first().getByRole('button', { name: 'Copy', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download script' }).click();
  await download;
  await page.locator('details#prefill summary').click();
  await expect(artifact(page, 'prefill.linux')).toBeVisible();
  await page.locator('[data-step="assistant"] summary').click();
  await expect(page.locator('[data-step="assistant"] [data-artifact$=".assistant.run"]')).toBeVisible();
  await page.locator('details#advanced summary').click();
  await page.locator('#f-sec-0').fill('10.9.9.9');
  await expect(page.locator('.summary-box.error')).toBeVisible();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('button', { name: "Load the guide's example" }).click();
  await expect(artifact(page, 'assign.aliyun')).toBeVisible();
  // Let late events arrive.
  await page.waitForTimeout(300);

  expect(requests.length).toBeGreaterThan(0);
  const away = requests.filter((u) => {
    const url = new URL(u);
    // data: and blob: URLs (the download) never leave the page.
    if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
    return url.origin !== ORIGIN;
  });
  expect(away, 'requests that leave the page origin').toEqual([]);
  expect(violations, 'CSP violations').toEqual([]);
});

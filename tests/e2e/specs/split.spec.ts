// Issue 19, item 1: the first load leaves out what scripts/split-wasm.sh
// splits off the release wasm (the #[lazy] functions of src/ui); each such
// chunk is fetched on demand (or when the page is idle), from the page's
// own origin, under the page's Content-Security-Policy.
import { test, expect, openApp, artifact } from '../support/fixtures';

const CHUNK = /-(split|chunk)_[A-Za-z0-9_]*\.wasm$/;

test('with every split-off chunk blocked, the page still loads, validates and renders', async ({ page, problems }) => {
  const blocked: string[] = [];
  await page.route(CHUNK, (route) => {
    blocked.push(route.request().url());
    return route.abort();
  });
  await openApp(page);
  await expect(artifact(page, 'assign.aliyun')).toBeVisible();
  await page.getByLabel('Operating system').selectOption('win2022');
  await page.locator('details#advanced summary').click();
  await page.locator('#f-sec-0').fill('10.9.9.9');
  await expect(page.locator('.summary-box.error')).toBeVisible();
  // The idle prefetch asked for the chunks and was refused: that is all.
  await page.waitForTimeout(500);
  const failed = problems.filter(
    (p) => /-(split|chunk)_[A-Za-z0-9_]*\.wasm/.test(p) || (/Failed to fetch/.test(p) && /-split\.js/.test(p)),
  );
  problems.splice(0, problems.length, ...problems.filter((p) => !failed.includes(p)));
  expect(blocked.length, 'the page asked for a split-off chunk').toBeGreaterThan(0);
});

test('the paste reader comes in its own chunk, from the page origin, and reads', async ({ page }) => {
  const wasm: string[] = [];
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (url.pathname.endsWith('.wasm')) wasm.push(url.pathname.split('/').pop() ?? '');
  });
  await openApp(page);
  const panel = page.locator('details#paste');
  await panel.locator('summary').click();
  await panel.getByLabel('Output from the instance').fill(
    '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\n    inet 192.168.1.201/24 brd 192.168.1.255 scope global eth0\n',
  );
  await panel.getByRole('button', { name: 'Read it' }).click();
  await expect(panel.locator('[data-paste-field="cidr"]')).toContainText('192.168.1.0/24');
  expect(wasm.filter((n) => /-split_paste_reader\.wasm$/.test(n)), 'the paste reader chunk, once').toHaveLength(1);
  expect(wasm.filter((n) => n.endsWith('_bg.wasm')), 'the main module, once').toHaveLength(1);
});

test('the Cloud Assistant and at-launch blocks and the runbook come in their own chunk, from the page origin', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const wasm: string[] = [];
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (url.pathname.endsWith('.wasm')) wasm.push(url.pathname.split('/').pop() ?? '');
  });
  await openApp(page);
  await page.locator('[data-step="assistant"] summary').click();
  await expect(artifact(page, 'netplan.assistant.run')).toContainText('--Type RunShellScript');
  await page.locator('[data-step="launch"] summary').click();
  await expect(artifact(page, 'netplan.launch.user-data')).toBeVisible();
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByRole('button', { name: 'Markdown copied ✓' })).toBeVisible();
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md).toContain(await artifact(page, 'netplan.launch.user-data').textContent());
  expect(wasm.filter((n) => /-split_deliveries\.wasm$/.test(n)), 'the deliveries chunk, once').toHaveLength(1);
  expect(wasm.filter((n) => n.endsWith('_bg.wasm')), 'the main module, once').toHaveLength(1);
});

test('with the deliveries chunk blocked, the steps open empty, Copy as Markdown says it failed, the rest works', async ({ page, problems }) => {
  await page.route(/-split_deliveries\.wasm$/, (route) => route.abort());
  await openApp(page);
  await page.locator('[data-step="assistant"] summary').click();
  await expect(page.locator('[data-step="assistant"] details')).toHaveAttribute('open', '');
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByRole('button', { name: 'Copy failed' })).toBeVisible();
  await expect(page.locator('[data-step="assistant"] [data-artifact]')).toHaveCount(0);
  await page.getByLabel('Operating system').selectOption('win2022');
  await expect(artifact(page, 'assign.aliyun')).toBeVisible();
  await expect(page.locator('[data-artifact$=".script"]')).toHaveCount(1);
  const failed = problems.filter(
    (p) => /-split_deliveries\.wasm/.test(p) || (/Failed to fetch/.test(p) && /-split\.js/.test(p)),
  );
  problems.splice(0, problems.length, ...problems.filter((p) => !failed.includes(p)));
});

test('a page in Chinese fetches the Chinese wording in its own chunk, once, before it starts', async ({ page }) => {
  const wasm: string[] = [];
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (url.pathname.endsWith('.wasm')) wasm.push(url.pathname.split('/').pop() ?? '');
  });
  await openApp(page, '?lang=zh');
  // Ready means built in Chinese: no English first.
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByLabel('操作系统')).toBeVisible();
  await expect(page.locator('#lang-zh')).toHaveAttribute('aria-pressed', 'true');
  expect(wasm.filter((n) => /-split_chinese\.wasm$/.test(n)), 'the Chinese chunk, once').toHaveLength(1);
  expect(wasm.filter((n) => n.endsWith('_bg.wasm')), 'the main module, once').toHaveLength(1);
  // The one request is boot.js's preload, beside the main module, and the
  // loader's own fetch was served by it: not a second request after the
  // main module has started.
  const initiator = await page.evaluate(
    () => performance.getEntriesByType('resource').find((e) => /-split_chinese\.wasm$/.test(e.name)) as PerformanceResourceTiming | undefined,
  ).then((e) => e?.initiatorType);
  expect(initiator, 'who asked for the Chinese chunk').toBe('link');
});

test('a page in English asks for the Chinese chunk only once it is ready (the idle prefetch)', async ({ page }) => {
  await openApp(page, '?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /-split_chinese\.wasm$/.test(e.name))))
    .toBe(true);
  const t = await page.evaluate(() => {
    const chunk = performance.getEntriesByType('resource').find((e) => /-split_chinese\.wasm$/.test(e.name)) as PerformanceResourceTiming;
    return { start: chunk.startTime, by: chunk.initiatorType, ready: performance.getEntriesByName('wizard-ready')[0]?.startTime };
  });
  expect(t.ready, 'the wizard-ready mark').toBeDefined();
  expect(t.start, 'the Chinese chunk asked for after the page was ready').toBeGreaterThan(t.ready!);
  expect(t.by, 'asked for by the loader, no preload').toBe('fetch');
});

test('with the Chinese chunk blocked, a page asked for in Chinese starts in English and works', async ({ page, problems }) => {
  await page.route(/-split_chinese\.wasm$/, (route) => route.abort());
  await openApp(page, '?lang=zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#lang-en')).toHaveAttribute('aria-pressed', 'true');
  await expect(artifact(page, 'assign.aliyun')).toBeVisible();
  await page.locator('details#advanced summary').click();
  await page.locator('#f-sec-0').fill('10.9.9.9');
  await expect(page.locator('.summary-box.error')).toBeVisible();
  const failed = problems.filter(
    (p) => /-split_chinese\.wasm/.test(p) || (/Failed to fetch/.test(p) && /-split\.js/.test(p)),
  );
  problems.splice(0, problems.length, ...problems.filter((p) => !failed.includes(p)));
});

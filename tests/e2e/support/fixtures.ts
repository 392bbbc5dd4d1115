// Shared fixtures for every spec: import { test, expect } from here, not from
// @playwright/test.
//
// `problems` (automatic) collects everything that would be an error for a
// user: console errors, uncaught exceptions, failed requests and HTTP
// responses >= 400 (a favicon 404 counts). After each test it asserts there
// were none. A test that provokes one on purpose removes it with
// `problems.splice(...)` before it ends.
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

type Fixtures = {
  /** Problems seen so far in this test; must be empty when the test ends. */
  problems: string[];
};

export const test = base.extend<Fixtures>({
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      // The idle prefetch of a split-off wasm chunk (issue 19) cut short
      // because the test (like a person) loaded another page meanwhile: the
      // request fails with ERR_ABORTED (or its body is cut) and the split
      // loader (`*-split.js`) logs the aborted fetch. The loader's errors
      // count unless such an aborted chunk request was seen or the test
      // loaded a page again (a reload, another link); a chunk that fails
      // otherwise counts (tests/e2e/specs/split.spec.ts blocks them).
      const loaderErrors: string[] = [];
      let chunkAborted = false;
      let loads = 0;
      page.on('framenavigated', (f) => {
        if (f === page.mainFrame()) loads += 1;
      });
      page.on('console', (msg) => {
        if (msg.type() === 'error') {
          const loc = msg.location();
          const line = `console error: ${msg.text()} (${loc.url}:${loc.lineNumber})`;
          if (/-split\.js$/.test(loc.url) && /aborted|Failed to fetch/.test(msg.text())) loaderErrors.push(line);
          problems.push(line);
        }
      });
      // The loader also leaves a chunk's own fetch unawaited when a shared
      // chunk it needs fails first: that rejection is uncaught, its stack
      // in the loader; it counts as the loader's errors above.
      page.on('pageerror', (err) => {
        const inLoader = /-split\.js/.test(err.stack ?? '');
        const line = `uncaught: ${err.message}${inLoader ? ' (-split.js)' : ''}`;
        if (inLoader && /aborted|Failed to fetch/.test(err.message)) loaderErrors.push(line);
        problems.push(line);
      });
      page.on('requestfailed', (req) => {
        if (req.failure()?.errorText === 'net::ERR_ABORTED' && /-(split|chunk)_[A-Za-z0-9_]*\.wasm$/.test(req.url())) {
          chunkAborted = true;
          return;
        }
        problems.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`);
      });
      page.on('response', (res) => {
        if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
      });
      await use(problems);
      if (chunkAborted || loads > 1) problems.splice(0, problems.length, ...problems.filter((p) => !loaderErrors.includes(p)));
      expect(problems, 'the page logged errors or failed to load something').toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Opens the app (optionally with a query such as `?ip=10.0.0.5`) relative to
 * the sub-path it is served under, and waits until it has mounted:
 * the UI sets `document.body.dataset.ready = "1"`.
 */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.locator('body')).toHaveAttribute('data-ready', '1');
}

/** The block with `data-artifact="<id>"` (e.g. `netplan.configure.file`). */
export function artifact(page: Page, id: string) {
  return page.locator(`[data-artifact="${id}"]`);
}

/** The steps whose blocks the page builds only when they are opened (issue 19). */
export const DELIVERIES = ['assistant', 'launch'] as const;

/**
 * Opens the Cloud Assistant and at-launch steps, as a person does (a click
 * on the summary), and waits for their blocks. Nothing when the page shows
 * no outputs (a form with errors). They stay open across edits and tabs.
 */
export async function openDeliveries(page: Page): Promise<void> {
  for (const step of DELIVERIES) {
    const details = page.locator(`[data-step="${step}"] details`);
    if ((await details.count()) === 0) continue;
    // A click right after load can land on a step the page is still
    // building, which comes back closed (CI, 2026-12-06: the step showed
    // closed and never loaded its blocks); as a person would, click again.
    await expect(async () => {
      if (!(await details.evaluate((d) => d.hasAttribute('open')))) await details.locator('summary').click();
      await expect(details.locator('[data-artifact]').first()).toBeVisible({ timeout: 3000 });
    }).toPass({ timeout: 20000 });
  }
}

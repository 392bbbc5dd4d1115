// Browser benchmark (issue 8, item 2): headless Chromium (Debian's
// /usr/bin/chromium, launched by @playwright/test like the end-to-end tests)
// over the built dist/, served here on 127.0.0.1. Prints medians over RUNS
// runs (default 25, at least 20):
//
//   load     navigation start → the app's `wizard-ready` performance mark
//            (a fresh browser context each run: nothing cached)
//   update   an input event → the `outputs-updated` mark (set in the
//            animation frame after every output is in the DOM), for the
//            guide's example and for 49 secondaries (InUse,
//            ecs.g9ae.48xlarge), once per OS of a set of OSes that together
//            cover every method (the page renders the shown method)
//
//   node tests/e2e/bench/bench.mjs [RUNS]        (after trunk build --release)
//
// Environment: WIZARD_DIST (default dist/), CHROMIUM (default /usr/bin/chromium).
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { chromium } from '@playwright/test';
import { LAUNCH } from './common.mjs';
import { serve } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.env.WIZARD_DIST ?? join(here, '../../../dist'));
const RUNS = Math.max(20, Number(process.argv[2] ?? 25));


const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

const GUIDE = {
  name: "guide's example (2 secondaries)",
  query: (os) => `?os=${os}&cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,192.168.1.203&type=ecs.g7.large`,
  // The primary IP toggles between two free addresses: every output changes.
  field: '#f-ip',
  values: ['192.168.1.200', '192.168.1.201'],
};
const SEC49 = Array.from({ length: 49 }, (_, i) => `10.0.1.${i + 11}`).join(',');
const BIG = {
  name: '49 secondaries (InUse, ecs.g9ae.48xlarge)',
  query: (os) => `?os=${os}&cidr=10.0.0.0/16&gw=10.0.255.253&ip=10.0.1.10&sec=${SEC49}&state=inuse&type=ecs.g9ae.48xlarge`,
  field: '#f-ip',
  values: ['10.0.1.9', '10.0.1.10'],
};

/** Waits for the app: `body[data-ready="1"]`. */
async function ready(page) {
  await page.waitForFunction(() => document.body.dataset.ready === '1');
}

/** OSes that together cover every method: for each method, the first OS offering it. */
async function osPerMethod(page, base) {
  await page.goto(base + GUIDE.query('ubuntu22'));
  await ready(page);
  const oses = await page.locator('#f-os option').evaluateAll((os) => os.map((o) => o.value));
  const pick = new Map();
  for (const os of oses) {
    await page.selectOption('#f-os', os);
    await page.waitForSelector('[role=tab]');
    const methods = await page.locator('[role=tab]').evaluateAll((ts) => ts.map((t) => t.id.replace(/^tab-/, '')));
    for (const m of methods) if (!pick.has(m)) pick.set(m, os);
  }
  return pick;
}

/** One input event on `field` → the next `outputs-updated` mark, in ms. */
async function oneUpdate(page, field, value) {
  return page.evaluate(
    ([sel, v]) =>
      new Promise((done, fail) => {
        const input = document.querySelector(sel);
        performance.clearMarks('outputs-updated');
        const ev = new Event('input', { bubbles: true });
        const start = ev.timeStamp;
        new PerformanceObserver((list, obs) => {
          const m = list.getEntriesByName('outputs-updated').find((e) => e.startTime >= start);
          if (m) {
            obs.disconnect();
            done(m.startTime - start);
          }
        }).observe({ type: 'mark' });
        input.value = v;
        input.dispatchEvent(ev);
        setTimeout(() => fail(new Error('no outputs-updated mark within 10 s')), 10_000);
      }),
    [field, value],
  );
}

async function main() {
  const { server, base } = await serve(dist);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? LAUNCH.executablePath,
    headless: true,
    args: LAUNCH.args,
  });
  const version = browser.version();
  try {
    // Load: a fresh context each run (empty cache and storage).
    const loads = [];
    for (let i = 0; i < RUNS; i++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(base + GUIDE.query('ubuntu22'));
      await ready(page);
      loads.push(await page.evaluate(() => performance.getEntriesByName('wizard-ready')[0].startTime));
      await ctx.close();
    }

    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const methods = await osPerMethod(page, base);
    const rows = [];
    for (const sc of [GUIDE, BIG]) {
      for (const [method, os] of methods) {
        await page.goto(base + sc.query(os));
        await ready(page);
        await page.waitForSelector(`[id="tab-${method}"]`);
        // Show this method's tab, so its steps are the ones in the DOM.
        await page.click(`[id="tab-${method}"]`);
        if ((await page.locator('.output-side [data-artifact]').count()) === 0) {
          throw new Error(`${sc.name} on ${os}: the form has errors, nothing to measure`);
        }
        // Two warm-up updates, then the measured ones.
        const times = [];
        for (let i = 0; i < RUNS + 2; i++) {
          const t = await oneUpdate(page, sc.field, sc.values[i % 2]);
          if (i >= 2) times.push(t);
        }
        const blocks = await page.locator('.output-side [data-artifact]').count();
        rows.push({ scenario: sc.name, method, os, median: median(times), min: Math.min(...times), max: Math.max(...times), blocks });
      }
    }
    await ctx.close();

    console.log(`Secondary IP Wizard browser benchmark: ${RUNS} runs each, medians`);
    console.log(`Chromium ${version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), dist: ${dist}`);
    console.log('');
    console.log(`load: navigation start -> wizard-ready   median ${ms(median(loads))} (min ${ms(Math.min(...loads))}, max ${ms(Math.max(...loads))})`);
    console.log('');
    console.log('update: input event -> outputs-updated');
    const w = Math.max(...rows.map((r) => r.scenario.length));
    console.log(`${'scenario'.padEnd(w)}  ${'method'.padEnd(14)} ${'os'.padEnd(12)} ${'median'.padStart(10)} ${'min'.padStart(10)} ${'max'.padStart(10)}  blocks shown`);
    for (const r of rows) {
      console.log(
        `${r.scenario.padEnd(w)}  ${r.method.padEnd(14)} ${r.os.padEnd(12)} ${ms(r.median).padStart(10)} ${ms(r.min).padStart(10)} ${ms(r.max).padStart(10)}  ${r.blocks}`,
      );
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e}`);
  process.exit(1);
});

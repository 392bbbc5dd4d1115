// The browser figures of issue 19, item 2, side by side in one run (started
// by scripts/bench.sh, which builds the three pages first):
//
//   app       the wizard's release build (dist/), in English and in Chinese
//   minimal   a minimal Leptos 0.8 CSR app, same toolchain and flags
//             (benches/minimal-leptos)
//   static    a static HTML page of the wizard's visible content: the
//             wizard's DOM once it is ready, saved with its CSS and no script
//
// For each: the bytes fetched before the first field is usable (gzip -9 and
// brotli of each file, as a static host would serve them), and navigation
// start → first field usable, unthrottled and as a slow phone (Chromium's
// CPU throttled 4×, the link 1.6 Mbps down, 750 kbps up, 150 ms RTT: the
// Lighthouse mobile profile's figures, applied by DevTools emulation).
// For the app: Event Timing API durations (input → next paint, the INP
// measure) of typing in a secondary, switching the method tab and switching
// the OS, with 1, 10 and 49 secondaries, unthrottled and 4× throttled; and
// Lighthouse's mobile performance, accessibility and best-practices scores
// for all three.
//
//   node tests/e2e/bench/figures.mjs APP_DIST MINIMAL_DIST OUT.json
//
// Environment: LOADS (default 5 loads per page and profile), INTERACTIONS
// (default 30 per interaction kind, size and profile), CHROMIUM.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { LAUNCH, pct, query } from './common.mjs';
import { serve } from './serve.mjs';

const LOADS = Math.max(1, Number(process.env.LOADS ?? 5));
const INTERACTIONS = Math.max(30, Number(process.env.INTERACTIONS ?? 30));

const [appDir, minimalDir, outFile] = process.argv.slice(2).map((p) => p && resolve(p));
if (!appDir || !minimalDir || !outFile) {
  console.error('usage: figures.mjs APP_DIST MINIMAL_DIST OUT.json');
  process.exit(2);
}

/** The slow phone: Lighthouse's mobile figures. */
const SLOW = {
  cpu: 4,
  net: { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 },
};


/** Records, from the document's start, when the first field is usable:
 * `#f-ip` in the DOM and, where the page has a script, `body[data-ready]`. */
function usableProbe() {
  const check = () => {
    if (window.__usable !== undefined) return;
    const field = document.querySelector('#f-ip');
    const scripted = document.querySelector('script, link[rel=modulepreload]');
    if (field && (!scripted || document.body?.dataset.ready === '1')) {
      window.__usable = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('DOMContentLoaded', check);
}

/** Collects Event Timing entries (interactions only) from the start. */
function eventProbe() {
  window.__events = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.interactionId) window.__events.push({ id: e.interactionId, start: e.startTime, duration: e.duration });
    }
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 });
}

async function throttle(ctx, page, profile) {
  if (!profile) return;
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  if (profile.net) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', profile.net);
  }
}

const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** One load in a fresh context: ms to usable, and the files fetched before. */
async function load(browser, base, dir, search, profile) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await throttle(ctx, page, profile);
  await page.addInitScript(usableProbe);
  const fetched = [];
  page.on('request', (r) => fetched.push(r));
  await page.goto(base + search, { timeout: 120_000 });
  await page.waitForFunction(() => window.__usable !== undefined, null, { timeout: 120_000, polling: 50 });
  const ms = await page.evaluate(() => window.__usable);
  // The files asked for up to the moment the field was usable (the page's
  // clock), not those the idle prefetch asks for while this test polls.
  const until = await page.evaluate(() => performance.timeOrigin + window.__usable);
  // Every request's timing is there only once its response is: a request
  // still in flight at close (the idle prefetch) has a startTime of -1,
  // which counted as before. So the network goes quiet first.
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  await ctx.close();
  let gzip = 0;
  let brotli = 0;
  const files = [];
  // Each request's start by the browser's own clock (Playwright's timing:
  // epoch ms), so a file asked for before that moment counts however late
  // its event reaches this process.
  for (const f of fetched.filter((r) => r.timing().startTime >= 0 && r.timing().startTime <= until)) {
    const url = f.url();
    const path = decodeURIComponent(new URL(url).pathname);
    if (!url.startsWith(base)) continue;
    const rel = path.endsWith('/') ? path + 'index.html' : path;
    const body = readFileSync(join(dir, rel));
    gzip += gz(body);
    brotli += br(body);
    files.push(basename(rel));
  }
  return { ms, gzip, brotli, files };
}

/** The static page: the app's DOM once ready, with its CSS and no script. */
async function makeStatic(browser, appBase, into) {
  const page = await browser.newPage();
  await page.goto(appBase + query(2));
  await page.waitForFunction(() => document.body.dataset.ready === '1');
  let html = await page.evaluate(() => {
    for (const n of document.querySelectorAll('script, link[rel=modulepreload], link[rel=preload]')) n.remove();
    delete document.body.dataset.ready;
    return '<!doctype html>\n' + document.documentElement.outerHTML;
  });
  await page.close();
  for (const f of readdirSync(appDir).filter((f) => f.endsWith('.css'))) copyFileSync(join(appDir, f), join(into, f));
  html = html.replace(/ integrity="[^"]*"/g, '');
  writeFileSync(join(into, 'index.html'), html);
}


/** The interactions: each returns an async function doing one of them. */
const KINDS = {
  'type in a secondary': async (page) => {
    await page.focus('#f-sec-0');
    await page.keyboard.press('End');
    let odd = false;
    return async () => {
      await page.keyboard.press(odd ? 'Backspace' : '1');
      odd = !odd;
    };
  },
  'switch the method': async (page) => {
    const tabs = await page.locator('[role=tab]').evaluateAll((ts) => ts.map((t) => t.id));
    let i = 0;
    return async () => {
      i = (i + 1) % 2;
      await page.click(`[id="${tabs[i]}"]`);
    };
  },
  'switch the OS': async (page) => {
    await page.focus('#f-os');
    let odd = false;
    return async () => {
      await page.keyboard.press(odd ? 'ArrowUp' : 'ArrowDown');
      odd = !odd;
    };
  },
};

/** Event Timing durations of `INTERACTIONS` interactions of one kind;
 * `undefined` for one under the API's 16 ms threshold (not reported). */
async function interactions(browser, base, n, kind, profile) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.addInitScript(eventProbe);
  await page.goto(base + query(n));
  await page.waitForFunction(() => document.body.dataset.ready === '1');
  if ((await page.locator('.output-side [data-artifact]').count()) === 0) {
    throw new Error(`${n} secondaries: the form has errors, nothing to measure`);
  }
  await throttle(ctx, page, profile && { cpu: profile.cpu });
  const act = await KINDS[kind](page);
  const settle = () =>
    page.evaluate(
      () =>
        new Promise((ok) =>
          requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(() => ok(), { timeout: 3000 }))),
        ),
    );
  const windows = [];
  for (let i = 0; i < INTERACTIONS + 2; i++) {
    const t0 = await page.evaluate(() => performance.now());
    await act();
    await settle();
    if (i >= 2) windows.push([t0, await page.evaluate(() => performance.now())]);
  }
  await page.waitForTimeout(500);
  const events = await page.evaluate(() => window.__events);
  await ctx.close();
  return windows.map(([a, b]) => {
    const ds = events.filter((e) => e.start >= a && e.start < b).map((e) => e.duration);
    return ds.length ? Math.max(...ds) : undefined;
  });
}

/** p50 and p75, an unreported interaction counting as under 16 ms. */
function summary(ds) {
  const xs = ds.map((d) => d ?? 0);
  const show = (v) => (v === 0 ? '<16' : v);
  return { p50: show(pct(xs, 50)), p75: show(pct(xs, 75)), count: ds.length, under16: ds.filter((d) => d === undefined).length };
}

async function lighthouseScores(url) {
  let lighthouse;
  try {
    ({ default: lighthouse } = await import('lighthouse'));
  } catch (e) {
    return { error: `lighthouse is not installed (scripts/setup.sh bench): ${e.message}` };
  }
  const port = 9300 + Math.floor(Math.random() * 500);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? LAUNCH.executablePath,
    headless: true,
    args: [...LAUNCH.args, `--remote-debugging-port=${port}`],
  });
  try {
    const r = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    const c = r.lhr.categories;
    const score = (k) => (c[k]?.score == null ? null : Math.round(c[k].score * 100));
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best-practices': score('best-practices'),
      lighthouse: r.lhr.lighthouseVersion,
      fcp_ms: Math.round(r.lhr.audits['first-contentful-paint']?.numericValue ?? NaN),
      tti_ms: Math.round(r.lhr.audits.interactive?.numericValue ?? NaN),
      tbt_ms: Math.round(r.lhr.audits['total-blocking-time']?.numericValue ?? NaN),
    };
  } finally {
    await browser.close();
  }
}

async function main() {
  const staticDir = mkdtempSync(join(tmpdir(), 'siw-static-'));
  const servers = [];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? LAUNCH.executablePath,
    headless: true,
    args: LAUNCH.args,
  });
  const out = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memory_gib: Math.round(totalmem() / 2 ** 30),
    loads: LOADS,
    interactions: INTERACTIONS,
    pages: {},
    input: [],
  };
  try {
    const app = await serve(appDir, { gzip: true });
    servers.push(app.server);
    await makeStatic(browser, app.base, staticDir);
    const minimal = await serve(minimalDir, { gzip: true });
    const stat = await serve(staticDir, { gzip: true });
    servers.push(minimal.server, stat.server);
    const pages = [
      ['app', app.base, appDir, query(2)],
      // The same page asked for in Chinese: its wording is a chunk of its
      // own, fetched before the page mounts, so it counts as first load.
      ['app in Chinese', app.base, appDir, query(2).replace('&lang=en', '&lang=zh')],
      ['minimal', minimal.base, minimalDir, ''],
      ['static', stat.base, staticDir, ''],
    ];
    for (const [name, base, dir, search] of pages) {
      const fast = [];
      const slow = [];
      let first;
      for (let i = 0; i < LOADS; i++) {
        const f = await load(browser, base, dir, search, null);
        first ??= f;
        fast.push(f.ms);
        slow.push((await load(browser, base, dir, search, SLOW)).ms);
      }
      out.pages[name] = {
        gzip: first.gzip,
        brotli: first.brotli,
        files: first.files,
        usable_ms: { median: pct(fast, 50), min: Math.min(...fast), max: Math.max(...fast) },
        usable_slow_ms: { median: pct(slow, 50), min: Math.min(...slow), max: Math.max(...slow) },
      };
      console.error(`figures: ${name}: ${first.gzip} B gzip, usable ${pct(fast, 50).toFixed(0)} ms, slow phone ${pct(slow, 50).toFixed(0)} ms`);
    }
    for (const profile of [null, SLOW]) {
      for (const n of [1, 10, 49]) {
        for (const kind of Object.keys(KINDS)) {
          const ds = await interactions(browser, app.base, n, kind, profile);
          const row = { kind, secondaries: n, cpu: profile ? `${profile.cpu}x` : '1x', ...summary(ds) };
          out.input.push(row);
          console.error(`figures: ${kind}, ${n} secondaries, CPU ${row.cpu}: p50 ${row.p50} ms, p75 ${row.p75} ms`);
        }
      }
    }
    out.lighthouse = {};
    for (const [name, base, , search] of pages) {
      out.lighthouse[name] = await lighthouseScores(base + search);
      console.error(`figures: lighthouse ${name}: ${JSON.stringify(out.lighthouse[name])}`);
    }
  } finally {
    await browser.close();
    for (const s of servers) s.close();
    rmSync(staticDir, { recursive: true, force: true });
  }
  writeFileSync(outFile, JSON.stringify(out, null, 2) + '\n');
}

main().catch((e) => {
  console.error(`figures: ${e.stack ?? e}`);
  process.exit(1);
});

// Where a keystroke's main-thread time goes (issue 19, input latency): a
// DevTools trace of typing in a secondary, with 49 secondaries, at 4× CPU.
// The Event Timing figures of figures.mjs come in 8 ms steps; this prints
// finer ones, to compare two builds one after the other:
//
//   node tests/e2e/bench/frames.mjs DIST [DIST...]
//
// For each build, over KEYS keystrokes (default 30, 400 ms apart):
//   first frame   keydown -> the end of the next frame's layerize step, the
//                 part of input -> next paint that the page spends (p50, p75)
//   its paint     that frame's paint step alone (p50)
//   per keystroke the trace events' time summed over all of a keystroke's
//                 frames (the outputs and the picture follow in later ones):
//                 input handler, style, layout, pre-paint, paint, layerize,
//                 timers (the deferred outputs)
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { LAUNCH, pct, query } from './common.mjs';
import { serve } from './serve.mjs';

const KEYS = Math.max(10, Number(process.env.KEYS ?? 30));
const SUMMED = {
  'EventDispatch:input': 'input handler',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'pre-paint',
  Paint: 'paint',
  Layerize: 'layerize',
  TimerFire: 'timers',
};

const dirs = process.argv.slice(2).map((d) => resolve(d));
if (dirs.length === 0) {
  console.error('usage: frames.mjs DIST [DIST...]');
  process.exit(2);
}

/** A percentile of the measured values (a keystroke with no frame after it has none), in ms. */
const shown = (xs, p) => {
  const ok = xs.filter((x) => !Number.isNaN(x));
  return ok.length ? pct(ok, p).toFixed(1) : '-';
};

async function measure(browser, dir) {
  const { server, base } = await serve(dir);
  try {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(base + query(49));
    await page.waitForFunction(() => document.body.dataset.ready === '1');
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.focus('#f-sec-0');
    await page.keyboard.press('End');
    await page.waitForTimeout(1500);
    await browser.startTracing(page, { categories: ['devtools.timeline'] });
    for (let i = 0; i < KEYS; i++) {
      // Each keystroke keeps the address valid (10.0.1.11 <-> 10.0.1.111).
      await page.keyboard.press(i % 2 ? 'Backspace' : '1');
      await page.waitForTimeout(400);
    }
    const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    await ctx.close();
    const main = trace.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
    const events = trace.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid);
    const name = (e) => (e.name === 'EventDispatch' ? `EventDispatch:${e.args?.data?.type ?? ''}` : e.name);
    const keydowns = events.filter((e) => name(e) === 'EventDispatch:keydown').map((e) => e.ts);
    const after = (n, t) => events.find((e) => e.name === n && e.ts > t);
    const first = keydowns.map((t) => {
      const l = after('Layerize', t);
      return l ? (l.ts + l.dur - t) / 1000 : NaN;
    });
    const paint = keydowns.map((t) => (after('Paint', t)?.dur ?? NaN) / 1000);
    const sums = Object.fromEntries(Object.values(SUMMED).map((k) => [k, 0]));
    // Paint events nest (a frame's and its layers'): only the outer ones count.
    let paintEnd = 0;
    for (const e of events) {
      const k = SUMMED[name(e)];
      if (!k) continue;
      if (e.name === 'Paint') {
        if (e.ts < paintEnd) continue;
        paintEnd = e.ts + e.dur;
      }
      sums[k] += e.dur / 1000 / keydowns.length;
    }
    const per = Object.entries(sums).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
    console.log(`${dir}: first frame p50 ${shown(first, 50)} p75 ${shown(first, 75)} ms, its paint p50 ${shown(paint, 50)} ms; per keystroke (ms): ${per}`);
  } finally {
    server.close();
  }
}

const browser = await chromium.launch(LAUNCH);
try {
  for (const dir of dirs) await measure(browser, dir);
} finally {
  await browser.close();
}

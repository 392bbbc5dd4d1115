// What the browser benchmarks share: Chromium's launch options and the
// form every figure is taken on, so that builds measured by different
// scripts are measured on the same page.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Chromium's path and flags, shared with tests/e2e/playwright.config.ts. */
export const LAUNCH = JSON.parse(readFileSync(join(here, '../support/chromium.json'), 'utf8'));

/** The form of every figure: eth0 in 10.0.0.0/16 with `n` secondaries on
 * an instance type whose ENIs take 49 (InUse, ecs.g9ae.48xlarge). */
export function query(n) {
  const secs = Array.from({ length: n }, (_, i) => `10.0.1.${i + 11}`).join(',');
  return `?os=ubuntu22&cidr=10.0.0.0/16&gw=10.0.255.253&ip=10.0.1.10&sec=${secs}&state=inuse&type=ecs.g9ae.48xlarge&lang=en`;
}

/** The `p`th percentile (0-100) of `xs`, nearest rank. */
export function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

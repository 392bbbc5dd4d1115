// Screenshots of the main states (desktop, 360 px, dark, errors; English and
// Chinese), saved as
// test artifacts (target/e2e-results/...) to be looked at; also checks that
// nothing overflows the viewport horizontally at any of those widths.
import { test, expect, openApp, openDeliveries } from '../support/fixtures';

const GUIDE = '?cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,192.168.1.203&type=ecs.g7.large';
const BROKEN = '?cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,10.0.0.5';
const BIG = '?os=win2022&cidr=10.0.0.0/16&gw=10.0.255.253&ip=10.0.3.4&sec=10.0.3.5,10.0.200.1';
const ENI = '?os=ubuntu22&eni=secondary&if=eth1&cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.210&sec=192.168.1.211&type=ecs.g7.large';
// A dual-stack secondary ENI on SLES 15: wicked's IPv6 routing (its post-up script) and its notes.
const ENI6 = '?os=sles15&eni=secondary&if=eth1&cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.210&sec=192.168.1.211&cidr6=2001:db8:64:a::/64&ip6=2001:db8:64:a::10&sec6=2001:db8:64:a::11,2001:db8:64:a::12';
// The same on Alpine: ifupdown-ng's IPv6 routing (its post-up line) and its note.
const ENI6_ALPINE = ENI6.replace('os=sles15', 'os=alpine');

const STATES = [
  { name: 'desktop-1280', width: 1280, scheme: 'light', query: GUIDE },
  { name: 'desktop-1920', width: 1920, scheme: 'light', query: BIG },
  { name: 'mobile-360', width: 360, scheme: 'light', query: GUIDE },
  { name: 'mobile-360-errors', width: 360, scheme: 'light', query: BROKEN },
  { name: 'dark-1280', width: 1280, scheme: 'dark', query: GUIDE },
  { name: 'dark-1280-errors', width: 1280, scheme: 'dark', query: BROKEN },
  // The same page in Chinese (issue 16): the layout holds in both languages.
  { name: 'zh-desktop-1280', width: 1280, scheme: 'light', query: `${GUIDE}&lang=zh` },
  { name: 'zh-mobile-360', width: 360, scheme: 'light', query: `${GUIDE}&lang=zh` },
  { name: 'zh-mobile-360-errors', width: 360, scheme: 'light', query: `${BROKEN}&lang=zh` },
  { name: 'zh-dark-1280-eni', width: 1280, scheme: 'dark', query: `${ENI}&lang=zh` },
  { name: 'zh-desktop-1920-windows', width: 1920, scheme: 'light', query: `${BIG}&lang=zh` },
  { name: 'en-mobile-360-eni', width: 360, scheme: 'light', query: `${ENI}&lang=en` },
  { name: 'en-desktop-1280-eni-ipv6', width: 1280, scheme: 'light', query: `${ENI6}&lang=en` },
  { name: 'zh-mobile-360-eni-ipv6', width: 360, scheme: 'light', query: `${ENI6}&lang=zh` },
  { name: 'en-desktop-1280-eni-ipv6-alpine', width: 1280, scheme: 'light', query: `${ENI6_ALPINE}&lang=en` },
  { name: 'zh-mobile-360-eni-ipv6-alpine', width: 360, scheme: 'light', query: `${ENI6_ALPINE}&lang=zh` },
] as const;

for (const s of STATES) {
  test(`screenshot: ${s.name}`, async ({ page }, info) => {
    await page.setViewportSize({ width: s.width, height: 900 });
    await page.emulateMedia({ colorScheme: s.scheme });
    await openApp(page, s.query);
    // With the delivery steps' long Base64 lines too.
    await openDeliveries(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
    const path = info.outputPath(`${s.name}.png`);
    // An artifact off screen is not painted (content-visibility: auto), and
    // a full-page screenshot does not bring it on screen: each is shown as
    // it is when scrolled to (set through the CSSOM, which the page's CSP
    // allows, unlike a style element).
    await page.evaluate(() => {
      for (const a of document.querySelectorAll<HTMLElement>('.artifact')) a.style.contentVisibility = 'visible';
    });
    await page.screenshot({ path, fullPage: true });
    await info.attach(s.name, { path, contentType: 'image/png' });
  });
}

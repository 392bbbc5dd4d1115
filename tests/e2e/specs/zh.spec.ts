// Issue 16: the whole wizard in Simplified Chinese. With lang=zh: the guide's
// journey, the secondary-ENI case, an error journey and the pre-fill journey,
// each without an English sentence outside code, artifact content and
// product names; axe-core on the Chinese states; the language switch, the
// stored choice, the browser's languages and the link parameter; the method
// tab in the link; Copy as Markdown.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openApp, artifact, openDeliveries } from '../support/fixtures';
import { BASE_URL } from '../support/server';

const GUIDE = 'cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,192.168.1.203&type=ecs.g7.large';
const ENI =
  'os=ubuntu22&eni=secondary&if=eth1&cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.210&sec=192.168.1.211' +
  '&type=ecs.g7.large&region=cn-hangzhou&eniid=eni-bp1secondary000001';
const BROKEN = 'cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,10.0.0.5&mac=zz&region=Hangzhou';
const PRINTED =
  'os=ubuntu22&if=eth0&mac=00:16:3e:12:34:56&cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201' +
  '&sec=192.168.1.202,192.168.1.203&dns=100.100.2.136,100.100.2.138&region=cn-hangzhou&eniid=eni-bp1a2b3c4d5e6f7g8h9i';

/** The `a.b.c.d/p` addresses listed in a netplan file, in order. */
function addressesIn(text: string): string[] {
  return [...text.matchAll(/^\s+- (\d+\.\d+\.\d+\.\d+\/\d+)$/gm)].map((m) => m[1]);
}

/**
 * Every run of three or more lowercase English words the reader sees in a
 * Chinese page, outside code, artifact content and the English switch
 * button: each text node and each accessible name on its own.
 */
async function englishSentences(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = 'code, pre, [data-artifact], [lang="en"]:not(html), script, style';
    const word = /^[a-z]+(?:['-][a-z]+)*$/;
    const runs: string[] = [];
    const check = (text: string, where: string) => {
      for (const chunk of text.split(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/)) {
        let run: string[] = [];
        const flush = () => {
          if (run.length >= 3) runs.push(`${where}: "${run.join(' ')}" in "${text.trim()}"`);
          run = [];
        };
        for (const token of chunk.split(/\s+/)) {
          const t = token.replace(/^[\p{P}]+|[\p{P}]+$/gu, '');
          if (t && word.test(t)) run.push(t);
          else flush();
        }
        flush();
      }
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest(skip)) continue;
      check(n.textContent ?? '', parent.tagName.toLowerCase());
    }
    for (const el of document.querySelectorAll('[aria-label], [title]')) {
      if (el.closest(skip)) continue;
      check(el.getAttribute('aria-label') ?? '', `${el.tagName.toLowerCase()}[aria-label]`);
      check(el.getAttribute('title') ?? '', `${el.tagName.toLowerCase()}[title]`);
    }
    check(document.title, 'title');
    return runs;
  });
}

/** Opens the collapsed panels and the delivery steps, so their text is seen too. */
async function openPanels(page: Page): Promise<void> {
  for (const id of ['prefill', 'advanced']) {
    await page.locator(`details#${id}`).evaluate((d) => d.setAttribute('open', ''));
  }
  await page.locator('details.tools').evaluate((d) => d.setAttribute('open', ''));
  await openDeliveries(page);
}

/** The serious and critical axe-core violations, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
}

test('the guide example typed in, in Chinese, gives the netplan file with exactly the planned addresses', async ({ page }) => {
  await openApp(page, '?lang=zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle('辅助私网 IP 配置向导：阿里云 ECS 弹性网卡');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('辅助私网 IP 配置向导');
  await page.getByRole('button', { name: '重置' }).click();
  await expect(page.locator('.output-side [data-artifact]')).toHaveCount(0);
  await expect(page.locator('.outputs .placeholder')).toHaveText('修正上面列出的所有问题后，配置会显示在这里。');

  await page.getByLabel('交换机网段或掩码').fill('192.168.1.0/24');
  await expect(page.getByLabel('网关', { exact: true })).toHaveValue('192.168.1.253');
  await page.getByLabel('主私网 IP', { exact: true }).fill('192.168.1.201');
  await page.getByLabel('辅助私网 IP 1', { exact: true }).fill('192.168.1.202');
  await page.getByRole('button', { name: '+ 添加地址' }).click();
  await page.getByLabel('辅助私网 IP 2', { exact: true }).fill('192.168.1.203');

  const netplan = artifact(page, 'netplan.configure.file');
  await expect(netplan).toHaveAttribute('data-path', '/etc/netplan/60-secondary-ips.yaml');
  expect(addressesIn((await netplan.textContent()) ?? '')).toEqual(['192.168.1.202/24', '192.168.1.203/24']);
  // The file itself stays ASCII English.
  expect(await netplan.textContent()).toContain('# Secondary private IPs for eth0');

  await page.getByRole('radio', { name: /全部静态/ }).check();
  await expect(netplan).toContainText('via: 192.168.1.253');
  expect(addressesIn((await netplan.textContent()) ?? '')).toEqual(['192.168.1.201/24', '192.168.1.202/24', '192.168.1.203/24']);
  await expect(page.locator('.artifact', { has: netplan })).toContainText('权限 0600');

  // The steps and the console's own menus, in Chinese.
  const steps = page.locator('.steps > li h3');
  await expect(steps).toHaveText(['在云上分配地址', '配置操作系统', '使配置生效', '验证', '撤销', '一键脚本', '或通过云助手运行', '或在创建时配置：新实例首次启动时自行完成配置']);
  const console = artifact(page, 'assign.console');
  await expect(console).toContainText('网络与安全 > 弹性网卡');
  await expect(console).toContainText('管理弹性网卡 IP 地址');
  await expect(console).toContainText('增加');
  await expect(console).toContainText('手动输入');
  await expect(console).toContainText('单击确定');
  // The documentation links go to the Chinese documentation.
  const docs = page.locator('[data-step="assign"] .doc-links a');
  await expect(docs.first()).toHaveAttribute('href', /^https:\/\/help\.aliyun\.com\/zh\/ecs\//);

  await openPanels(page);
  expect(await englishSentences(page)).toEqual([]);
});

test('the secondary-ENI case in Chinese: its own routing table, explained without an English sentence', async ({ page }) => {
  await openApp(page, `?lang=zh&${ENI}`);
  await expect(page.locator('.summary-box.error')).toHaveCount(0);
  await expect(page.getByRole('radio', { name: /辅助弹性网卡/ })).toBeChecked();
  await expect(page.locator('[data-step="assign"]')).toContainText('这是一块辅助弹性网卡');
  await expect(page.locator('.rendering')).toContainText('路由表 1001');
  await expect(artifact(page, 'netplan.configure.file')).toContainText('table: 1001');
  await openPanels(page);
  expect(await englishSentences(page)).toEqual([]);
  for (const tab of await page.getByRole('tab').all()) {
    await tab.click();
    expect(await englishSentences(page)).toEqual([]);
  }
});

test('an error in Chinese: the sentence sits next to its field, and fixing it brings the outputs back', async ({ page }) => {
  await openApp(page, `?lang=zh&${GUIDE}`);
  const second = page.getByLabel('辅助私网 IP 2', { exact: true });
  await second.fill('10.0.0.5');
  const error = page.locator('[data-error-for="sec"]');
  await expect(error).toHaveText(/10\.0\.0\.5 不在交换机网段 192\.168\.1\.0\/24 内。$/);
  await expect(second).toHaveAttribute('aria-invalid', 'true');
  await expect(second).toHaveAccessibleDescription(/不在交换机网段/);
  await expect(page.getByRole('status')).toContainText('还有 1 个问题需要修正');
  await expect(page.locator('.output-side [data-artifact]')).toHaveCount(0);
  await expect(page.getByText('不在此范围内（未画出）：10.0.0.5。')).toBeVisible();
  // The address is one unbreakable piece of the sentence.
  await expect(error.locator('.addr').first()).toHaveText('10.0.0.5');
  await openPanels(page);
  expect(await englishSentences(page)).toEqual([]);

  await second.fill('192.168.1.204');
  await expect(error).toHaveCount(0);
  await expect(artifact(page, 'netplan.configure.file')).toContainText('192.168.1.204/24');
});

test('a bad link in Chinese: field errors and the unknown parameter, in Chinese', async ({ page }) => {
  await openApp(page, `?lang=zh&${BROKEN}&zz=1`);
  await expect(page.locator('[data-error-for="mac"]')).toContainText('“zz”不是 MAC 地址');
  await expect(page.locator('[data-error-for="region"]')).toContainText('“Hangzhou”不是地域 ID');
  await expect(page.locator('[data-warning-for="zz"]')).toContainText('无法识别的链接参数“zz”：已忽略。');
  expect(await englishSentences(page)).toEqual([]);
});

test('the pre-fill journey in Chinese: the printed link opens the form filled in, and the commands print a Chinese link', async ({ page }) => {
  await openApp(page, `?lang=zh`);
  const panel = page.locator('details#prefill');
  await panel.locator('summary').click();
  const linux = (await artifact(page, 'prefill.linux').textContent()) ?? '';
  expect(linux).toContain(' l="lang=zh"; ');
  expect(linux.trimEnd().endsWith(` sh ${BASE_URL}`)).toBe(true);
  await expect(artifact(page, 'prefill.powershell')).toContainText("(@('lang=zh') + @($q | Where-Object { $_ }) -join '&')");
  await expect(panel).toContainText('云助手');

  // What the command prints on the instance: the page's language first.
  await openApp(page, `?lang=zh&${PRINTED}`);
  await expect(page.locator('#f-ip')).toHaveValue('192.168.1.201');
  await expect(page.locator('#f-sec-1')).toHaveValue('192.168.1.203');
  await expect(page.locator('#f-region')).toHaveValue('cn-hangzhou');
  await expect(page.locator('.summary-box.error')).toHaveCount(0);
  await expect(artifact(page, 'assign.aliyun')).toContainText('--NetworkInterfaceId eni-bp1a2b3c4d5e6f7g8h9i');
  await expect(artifact(page, 'assign.console')).toContainText('在顶部菜单栏选择地域 cn-hangzhou');
  await openPanels(page);
  expect(await englishSentences(page)).toEqual([]);
});

test('the English page has English sentences (the check can fail)', async ({ page }) => {
  await openApp(page, `?lang=en&${GUIDE}`);
  expect((await englishSentences(page)).length).toBeGreaterThan(10);
});

const AXE_STATES = [
  { name: 'guide example', width: 1280, scheme: 'light', query: GUIDE },
  { name: 'errors', width: 1280, scheme: 'light', query: BROKEN },
  { name: 'secondary ENI, dark', width: 1280, scheme: 'dark', query: ENI },
  { name: '360 px, guide example', width: 360, scheme: 'light', query: GUIDE },
  { name: '360 px, errors', width: 360, scheme: 'light', query: BROKEN },
] as const;

for (const s of AXE_STATES) {
  test(`axe in Chinese: ${s.name}`, async ({ page }) => {
    await page.setViewportSize({ width: s.width, height: 900 });
    await page.emulateMedia({ colorScheme: s.scheme });
    await openApp(page, `?lang=zh&${s.query}`);
    await openPanels(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('axe in Chinese: every method tab of three OSes', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, `?lang=zh&${GUIDE}`);
  const found: string[] = [];
  for (const [os, tabs] of [
    ['ubuntu22', 2],
    ['centos7', 3],
    ['win2022', 2],
  ] as const) {
    await page.getByLabel('操作系统').selectOption(os);
    await expect(page.getByRole('tab')).toHaveCount(tabs);
    for (const tab of await page.getByRole('tab').all()) {
      await tab.click();
      found.push(...(await seriousViolations(page)));
      found.push(...(await englishSentences(page)));
    }
  }
  expect([...new Set(found)]).toEqual([]);
});

test('the switch loads the page in the other language, keeps the form, and is remembered', async ({ page }) => {
  await openApp(page, `?${GUIDE}`);
  // Playwright's browser speaks en-US: English.
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Primary IP', { exact: true }).fill('192.168.1.77');
  const zh = page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' });
  await expect(zh).toHaveAttribute('aria-pressed', 'false');
  await zh.click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByLabel('主私网 IP', { exact: true })).toHaveValue('192.168.1.77');
  const pressed = page.getByRole('group', { name: '语言' }).getByRole('button', { name: '中文' });
  await expect(pressed).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/lang=zh/);
  await expect(page).toHaveTitle(/辅助私网 IP 配置向导/);

  // Reloaded: the link says zh. The bare page: the stored choice says zh.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await openApp(page);
  await expect(page.getByLabel('主私网 IP', { exact: true })).toHaveValue('192.168.1.77');
  // A link's lang wins over the stored choice.
  await openApp(page, '?lang=en');
  await expect(page.getByLabel('Primary IP', { exact: true })).toBeVisible();
  // Back to English with the switch: stored too.
  await openApp(page, '?lang=zh');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await openApp(page);
  await expect(page.getByLabel('Primary IP', { exact: true })).toBeVisible();
});

test('in embed mode the switch is in the toolbar', async ({ page }) => {
  await openApp(page, `?embed=1&lang=zh&${GUIDE}`);
  await expect(page.getByRole('banner')).toHaveCount(0);
  await page.locator('.toolbar').getByRole('button', { name: 'English' }).click();
  await expect(page.getByLabel('Primary IP', { exact: true })).toHaveValue('192.168.1.201');
  await expect(page).toHaveURL(/embed=1/);
  await expect(page).toHaveURL(/lang=en/);
});

for (const [locale, lang] of [
  ['zh-CN', 'zh-CN'],
  ['zh-TW', 'zh-CN'],
  ['zh-HK', 'zh-CN'],
  ['fr-FR', 'en'],
] as const) {
  test(`a browser speaking ${locale} gets the page in ${lang}`, async ({ browser }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(BASE_URL);
    await expect(page.locator('body')).toHaveAttribute('data-ready', '1');
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page).toHaveURL(new RegExp(`lang=${lang === 'en' ? 'en' : 'zh'}`));
    // The link's lang wins over the browser's.
    await page.goto(`${BASE_URL}?lang=${lang === 'en' ? 'zh' : 'en'}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang === 'en' ? 'zh-CN' : 'en');
    await context.close();
  });
}

test('the link carries the method tab, left out for the OS first method', async ({ page, browser }) => {
  await openApp(page, `?os=centos7&method=ifcfg&lang=zh&${GUIDE}`);
  await expect(page.getByRole('tab', { name: /ifcfg（IPADDRn）/ })).toHaveAttribute('aria-selected', 'true');
  await expect(artifact(page, 'ifcfg.configure.file').first()).toBeVisible();
  await page.getByRole('tab', { name: /ifcfg 别名文件/ }).click();
  await expect(page).not.toHaveURL(/method=/);
  await page.getByRole('tab', { name: /ip addr/ }).click();
  await expect(page).toHaveURL(/method=runtime/);
  const link = page.url();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.locator('body')).toHaveAttribute('data-ready', '1');
  await expect(other.getByRole('tab', { name: /ip addr/ })).toHaveAttribute('aria-selected', 'true');
  await expect(other.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await fresh.close();
});

test('Copy as Markdown copies the chosen method whole, in the page language', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, `?lang=zh&${GUIDE}`);
  const button = page.getByRole('button', { name: '复制为 Markdown' });
  await button.click();
  await expect(page.getByRole('button', { name: 'Markdown 已复制 ✓' })).toBeVisible();
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md.startsWith('# 辅助私网 IP：Ubuntu 22.04，netplan\n')).toBe(true);
  expect(md).toContain('## 1. 在云上分配地址');
  expect(md).toContain('\n```yaml\n');
  expect(md).toContain(`表单：<${page.url()}>`);
  expect(md).toContain(await artifact(page, 'netplan.configure.file').textContent());
  // Whole: the Cloud Assistant and at-launch blocks too, though their
  // steps are closed (the page has not built them) ...
  await expect(artifact(page, 'netplan.launch.user-data')).toHaveCount(0);
  expect(md).toContain('## 7. 或通过云助手运行');
  expect(md).toContain('## 8. 或在创建时配置：新实例首次启动时自行完成配置');
  // ... and the same as the page shows once they are opened.
  await openDeliveries(page);
  expect(md).toContain(await artifact(page, 'netplan.assistant.run').textContent());
  expect(md).toContain(await artifact(page, 'netplan.launch.user-data').textContent());
  expect(md).toContain('https://help.aliyun.com/zh/ecs/');

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('tab', { name: /ip addr/ }).click();
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  const en = await page.evaluate(() => navigator.clipboard.readText());
  expect(en.startsWith('# Secondary private IPs: Ubuntu 22.04, ip addr (until reboot)\n')).toBe(true);
  expect(en).toContain('https://www.alibabacloud.com/help/en/ecs/');
});

#!/usr/bin/env node
// Screenshots of every page at desktop (1440×900) and phone (375×812) size,
// for review and for CI artifacts. It signs in through the real login form,
// opens each page and the main dialogs, and reports horizontal overflow,
// browser errors and any Latin-letter words visible to users.
//
//   BASE_URL=http://127.0.0.1:3000 LOGIN=admin PASSWORD=... node tests/e2e/screenshots.mjs
//
// Env: BASE_URL (default http://127.0.0.1:3000), LOGIN / PASSWORD (an admin or
// office account; default admin / $ADMIN_PASSWORD), PHONE_LOGIN / PHONE_PASSWORD
// (optional second account for the phone run, e.g. a street chief),
// OUT_DIR (default tests/artifacts/screenshots), CHROMIUM (default /usr/bin/chromium).
// Exit code 1 when a page overflows horizontally or the sign-in fails.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '../..');
const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:3000').replace(/\/$/, '');
const LOGIN = process.env.LOGIN || 'admin';
const PASSWORD = process.env.PASSWORD || process.env.ADMIN_PASSWORD || '';
const OUT = path.resolve(process.env.OUT_DIR || path.join(root, 'tests/artifacts/screenshots'));
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

if (!PASSWORD) {
  console.error('请设置 PASSWORD（或 ADMIN_PASSWORD）环境变量');
  process.exit(2);
}
fs.mkdirSync(OUT, { recursive: true });

const problems = [];

async function settle(page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  // Let antd animations (modals, drawers, tabs) finish.
  await page.waitForTimeout(450);
}

async function check(page, name) {
  const r = await page.evaluate(() => {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    // Latin words in visible text (identifiers leaking into the UI); ignore code-like values.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const words = new Set();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('.mono, script, style, .ant-typography-copy') || !el.offsetParent) continue;
      for (const w of n.textContent.match(/[A-Za-z]{3,}/g) ?? []) words.add(w);
    }
    return { overflow, words: [...words] };
  });
  const allowed = new Set(['Excel', 'xlsx', 'Windows', 'Chrome', 'Linux', 'Edge', 'Safari', 'Firefox', 'admin', 'Leaflet']);
  const words = r.words.filter((w) => !allowed.has(w));
  if (r.overflow > 0) problems.push(`${name}: 横向溢出 ${r.overflow}px`);
  if (words.length) problems.push(`${name}: 可见英文 ${words.slice(0, 8).join(', ')}`);
}

async function shot(page, name) {
  await settle(page);
  await check(page, name);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
  console.log(`  ${name}.png`);
}

async function signIn(page, login, password) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel('手机号或用户名').fill(login);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  try {
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
  } catch {
    const why = await page
      .locator('.ant-alert')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(`${login} 登录失败${why.length ? `：${why.join(' ')}` : ''}`);
  }
}

async function openDialog(page, buttonName, name) {
  const btn = page.getByRole('button', { name: buttonName }).first();
  if (!(await btn.count()) || !(await btn.isVisible())) return;
  await btn.click();
  await page
    .getByRole('dialog')
    .first()
    .waitFor({ timeout: 5000 })
    .catch(() => {});
  await shot(page, name);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
}

async function run(browser, device, viewport, login, password) {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(device === 'phone' ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${device}: 页面错误 ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${device}: 控制台错误 ${m.text().slice(0, 200)}`);
  });
  console.log(`${device} ${viewport.width}×${viewport.height}（${login}）`);

  await page.goto(`${BASE_URL}/login`);
  await shot(page, `${device}-login`);
  await signIn(page, login, password);
  if (await page.getByText('请先修改密码').count()) {
    await shot(page, `${device}-change-password`);
    throw new Error(`${login} 须先修改初始密码，请换一个已改过密码的账号`);
  }
  await shot(page, `${device}-home`);
  if (device === 'phone') {
    await page.getByRole('button', { name: '打开菜单' }).click();
    await shot(page, `${device}-menu`);
    await page.keyboard.press('Escape');
  }

  const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
  const can = me.can ?? {};

  if (can['region.read']) {
    await page.goto(`${BASE_URL}/regions`);
    await shot(page, `${device}-regions`);
    // First community of the tree: its tabs and the add forms.
    const tree = await page.evaluate(() => fetch('/api/regions/tree').then((r) => r.json()));
    const flat = [];
    const walk = (ns) =>
      ns.forEach((n) => {
        flat.push(n);
        walk(n.children);
      });
    walk(tree.items ?? []);
    const community = flat.find((n) => n.level === 'community');
    if (community) {
      await page.goto(`${BASE_URL}/regions?code=${community.code}`);
      await shot(page, `${device}-regions-grids`);
      for (const [tab, key] of [
        ['街巷', 'streets'],
        ['点位', 'points'],
      ]) {
        await page.getByRole('tab', { name: tab }).click();
        await shot(page, `${device}-regions-${key}`);
      }
      await openDialog(page, '新增点位', `${device}-regions-point-form`);
    }
  }
  if (can['unit.read']) {
    await page.goto(`${BASE_URL}/units`);
    await shot(page, `${device}-units`);
    await openDialog(page, '新增单位', `${device}-units-form`);
  }
  if (can['person.read']) {
    await page.goto(`${BASE_URL}/people`);
    await shot(page, `${device}-people`);
    await openDialog(page, '新增人员', `${device}-people-form`);
    await openDialog(page, '批量导入', `${device}-people-import`);
  }
  await page.goto(`${BASE_URL}/profile`);
  await shot(page, `${device}-profile`);
  if (can['audit.read']) {
    await page.goto(`${BASE_URL}/audit`);
    await shot(page, `${device}-audit`);
    const verify = page.getByRole('button', { name: '校验哈希链' });
    await verify.click();
    await shot(page, `${device}-audit-verify`);
  }
  await context.close();
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
let failed = false;
try {
  await run(browser, 'desktop', { width: 1440, height: 900 }, LOGIN, PASSWORD);
  await run(browser, 'phone', { width: 375, height: 812 }, process.env.PHONE_LOGIN || LOGIN, process.env.PHONE_PASSWORD || PASSWORD);
} catch (e) {
  console.error(`截图失败：${e.message}`);
  failed = true;
} finally {
  await browser.close();
}
if (problems.length) {
  console.log('\n发现的问题：');
  for (const p of problems) console.log(`  - ${p}`);
}
console.log(`\n截图保存在 ${path.relative(process.cwd(), OUT) || OUT}`);
process.exit(failed || problems.some((p) => p.includes('横向溢出')) ? 1 : 0);

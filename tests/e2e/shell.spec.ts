// The desk frame's parts that load only when needed, so the desk's first download stays small
// (web.desk_initial_js_kb): the narrow screen's menu drawer and the one-time password page.
// Each must still work when its code arrives after the first render. And the build under test keeps each app's first
// download within the issues' budgets (a size, not a timing).
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { INITIAL_JS_BUDGET_KB, initialJsKb } from '../../bench/sections/web.ts';
import type { Me } from '../../domain/api/auth.ts';
import { apiJson, session, submitLogin } from './helpers.ts';

test('on a narrow screen the hamburger opens the menu, and an entry goes to its page and closes it', async ({ browser }) => {
  const { ctx, page } = await session(browser, 'office', { phone: true });
  await page.getByRole('button', { name: '打开菜单' }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('link', { name: '首页' })).toBeVisible();
  await drawer.getByRole('link', { name: '待办' }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(drawer).toBeHidden();
  await ctx.close();
});

test('a person signing in with a one-time password sets a new one first, then reaches the desk', async ({ browser }) => {
  const office = await session(browser, 'office');
  const me = await apiJson<Me>(office.page, 'GET', '/api/me');
  const phone = '13859799902';
  const created = await apiJson<{ initialPassword: string }>(office.page, 'POST', '/api/people', {
    name: '首登测试',
    phone,
    regionCode: me.user.regionCode,
    roles: [],
  });
  await office.ctx.close();

  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await submitLogin(page, phone, created.initialPassword);
  await expect(page.getByText('请先修改密码')).toBeVisible();
  await page.getByLabel('当前密码').fill(created.initialPassword);
  await page.getByLabel('新密码', { exact: true }).fill('Fresh2026pw');
  await page.getByLabel('确认新密码').fill('Fresh2026pw');
  await page.getByRole('button', { name: '保存新密码并继续' }).click();
  await expect(page.locator('.ant-layout-sider').getByRole('link', { name: '首页' })).toBeVisible();
  await expect(page.getByText('请先修改密码')).toBeHidden();
  await ctx.close();
});

test('the first download of the desk, the phone app and the 大屏 stays within its budget, without antd on the phone or ECharts on the desk home', () => {
  const dist = process.env.E2E_WEB_DIST ?? path.resolve(import.meta.dirname, '../../dist/web');
  const kb = initialJsKb(dist); // throws when a split is broken
  expect(kb.desk, `desk ${kb.desk} KB`).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB.desk);
  expect(kb.mobile, `/m ${kb.mobile} KB`).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB.mobile);
  expect(kb.screen, `/screen ${kb.screen} KB`).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB.screen);
});

// The foundation's promise to a newcomer: sign in as admin, add a street
// under a community, see it listed, sign out. Screenshots of every page are
// kept in tests/artifacts/screenshots/.
import { expect, test } from '@playwright/test';
import { shot, submitLogin } from './helpers.ts';

test('admin adds a street under a community, sees it listed, signs out', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  await shot(page, 'desktop-login');

  await submitLogin(page, 'admin', process.env.E2E_ADMIN_PASSWORD!);
  await expect(page.getByText('系统管理员').first()).toBeVisible();
  await shot(page, 'desktop-home');

  await page.goto('/regions');
  // The demo town: 长汀县汀州镇, with its real communities.
  await page.getByText('水东街社区居民委员会').first().click();
  await page.getByRole('tab', { name: /街巷/ }).click();
  const streetName = `测试巷${Date.now() % 100000}`;
  await page.getByRole('button', { name: '新增街巷' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称').fill(streetName);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(streetName)).toBeVisible();
  await shot(page, 'desktop-regions-streets');

  // Still there after a reload: it was saved on the server.
  await page.reload();
  await page.getByText('水东街社区居民委员会').first().click();
  await page.getByRole('tab', { name: /街巷/ }).click();
  await expect(page.getByText(streetName)).toBeVisible();

  for (const [url, name] of [
    ['/units', 'units'],
    ['/people', 'people'],
    ['/profile', 'profile'],
    ['/audit', 'audit'],
  ] as const) {
    await page.goto(url);
    await shot(page, `desktop-${name}`);
  }

  await page.goto('/profile');
  await page
    .getByRole('button', { name: /退出登录/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/people');
  await expect(page).toHaveURL(/\/login/);
});

test('a street chief on a phone sees a usable page without horizontal overflow', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await submitLogin(page, 'chief', 'Demo@2026');
  await expect(page).not.toHaveURL(/\/login/);
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, 'phone-home');
  await page.goto('/regions');
  await shot(page, 'phone-regions');
  await page.goto('/profile');
  await shot(page, 'phone-profile');
  await context.close();
});

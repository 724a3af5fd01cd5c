// What every end-to-end spec needs: the demo password, the two screen sizes,
// screenshots into tests/artifacts/screenshots/, signing in through the real
// login page, JSON calls on a signed-in context, and a workflow-button helper.
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

export const SHOTS = path.resolve(import.meta.dirname, '../artifacts/screenshots');
fs.mkdirSync(SHOTS, { recursive: true });

export const DEMO_PASSWORD = 'Demo@2026';
export const PHONE = {
  viewport: { width: 375, height: 812 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};
export const DESKTOP = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

/** A full-page screenshot once the network is idle (`settleMs` more for animations). */
/** Screenshot a page once its requests are done; a page holding a live stream (the 大屏's server-sent events) never goes network-idle, so it passes `live`. */
export async function shot(page: Page, name: string, settleMs = 0, live = false) {
  if (!live) await page.waitForLoadState('networkidle');
  if (settleMs) await page.waitForTimeout(settleMs);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Fill and send the login form (no check of the outcome). */
export async function submitLogin(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('手机号或用户名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Sign in and wait until the app has left the login page. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await submitLogin(page, login, password);
  await expect(page).not.toHaveURL(/\/login/);
  await page.waitForLoadState('networkidle');
}

/** A new browser context (desk or phone size) signed in as `login`. */
export async function session(
  browser: Browser,
  login: string,
  opts: { phone?: boolean; password?: string; acceptDownloads?: boolean } = {},
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ ...(opts.phone ? PHONE : DESKTOP), ...(opts.acceptDownloads ? { acceptDownloads: true } : {}) });
  const page = await ctx.newPage();
  await signIn(page, login, opts.password);
  return { ctx, page };
}

/** JSON API call with the page's cookies; fails the test on a non-2xx answer. */
export async function apiJson<T>(page: Page, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
  const r = method === 'GET' ? await page.request.get(url) : await page.request.post(url, { data });
  expect(r.ok(), `${method} ${url} → ${r.status()} ${await r.text()}`).toBeTruthy();
  return r.json() as Promise<T>;
}

/** Click a workflow button, fill its modal, confirm, and wait for the new state. */
export async function act(page: Page, button: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>, ok: RegExp, expectState: string) {
  await page.getByRole('button', { name: button, exact: true }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  // A click while antd's opening zoom still runs can be lost on a loaded machine: wait for it to end.
  await expect(dialog).not.toHaveClass(/ant-zoom-(appear|enter)/);
  await fill(dialog);
  await dialog.getByRole('button', { name: ok }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.ant-card').first().getByText(expectState, { exact: true }).first()).toBeVisible();
}

/**
 * Picks `option` in an antd Select or TreeSelect (`tree`) and checks that the pick took. A dropdown that opens near the
 * bottom of a dialog flips above its field once it has measured itself; a click landing during that move selects
 * nothing, so the pick is tried again (typing `search` again for a searched picker) until the field shows `shows`
 * (the option's text by default), or `done` holds.
 */
export async function chooseOption(
  page: Page,
  field: Locator,
  option: string | RegExp,
  how: { search?: string; tree?: boolean; shows?: string; done?: () => Promise<void> } = {},
) {
  const select = field.locator(`xpath=ancestor-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`);
  const choice = page
    .locator(how.tree ? '.ant-select-tree-title' : '.ant-select-item-option')
    .filter({ hasText: option, visible: true })
    .first();
  await expect(async () => {
    if (!(await choice.isVisible())) {
      await field.click();
      if (how.search !== undefined) await select.locator('input').first().fill(how.search);
    }
    await choice.click({ timeout: 5_000 });
    if (how.done) await how.done();
    else await expect(select).toContainText(how.shows ?? option, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

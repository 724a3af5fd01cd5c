// Publicity (issue 18), end to end in Chromium on the demo town: the office
// opens 宣传工作 from the menu, registers a 特色供稿 and finds it under the
// filter; a figure's drill-down URL opens the facilities of a group; the map
// layer shows the facilities in view; the points short of their requirement are listed; the street chief reports a
// facility damaged from the phone, which goes into the offline queue.
import { expect, test } from '@playwright/test';
import { PHONE, session, shot, signIn } from './helpers.ts';

test('office records a featured article and reads facilities and points short', async ({ browser }) => {
  const title = `特色供稿端到端${String(Date.now()).slice(-6)}`;
  const { ctx, page } = await session(browser, 'office');
  await page.getByRole('menuitem', { name: '宣传工作' }).click();
  await expect(page).toHaveURL(/\/publicity/);
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await page.getByRole('button', { name: '登记稿件' }).click();
  const dialog = page.getByRole('dialog', { name: '登记稿件' });
  await dialog.getByLabel('标题').fill(title);
  await dialog.getByLabel('特色供稿').click();
  await dialog.getByLabel('采用媒体').fill('闽西日报');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已登记')).toBeVisible();
  await page.goto('/publicity/articles?featured=1');
  await expect(page.getByRole('cell', { name: title })).toBeVisible({ timeout: 20_000 });
  await shot(page, 'publicity-articles');

  await page.goto('/publicity/facilities?group=ads');
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByText('公益广告').first()).toBeVisible();
  await shot(page, 'publicity-facilities');

  await page.getByRole('tab', { name: '设施地图' }).click();
  await expect(page.getByText(/视野内 \d+ 处设施/)).toBeVisible();
  await shot(page, 'publicity-map');

  await page.getByRole('tab', { name: '点位达标' }).click();
  await expect(page.getByText(/现有 \d+，差 \d+/).first()).toBeVisible();
  await shot(page, 'publicity-points');
  await ctx.close();
});

test('street chief reports a facility damaged from the phone', async ({ browser }) => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await signIn(page, 'chief');
  await page.goto('/m/damage');
  await expect(page.getByRole('heading', { name: '选择破损的设施' })).toBeVisible();
  await page.locator('button.m-row-btn').first().click();
  await page.getByLabel('破损情况').fill('面板破裂');
  await page.getByRole('button', { name: '报告破损' }).click();
  await expect(page).toHaveURL(/\/m\/?$/);
  await expect(page.getByText(/已报告“.+”破损/)).toBeVisible();
  await ctx.close();
});

// Activities at the practice stations (issue 16), end to end in Chromium on
// the demo town: the office opens 文明实践活动 from the menu, filters a month,
// plans an activity at a station (its place filled in from the station), holds
// it with participants and a publicity link, and sees it held; a bad link is
// refused on the form; a figure's drill-down URL opens the list so filtered.
import { expect, test } from '@playwright/test';
import { chooseOption, session, shot } from './helpers.ts';

test('office plans an activity at a station and records it held', async ({ browser }) => {
  const tag = String(Date.now()).slice(-6);
  const title = `垃圾分类宣讲进小区${tag}`;
  const { ctx, page } = await session(browser, 'office');
  await page.getByRole('menuitem', { name: '文明实践活动' }).click();
  await expect(page).toHaveURL(/\/activities/);
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await shot(page, 'activities-list');

  // Plan: organiser a station (its place comes with it), a kind, a day.
  await page.getByRole('button', { name: '计划活动' }).click();
  const dialog = page.getByRole('dialog', { name: '计划活动' });
  await dialog.getByLabel('活动名称').fill(title);
  await chooseOption(page, dialog.getByLabel('组织单位'), /水东街.*新时代文明实践站/, { search: '水东街' });
  await expect(dialog.getByText(/水东街.*新时代文明实践站 · /)).toBeVisible(); // the station's place, filled in
  await chooseOption(page, dialog.getByLabel('活动类别'), '主题宣讲');
  await expect(dialog.getByLabel('计划日期')).not.toHaveValue(''); // today unless changed
  await shot(page, 'activities-plan');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\/activities\/\d+$/, { timeout: 15_000 }); // the save, then the new activity's page
  await expect(page.getByText('计划中').first()).toBeVisible();

  // Hold: participants and a link; a link that is not a web address is refused on the form.
  await page.getByRole('button', { name: '登记开展' }).click();
  const hold = page.getByRole('dialog', { name: '登记开展情况' });
  await hold.getByLabel('群众（人次）').fill('45');
  await hold.getByLabel('志愿者（人次）').fill('12');
  await hold.getByLabel('活动简报').fill('讲解垃圾分类知识，现场答疑并发放宣传单。');
  await hold.getByLabel('宣传报道链接').fill('不是网址');
  await hold.getByRole('button', { name: '保存' }).click();
  await expect(hold.getByText('请填写以 http:// 或 https:// 开头的网址')).toBeVisible();
  await hold.getByLabel('宣传报道链接').fill('https://mp.weixin.qq.com/s/e2e-activity');
  await hold.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已开展').first()).toBeVisible();
  await expect(page.getByText('合计 57')).toBeVisible();
  await shot(page, 'activities-detail');

  // A figure's drill-down: held activities of the town this year, of the featured kinds.
  const year = new Date().getFullYear();
  await page.goto(`/activities?state=held&kinds=talk,selection,volunteer_service&region=350821100&from=${year}-01-01&to=${year}-12-31`);
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expect(page.getByRole('cell', { name: '已取消' })).toHaveCount(0);
  // A filter nothing matches says so and offers 清空筛选, which clears the filter and only the filter.
  await page.goto('/activities?state=cancelled&from=2001-01-01&to=2001-01-31');
  await expect(page.getByText('没有符合筛选条件的活动')).toBeVisible();
  await page.getByRole('button', { name: '清空筛选' }).click();
  await expect(page).toHaveURL(/\/activities$/);
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await ctx.close();
});

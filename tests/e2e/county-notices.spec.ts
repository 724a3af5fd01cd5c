// The county's own notice end to end in Chromium against the demo: the county
// office, from its home page, issues a 县督查通报 naming a problem in 水东街社区;
// 汀州镇's office finds it among its received notices, its item already a
// problem of the town, and sends its 整改情况反馈; the county sees it.
import { expect, test } from '@playwright/test';
import { chooseOption, session, shot } from './helpers.ts';

test('county issues a notice from its home page → the town receives it as problems and feeds back → the county sees the feedback', async ({ browser }) => {
  const tag = String(Date.now()).slice(-6);
  const title = `关于${tag}期县级创城督查情况的通报`;
  const county = await session(browser, 'county');
  const cp = county.page;
  await cp.getByRole('menuitem', { name: '县级通报' }).click();
  await cp.getByRole('button', { name: /下发通报/ }).click();
  // Enter in a date field confirms the date and does not submit the form around it (no "请填写标题" yet).
  const due = new Date(Date.now() + 8 * 3600_000 + 7 * 86400_000).toISOString().slice(0, 10);
  await cp.getByLabel('整改期限').fill(due);
  await cp.getByLabel('整改期限').press('Enter');
  await expect(cp.getByLabel('整改期限')).toHaveValue(due);
  await expect(cp.getByText('请填写标题（至少 4 个字）')).toHaveCount(0);
  await cp.getByLabel('标题').fill(title);
  await chooseOption(cp, cp.getByLabel('社区'), /^水东街社区(居民委员会)?$/, { tree: true, search: '水东街', shows: '水东街社区' });
  await cp.getByLabel('问题类别').click();
  await cp.getByLabel('问题类别').fill('未规范停车');
  await cp.locator('.ant-cascader-menu-item', { hasText: '未规范停车' }).first().click();
  await cp.getByLabel('问题描述').fill(`县督查发现${tag}：农贸市场门口机动车占道`);
  await cp.getByRole('button', { name: '下发到各乡镇' }).click();
  await expect(cp).toHaveURL(/\/notices\/county\/\d+$/);
  const town = cp.getByRole('row', { name: /汀州镇/ });
  await expect(town).toContainText('未反馈');
  await shot(cp, 'desktop-county-notice');

  const office = await session(browser, 'office');
  const op = office.page;
  await op.getByRole('menuitem', { name: '通报' }).click();
  await op.getByRole('tab', { name: /县级通报/ }).click();
  await op.getByRole('link', { name: title }).click();
  await expect(op.getByRole('row', { name: new RegExp(`县督查发现${tag}`) })).toBeVisible();
  await op.getByLabel('整改情况反馈').fill(`农贸市场门口已施划停车泊位，安排专人劝导（${tag}）`);
  await op.getByRole('button', { name: /报送反馈/ }).click();
  await expect(op.getByText(/已报送：/)).toBeVisible();
  await shot(op, 'desktop-received-county-notice');

  await cp.reload();
  await expect(cp.getByRole('row', { name: /汀州镇/ })).toContainText(`农贸市场门口已施划停车泊位，安排专人劝导（${tag}）`);
  await expect(cp.getByRole('row', { name: /汀州镇/ })).toContainText('已反馈');
  await county.ctx.close();
  await office.ctx.close();
});

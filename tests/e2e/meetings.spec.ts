// 会议台账 (issue 16) end to end in Chromium on the demo town: the office opens
// 会议台账 from the menu and finds a year of meetings; records a 专题会 with an
// outsider present; gives 城管局 a decision due in 3 working days; the
// decisions, study trips and 例会要求 tabs show the demo's records in every
// state. 城管局's liaison finds the decision in 待办 and finishes it there.
import { expect, test } from '@playwright/test';
import { chooseOption, session, shot } from './helpers.ts';

test('office records a meeting and gives a department a decision; the liaison finishes it from the inbox', async ({ browser }) => {
  const tag = String(Date.now()).slice(-6);
  const title = `背街小巷整治专题会${tag}`;
  const { ctx, page } = await session(browser, 'office');
  await page.getByRole('menuitem', { name: '会议台账' }).click();
  await expect(page).toHaveURL(/\/meetings$/);
  await expect(page.getByRole('link', { name: /第\d+周创城工作例会/ }).first()).toBeVisible();
  await expect(page.getByRole('tab', { name: '决定事项' })).toBeVisible();
  await shot(page, 'meetings-list');

  // 登记会议: kind, title, an outsider present; the time and the town are pre-filled.
  await page.getByRole('button', { name: '登记会议' }).click();
  await chooseOption(page, page.locator('.ant-form-item', { hasText: '会议类别' }).locator('.ant-select'), /^专题会$/, { shows: '专题会' });
  await page.getByLabel('会议名称').fill(title);
  await page.getByLabel('地点').fill('镇政府三楼会议室');
  await page.getByRole('button', { name: '添加参会人员' }).click();
  await page.getByPlaceholder('或填写姓名（外单位）').fill('张三');
  await page.getByPlaceholder('单位或职务').fill('县文明办');
  await page.getByLabel('会议纪要').fill('会议研究了背街小巷乱堆放整治措施。');
  await page.getByRole('button', { name: '登记会议' }).click();
  await expect(page).toHaveURL(/\/meetings\/\d+$/);
  await expect(page.getByText(title).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: '张三' })).toBeVisible();

  // A decision for 城管局, 3 working days.
  await page.getByRole('button', { name: '添加决定事项' }).click();
  const dialog = page.getByRole('dialog', { name: '添加决定事项' });
  await dialog.getByLabel('决定事项').fill(`清理汀州路占道经营${tag}`);
  await chooseOption(page, dialog.getByRole('combobox').first(), '城市管理局', { search: '城市管理局' });
  await dialog.getByRole('spinbutton').first().fill('3');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('link', { name: `清理汀州路占道经营${tag}` })).toBeVisible();
  await expect(page.getByText('办理中').first()).toBeVisible();
  await shot(page, 'meeting-detail');

  // The registers' other tabs: decisions in every state, the study trip, the missed weeks.
  await page.getByRole('tab', { name: '决定事项' }).click();
  await page.getByText('已超期', { exact: true }).first().click();
  await expect(page.getByText(/已超期/).nth(1)).toBeVisible();
  await page.getByText('已完成', { exact: true }).first().click();
  await expect(page.locator('.ant-tag', { hasText: '已完成' }).first()).toBeVisible();
  await shot(page, 'meetings-decisions');
  await page.getByRole('tab', { name: '学习考察' }).click();
  await expect(page.getByRole('link', { name: /三明市/ })).toBeVisible();
  await page.getByRole('tab', { name: '例会要求' }).click();
  await expect(page.getByText(/每周召开每周例会 1 次/)).toBeVisible();
  await expect(page.locator('.ant-tag', { hasText: '0 / 1 次' }).first()).toBeVisible();
  await shot(page, 'meetings-cadence');
  await ctx.close();

  // 城管局's liaison: 待办 → the decision → 已办结.
  const liaison = await session(browser, 'liaison');
  const lp = liaison.page;
  await lp.getByRole('menuitem', { name: '待办' }).click();
  await expect(lp.getByText('会议交办事项').first()).toBeVisible();
  await lp.getByText(new RegExp(`清理汀州路占道经营${tag}`)).click();
  await expect(lp).toHaveURL(/\/meetings\/decisions\/\d+$/);
  await lp.getByLabel('填写进展').fill('已组织执法队员清理，恢复通行');
  await lp.getByRole('checkbox', { name: '已办结' }).check();
  await lp.getByRole('button', { name: '提交进展' }).click();
  await expect(lp.locator('.ant-tag', { hasText: '已完成' })).toBeVisible();
  await liaison.ctx.close();
});

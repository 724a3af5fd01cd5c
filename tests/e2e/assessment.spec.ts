// 考核评比 in the browser: the office reads the red/black list of last month,
// opens a community's "why" from its name, exports it, reads the indicators
// and the rules, submits the list, a town leader approves (publishes) it, and the public page shows it.
import { expect, test } from '@playwright/test';
import { session, shot } from './helpers.ts';

test('office: ranking → why of a community (with .xlsx) → indicators → rules → submit; leader: approve → public red/black list', async ({ browser }) => {
  const { ctx, page } = await session(browser, 'office', { acceptDownloads: true });
  await page.goto('/assessment');
  await expect(page.getByRole('heading', { name: '考核评比' })).toBeVisible();
  await expect(page.getByRole('tab', { name: '红黑榜' })).toHaveAttribute('aria-selected', 'true');
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(5); // the demo town's communities
  await expect(page.getByText(/排序规则：得分高者在前/)).toBeVisible();
  await shot(page, 'assessment-rankings');

  // A community's name opens its "why": base score, points, each entry with rule and version.
  const first = rows.first();
  const name = ((await first.locator('td').nth(1).textContent()) ?? '').trim();
  await first.getByRole('link', { name }).click();
  await expect(page.getByRole('tab', { name: '得分明细' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText(new RegExp(`${name}.*基础分 \\d+.*得分`))).toBeVisible();
  await shot(page, 'assessment-why');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()]);
  expect(dl.suggestedFilename()).toMatch(/\.xlsx$/);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await dl.path());
  const ws = wb.worksheets[0];
  expect(ws.rowCount).toBeGreaterThan(1);
  expect(JSON.stringify(ws.getRow(1).values) + JSON.stringify(ws.getRow(2).values) + JSON.stringify(ws.getRow(3).values)).toContain(name);

  // Indicators per community.
  await page.getByRole('tab', { name: '标准指标' }).click();
  await expect(page.getByRole('columnheader', { name: '按期结案率' })).toBeVisible();
  await expect(page.getByText(/合计：应结案 \d+/)).toBeVisible();
  await shot(page, 'assessment-indicators');

  // The rules, versioned.
  await page.getByRole('tab', { name: '奖惩规则' }).click();
  await expect(page.getByRole('button', { name: '新增规则' })).toBeVisible();
  await expect(page.getByText(/问题超期/).first()).toBeVisible();
  await shot(page, 'assessment-rules');

  // The office submits last month's list (frozen); a town leader approves it, which publishes it; the public page shows it.
  await page.getByRole('tab', { name: '红黑榜' }).click();
  const submit = page.getByRole('button', { name: '提交审批' });
  const waiting = page.getByText('待审批', { exact: true });
  const published = page.getByText('已发布', { exact: true });
  await expect(submit.or(waiting).or(published)).toBeVisible();
  if (await submit.isVisible()) {
    await submit.click();
    await page.getByRole('dialog').getByRole('button', { name: '提交审批' }).click();
    await expect(waiting).toBeVisible();
  }
  await expect(page.getByRole('button', { name: '审批通过并发布' })).toHaveCount(0); // the office does not approve its own list
  const me = await (await page.request.get('/api/me')).json();
  const town = (me.roles.find((r: { scopeRegionCode: string | null }) => r.scopeRegionCode)?.scopeRegionCode ?? me.user.regionCode).slice(0, 9);
  await ctx.close();

  const lead = await session(browser, 'leader');
  await lead.page.goto('/assessment');
  const approve = lead.page.getByRole('button', { name: '审批通过并发布' });
  const leadPublished = lead.page.getByText('已发布', { exact: true });
  await expect(approve.or(leadPublished)).toBeVisible();
  if (await approve.isVisible()) {
    await expect(lead.page.getByRole('button', { name: '退回修改' })).toBeVisible();
    await shot(lead.page, 'assessment-approval');
    await approve.click();
    await lead.page.getByRole('dialog').getByRole('button', { name: '审批通过并发布' }).click();
  }
  await expect(leadPublished).toBeVisible();
  await lead.ctx.close();

  const anon = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
  const pub = await anon.newPage();
  await pub.goto(`/public/rankings?town=${town}`);
  await expect(pub.getByText('红榜', { exact: true })).toBeVisible();
  await expect(pub.getByText('黑榜', { exact: true })).toBeVisible();
  // Listed communities by rank, or (everyone tied: the demo has no records last month) a sentence saying so.
  await expect(pub.getByText(/第 \d+ 名|本期无社区上红榜/).first()).toBeVisible();
  await expect(pub.getByText(/统计期 \d{4}-\d{2}-\d{2} 至/)).toBeVisible();
  await shot(pub, 'assessment-public-phone');
  await anon.close();
});

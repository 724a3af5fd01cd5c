// The office's inspection pages in Chromium against the real server and the
// demo town (three weeks of patrols, supervisions, visits and this month's
// mock evaluation): the history filtered by kind → one inspection → its
// point's page → the mock-evaluation report and its .xlsx; the compliance
// page with a person's calendar; the admin's checklists. Screenshots of each
// page go to tests/artifacts/screenshots/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { apiJson, chooseOption, session, shot } from './helpers.ts';

/** Click an entry of the 巡查督查 menu group, opening the group first when it is closed. */
async function menu(page: Page, name: string) {
  const item = page.getByRole('menuitem', { name, exact: true });
  if (!(await item.isVisible())) await page.getByRole('menuitem', { name: '巡查督查' }).click();
  await item.click();
}

/** The text of a table's column, by header, for every body row. */
async function column(page: Page, header: string): Promise<string[]> {
  const table = page.locator('.ant-table').first();
  const headers = await table.locator('thead th').allInnerTexts();
  const i = headers.findIndex((h) => h.trim() === header);
  expect(i, `column ${header} in ${headers.join('|')}`).toBeGreaterThanOrEqual(0);
  return table.locator(`tbody tr.ant-table-row td:nth-child(${i + 1})`).allInnerTexts();
}

test('office: history filtered by kind → an inspection → its point page → the mock-evaluation report and its workbook', async ({ browser }) => {
  const { ctx, page } = await session(browser, 'office', { acceptDownloads: true });

  // 巡查记录 from the menu.
  await menu(page, '巡查记录');
  await expect(page).toHaveURL(/\/inspections$/);
  await expect(page.locator('tbody tr.ant-table-row').first()).toBeVisible();
  await shot(page, 'inspections-office-history');

  // Filter by kind: only mock evaluations remain.
  await chooseOption(page, page.getByLabel('检查类型'), '模拟测评');
  await expect(page).toHaveURL(/kind=mock_evaluation/);
  await expect(page.locator('tbody tr.ant-table-row').first()).toBeVisible();
  await expect.poll(async () => [...new Set(await column(page, '类型'))]).toEqual(['模拟测评']);
  await shot(page, 'inspections-office-history-mock');

  // One inspection: its graded items and its place.
  const place = (await column(page, '地点'))[0];
  await page.locator('tbody tr.ant-table-row').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/inspections\/\d+$/);
  await expect(page.getByText(/检查项目（已评价 \d+ \/ \d+）/)).toBeVisible();
  await expect(page.locator('.ant-table').first().locator('.ant-tag').first()).toHaveText(/^(A|B|C|C#)$/);
  await shot(page, 'inspections-office-inspection');

  // Its point's page: latest grades, the trend, open problems, inspections.
  await page.locator('.ant-descriptions').getByRole('link', { name: place }).click();
  await expect(page).toHaveURL(/\/inspections\/points\/\d+$/);
  await expect(page.getByText('最近一次测评结果')).toBeVisible();
  await expect(page.getByRole('img', { name: '得分率变化' })).toBeVisible();
  await expect(page.getByText(/未办结问题（\d+）/)).toBeVisible();
  await shot(page, 'inspections-office-point');

  // The mock-evaluation report opens on this month's batch of the town.
  await menu(page, '模拟测评报告');
  await expect(page).toHaveURL(/\/inspections\/evaluation/);
  const report = page.locator('.ant-card').filter({ hasText: /模拟测评报告（\d{4}年\d{1,2}月模拟测评）/ });
  await expect(report.locator('tbody tr.ant-table-row').first()).toBeVisible();
  const rows = await report.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
  expect(rows.length).toBeGreaterThanOrEqual(2); // two communities (and 合计 when more than one)
  await expect(page.getByText('各社区明细')).toBeVisible();
  await shot(page, 'inspections-office-evaluation');

  // The workbook: three sheets, the same communities, one problem row per problem raised.
  const town = new URL(page.url()).searchParams.get('regionCode') ?? '350821100';
  const batches = await apiJson<{ items: { batch: string }[] }>(page, 'GET', `/api/inspections/batches?regionCode=${town}`);
  const onScreen = await apiJson<{ communities: { name: string; overall: number | null }[]; total: { problems: { total: number } } }>(
    page,
    'GET',
    `/api/inspections/reports/evaluation?${new URLSearchParams({ regionCode: town, batch: batches.items[0].batch })}`,
  );
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载 Excel/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-e2e-eval-')), 'report.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '失分项', '问题清单']);
  const sum = wb.getWorksheet('汇总')!;
  expect(String(sum.getCell('A1').value)).toContain(batches.items[0].batch);
  expect(sum.getCell('A3').value).toBe('社区');
  expect(sum.getCell('A4').value).toBe(onScreen.communities[0].name);
  expect(wb.getWorksheet('问题清单')!.actualRowCount - 3).toBe(onScreen.total.problems.total);
  await ctx.close();
});

test('office: compliance by community and person, a person’s month, the points list and the settings', async ({ browser }) => {
  const { ctx, page } = await session(browser, 'office');
  await menu(page, '巡查考勤');
  await expect(page).toHaveURL(/\/inspections\/compliance/);
  await expect(page.getByText('街巷长巡查（每日）')).toBeVisible();
  await expect(page.locator('tbody tr.ant-table-row').first()).toBeVisible();
  await shot(page, 'inspections-office-compliance');

  await page.getByRole('tab', { name: /按人员/ }).click();
  await page
    .locator('tbody tr.ant-table-row')
    .filter({ hasText: '街巷长巡查' })
    .first()
    .getByRole('button', { name: /日\s*历/ })
    .click();
  await expect(page.getByRole('grid', { name: /巡查日历/ })).toBeVisible();
  await expect(page.getByRole('gridcell').first()).toBeVisible();
  await shot(page, 'inspections-office-calendar', 300);

  // The daily misses job records the slots that ended without their inspection (the demo leaves some).
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', 'jobs', 'run', 'misses'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH!,
      HOME: process.env.HOME ?? '/root',
      DATA_DIR: process.env.E2E_DATA_DIR!,
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT!,
      LOG_LEVEL: 'warn',
    },
  });
  expect(run.status, run.stderr).toBe(0);
  await page.getByRole('tab', { name: '未完成记录' }).click();
  const misses = page.getByRole('tabpanel', { name: '未完成记录' });
  await expect(misses.locator('tbody tr.ant-table-row').first()).toBeVisible();
  expect(await misses.locator('tbody tr.ant-table-row td:nth-child(2)').allInnerTexts()).toContain('街巷长巡查');
  await shot(page, 'inspections-office-misses', 400);

  await menu(page, '点位档案');
  await expect(page.locator('tbody tr.ant-table-row').first()).toBeVisible();
  await shot(page, 'inspections-office-points');

  await menu(page, '巡查设置');
  await expect(page.getByRole('tab', { name: '督查组分工' })).toBeVisible();
  await expect(page.locator('tbody tr.ant-table-row').first()).toBeVisible();
  await shot(page, 'inspections-office-settings', 300);
  await page.getByRole('tab', { name: '街巷长与示范点' }).click();
  await expect(page.getByText('示范点与责任单位')).toBeVisible();
  await shot(page, 'inspections-office-responsibility', 300);
  await page.getByRole('tab', { name: '巡查频次' }).click();
  await expect(page.getByLabel('街巷长巡查周期')).toBeVisible();
  // A change is a new version from a date (today unless one is picked); the versions are listed.
  await expect(page.getByLabel('生效日期')).toBeVisible();
  await shot(page, 'inspections-office-cadence', 300);
  await ctx.close();
});

test('admin: the checklists of the point types, their versions, and the editor', async ({ browser }) => {
  const { ctx, page } = await session(browser, 'admin', { password: process.env.E2E_ADMIN_PASSWORD });
  await page.goto('/admin/checklists?type=market');
  await expect(page.getByText(/农贸（集贸）市场实地考察标准（第 \d+ 版）/)).toBeVisible();
  await expect(page.getByText('版本历史')).toBeVisible();
  await shot(page, 'inspections-admin-checklists');
  // The editor opens with the current items; leaving it changes nothing.
  await page.getByRole('button', { name: /修\s*订/ }).click();
  await expect(page.getByLabel('修订说明')).toBeVisible();
  await expect(page.getByLabel('编号').first()).toHaveValue(/^MK\d+$/);
  await shot(page, 'inspections-admin-checklist-edit');
  await page.getByRole('button', { name: /取\s*消/ }).click();
  await expect(page.getByLabel('修订说明')).toBeHidden();

  // A revision of 建筑围挡 becomes the current version; the first stays in the history for the inspections that used it.
  await page.getByRole('button', { name: /建筑围挡/ }).click();
  await page.getByRole('button', { name: /修\s*订/ }).click();
  await page.getByLabel('修订说明').fill('围挡公益广告要求提高');
  await page.getByLabel('分值').first().fill('3');
  await page.getByRole('button', { name: '保存为新版本' }).click();
  await expect(page.getByText(/已保存为新版本/)).toBeVisible();
  await expect(page.getByText(/建筑工地围挡实地考察标准（第 2 版）/)).toBeVisible();
  const history = page.locator('.ant-card').filter({ hasText: '版本历史' });
  await expect(history.locator('tbody tr.ant-table-row')).toHaveCount(2);
  await expect(history.getByText('围挡公益广告要求提高')).toBeVisible();
  await shot(page, 'inspections-admin-checklist-saved');
  await ctx.close();
});

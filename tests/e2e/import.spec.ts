// The shared 导入 dialog (components/ImportDialog.tsx) in Chromium, on the
// meetings list of the demo town: a file with a bad row imports nothing and
// lists the row and column, with an error report to download; the corrected
// file imports and says how many.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { apiJson, session, shot } from './helpers.ts';

const HEADERS = ['会议类别', '会议名称', '召开时间', '召开单位', '地点', '主持人', '会议议程', '会议纪要', '传达精神'];

async function sheet(rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会议清单');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-e2e-import-')), '会议台账.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

test('a bad row imports nothing and is named; the corrected file imports', async ({ browser }) => {
  const tag = String(Date.now()).slice(-6);
  const { ctx, page } = await session(browser, 'office', { acceptDownloads: true });
  await page.getByRole('menuitem', { name: '会议台账' }).click();
  await expect(page).toHaveURL(/\/meetings/);
  await page.getByRole('button', { name: /导入 Excel/ }).click();
  const dialog = page.getByRole('dialog', { name: '导入会议台账' });
  await expect(dialog.getByRole('button', { name: '开始导入' })).toBeDisabled();

  // One good row and one with a kind that does not exist: nothing is imported.
  const good = ['每周例会', `创城工作例会${tag}`, '2026-03-16 09:00', '水东街社区', '社区二楼会议室', '', '', '', ''];
  const bad = ['周末茶话会', `不存在的会议类别${tag}`, '2026-03-17 09:00', '水东街社区', '', '', '', '', ''];
  await dialog.locator('input[type=file]').setInputFiles(await sheet([good, bad]));
  await dialog.getByRole('button', { name: '开始导入' }).click();
  await expect(dialog.getByText('文件有错误，没有导入任何会议')).toBeVisible();
  const errorRow = dialog.getByRole('row').filter({ hasText: '会议类别' }).filter({ hasText: '周末茶话会' });
  await expect(errorRow.getByRole('cell').first()).toHaveText('3');
  await shot(page, 'import-refused');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '下载错误报告' }).click()]);
  expect(download.suggestedFilename()).toMatch(/错误/);

  // The corrected file: imported, and the dialog says how many.
  await dialog.locator('input[type=file]').setInputFiles(await sheet([good]));
  await dialog.getByRole('button', { name: '开始导入' }).click();
  await expect(dialog.getByText('导入成功，共新增 1 场会议')).toBeVisible();
  await dialog.getByRole('button', { name: '完成' }).click();
  const found = await apiJson<{ items: { title: string }[] }>(page, 'GET', `/api/meetings?q=${encodeURIComponent(`创城工作例会${tag}`)}`);
  expect(found.items.map((m) => m.title)).toEqual([`创城工作例会${tag}`]);
  await ctx.close();
});

// Publicity (issue 18), end to end in Chromium on the demo town: the office
// opens 宣传工作 from the menu, registers a 特色供稿 and finds it under the
// filter; a figure's drill-down URL opens the facilities of a group; the map
// layer shows the facilities in view; the points short of their requirement
// are listed; 入户宣传 imported from Excel (a bad row refused, the good file
// in) and opened and corrected on its own page; a facility registered by a
// click on the map (a far one flagged), then opened, its condition changed
// and shown in its history; the admin adds and retires a content theme; the
// street chief reports a facility damaged from the phone, which goes into the
// offline queue.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { apiJson, chooseOption, PHONE, session, shot, signIn } from './helpers.ts';

async function doorSheet(rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('入户宣传清单');
  ws.addRow(['所在社区', '日期', '入户户数', '参加单位', '备注']);
  for (const r of rows) ws.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-e2e-door-')), '入户宣传.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

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
  await expect(page.getByRole('row').nth(1)).toBeVisible({ timeout: 20_000 });
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

test('office imports 入户宣传 from Excel and corrects one on its page', async ({ browser }) => {
  const note = `端到端入户宣传${String(Date.now()).slice(-6)}`;
  const { ctx, page } = await session(browser, 'office');
  await page.goto('/publicity/door');
  await page.getByRole('button', { name: /导入 Excel/ }).click();
  const dialog = page.getByRole('dialog', { name: '导入入户宣传记录' });
  await dialog.locator('input[type=file]').setInputFiles(
    await doorSheet([
      ['水东街社区', '2026-11-15', 36, '', note],
      ['汀州镇', '2026-11-15', -2, '', ''],
    ]),
  );
  await dialog.getByRole('button', { name: '开始导入' }).click();
  await expect(dialog.getByText(/第 3 行/).first()).toBeVisible();
  await dialog.locator('input[type=file]').setInputFiles(await doorSheet([['水东街社区', '2026-11-15', 36, '', note]]));
  await dialog.getByRole('button', { name: '开始导入' }).click();
  await expect(dialog.getByText('导入成功：新增 1 条')).toBeVisible();
  await dialog.getByRole('button', { name: '完成' }).click();
  const row = page.getByRole('row').filter({ hasText: note });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/publicity\/door\/\d+$/);
  await expect(page.getByText(note)).toBeVisible();
  await page.getByRole('button', { name: '修改' }).click();
  const edit = page.getByRole('dialog', { name: '修改入户宣传' });
  await edit.getByLabel('走访户数').fill('48');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('48 户')).toBeVisible({ timeout: 15_000 }); // the save, then the page read again
  await shot(page, 'publicity-door-record');
  await ctx.close();
});

test('office registers a facility by a click on the map, then changes its condition on its page', async ({ browser }) => {
  const name = `端到端宣传栏${String(Date.now()).slice(-6)}`;
  const { ctx, page } = await session(browser, 'office');
  await page.goto('/publicity/facilities');
  await page.getByRole('button', { name: '登记宣传设施' }).click();
  const dialog = page.getByRole('dialog', { name: '登记宣传设施' });
  await dialog.getByLabel('设施名称或位置说明').fill(name);
  const community = dialog.locator('.ant-form-item', { has: page.locator('label[title="社区"]') }).locator('.ant-select');
  await chooseOption(page, community, /^水东街社区(居民委员会)?$/, { tree: true, search: '水东街', shows: '水东街社区' });
  await chooseOption(page, dialog.getByLabel('设施类别'), /^宣传栏$/, { shows: '宣传栏' });
  // A far place typed in is flagged before saving.
  await dialog.getByLabel('纬度').fill('30.5');
  await dialog.getByLabel('经度').fill('114.3');
  await expect(dialog.getByText(/远在本镇范围之外/)).toBeVisible();
  // A click on the map puts the facility there.
  const map = dialog.getByRole('application', { name: '地图：点击设置位置' });
  await expect(map).toBeVisible();
  await dialog.getByLabel('纬度').fill('');
  await dialog.getByLabel('经度').fill('');
  await map.scrollIntoViewIfNeeded();
  await map.click();
  await expect(dialog.getByLabel('纬度')).not.toHaveValue('');
  await expect(dialog.getByText(/远在本镇范围之外/)).toBeHidden();
  await shot(page, 'publicity-facility-pick');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('宣传设施已登记')).toBeVisible();
  await page.getByRole('link', { name }).click();
  await expect(page).toHaveURL(/\/publicity\/facilities\/\d+$/);
  await page.getByRole('button', { name: '修改' }).click();
  const edit = page.getByRole('dialog', { name: '修改宣传设施' });
  await chooseOption(page, edit.getByLabel('状况'), '内容过期');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('宣传设施已保存')).toBeVisible();
  await expect(page.getByText(/修改状况/)).toBeVisible();
  await shot(page, 'publicity-facility');
  await ctx.close();
});

test('admin adds a content theme and retires it on 类别与主题', async ({ browser }) => {
  const theme = `端到端主题${String(Date.now()).slice(-5)}`;
  const { ctx, page } = await session(browser, 'admin', { password: process.env.E2E_ADMIN_PASSWORD });
  await page.goto('/publicity/terms');
  await page.getByRole('button', { name: '添加内容主题' }).click();
  const dialog = page.getByRole('dialog', { name: '添加内容主题' });
  await dialog.getByLabel('名称').fill(theme);
  await dialog.getByRole('button', { name: '保存' }).click();
  const row = page.getByRole('row').filter({ hasText: theme });
  await expect(row.getByText('在用')).toBeVisible();
  await row.getByRole('button', { name: '停用' }).click();
  await expect(row.getByText('已停用')).toBeVisible();
  const terms = await apiJson<{ themes: { name: string; active: boolean }[] }>(page, 'GET', '/api/publicity/terms');
  expect(terms.themes.find((t) => t.name === theme)?.active).toBe(false);
  await shot(page, 'publicity-terms');
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

// Clean-up campaigns (issue 18 item 3), end to end in Chromium on the demo
// town: the office opens 集中整治 from the menu, a campaign with daily records,
// one day's page (person-times, results, before/after photos side by side, the
// problems closed that day), and the summary .docx, which carries the
// before/after photos as images. Editing a day keeps its photos.
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { expect, test } from '@playwright/test';
import { phoneJpeg } from '../helpers/photos.ts';
import { apiJson, session, shot, SHOTS } from './helpers.ts';

test('office reads a campaign, a day of it with its photos, and the summary .docx with the photos', async ({ browser }) => {
  const { ctx, page } = await session(browser, 'office');
  await page.getByRole('menuitem', { name: '集中整治' }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await shot(page, 'campaigns-list');

  // A campaign whose days have photos (the demo's closed spring campaign has them).
  const list = await apiJson<{ items: { id: number; theme: string; days: number }[] }>(page, 'GET', '/api/campaigns?limit=50');
  let found: { id: number; theme: string; day: string } | null = null;
  for (const c of list.items.filter((x) => x.days > 0)) {
    const d = await apiJson<{ dayRecords: { onDate: string; before: unknown[]; after: unknown[] }[] }>(page, 'GET', `/api/campaigns/${c.id}`);
    const day = d.dayRecords.find((r) => r.before.length && r.after.length);
    if (day) {
      found = { id: c.id, theme: c.theme, day: day.onDate };
      break;
    }
  }
  expect(found, 'a demo campaign with before/after photos').not.toBeNull();
  const c = found!;
  await page.getByRole('link', { name: c.theme }).first().click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${c.id}$`));
  await expect(page.getByText(/日记录（\d+ 天）/)).toBeVisible();
  await shot(page, 'campaign-detail');

  // The day's page, from the date in the daily table.
  await page.getByRole('link', { name: c.day, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${c.id}/days/${c.day}$`));
  await expect(page.getByText(/投入力量（共 \d+ 人次）/)).toBeVisible();
  await expect(page.getByText(/整治前（[1-9]\d* 张）/)).toBeVisible();
  await expect(page.getByText(/整治后（[1-9]\d* 张）/)).toBeVisible();
  await expect(page.getByRole('img', { name: '整治前' }).first()).toBeVisible();
  await expect(page.getByText('当天结案的问题（整治区域、目标类别内）')).toBeVisible();
  await shot(page, 'campaign-day');

  // Editing the day with one more 整治后 photo keeps the photos it had.
  const count = async (side: string) => Number((await page.getByText(new RegExp(`${side}（\\d+ 张）`)).innerText()).match(/\d+/)![0]);
  const [before, after] = [await count('整治前'), await count('整治后')];
  await page.getByRole('button', { name: '修改' }).click();
  const dialog = page.getByRole('dialog', { name: `修改 ${c.day} 的日记录` });
  await expect(dialog.getByRole('img', { name: '已上传的照片' })).toHaveCount(before + after);
  await dialog.getByLabel('选择整治后照片').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await phoneJpeg('#3a3') });
  await expect(dialog.getByText('已上传')).toBeVisible({ timeout: 20_000 });
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('日记录已保存')).toBeVisible();
  await expect(page.getByText(`整治后（${after + 1} 张）`)).toBeVisible();
  await expect(page.getByText(`整治前（${before} 张）`)).toBeVisible();

  // The summary .docx holds the photos as pictures.
  await page.getByRole('link', { name: c.theme }).click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载行动总结/ }).click()]);
  expect(dl.suggestedFilename()).toMatch(/专项行动总结\.docx$/);
  const file = path.join(SHOTS, 'campaign-summary.docx'); // kept with the screenshots, to open in Word
  await dl.saveAs(file);
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml).toContain('整治前后对比照片');
  expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/')).length).toBeGreaterThan(1);
  await ctx.close();
});

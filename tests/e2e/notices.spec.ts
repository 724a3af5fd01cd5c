// Notices end to end in Chromium against the real server and the demo town:
// the office composes a 督查通报 from three problems (picked and reordered on
// the compose page) → the town leader approves → the office publishes (number
// allocated) → the community cadre sees the items with deadlines and closes
// them (accept + submit with an after photo; the supervisor verifies) → the
// rectification feedback report is offered and downloads as a .docx.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { expect, test, type Page } from '@playwright/test';
import { apiJson, session, SHOTS } from './helpers.ts';

async function photo(page: Page, color: { r: number; g: number; b: number }) {
  const buf = await sharp({ create: { width: 320, height: 240, channels: 3, background: color } })
    .jpeg()
    .toBuffer();
  const r = await page.request.post('/api/photos', { multipart: { file: { name: '现场.jpg', mimeType: 'image/jpeg', buffer: buf } } });
  expect(r.status()).toBe(201);
  return (await r.json()).id as number;
}

test('office composes a notice from three problems → leader approves → published → community closes the items → feedback report', async ({ browser }) => {
  // Four people and a dozen workflow steps: a hang cap for a loaded 2-core machine, not a timing.
  const office = await session(browser, 'office', { acceptDownloads: true });
  const op = office.page;
  // Three problems found by supervision in 水东街社区, dispatched to its committee.
  const units = await apiJson<{ items: { id: number; name: string }[] }>(op, 'GET', '/api/units');
  const unitId = units.items.find((u) => u.name === '水东街社区居委会')!.id;
  const cats = await apiJson<{ items: { id: number; name: string }[] }>(op, 'GET', '/api/categories/plain');
  const categoryId = cats.items.find((c) => c.name === '机动车乱停放')!.id;
  const tree = await apiJson<{ items: any[] }>(op, 'GET', '/api/regions/tree');
  const flat = (ns: any[]): any[] => ns.flatMap((n) => [n, ...flat(n.children ?? [])]);
  const regionCode = flat(tree.items).find((n) => n.level === 'community' && String(n.name).startsWith('水东街社区')).code;
  const tag = String(Date.now()).slice(-6);
  const descriptions = [`督查发现${tag}甲：店头街口机动车占道`, `督查发现${tag}乙：兆征路垃圾桶满溢`, `督查发现${tag}丙：水东街小广告`];
  const ids: number[] = [];
  for (const [i, d] of descriptions.entries()) {
    const p = await apiJson<{ id: number }>(op, 'POST', '/api/problems', {
      source: 'supervision',
      categoryId,
      tier: 'community',
      description: d,
      regionCode,
      beforePhotoIds: [await photo(op, { r: 180, g: 60 + i * 40, b: 50 })],
      then: 'dispatch',
      unitId,
    });
    ids.push(p.id);
  }

  // Compose: filter to supervision, pick the three, move the last one up, save the draft.
  await op.goto('/notices');
  await op.getByRole('button', { name: '新建通报' }).click();
  await op.getByLabel('标题').fill(`关于${tag}期创城督查情况的通报`);
  const due = new Date(Date.now() + 8 * 3600_000 + 10 * 86400_000).toISOString().slice(0, 10);
  await op.getByLabel('整改期限').fill(due);
  await op.getByLabel('整改期限').press('Enter');
  for (const d of descriptions)
    await op
      .getByRole('row', { name: new RegExp(d) })
      .getByRole('checkbox')
      .check();
  await expect(op.getByText('已选问题（3）')).toBeVisible();
  await op.getByRole('button', { name: '上移' }).nth(2).click();
  await op.getByRole('button', { name: /保存草稿/ }).click();
  await expect(op).toHaveURL(/\/notices\/\d+$/);
  const noticeUrl = op.url();
  await expect(op.getByRole('button', { name: '提交审批' })).toBeVisible();
  // Printed order as reordered: 甲, 丙, 乙.
  await expect(op.getByRole('row').filter({ hasText: tag })).toHaveText([
    new RegExp(descriptions[0]),
    new RegExp(descriptions[2]),
    new RegExp(descriptions[1]),
  ]);
  await op.getByRole('button', { name: '提交审批' }).click();
  await expect(op.getByText('待审批', { exact: true })).toBeVisible();

  // The town leader first sends it back; the office edits the draft and submits it again.
  const leader = await session(browser, 'leader', { acceptDownloads: true });
  await leader.page.goto(noticeUrl);
  await leader.page.getByRole('button', { name: '退回修改' }).click();
  await leader.page.getByLabel('退回原因').fill('标题请注明督查时间');
  await leader.page.getByRole('dialog').getByRole('button', { name: '退回' }).click();
  await expect(leader.page.getByText('领导退回修改：标题请注明督查时间')).toBeVisible();
  await op.reload();
  await op.getByRole('button', { name: '修改草稿' }).click();
  await expect(op).toHaveURL(/\/notices\/\d+\/edit$/);
  await expect(op.getByText('领导退回修改：标题请注明督查时间')).toBeVisible();
  await expect(op.getByText('已选问题（3）')).toBeVisible();
  await op.getByLabel('标题').fill(`关于${tag}期（11月）创城督查情况的通报`);
  await op.getByRole('button', { name: /保存草稿/ }).click();
  await expect(op).toHaveURL(noticeUrl);
  await expect(op.getByText(`关于${tag}期（11月）创城督查情况的通报`).first()).toBeVisible();
  await op.getByRole('button', { name: '提交审批' }).click();
  await expect(op.getByText('待审批', { exact: true })).toBeVisible();

  // Then approves.
  await leader.page.reload();
  await leader.page.getByRole('button', { name: '审批通过' }).click();
  await expect(leader.page.getByText('已审批', { exact: true })).toBeVisible();
  await leader.ctx.close();

  // The office publishes: a number is allocated.
  await op.reload();
  await op.getByRole('button', { name: '印发' }).click();
  // The items were dispatched with their category's deadline: publishing shows each change and asks first.
  const confirm = op.getByRole('dialog').filter({ hasText: '发布将调整以下问题的整改期限' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('row').filter({ hasText: due })).toHaveCount(3);
  await confirm.getByRole('button', { name: '确认调整并发布' }).click();
  await expect(op.getByText('已印发', { exact: true })).toBeVisible();
  await expect(op.getByText(/汀州镇.*〔\d{4}〕\d+号/).first()).toBeVisible();
  await op.screenshot({ path: path.join(SHOTS, 'notice-published.png'), fullPage: true });
  const docx = await op.request.get(noticeUrl.replace('/notices/', '/api/notices/') + '/document.docx');
  expect(docx.ok()).toBeTruthy();
  expect(docx.headers()['content-type']).toContain('wordprocessingml');

  // The community cadre sees the three items with their deadline, and closes them.
  const cadre = await session(browser, 'community', { acceptDownloads: true });
  await cadre.page.goto(noticeUrl);
  for (const d of descriptions) await expect(cadre.page.getByRole('row', { name: new RegExp(d) }).getByText(due)).toBeVisible();
  const supervisor = await session(browser, 'supervisor', { acceptDownloads: true });
  for (const id of ids) {
    let p = await apiJson<{ version: number }>(cadre.page, 'GET', `/api/problems/${id}`);
    p = await apiJson(cadre.page, 'POST', `/api/problems/${id}/actions/accept`, { version: p.version });
    const after = await photo(cadre.page, { r: 60, g: 160, b: 90 });
    p = await apiJson(cadre.page, 'POST', `/api/problems/${id}/actions/submit`, { version: p.version, note: '已清理并设置提示牌', photoIds: [after] });
    await apiJson(supervisor.page, 'POST', `/api/problems/${id}/actions/verify_pass`, { version: p.version });
  }
  await supervisor.ctx.close();
  await cadre.ctx.close();

  // All closed: the feedback report is offered and downloads.
  await op.reload();
  await expect(op.getByText('全部问题已整改完毕')).toBeVisible();
  const [download] = await Promise.all([op.waitForEvent('download'), op.getByRole('link', { name: /下载整改情况反馈/ }).click()]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-e2e-notice-')), 'feedback.docx');
  await download.saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
  await op.screenshot({ path: path.join(SHOTS, 'notice-feedback.png'), fullPage: true });
  await office.ctx.close();
});

// Approvals reach the approver (issue 14), end to end in Chromium on the demo
// town, each person starting from their home page and clicking through: the
// supervisor drafts a 督查通报 from a problem (and has no submit button), the
// office finds the draft and submits it, the town leader sees it in 待办 (the
// header's count and the page), opens it from there and approves it; the item
// is then gone from the leader's inbox.
import sharp from 'sharp';
import { expect, test } from '@playwright/test';
import { apiJson, session, shot } from './helpers.ts';

test('supervisor drafts a notice → office submits → leader approves it from the inbox', async ({ browser }) => {
  const tag = String(Date.now()).slice(-6);
  const description = `督查发现${tag}：兆征路商铺占道经营`;
  const title = `关于${tag}期督查组督查情况的通报`;

  // A problem the supervisor found (set up through the API; the flow under test is clicked).
  const office = await session(browser, 'office');
  const op = office.page;
  const cats = await apiJson<{ items: { id: number; name: string }[] }>(op, 'GET', '/api/categories/plain');
  const tree = await apiJson<{ items: any[] }>(op, 'GET', '/api/regions/tree');
  const flat = (ns: any[]): any[] => ns.flatMap((n) => [n, ...flat(n.children ?? [])]);
  const regionCode = flat(tree.items).find((n) => n.level === 'community' && String(n.name).startsWith('水东街社区')).code;
  const buf = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 120, g: 90, b: 60 } } })
    .jpeg()
    .toBuffer();
  const ph = await op.request.post('/api/photos', { multipart: { file: { name: '现场.jpg', mimeType: 'image/jpeg', buffer: buf } } });
  expect(ph.status()).toBe(201);
  await apiJson(op, 'POST', '/api/problems', {
    source: 'supervision',
    categoryId: cats.items.find((c) => c.name === '占道经营')?.id ?? cats.items[0].id,
    tier: 'community',
    description,
    regionCode,
    beforePhotoIds: [(await ph.json()).id],
  });

  // The supervisor, from the home page: 通报 → 起草通报, picks the problem, saves the draft.
  const sup = await session(browser, 'supervisor');
  const sp = sup.page;
  await sp.getByRole('menuitem', { name: '通报' }).click();
  await sp.getByRole('button', { name: '起草通报' }).click();
  await sp.getByLabel('标题').fill(title);
  await sp
    .getByRole('row', { name: new RegExp(description) })
    .getByRole('checkbox')
    .check();
  await sp.getByRole('button', { name: /保存草稿/ }).click();
  await expect(sp).toHaveURL(/\/notices\/\d+$/);
  await expect(sp.getByRole('button', { name: '修改草稿' })).toBeVisible();
  await expect(sp.getByRole('button', { name: '提交审批' })).toHaveCount(0);
  // Nothing waits on the supervisor: the inbox says what will appear there.
  await sp.getByRole('menuitem', { name: '待办' }).click();
  await expect(sp.getByText('暂无待办，您已全部办完')).toBeVisible();
  await shot(sp, 'inbox-empty');
  await sup.ctx.close();

  // The office, from its workbench: 通报 → the draft → 提交审批.
  await op.goto('/');
  await op.getByRole('menuitem', { name: '通报' }).click();
  await op.getByRole('link', { name: title }).click();
  await op.getByRole('button', { name: '提交审批' }).click();
  await expect(op.getByText('待审批', { exact: true })).toBeVisible();
  // The office's own inbox (the demo's returned problem, extension request …), filtered by kind from the home card.
  await op.getByRole('menuitem', { name: '待办' }).click();
  await expect(op.getByRole('listitem').first()).toBeVisible();
  await shot(op, 'inbox-office');

  // The leader, from the home page: 我的待办 shows it; 待办 → 去办理 → 审批通过.
  const leader = await session(browser, 'leader');
  const lp = leader.page;
  await expect(lp.getByText('我的待办')).toBeVisible();
  await shot(lp, 'home-leader-inbox');
  await expect(lp.getByRole('link', { name: /待办，\d+ 项/ })).toBeVisible();
  await lp.getByRole('menuitem', { name: '待办' }).click();
  await expect(lp).toHaveURL(/\/inbox$/);
  const item = lp.getByRole('listitem').filter({ hasText: title });
  await expect(item).toContainText('通报待审批');
  await shot(lp, 'inbox-leader');
  await item.getByRole('link', { name: '去办理' }).click();
  await expect(lp).toHaveURL(/\/notices\/\d+$/);
  await lp.getByRole('button', { name: '审批通过' }).click();
  await expect(lp.getByText('已审批', { exact: true })).toBeVisible();
  await lp.getByRole('menuitem', { name: '待办' }).click();
  await expect(lp.getByRole('listitem').filter({ hasText: title })).toHaveCount(0);
  await lp.getByText('已办', { exact: true }).click();
  await expect(lp.getByRole('listitem').filter({ hasText: title })).toContainText('已审批');
  await leader.ctx.close();
  await office.ctx.close();
});

// Volunteers (issue 17), end to end in Chromium on the demo town: the office
// opens 志愿服务 (members, a member's page, the printable certificate, the
// service records with the import dialog); a volunteer checks in on the
// phone with the code the office opened; the demo leader's team page on the
// phone; a resident orders a service on /h5, the station takes it, and the
// resident rates it once with the tracking code.
import { expect, test } from '@playwright/test';
import { apiJson, PHONE, session, shot } from './helpers.ts';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

test('the office reads a member, their certificate and the service records', async ({ browser }) => {
  const { ctx, page } = await session(browser, 'office');
  await page.getByRole('menuitem', { name: '志愿服务' }).click();
  await expect(page).toHaveURL(/\/volunteers$/);
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await shot(page, 'volunteers-members');
  const first = page.getByRole('row').nth(1).getByRole('link').first();
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(/\/volunteers\/\d+$/);
  await expect(page.getByText('累计服务时长（小时）')).toBeVisible();
  await shot(page, 'volunteers-member');
  await page.getByRole('link', { name: '志愿服务记录证明' }).click();
  await expect(page.getByText(`兹证明${name}`)).toBeVisible();
  await shot(page, 'volunteers-certificate');

  await page.goto('/volunteers');
  await page.getByRole('tab', { name: '服务记录' }).click();
  await expect(page).toHaveURL(/\/volunteers\/service/);
  // The demo's year of records, a row each: a volunteer, an activity and the status. (Under load the list may answer
  // after the tab shows: the table says 正在加载… until then, never that there are no records.)
  const firstRecord = page.getByRole('tabpanel').getByRole('row').nth(1);
  await expect(firstRecord).toContainText(/已确认|待确认|已驳回/, { timeout: 15_000 });
  await expect(firstRecord.getByRole('link')).toHaveCount(2);
  await expect(page.getByText('服务时长（小时）')).toBeVisible();
  await expect(page.getByRole('link', { name: '导出 Excel' })).toBeVisible();
  await page.getByRole('button', { name: '导入服务记录' }).click();
  const dialog = page.getByRole('dialog', { name: '导入志愿服务记录' });
  await expect(dialog.getByRole('link', { name: /下载导入模板/ })).toBeVisible();
  await shot(page, 'volunteers-import');
  await ctx.close();
});

test('a team’s leader (the volunteer role only) reads their team on the desk', async ({ browser }) => {
  const { ctx, page } = await session(browser, 'volunteer');
  await page.getByRole('menuitem', { name: '志愿服务' }).click();
  await expect(page).toHaveURL(/\/volunteers$/);
  await expect(page.getByRole('tabpanel').getByRole('row').nth(1)).toBeVisible({ timeout: 15_000 });
  await shot(page, 'volunteers-leader-members');
  await page.getByRole('tab', { name: '服务记录' }).click();
  await expect(page.getByRole('tabpanel').getByRole('row').nth(1)).toContainText(/已确认|待确认|已驳回/, { timeout: 15_000 });
  await page.getByRole('tab', { name: '志愿服务队' }).click();
  // only the team they lead
  await expect(page.getByRole('tabpanel').getByRole('row')).toHaveCount(2, { timeout: 15_000 });
  await shot(page, 'volunteers-leader-teams');
  await ctx.close();
});

test('a volunteer checks in on the phone with the code the office opened', async ({ browser }) => {
  const office = await session(browser, 'office');
  const stations = await apiJson<{ items: { id: number; name: string; place: { id: number } | null }[] }>(office.page, 'GET', '/api/activities/stations');
  const st = stations.items.find((s) => s.place)!;
  const kinds = await apiJson<{ items: { id: number; active: boolean }[] }>(office.page, 'GET', '/api/activities/kinds');
  const activity = await apiJson<{ id: number }>(office.page, 'POST', '/api/activities', {
    title: `志愿服务签到演练${String(Date.now()).slice(-5)}`,
    kindId: kinds.items.find((k) => k.active)!.id,
    unitId: st.id,
    placeId: st.place!.id,
    onDate: today(),
  });
  const now = Date.now();
  const code = await apiJson<{ code: string; url: string }>(office.page, 'POST', `/api/volunteers/activities/${activity.id}/code`, {
    startsAt: new Date(Math.max(now - 600_000, Date.parse(`${today()}T00:00:00+08:00`))).toISOString(),
    endsAt: new Date(Math.min(now + 3600_000, Date.parse(`${today()}T23:59:00+08:00`))).toISOString(),
  });
  await office.ctx.close();

  const { ctx, page } = await session(browser, 'volunteer', { phone: true });
  await page.goto('/m/volunteer');
  await expect(page.getByRole('button', { name: '签到 / 签退' })).toBeVisible();
  await shot(page, 'volunteers-phone-home');
  await page.goto(`/m/volunteer/checkin?activity=${activity.id}&code=000000`);
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('签到码');
  await page.getByLabel('签到码（组织方出示的 6 位数字）').fill(code.code);
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('签到成功');
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('您已于');
  await shot(page, 'volunteers-phone-checkin');

  // 郑雨欣 leads the town's 总队: her team page, with the team's records to confirm and orders to take.
  await page.goto('/m/volunteer/team');
  await expect(page.getByRole('heading', { name: /待确认的服务时长/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /派给本队的点单/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /队员（\d+）/ })).toBeVisible();
  await shot(page, 'volunteers-phone-team');
  await ctx.close();
});

test('a resident orders a service, the station takes it, the resident rates it once', async ({ browser }) => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await page.goto('/h5/order');
  await page.getByLabel('实践所（站）').selectOption({ index: 1 });
  await page.getByLabel('需要的服务').selectOption({ index: 1 });
  const wished = new Date(Date.now() + 8 * 3600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('希望日期').fill(wished);
  await page.getByLabel('时间段').fill('上午');
  await page.getByLabel('服务地点').fill('水东街 18 号');
  await page.getByLabel('联系人').fill('陈阿姨');
  await page.getByLabel('手机号').fill('13812340000');
  await shot(page, 'volunteers-h5-order');
  await page.getByRole('button', { name: '提交点单' }).click();
  await expect(page).toHaveURL(/\/h5\/order\/FW/);
  const code = decodeURIComponent(page.url().split('/').pop()!);
  await expect(page.getByText('待派单')).toBeVisible();

  // The station dispatches it to a team of its town and takes it for an activity already planned.
  const office = await session(browser, 'office');
  const o = (
    await apiJson<{ items: { id: number; code: string; version: number }[] }>(office.page, 'GET', '/api/volunteers/orders?unanswered=1&limit=200')
  ).items.find((x) => x.code === code)!;
  const teams = await apiJson<{ items: { id: number; level: string }[] }>(office.page, 'GET', '/api/volunteers/teams');
  const d = await apiJson<{ version: number }>(office.page, 'POST', `/api/volunteers/orders/${o.id}/dispatch`, {
    version: o.version,
    teamId: teams.items.find((t) => t.level === 'town')!.id,
  });
  const planned = await apiJson<{ items: { id: number }[] }>(office.page, 'GET', `/api/activities?state=planned&from=${today()}&limit=1`);
  await apiJson(office.page, 'POST', `/api/volunteers/orders/${o.id}/accept`, { version: d.version, activityId: planned.items[0].id });
  await office.ctx.close();

  await page.reload();
  await expect(page.getByText(/已安排活动/)).toBeVisible();
  await page.getByRole('button', { name: '5 分' }).click();
  await page.getByLabel('评价（选填）').fill('志愿者很准时');
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByText('您的评价：5 分，感谢反馈')).toBeVisible();
  await expect(page.getByRole('button', { name: '提交评价' })).toHaveCount(0);
  await shot(page, 'volunteers-h5-rated');
  const again = await page.request.post(`/api/public/orders/${code}/rate`, { data: { rating: 3 } });
  expect(again.status()).toBe(409);
  await ctx.close();
});

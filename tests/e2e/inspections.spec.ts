// Issue 5 end to end, on a phone (Chromium at 375×812): the street chief signs
// in on /m/login, starts a patrol at one of their places (the phone's GPS puts
// it first), grades the checklist, fixes a 牛皮癣 on the spot with before and
// after photos, reports a parked car, loses the network, finishes offline,
// reloads the page offline (the service worker serves it), gets the network
// back and the queue syncs. The server then holds exactly one new finished
// inspection, one closed on_spot problem and one open problem from it; the
// chief's compliance calendar counts the patrol; and sending the same queue
// again creates nothing.
import { expect, test, type Page } from '@playwright/test';
import type { SyncRequest, SyncResponse } from '../../domain/inspections/sync.ts';
import { phoneJpeg } from '../helpers/photos.ts';
import { apiJson, DEMO_PASSWORD, PHONE, shot } from './helpers.ts';

interface Boot {
  me: { id: number };
  places: { id: number; name: string; lat: number | null; lng: number | null; checklistId: number | null; assigned: boolean }[];
  checklists: { id: number; items: { id: number; code: string; title: string; categoryId: number | null }[] }[];
  categories: { id: number; name: string }[];
}
interface Today {
  date: string;
  places: { placeId: number; name: string; due: boolean; doneToday: boolean }[];
}
interface InspectionList {
  items: { id: number; state: string; place: { id: number } | null }[];
  nextCursor: string | null;
}
interface InspectionDetail {
  id: number;
  state: string;
  kind: string;
  gradedItems: number;
  problemsFound: number;
  track: unknown[] | null;
  items: { code: string; grade: string | null; note: string | null; photos: { id: number }[] }[];
  problems: { id: number; state: string; tier: string; categoryName: string }[];
}
interface Calendar {
  today: string;
  days: { date: string; inspections: number; places: { placeId: number; status: string; done: number }[] }[];
}

const waiting = (page: Page) => page.getByTestId('queue-waiting');
/** Full-page screenshots from the top, so the sticky header sits where a person sees it. */
const snap = async (page: Page, name: string) => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
};

async function counts(page: Page, personId: number, placeId: number, date: string) {
  const list = await apiJson<InspectionList>(page, 'GET', `/api/inspections?inspectorId=${personId}&placeId=${placeId}&from=${date}&to=${date}&limit=200`);
  const cal = await apiJson<Calendar>(page, 'GET', `/api/inspections/compliance/person/${personId}?month=${date.slice(0, 7)}`);
  return { list, day: cal.days.find((d) => d.date === date)! };
}

test('a street chief patrols on the phone, finishes offline, and the queue syncs once', async ({ browser }) => {
  const ctx = await browser.newContext({
    ...PHONE,
    serviceWorkers: 'allow',
    permissions: ['geolocation'],
    geolocation: { latitude: 25.83, longitude: 116.36 },
  });
  const page = await ctx.newPage();
  // Every sync request the phone sends successfully, to send the same queue again at the end.
  const sent: SyncRequest[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/api/inspections/sync') && r.status() === 200) sent.push(r.request().postDataJSON() as SyncRequest);
  });

  // Sign in on the light phone login.
  await page.goto('/m/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await snap(page, 'inspections-m-01-login');
  await page.getByLabel('手机号或用户名').fill('chief');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/m\/$/);
  await expect(page.getByRole('heading', { name: '我负责的点位' })).toBeVisible();
  // The service worker takes the page over on the first visit (clients.claim).
  await page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: 15_000 });

  // A place of mine not patrolled yet today, and its checklist.
  const boot = await apiJson<Boot>(page, 'GET', '/api/inspections/bootstrap');
  const today = await apiJson<Today>(page, 'GET', '/api/inspections/today');
  const mine = boot.places.filter((p) => p.assigned && p.checklistId && p.lat !== null);
  const todays =
    today.places.find((t) => t.due && !t.doneToday && mine.some((p) => p.id === t.placeId)) ?? today.places.find((t) => mine.some((p) => p.id === t.placeId))!;
  const place = mine.find((p) => p.id === todays.placeId)!;
  const checklist = boot.checklists.find((c) => c.id === place.checklistId)!;
  const posters = boot.categories.find((c) => c.name === '非法小广告')!;
  const parking = boot.categories.find((c) => c.name === '机动车乱停放')!;
  const postersItem = checklist.items.find((i) => i.categoryId === posters.id);
  const parkingItem = checklist.items.find((i) => i.categoryId === parking.id);
  const before = await counts(page, boot.me.id, place.id, today.date);
  await snap(page, 'inspections-m-02-today');

  // Stand at the place: the start page lists it first.
  await ctx.setGeolocation({ latitude: place.lat!, longitude: place.lng! });
  await page.getByRole('link', { name: '开始巡查' }).click();
  await expect(page.getByText('已定位，离您最近的点位排在前面')).toBeVisible();
  const first = page.locator('.m-pick').first();
  await expect(first).toContainText(place.name);
  await expect(first).toContainText('我负责');
  await first.click();
  await snap(page, 'inspections-m-03-start');
  await page.getByRole('button', { name: '开始', exact: true }).click();
  await expect(page).toHaveURL(/\/m\/inspect\//);

  // Grade every item: B where a problem is found, A elsewhere.
  for (const it of checklist.items) {
    const bad = it.id === postersItem?.id || it.id === parkingItem?.id;
    await page
      .getByRole('group', { name: `${it.code} ${it.title}` })
      .getByRole('button', { name: bad ? /^B/ : /^A/ })
      .click();
  }
  await expect(page.getByText(`已检查 ${checklist.items.length}/${checklist.items.length} 项`)).toBeVisible();
  // A note and a photo on one item.
  const noted = checklist.items[0];
  const notedGroup = page.getByRole('group', { name: `${noted.code} ${noted.title}` });
  await notedGroup.getByText('备注和照片').click();
  await notedGroup.getByLabel('备注').fill('路面整体平整，西段井盖周边略有沉降');
  await notedGroup.getByLabel(`${noted.code} 照片`).setInputFiles({ name: 'road.jpg', mimeType: 'image/jpeg', buffer: await phoneJpeg('#888') });
  await expect(notedGroup.getByRole('img', { name: `${noted.code} 照片1` })).toBeVisible();
  await snap(page, 'inspections-m-04-checklist-graded');

  // 随手整: a 牛皮癣 cleaned off on the spot, before and after photos.
  if (postersItem)
    await page
      .getByRole('group', { name: `${postersItem.code} ${postersItem.title}` })
      .getByRole('button', { name: /^发现问题/ })
      .click();
  else await page.getByRole('button', { name: '记录问题' }).click();
  await expect(page.getByRole('tab', { name: /随手整/ })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('radio', { name: '非法小广告', exact: true }).click();
  await page.getByLabel('问题描述').fill('电线杆上贴有“牛皮癣”小广告 3 张，已当场清除');
  // Saving without the after photo is refused on the phone.
  await page.getByLabel('整改前照片').setInputFiles({ name: 'before.jpg', mimeType: 'image/jpeg', buffer: await phoneJpeg('#b33') });
  await expect(page.getByRole('img', { name: '整改前照片1' })).toBeVisible();
  await page.getByRole('button', { name: '保存问题' }).click();
  await expect(page.getByText('随手整需要整改后的照片')).toBeVisible();
  await page.getByLabel('整改后照片').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await phoneJpeg('#3a3') });
  await expect(page.getByRole('img', { name: '整改后照片1' })).toBeVisible();
  await snap(page, 'inspections-m-05-on-spot');
  await page.getByRole('button', { name: '保存问题' }).click();
  await expect(page.getByRole('heading', { name: '本次发现的问题' })).toBeVisible();

  // 上报问题: a car parked on the pavement, left to the problem loop.
  await page.getByRole('button', { name: '记录问题' }).click();
  await page.getByRole('tab', { name: /上报问题/ }).click();
  await page.getByRole('radio', { name: '机动车乱停放', exact: true }).click();
  await page.getByLabel('问题描述').fill('巷口一辆小轿车占用人行道停放，影响行人通行');
  if (parkingItem) await page.getByLabel('对应检查项（选填）').selectOption(String(parkingItem.id));
  await page.getByLabel('问题照片').setInputFiles({ name: 'car.jpg', mimeType: 'image/jpeg', buffer: await phoneJpeg('#36c') });
  await expect(page.getByRole('img', { name: '问题照片1' })).toBeVisible();
  await snap(page, 'inspections-m-06-report');
  await page.getByRole('button', { name: '保存问题' }).click();
  await expect(page.getByText('随手整', { exact: true })).toBeVisible();
  await expect(page.getByText('已上报', { exact: true })).toBeVisible();
  // Online, everything so far has gone to the server.
  await expect(waiting(page)).toHaveText('待同步 0 条', { timeout: 30_000 });

  // The network goes; the patrol is finished offline and waits on the phone (its item photo and the finish).
  await ctx.setOffline(true);
  await page.getByRole('button', { name: '完成巡查' }).click();
  await expect(page.getByText('2 个（随手整 1 个，上报 1 个）')).toBeVisible();
  await snap(page, 'inspections-m-07-finish-summary');
  await page.getByRole('button', { name: '确认完成' }).click();
  await expect(page).toHaveURL(/\/m\/$/);
  await expect(page.getByText('巡查已完成，已保存在本机，联网后自动同步')).toBeVisible();
  await expect(waiting(page)).toHaveText('待同步 2 条');
  await expect(page.getByText('离线', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(`^${place.name}.*已巡·待同步`) })).toBeVisible();
  await snap(page, 'inspections-m-08-today-offline');

  // Reloaded with no network: the service worker serves the app; the phone shows what it kept.
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('heading', { name: '我负责的点位' })).toBeVisible();
  await expect(page.getByText(/^离线数据，更新于 \d\d:\d\d$/)).toBeVisible();
  await expect(waiting(page)).toHaveText('待同步 2 条');
  await snap(page, 'inspections-m-09-reload-offline');
  await page.getByTestId('queue-waiting').click();
  await expect(page).toHaveURL(/\/m\/queue$/);
  // The item's photo, then the finish with the grades.
  await expect(page.getByTestId('queue-row')).toHaveCount(2);
  await expect(page.getByTestId('queue-row').nth(0)).toContainText(`照片 · ${place.name} · ${noted.code}-1`);
  await expect(page.getByTestId('queue-row').nth(1)).toContainText(`${place.name} · 完成`);
  await snap(page, 'inspections-m-10-queue-offline');

  // The network returns: the queue is sent by itself.
  await ctx.setOffline(false);
  await expect(waiting(page)).toHaveText('待同步 0 条', { timeout: 30_000 });
  await expect(page.getByTestId('queue-failed')).toHaveText('同步失败 0 条');
  await expect(page.getByText('全部已同步')).toBeVisible();
  await page.getByRole('link', { name: '‹ 返回' }).click();
  await expect(page.getByRole('button', { name: new RegExp(`^${place.name}.*已巡$`) })).toBeVisible();
  await snap(page, 'inspections-m-11-synced');

  // The server: exactly one new inspection, finished, with its two problems.
  const after = await counts(page, boot.me.id, place.id, today.date);
  expect(after.list.items.length).toBe(before.list.items.length + 1);
  const fresh = after.list.items.filter((i) => !before.list.items.some((b) => b.id === i.id));
  expect(fresh).toHaveLength(1);
  const insp = await apiJson<InspectionDetail>(page, 'GET', `/api/inspections/${fresh[0].id}`);
  expect(insp).toMatchObject({ kind: 'patrol', state: 'finished', gradedItems: checklist.items.length, problemsFound: 2 });
  expect(insp.items.find((i) => i.code === noted.code)).toMatchObject({
    grade: noted.id === postersItem?.id || noted.id === parkingItem?.id ? 'B' : 'A',
    note: '路面整体平整，西段井盖周边略有沉降',
  });
  expect(insp.items.find((i) => i.code === noted.code)!.photos).toHaveLength(1);
  if (postersItem) expect(insp.items.find((i) => i.code === postersItem.code)!.grade).toBe('B');
  expect(insp.track?.length).toBeGreaterThan(0);
  expect(insp.problems).toHaveLength(2);
  const fixed = insp.problems.find((p) => p.tier === 'on_spot')!;
  const open = insp.problems.find((p) => p.tier !== 'on_spot')!;
  expect(fixed).toMatchObject({ state: 'closed', categoryName: '非法小广告' });
  expect(open.categoryName).toBe('机动车乱停放');
  expect(open.state).not.toBe('closed');
  const fixedDetail = await apiJson<{ source: string; photos: { kind: string }[] }>(page, 'GET', `/api/problems/${fixed.id}`);
  expect(fixedDetail.source).toBe('patrol');
  expect(fixedDetail.photos.map((p) => p.kind).sort()).toEqual(['after', 'before']);
  expect((await apiJson<{ source: string }>(page, 'GET', `/api/problems/${open.id}`)).source).toBe('patrol');

  // Compliance: the chief's calendar counts the patrol today (and marks the place done on a counted day).
  expect(after.day.inspections).toBe(before.day.inspections + 1);
  const slot = after.day.places.find((p) => p.placeId === place.id);
  if (slot) expect(slot).toMatchObject({ status: 'done' });

  // The same queue sent again creates nothing.
  expect(sent.length).toBeGreaterThan(0);
  for (const body of sent) {
    const r = await apiJson<SyncResponse>(page, 'POST', '/api/inspections/sync', body);
    expect(r.results.map((x) => x.status)).toEqual(body.items.map(() => 'replayed'));
  }
  const again = await counts(page, boot.me.id, place.id, today.date);
  expect(again.list.items.length).toBe(after.list.items.length);
  expect((await apiJson<InspectionDetail>(page, 'GET', `/api/inspections/${fresh[0].id}`)).problems).toHaveLength(2);
  await ctx.close();
});

test('what the server refuses stays on the phone with its reason, to retry or delete', async ({ browser }) => {
  const ctx = await browser.newContext({ ...PHONE, serviceWorkers: 'allow' });
  const page = await ctx.newPage();
  await page.goto('/m/login');
  await page.getByLabel('手机号或用户名').fill('chief');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '我负责的点位' })).toBeVisible();

  // Offline: start at a place (no GPS here: my own places come first) and report a problem.
  await page.getByRole('link', { name: '开始巡查' }).click();
  await expect(page.getByText(/已按您负责的点位排序/)).toBeVisible();
  await ctx.setOffline(true);
  await page.locator('.m-pick').first().click();
  await page.getByRole('button', { name: '开始', exact: true }).click();
  await page.getByRole('button', { name: '记录问题' }).click();
  await page.getByRole('tab', { name: /上报问题/ }).click();
  await page.getByRole('radio', { name: '暴露垃圾', exact: true }).click();
  await page.getByLabel('问题描述').fill('路边堆有生活垃圾两袋（同步失败的演示）');
  await page.getByLabel('问题照片').setInputFiles({ name: 'trash.jpg', mimeType: 'image/jpeg', buffer: await phoneJpeg('#777') });
  await expect(page.getByRole('img', { name: '问题照片1' })).toBeVisible();
  await page.getByRole('button', { name: '保存问题' }).click();
  await expect(waiting(page)).toHaveText('待同步 3 条');

  // The person deletes the start from the queue, so the server cannot place the problem.
  await page.getByTestId('queue-waiting').click();
  const start = page.getByTestId('queue-row').filter({ hasText: '· 开始' });
  await start.getByRole('button', { name: '删除' }).click();
  await start.getByRole('button', { name: '确认删除' }).click();
  await expect(waiting(page)).toHaveText('待同步 2 条');

  // Online again: the photo goes, the problem fails with the server's reason.
  await ctx.setOffline(false);
  await expect(page.getByTestId('queue-failed')).toHaveText('同步失败 1 条', { timeout: 30_000 });
  await expect(waiting(page)).toHaveText('待同步 0 条');
  const failed = page.getByTestId('queue-row');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('上报问题 · 暴露垃圾');
  await expect(failed).toContainText('失败原因：所属巡查记录尚未同步');
  await snap(page, 'inspections-m-12-queue-failed');

  // Retrying does not change the server's mind; deleting clears it.
  await failed.getByRole('button', { name: '重试' }).click();
  await expect(failed).toContainText('已尝试 2 次');
  await failed.getByRole('button', { name: '删除' }).click();
  await failed.getByRole('button', { name: '确认删除' }).click();
  await expect(page.getByTestId('queue-failed')).toHaveText('同步失败 0 条');
  await expect(page.getByText('没有同步失败的记录。')).toBeVisible();
  await ctx.close();
});

// The problem loop end to end in Chromium against the real server and the
// demo town (汀州镇):
//   (a) the office reports a 机动车乱停放 problem in 水东街社区 with a photo and
//       立案并派遣 (overriding the route to the community) → the community
//       cadre, on a phone, accepts and submits with an after-photo → the
//       supervisor verifies → 已结案, every step on the timeline;
//   (b) the rework path: 核查不通过 → 整改中 with 返工 1 → resubmit → pass;
//   (c) an overdue problem escalating after the clock is advanced (the CLI
//       runs the deadline sweep at a later time against the server's database).
// Screenshots of every page, desktop 1440×900 and phone 375×812, go to
// tests/artifacts/screenshots/.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { expect, test, type Page } from '@playwright/test';
import { act, apiJson, chooseOption, PHONE, session, shot, signIn } from './helpers.ts';

let photoBefore = '';
let photoAfter = '';

test.beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-e2e-photos-'));
  photoBefore = path.join(dir, '现场.jpg');
  photoAfter = path.join(dir, '整改后.jpg');
  await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 190, g: 70, b: 50 } } })
    .jpeg({ quality: 80 })
    .toFile(photoBefore);
  await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 60, g: 160, b: 90 } } })
    .jpeg({ quality: 80 })
    .toFile(photoAfter);
});

async function noOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, '页面不应出现横向滚动').toBeLessThanOrEqual(0);
}

async function uploadAfterPhoto(dialog: ReturnType<Page['getByRole']>) {
  await dialog.getByTestId('after-photos-input').setInputFiles(photoAfter);
  await expect(dialog.getByText('已上传')).toBeVisible();
}

async function communityUnitId(page: Page): Promise<number> {
  const units = await apiJson<{ items: { id: number; name: string }[] }>(page, 'GET', '/api/units');
  const u = units.items.find((x) => x.name === '水东街社区居委会');
  expect(u, '演示数据应有水东街社区居委会').toBeTruthy();
  return u!.id;
}

async function categoryId(page: Page, name: string): Promise<number> {
  const cats = await apiJson<{ items: { id: number; name: string }[] }>(page, 'GET', '/api/categories/plain');
  const c = cats.items.find((x) => x.name === name);
  expect(c, `类别 ${name} 应存在`).toBeTruthy();
  return c!.id;
}

async function communityCode(page: Page): Promise<string> {
  const tree = await apiJson<{ items: any[] }>(page, 'GET', '/api/regions/tree');
  const flat = (ns: any[]): any[] => ns.flatMap((n) => [n, ...flat(n.children ?? [])]);
  const c = flat(tree.items).find((n) => n.level === 'community' && String(n.name).startsWith('水东街社区'));
  expect(c).toBeTruthy();
  return c.code;
}

test('(a) office reports and dispatches → community rectifies on a phone → supervisor closes', async ({ browser }) => {
  const office = await session(browser, 'office');
  const page = office.page;

  await page.goto('/problems');
  await expect(page.getByRole('tab', { name: '待立案' })).toBeVisible();
  await shot(page, 'desktop-problems');

  await page.goto('/problems/new');
  await expect(page.getByRole('heading', { name: '上报问题' })).toBeVisible();
  // Category: search the cascader by the plain name.
  await page.getByLabel('问题类别').click();
  await page.getByLabel('问题类别').fill('未规范停车');
  await page.locator('.ant-cascader-menu-item', { hasText: '未规范停车' }).first().click();
  await expect(page.locator('.ant-cascader').getByText('未规范停车（机动车乱停放）')).toBeVisible();
  const description = `人民路口人行道上停放多辆机动车，影响行人通行（测试${Date.now() % 100000}）`;
  await page.getByLabel('问题描述').fill(description);
  // Where: 水东街社区.
  await chooseOption(page, page.getByLabel('所在社区'), /^水东街社区(居民委员会)?$/, { tree: true, search: '水东街', shows: '水东街社区' });
  // A photo, uploaded as soon as it is picked.
  await page.getByTestId('before-photos-input').setInputFiles(photoBefore);
  await expect(page.getByText('已上传')).toBeVisible();
  // 立案并派遣, overriding the routed unit (交警) with the community committee.
  await page.getByLabel('立案并派遣').check();
  await expect(page.getByText(/按.*派往|调度规则|默认责任部门/).first()).toBeVisible();
  await page.getByLabel('责任单位').click();
  // The picker groups the town's reachable units: its own, the paired co-building units, the county's departments.
  await expect(page.locator('.ant-select-item-group', { hasText: '本镇单位' })).toBeVisible();
  await page.getByLabel('责任单位').fill('城市管理');
  await expect(page.locator('.ant-select-item-group', { hasText: '县级职能部门' })).toBeVisible();
  await shot(page, 'desktop-dispatch-picker');
  await chooseOption(page, page.getByLabel('责任单位'), '水东街社区居委会', { search: '水东街社区居委会' });
  await shot(page, 'desktop-problem-new');
  // A double tap makes one problem: the idempotency key is the form's.
  await page.getByRole('button', { name: '提交', exact: true }).dblclick();
  await expect(page).toHaveURL(/\/problems\/\d+$/);
  const problemId = Number(new URL(page.url()).pathname.split('/').pop());
  await expect(page.getByText('待接收', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('水东街社区居委会').first()).toBeVisible();
  const code = (await page.locator('.mono').first().textContent())!.trim();
  const mine = await apiJson<{ items: { id: number; description: string }[] }>(page, 'GET', '/api/problems?limit=50');
  expect(mine.items.filter((p) => p.description === description)).toHaveLength(1);
  await shot(page, 'desktop-problem-dispatched');

  // The community cadre, on a phone.
  const community = await session(browser, 'community', { phone: true });
  const phone = community.page;
  await phone.goto('/problems');
  await expect(phone.getByText(code)).toBeVisible();
  await noOverflow(phone);
  await shot(phone, 'phone-problems');
  await phone.getByText(code).click();
  await expect(phone).toHaveURL(new RegExp(`/problems/${problemId}$`));
  await act(phone, '接收', async () => {}, /确\s*定/, '整改中');
  await noOverflow(phone);
  await shot(phone, 'phone-problem-rectifying');
  await phone.getByRole('button', { name: '提交整改', exact: true }).first().click();
  const dialog = phone.getByRole('dialog');
  await dialog.getByLabel('整改说明').fill('已联系车主挪车，并在路口设置禁停标识');
  await uploadAfterPhoto(dialog);
  await shot(phone, 'phone-problem-submit');
  await dialog.getByRole('button', { name: '提交整改' }).click();
  await expect(dialog).toBeHidden();
  await expect(phone.getByText('待核查', { exact: true }).first()).toBeVisible();

  // The supervisor verifies.
  const sup = await session(browser, 'supervisor');
  await sup.page.goto(`/problems/${problemId}`);
  await act(sup.page, '核查通过并结案', async () => {}, /通过并结案/, '已结案');
  const timeline = sup.page.getByTestId('timeline-item');
  for (const step of ['上报', '立案', '派遣', '接收', '提交整改', '核查通过并结案']) {
    await expect(timeline.filter({ has: sup.page.getByText(step, { exact: true }) }).first()).toBeVisible();
  }
  await expect(timeline.getByText('已联系车主挪车，并在路口设置禁停标识')).toBeVisible();
  await expect(timeline.getByText('责任单位：水东街社区居委会')).toBeVisible();
  await expect(sup.page.getByText('整改前')).toBeVisible();
  await expect(sup.page.getByText('整改后')).toBeVisible();
  await shot(sup.page, 'desktop-problem-closed');

  // The same page on the phone: no horizontal overflow.
  await phone.goto(`/problems/${problemId}`);
  await expect(phone.getByText('已结案', { exact: true }).first()).toBeVisible();
  await noOverflow(phone);
  await shot(phone, 'phone-problem-closed');

  // The report form on a phone.
  await phone.goto('/problems/new');
  await expect(phone.getByRole('heading', { name: '上报问题' })).toBeVisible();
  await noOverflow(phone);
  await shot(phone, 'phone-problem-new');

  // Notifications: the cadre was told about the dispatch.
  await phone.goto('/notifications');
  await expect(phone.getByText(new RegExp(`新派遣问题 ${code}`)).first()).toBeVisible();
  await noOverflow(phone);
  await shot(phone, 'phone-notifications');

  await Promise.all([office.ctx.close(), community.ctx.close(), sup.ctx.close()]);
});

test('(b) rework: 核查不通过 sends it back with 返工 1, then resubmit and pass', async ({ browser }) => {
  const office = await session(browser, 'office');
  const unitId = await communityUnitId(office.page);
  const catId = await categoryId(office.page, '机动车乱停放');
  const regionCode = await communityCode(office.page);
  const p = await apiJson<{ id: number; code: string; state: string }>(office.page, 'POST', '/api/problems', {
    source: 'self_check',
    categoryId: catId,
    description: '返工测试：路口车辆乱停',
    regionCode,
    then: 'dispatch',
    unitId,
    idempotencyKey: `e2e-rework-${Date.now()}`,
  });
  expect(p.state).toBe('dispatched');

  const community = await session(browser, 'community', { phone: true });
  const phone = community.page;
  await phone.goto(`/problems/${p.id}`);
  await act(phone, '接收', async () => {}, /确\s*定/, '整改中');
  await act(
    phone,
    '提交整改',
    async (d) => {
      await d.getByLabel('整改说明').fill('已挪车');
      await uploadAfterPhoto(d);
    },
    /提交整改/,
    '待核查',
  );

  const sup = await session(browser, 'supervisor');
  await sup.page.goto(`/problems/${p.id}`);
  await act(
    sup.page,
    '核查不通过（返工）',
    async (d) => {
      await d.getByLabel('不通过的原因').fill('路口仍有车辆停放，未设置禁停标识');
    },
    /退回返工/,
    '整改中',
  );
  await expect(sup.page.getByText('返工 1').first()).toBeVisible();
  await expect(sup.page.getByTestId('timeline-item').getByText('第 1 次返工')).toBeVisible();
  await shot(sup.page, 'desktop-problem-rework');

  await phone.reload();
  await expect(phone.getByText('返工 1').first()).toBeVisible();
  await act(
    phone,
    '提交整改',
    async (d) => {
      await d.getByLabel('整改说明').fill('已设置禁停标识并安排巡查');
      await uploadAfterPhoto(d);
    },
    /提交整改/,
    '待核查',
  );

  await sup.page.reload();
  await act(sup.page, '核查通过并结案', async () => {}, /通过并结案/, '已结案');
  const steps = await sup.page.getByTestId('timeline-item').count();
  expect(steps).toBeGreaterThanOrEqual(8); // report, file, dispatch, accept, submit, fail, submit, pass
  await Promise.all([office.ctx.close(), community.ctx.close(), sup.ctx.close()]);
});

test('(c) an overdue problem escalates after the clock is advanced', async ({ browser }) => {
  // Two CLI processes each start, connect and sweep a demo with months of history: a hang cap, not a timing.
  const office = await session(browser, 'office');
  const api = office.page.request;
  const cats = await (await api.get('/api/categories/plain')).json();
  const list = Array.isArray(cats) ? cats : cats.items;
  const cat = list.find((c: any) => c.name === '乱堆物堆料');
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const created = await api.post('/api/problems', {
    data: {
      source: 'supervision',
      categoryId: cat.id,
      description: '营背街巷口长期乱堆杂物（超期测试）',
      regionCode: '350821100010',
      then: 'dispatch',
      dueDate: today,
    },
  });
  expect(created.status()).toBe(201);
  const p = await created.json();
  expect(p.state).toBe('dispatched');

  // Advance the clock: run the deadline sweep as if it were ten days later.
  const later = new Date(Date.now() + 10 * 86400_000).toISOString();
  const run = () =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', 'jobs', 'run', 'deadline', '--now', later], {
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
  const first = run();
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toContain('已执行任务 deadline');
  expect(run().status).toBe(0); // a second run (a restart, a retry) must not notify twice

  await office.page.goto(`/problems/${p.id}`);
  await expect(office.page.getByTestId('timeline-item').getByText('超期督办')).toHaveCount(1);
  await shot(office.page, 'desktop-problem-overdue');
  const notes = await (await api.get('/api/notifications')).json();
  const mine = (notes.items ?? notes).filter((n: any) => n.problemId === p.id && n.kind === 'escalation');
  expect(mine).toHaveLength(1);
  await office.page.goto('/notifications');
  await expect(office.page.getByText('超期督办').first()).toBeVisible();
  await shot(office.page, 'desktop-notifications-escalation');
  await office.ctx.close();
});

test('pages of the loop and the admin pages, desktop and phone', async ({ browser }) => {
  const admin = await session(browser, 'admin', { password: process.env.E2E_ADMIN_PASSWORD! });
  const page = admin.page;
  await page.goto('/admin/categories');
  await expect(page.getByText('街面秩序').first()).toBeVisible();
  await shot(page, 'desktop-admin-categories');
  await page.goto('/admin/dispatch-rules');
  await expect(page.getByText('测试派遣')).toBeVisible();
  await shot(page, 'desktop-admin-dispatch-rules');
  await page.goto('/admin/calendar');
  await expect(page.getByText(/放假 \d+ 天/)).toBeVisible();
  await shot(page, 'desktop-admin-calendar');
  await page.goto('/reinspections');
  await shot(page, 'desktop-reinspections');
  await page.goto('/accountability');
  await shot(page, 'desktop-accountability');
  await page.goto('/notifications');
  await shot(page, 'desktop-notifications');

  // The test route box: 机动车乱停放 in 水东街社区 goes somewhere, with a reason.
  await page.goto('/admin/dispatch-rules');
  await chooseOption(page, page.locator('.ant-card', { hasText: '测试派遣' }).locator('.ant-tree-select'), /^水东街社区(居民委员会)?$/, {
    tree: true,
    search: '水东街',
    shows: '水东街社区',
  });
  await expect(page.getByText(/派往：|没有找到责任单位/)).toBeVisible();
  await shot(page, 'desktop-admin-dispatch-test');

  const phone = await browser.newContext(PHONE);
  const pp = await phone.newPage();
  await signIn(pp, 'admin', process.env.E2E_ADMIN_PASSWORD!);
  for (const [url, name] of [
    ['/admin/categories', 'admin-categories'],
    ['/admin/dispatch-rules', 'admin-dispatch-rules'],
    ['/admin/calendar', 'admin-calendar'],
    ['/reinspections', 'reinspections'],
    ['/accountability', 'accountability'],
  ] as const) {
    await pp.goto(url);
    await pp.waitForLoadState('networkidle');
    await noOverflow(pp);
    await shot(pp, `phone-${name}`);
  }
  await Promise.all([admin.ctx.close(), phone.close()]);
});

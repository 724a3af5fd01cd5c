// The problem views end to end in Chromium against the real server and the
// demo town (汀州镇):
//   - a resident, on a 375×812 phone and without an account, reports with a
//     photo on /h5/report and gets a tracking code; the office files it from
//     the workbench (1440×900) and dispatches it; the community cadre accepts
//     and submits with an after-photo; the office verifies; the resident's
//     status page follows it to 已结案 and the resident rates it once;
//   - the list filter lives in the URL and survives a reload;
//   - the map page renders server clusters.
// It also measures the JavaScript /h5/report loads before first render
// (gzipped) and screenshots every page at both sizes to tests/artifacts/screenshots/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { expect, test, type Page } from '@playwright/test';
import { act, apiJson, chooseOption, DESKTOP, PHONE, session, shot } from './helpers.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts');

let photoBefore = '';
let photoAfter = '';

test.beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-e2e-views-'));
  photoBefore = path.join(dir, '随手拍.jpg');
  photoAfter = path.join(dir, '整改后.jpg');
  await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 150, g: 110, b: 60 } } })
    .jpeg({ quality: 80 })
    .toFile(photoBefore);
  await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 70, g: 150, b: 100 } } })
    .jpeg({ quality: 80 })
    .toFile(photoAfter);
});

/** No horizontal scroll, and no Latin words visible to users (identifiers leaking into the UI). */
async function clean(page: Page, what: string) {
  const r = await page.evaluate(() => {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const words = new Set<string>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (
        !el ||
        el.closest('.mono, script, style, .h5-code, .h5-code-inline, [data-testid=tracking-code], .leaflet-control-scale') ||
        !(el as HTMLElement).offsetParent
      )
        continue;
      for (const w of n.textContent?.match(/[A-Za-z]{3,}/g) ?? []) words.add(w);
    }
    return { overflow, words: [...words] };
  });
  expect(r.overflow, `${what}：页面不应出现横向滚动`).toBeLessThanOrEqual(0);
  expect(
    r.words.filter((w) => !['Excel', 'xlsx', 'JPEG', 'PNG', 'WebP'].includes(w)),
    `${what}：不应显示英文`,
  ).toEqual([]);
}

/** A point of 水东街社区 (from the demo places) and the community's code. */
async function shuidong(page: Page): Promise<{ code: string; lat: number; lng: number }> {
  const tree = await apiJson<{ items: any[] }>(page, 'GET', '/api/regions/tree');
  const flat = (ns: any[]): any[] => ns.flatMap((n) => [n, ...flat(n.children ?? [])]);
  const c = flat(tree.items).find((n) => n.level === 'community' && String(n.name).startsWith('水东街社区'));
  expect(c, '演示数据应有水东街社区').toBeTruthy();
  const places = await apiJson<{ items: { lat: number | null; lng: number | null }[] }>(page, 'GET', `/api/places?regionCode=${c.code}`);
  const p = places.items.find((x) => x.lat != null && x.lng != null);
  expect(p, '水东街社区应有带坐标的点位').toBeTruthy();
  return { code: c.code, lat: p!.lat!, lng: p!.lng! };
}

test('resident 随手拍 → office files from the workbench and dispatches → community rectifies → office verifies → resident sees 已结案 and rates', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const office = await session(browser, 'office');
  const op = office.page;
  const where = await shuidong(op);

  // ---- the resident, on a phone, no account; the browser knows where they stand ----
  const resCtx = await browser.newContext({ ...PHONE, geolocation: { latitude: where.lat, longitude: where.lng }, permissions: ['geolocation'] });
  const rp = await resCtx.newPage();
  const js: { url: string; bytes: number; gzip: number }[] = [];
  rp.on('response', async (r) => {
    if (!/\.js(\?|$)/.test(r.url())) return;
    const body = await r.body().catch(() => null);
    if (body) js.push({ url: new URL(r.url()).pathname, bytes: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
  });
  await rp.goto('/h5/report');
  await expect(rp.getByRole('heading', { name: '随手拍' })).toBeVisible();
  await rp.waitForLoadState('networkidle');
  // The light entry: React and the H5 pages, never the staff app's antd chunks.
  expect(
    js.some((x) => /desktop-/.test(x.url)),
    '随手拍页面不应加载工作人员端（antd）的代码',
  ).toBe(false);
  const firstRender = js.reduce((s, x) => ({ bytes: s.bytes + x.bytes, gzip: s.gzip + x.gzip }), { bytes: 0, gzip: 0 });
  fs.writeFileSync(path.join(ARTIFACTS, 'h5-report-js.json'), JSON.stringify({ ...firstRender, files: js }, null, 2));
  console.log(`/h5/report 首屏 JS：${js.length} 个文件，${firstRender.bytes} 字节，gzip 后 ${firstRender.gzip} 字节`);
  expect(firstRender.gzip).toBeLessThan(120_000);
  await clean(rp, '随手拍');
  await shot(rp, 'phone-h5-report', 300);

  // Submitting empty says what is missing, in Chinese, at each field.
  await rp.getByRole('button', { name: '提交', exact: true }).click();
  await expect(rp.getByText('请拍一张问题的照片')).toBeVisible();
  await expect(rp.getByText('请选择问题类型')).toBeVisible();

  await rp.getByTestId('h5-photos').setInputFiles(photoBefore);
  await expect(rp.getByText('已上传')).toBeVisible();
  await rp.getByRole('button', { name: '使用我的位置' }).click();
  await expect(rp.getByText(/已定位：北纬/)).toBeVisible();
  const cats = await (await rp.request.get('/api/public/categories')).json();
  const cat = cats.items.find((c: any) => /垃圾/.test(c.name)) ?? cats.items[0];
  // Common problems are shown first; anything else is under 更多类型.
  if (!(await rp.getByRole('radio', { name: cat.name, exact: true }).count())) await rp.getByRole('button', { name: '更多类型…' }).click();
  await rp.getByRole('radio', { name: cat.name, exact: true }).first().click();
  const tag = `随手拍测试${Date.now() % 100000}`;
  await rp.getByLabel('说说情况').fill(`小区门口垃圾堆放多日无人清理（${tag}）`);
  await rp.getByLabel('手机号').fill('13900001234');
  await shot(rp, 'phone-h5-report-filled', 300);
  await rp.getByRole('button', { name: '提交', exact: true }).click();
  const codeBox = rp.getByTestId('tracking-code');
  await expect(codeBox).toBeVisible();
  const code = (await codeBox.textContent())!.trim();
  expect(code).toMatch(/^[A-Za-z0-9]{6,20}$/);
  await expect(rp.getByRole('button', { name: '复制查询码' })).toBeVisible();
  await clean(rp, '提交成功');
  await shot(rp, 'phone-h5-done', 300);
  await rp.getByRole('link', { name: '查看处理进度' }).click();
  await expect(rp).toHaveURL(new RegExp(`/h5/status/${code}$`));
  await expect(rp.getByTestId('public-state')).toHaveText('待立案');
  await clean(rp, '进度查询');
  await shot(rp, 'phone-h5-status-reported', 300);

  // ---- the office: workbench → 待立案 → the resident's problem → 立案, 派遣 ----
  await op.goto('/workbench');
  await expect(op.getByRole('heading', { name: '工作台' })).toBeVisible();
  await expect(op.getByText('今天需要我处理的')).toBeVisible();
  await clean(op, '工作台');
  await shot(op, 'desktop-workbench', 300);
  await op
    .getByTestId('queues')
    .getByRole('link', { name: /^待立案/ })
    .click();
  await expect(op).toHaveURL(/\/problems\?state=reported$/);
  await expect(op.getByRole('tab', { name: '待立案', selected: true })).toBeVisible();
  await op.getByRole('link', { name: code }).click();
  await expect(op).toHaveURL(/\/problems\/\d+$/);
  const problemId = Number(new URL(op.url()).pathname.split('/').pop());
  await expect(op.getByText('群众随手拍').first()).toBeVisible();
  // The resident's phone is visible to the office (unmasked for this role).
  await act(op, '立案', async () => {}, /确\s*定/, '待派遣');
  await act(
    op,
    '派遣',
    async (d) => {
      await chooseOption(op, d.getByLabel('责任单位'), '水东街社区居委会', { search: '水东街社区居委会' });
    },
    /确\s*定/,
    '待接收',
  );

  // ---- the community cadre, on a phone ----
  const community = await session(browser, 'community', { phone: true });
  const cp = community.page;
  await cp.goto(`/problems/${problemId}`);
  await act(cp, '接收', async () => {}, /确\s*定/, '整改中');
  await act(
    cp,
    '提交整改',
    async (d) => {
      await d.getByLabel('整改说明').fill('已清运垃圾并安排保洁员每日巡查');
      await d.getByTestId('after-photos-input').setInputFiles(photoAfter);
      await expect(d.getByText('已上传')).toBeVisible();
    },
    /提交整改/,
    '待核查',
  );

  // The resident sees progress, no personal data.
  await rp.reload();
  await expect(rp.getByTestId('public-state')).toHaveText('待核查');
  await expect(rp.getByText('13900001234')).toHaveCount(0);

  // ---- the office verifies ----
  await op.reload();
  await act(op, '核查通过并结案', async () => {}, /通过并结案/, '已结案');

  // ---- the resident: 已结案, before and after photos, one rating ----
  await rp.reload();
  await expect(rp.getByTestId('public-state')).toHaveText('已结案');
  await expect(rp.getByRole('heading', { name: '处理后' })).toBeVisible();
  await expect(rp.getByAltText('处理后的照片').first()).toBeVisible();
  await clean(rp, '已结案进度');
  await shot(rp, 'phone-h5-status-closed', 300);
  await rp.getByRole('button', { name: '满意', exact: true }).click();
  await expect(rp.getByTestId('rating-done')).toContainText('满意');
  await rp.reload();
  await expect(rp.getByTestId('rating-done')).toBeVisible();
  await expect(rp.getByRole('button', { name: '满意', exact: true })).toHaveCount(0);
  await shot(rp, 'phone-h5-status-rated', 300);
  // The status page on a desktop too.
  const deskPublic = await browser.newContext(DESKTOP);
  const dp = await deskPublic.newPage();
  await dp.goto(`/h5/status/${code}`);
  await expect(dp.getByTestId('public-state')).toHaveText('已结案');
  await shot(dp, 'desktop-h5-status', 300);
  await dp.goto('/h5/report');
  await expect(dp.getByRole('heading', { name: '随手拍' })).toBeVisible();
  await shot(dp, 'desktop-h5-report', 300);

  // ---- the list filter lives in the URL and survives a reload ----
  await op.goto('/problems');
  await op.getByLabel('关键词').fill(tag);
  await op.getByLabel('关键词').press('Enter');
  await expect(op).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(tag)}`));
  await chooseOption(op, op.getByLabel('状态'), '已结案');
  await op.keyboard.press('Escape');
  await expect(op).toHaveURL(/state=closed/);
  await expect(op.getByRole('link', { name: code })).toBeVisible();
  await expect(op.getByText('共 1 个问题')).toBeVisible();
  await op.reload();
  await expect(op.getByLabel('关键词')).toHaveValue(tag);
  await expect(op.getByRole('link', { name: code })).toBeVisible();
  await expect(op.getByText('共 1 个问题')).toBeVisible();
  const exportHref = await op.getByRole('link', { name: /导出 Excel/ }).getAttribute('href');
  expect(exportHref).toContain(`q=${encodeURIComponent(tag)}`);
  const xlsx = await op.request.get(exportHref!);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  // Back returns to the previous filter.
  await op.goBack();
  await expect(op).not.toHaveURL(/state=closed/);
  await op.goto(`/problems?q=${encodeURIComponent(tag)}&state=closed`);
  await clean(op, '问题列表');
  await shot(op, 'desktop-problems-filtered', 300);

  await Promise.all([office.ctx.close(), community.ctx.close(), resCtx.close(), deskPublic.close()]);
});

test('the map renders server clusters; every view page at both sizes', async ({ browser }) => {
  const office = await session(browser, 'office');
  const op = office.page;
  const where = await shuidong(op);
  // A handful of problems in one spot, so the map has a cluster to draw.
  const cats = await apiJson<{ items: { id: number; name: string; plainName: string }[] }>(op, 'GET', '/api/categories/plain');
  const cat = cats.items.find((c) => c.name === '乱堆物堆料') ?? cats.items[0];
  for (let i = 0; i < 6; i++) {
    await apiJson(op, 'POST', '/api/problems', {
      source: 'patrol',
      categoryId: cat.id,
      description: `地图聚合测试：路边堆放杂物 ${i + 1}`,
      lat: where.lat + i * 0.00003,
      lng: where.lng + i * 0.00003,
      regionCode: where.code,
      idempotencyKey: `e2e-map-${Date.now()}-${i}`,
    });
  }

  await op.goto('/map');
  await expect(op.getByRole('heading', { name: '问题地图' })).toBeVisible();
  await expect(op.locator('[data-testid=map-cluster]').first()).toBeVisible({ timeout: 15_000 });
  await expect(op.locator('.leaflet-control-scale')).toBeVisible();
  await expect(op.getByText(/视野内 \d+ 个问题/)).toBeVisible();
  await clean(op, '问题地图');
  await shot(op, 'desktop-map', 300);
  // Colour by overdue, kept in the URL.
  await op.getByText('按超期着色').click();
  await expect(op).toHaveURL(/color=overdue/);
  await expect(op.getByText('未超期')).toBeVisible();
  // A cluster zooms in; at street level the problems are points that open the problem.
  await op.locator('[data-testid=map-cluster]').first().click();
  await shot(op, 'desktop-map-overdue', 300);

  // Duplicate hints in the report form: same category, same spot.
  await op.goto('/problems/new');
  await op.getByLabel('问题类别').click();
  await op.getByLabel('问题类别').fill(cat.name);
  // Search results show the plain name people use.
  await op
    .locator('.ant-cascader-menu-item', { hasText: cat.plainName || cat.name })
    .first()
    .click();
  // Where the problems are, by GPS.
  await op.context().grantPermissions(['geolocation']);
  await op.context().setGeolocation({ latitude: where.lat, longitude: where.lng });
  await op.getByRole('button', { name: '使用当前位置' }).click();
  const hints = op.getByTestId('duplicate-hints');
  await expect(hints).toBeVisible();
  await expect(hints.getByText(/相距约 \d+ 米/).first()).toBeVisible();
  await shot(op, 'desktop-problem-new-duplicates', 300);
  await hints.getByRole('button', { name: '这是同一个问题' }).first().click();
  await expect(op).toHaveURL(/\/problems\/\d+$/);
  await expect(op.getByText(/已关注问题/)).toBeVisible();

  await op.goto('/workbench');
  await shot(op, 'desktop-workbench-after', 300);
  await op.goto('/problems');
  await clean(op, '问题列表');
  await shot(op, 'desktop-problems', 300);

  // Phone: workbench, list, map, report form.
  const phone = await session(browser, 'office', { phone: true });
  const pp = phone.page;
  for (const [url, name, ready] of [
    ['/workbench', 'workbench', '工作台'],
    ['/problems', 'problems', '问题'],
    ['/map', 'map', '问题地图'],
    ['/problems/new', 'problem-new', '上报问题'],
  ] as const) {
    await pp.goto(url);
    await expect(pp.getByRole('heading', { name: ready, exact: true })).toBeVisible();
    if (name === 'map') await expect(pp.locator('[data-testid=map-cluster], .map-point').first()).toBeVisible({ timeout: 15_000 });
    await clean(pp, name);
    await shot(pp, `phone-${name}`, 300);
  }
  await pp.goto('/problems');
  await pp.getByRole('button', { name: '更多筛选' }).click();
  await clean(pp, '筛选');
  await shot(pp, 'phone-problems-filters', 300);
  // The community cadre's workbench on a phone.
  const cadre = await session(browser, 'community', { phone: true });
  await cadre.page.goto('/workbench');
  await expect(cadre.page.getByRole('heading', { name: '工作台' })).toBeVisible();
  await clean(cadre.page, '社区工作台');
  await shot(cadre.page, 'phone-workbench-community', 300);
  await Promise.all([office.ctx.close(), phone.ctx.close(), cadre.ctx.close()]);
});

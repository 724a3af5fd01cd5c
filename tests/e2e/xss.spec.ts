// User text never runs as script (issue 10), end to end in Chromium against
// the real server and the demo town: the office (and the admin, for
// categories) creates through the API places, a grid, a unit, a person, a
// category and problems whose names, descriptions and addresses are script
// payloads, renames the place of a recorded inspection to one, and then every
// page that shows them is opened — the problem map with each dot's tooltip
// opened, the place picker's map, an inspection's track map (its place label
// is a permanent tooltip), the problem list and detail, the workbench,
// regions, units, people, categories, a notice and the audit log. On every page:
// nothing ran (window.__xss unset, no dialog), the payload is on the page as
// text, and the browser reported no Content-Security-Policy violation. The
// staff phone app (/m) is checked for CSP violations with its service worker
// and IndexedDB at work.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { apiJson, DESKTOP, PHONE, signIn } from './helpers.ts';

const PAYLOADS = ['<img src=x onerror=window.__xss=1>', '<script>window.__xss=1</script>', '"><svg onload=window.__xss=1>'];
// A different Chinese prefix per kind of record, so each text is found on its own.
const named = (prefix: string, i: number) => `${prefix}${PAYLOADS[i]}`;

interface Guarded {
  ctx: BrowserContext;
  page: Page;
  events: string[];
}

/**
 * A signed-in context that records what must never happen: a dialog (alert,
 * confirm, prompt), a CSP violation (the securitypolicyviolation event, and
 * the console's "Refused to …" line), and a page error.
 */
async function guarded(browser: Browser, login: string, opts: { phone?: boolean; password?: string; path?: string } = {}): Promise<Guarded> {
  const ctx = await browser.newContext({ ...(opts.phone ? PHONE : DESKTOP), serviceWorkers: 'allow' });
  await ctx.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await ctx.newPage();
  const events: string[] = [];
  page.on('dialog', (d) => {
    events.push(`dialog ${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) events.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => events.push(`pageerror: ${e.message}`));
  if (opts.path) {
    await page.goto(opts.path);
    await page.getByLabel('手机号或用户名').fill(login);
    await page.getByLabel('密码').fill(opts.password ?? 'Demo@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
  } else {
    await signIn(page, login, opts.password);
  }
  return { ctx, page, events };
}

/** Nothing ran and nothing was refused on the page as it is now. */
async function expectClean(g: Guarded, where: string) {
  const state = await g.page.evaluate(() => {
    const w = window as unknown as { __xss?: unknown; __csp?: string[] };
    return { xss: w.__xss, csp: w.__csp ?? [] };
  });
  expect(state.xss, `${where}：脚本不应被执行`).toBeUndefined();
  expect(state.csp, `${where}：不应有违反内容安全策略的加载`).toEqual([]);
  expect(g.events, `${where}：不应弹窗、报错或违反内容安全策略`).toEqual([]);
}

/** Each text is on the page, as text. */
async function expectTexts(page: Page, texts: string[], where: string) {
  for (const t of texts) await expect(page.locator('body'), `${where}：应原样显示 ${t}`).toContainText(t, { useInnerText: true, timeout: 30_000 });
}

/**
 * Open the tooltip of every interactive dot of the Leaflet map in `box` (as a
 * pointer entering it does) and return the texts the tooltips showed.
 */
async function tooltipTexts(page: Page, box: string): Promise<string[]> {
  await expect(page.locator(`${box} path.leaflet-interactive`).first()).toBeAttached();
  return page.evaluate((sel) => {
    const texts: string[] = [];
    for (const path of document.querySelectorAll(`${sel} path.leaflet-interactive`)) {
      path.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      for (const t of document.querySelectorAll(`${sel} .leaflet-tooltip`)) texts.push(t.textContent ?? '');
      path.dispatchEvent(new MouseEvent('mouseout', { bubbles: true }));
    }
    return texts;
  }, box);
}

test('script payloads in names and descriptions show as text on every page, and no page breaks the CSP', async ({ browser }) => {
  test.setTimeout(480_000);
  const office = await guarded(browser, 'office');
  const op = office.page;
  await expectClean(office, '登录后首页');

  // ---- where: 水东街社区 and its places ----
  const tree = await apiJson<{ items: any[] }>(op, 'GET', '/api/regions/tree');
  const flat = (ns: any[]): any[] => ns.flatMap((n) => [n, ...flat(n.children ?? [])]);
  const community = flat(tree.items).find((n) => n.level === 'community' && String(n.name).startsWith('水东街社区'));
  expect(community, '演示数据应有水东街社区').toBeTruthy();
  const existing = (await apiJson<{ items: { lat: number | null; lng: number | null }[] }>(op, 'GET', `/api/places?regionCode=${community.code}`)).items.filter(
    (p) => p.lat != null,
  );
  const base = { lat: existing[0].lat!, lng: existing[0].lng! };

  // ---- the records, named with payloads (office; categories by the admin) ----
  const placeNames = PAYLOADS.map((_, i) => named('点位', i));
  const places = [];
  for (const [i, name] of placeNames.entries()) {
    places.push(
      await apiJson<{ id: number }>(op, 'POST', '/api/places', {
        kind: 'point',
        pointType: 'back_street',
        regionCode: community.code,
        name,
        address: named('地址', i),
        lat: base.lat + 0.0006 * (i + 1),
        lng: base.lng + 0.0006 * (i + 1),
      }),
    );
  }
  const gridName = named('网格', 0);
  await apiJson(op, 'POST', `/api/regions/${community.code}/grids`, { name: gridName });
  const unitName = named('共建单位', 1);
  const unit = await apiJson<{ id: number }>(op, 'POST', '/api/units', { kind: 'party_org', name: unitName, regionCode: community.code });
  const personName = named('人员', 2).slice(0, 50);
  await apiJson(op, 'POST', '/api/people', {
    name: personName,
    phone: '13859799901',
    regionCode: community.code,
    unitId: unit.id,
    roles: [{ role: 'community_staff', scopeRegionCode: community.code }],
  });

  const admin = await guarded(browser, 'admin', { password: process.env.E2E_ADMIN_PASSWORD! });
  const categoryName = named('类别', 0);
  const parent = await apiJson<{ id: number }>(admin.page, 'POST', '/api/categories', { kind: 'event', code: 'XSS1', name: named('大类', 2) });
  const category = await apiJson<{ id: number }>(admin.page, 'POST', '/api/categories', {
    kind: 'event',
    code: 'XSS101',
    parentId: parent.id,
    name: categoryName,
    plainName: named('俗称', 1),
  });

  const descriptions = PAYLOADS.map((_, i) => named('问题描述', i));
  const problems: { id: number; code: string }[] = [];
  for (const [i, description] of descriptions.entries()) {
    problems.push(
      await apiJson(op, 'POST', '/api/problems', {
        source: 'self_check',
        categoryId: category.id,
        description,
        address: named('问题地址', i),
        placeId: places[i].id,
        regionCode: community.code,
        lat: base.lat + 0.0006 * (i + 1) + 0.0004,
        lng: base.lng + 0.0006 * (i + 1) - 0.0004,
      }),
    );
  }

  // ---- the problem map: every dot's tooltip, place names among them ----
  await op.goto('/map');
  await expect(op.getByTestId('problem-map')).toBeVisible({ timeout: 30_000 });
  await op.waitForLoadState('networkidle');
  const mapTips = await tooltipTexts(op, '[data-testid=problem-map]');
  for (const n of placeNames) expect(mapTips, `问题地图的提示应原样显示 ${n}`).toContain(n);
  await expectClean(office, '问题地图');

  // ---- problem list, workbench, and each problem's page (with its place map) ----
  await op.goto(`/problems?q=${encodeURIComponent('问题描述')}`);
  await expectTexts(op, descriptions, '问题清单');
  await expectClean(office, '问题清单');
  await op.goto('/workbench');
  await op.waitForLoadState('networkidle');
  await expectClean(office, '工作台');
  for (const [i, p] of problems.entries()) {
    await op.goto(`/problems/${p.id}`);
    await expectTexts(op, [descriptions[i], categoryName, placeNames[i]], `问题 ${p.code}`);
    await op.waitForLoadState('networkidle');
    await expectClean(office, `问题 ${p.code}`);
  }

  // ---- regions: the grid in the tree, the places in the list and in the place picker's map ----
  await op.goto(`/regions?code=${community.code}`);
  await expectTexts(op, [gridName], '区域与点位');
  await op.getByRole('tab', { name: /点位/ }).click();
  await expectTexts(op, placeNames, '点位列表');
  await expectClean(office, '点位列表');
  await op.getByRole('button', { name: '新增点位' }).click();
  const dialog = op.getByRole('dialog');
  await expect(dialog.locator('.map-box')).toBeVisible();
  const pickerTips = await tooltipTexts(op, '.ant-modal .map-box');
  expect(pickerTips.filter((t) => placeNames.includes(t)).length, '选点地图的提示应原样显示点位名称').toBeGreaterThan(0);
  await expectClean(office, '选点地图');
  await op.keyboard.press('Escape');

  // ---- units and people ----
  await op.goto('/units');
  await expectTexts(op, [unitName], '单位');
  await expectClean(office, '单位');
  await op.goto('/people');
  await op.waitForLoadState('networkidle');
  await op.getByPlaceholder('姓名、手机号或用户名').fill('13859799901');
  await op.getByPlaceholder('姓名、手机号或用户名').press('Enter');
  await expectTexts(op, [personName], '人员');
  await expectClean(office, '人员');

  // ---- an inspection's track map: its place, renamed to a payload, is a permanent label ----
  const list = await apiJson<{ items: { id: number }[] }>(op, 'GET', '/api/inspections');
  let shown = false;
  for (const it of list.items) {
    const d = await apiJson<any>(op, 'GET', `/api/inspections/${it.id}`);
    if (d.lat == null || d.lng == null || !d.place?.id) continue;
    const place = await apiJson<{ version: number }>(op, 'GET', `/api/places/${d.place.id}`);
    const trackName = named('巡查点位', 0);
    const r = await op.request.patch(`/api/places/${d.place.id}`, { data: { name: trackName, version: place.version } });
    expect(r.ok(), `改名 ${r.status()} ${await r.text()}`).toBeTruthy();
    await op.goto(`/inspections/${it.id}`);
    await expect(op.locator('.leaflet-tooltip').filter({ hasText: trackName })).toHaveText(trackName, { timeout: 30_000 });
    await expectClean(office, '巡查轨迹地图');
    shown = true;
    break;
  }
  expect(shown, '演示数据应有一次带位置的检查').toBe(true);

  // ---- a notice (draft) listing the problems: its title, intro, descriptions and places ----
  const noticeTitle = named('通报标题', 1);
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const notice = await apiJson<{ id: number }>(op, 'POST', '/api/notices', {
    kind: 'supervision',
    title: noticeTitle,
    issueDate: today,
    intro: named('通报说明', 0),
    problemIds: problems.map((p) => p.id),
  });
  await op.goto('/notices');
  await expectTexts(op, [noticeTitle], '通报列表');
  await expectClean(office, '通报列表');
  await op.goto(`/notices/${notice.id}`);
  await expectTexts(op, [noticeTitle, ...descriptions, ...placeNames], '通报');
  await expectClean(office, '通报');

  // ---- the audit log names the records ----
  await op.goto('/audit');
  await op.waitForLoadState('networkidle');
  await expectClean(office, '操作日志');

  // ---- the admin: categories ----
  await admin.page.goto('/admin/categories');
  await expectTexts(admin.page, [named('大类', 2)], '问题类别');
  await admin.page.getByRole('row', { name: /XSS1/ }).getByRole('button', { name: '展开行' }).click();
  await expectTexts(admin.page, [categoryName, named('俗称', 1)], '问题类别');
  await expectClean(admin, '问题类别');
  await admin.page.goto('/map');
  await expect(admin.page.getByTestId('problem-map')).toBeVisible({ timeout: 30_000 });
  await admin.page.waitForLoadState('networkidle');
  await tooltipTexts(admin.page, '[data-testid=problem-map]');
  await expectClean(admin, '问题地图（管理员）');

  await office.ctx.close();
  await admin.ctx.close();
});

test('the staff phone app runs under the CSP: service worker, IndexedDB and its pages', async ({ browser }) => {
  const chief = await guarded(browser, 'chief', { phone: true, path: '/m/login' });
  await expect(chief.page).not.toHaveURL(/\/login/);
  await chief.page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: 15_000 });
  const idb = await chief.page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const req = indexedDB.open('cc-csp-probe', 1);
        req.onsuccess = () => {
          req.result.close();
          resolve('ok');
        };
        req.onerror = () => resolve(String(req.error));
      }),
  );
  expect(idb).toBe('ok');
  await chief.page.waitForLoadState('networkidle');
  await expectClean(chief, '巡查手机端');

  const resident = await browser.newContext(PHONE);
  const page = await resident.newPage();
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  await page.goto('/h5/report');
  await page.waitForLoadState('networkidle');
  expect(refused, '随手拍页面不应违反内容安全策略').toEqual([]);
  await resident.close();
  await chief.ctx.close();
});

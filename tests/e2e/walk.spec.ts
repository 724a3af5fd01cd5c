// The walk (issue 15 item 6): every desk page of every role at 1440×900, the
// phone pages at 375×812 and the public pages, against the demo town. Each
// page is screenshotted into tests/artifacts/walk/ (kept as a CI artefact)
// and its text, read from the DOM at that moment, must show no raw id (a
// UUID, a long hex or numeric id), no English word outside ALLOWED, no table
// cell cut off without a title to read it whole, no bare 暂无数据, and nothing
// wider than the window, nor a link or progress bar in antd's blue. A role's pages are its menu's, then the first record
// of every kind linked from them (a problem, an inspection, a notice…), so a
// new page is walked the day it is added to the menu.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DESKTOP, PHONE, signIn } from './helpers.ts';

const OUT = path.resolve(import.meta.dirname, '../artifacts/walk');
fs.mkdirSync(OUT, { recursive: true });

/** Latin words a user may meet: file formats, map terms, protocol names. Anything else is a leak of code into the UI. */
const ALLOWED = [
  // a file's own name ends in its extension (a voucher 冲正说明.pdf): data, not a label
  'pdf',
  'docx',
  'xlsx',
  'jpg',
  'png',
  'PDF',
  'Excel',
  'ID',
  'GeoJSON',
  'URL',
  'XYZ',
  'pmtiles',
  'API',
  'OpenAPI',
  'Webhook',
  'http',
  'https',
  'HTTP',
  'HTTPS',
  'IP',
  'GPS',
  // LED屏: the screens publicity programmes run on (issue 18).
  'LED',
  'xlsx',
  'docx',
  'CSV',
  'JPEG',
  'PNG',
  'WebP',
  'KB',
  'MB',
  'GB',
  'km',
  'PMTiles',
  'WGS',
  'Polygon',
  'MultiPolygon',
  // A signed-in device, as the sessions list names it.
  'Chrome',
  'Edge',
  'Firefox',
  'Safari',
  'Windows',
  'Linux',
  'Android',
  'iOS',
  'iPhone',
  'iPad',
  'Mac',
  'macOS',
];
/** Pages reached by a tab rather than a link, walked after their menu entry. */
const TAB_PAGES: Record<string, string[]> = {
  '/publicity': [
    '/publicity/led',
    '/publicity/handouts',
    '/publicity/door',
    '/publicity/facilities',
    '/publicity/map',
    '/publicity/points',
    '/publicity/terms',
  ],
  '/polls': ['/polls?tab=questionnaires'],
  // The forecast of one community (the menu opens the caller's town or county).
  '/evaluation/forecast': ['/evaluation/forecast?region=350821100010'],
};
/** Pages per role at most, so a page linking to thousands of records cannot make the walk endless. */
const MAX_PAGES = 60;

type Finding = string;

/** Runs in the page: what the user sees that they should not. */
function findIssues({ allowed, desk }: { allowed: string[]; desk: boolean }): string[] {
  const out: string[] = [];
  const ok = new Set(allowed);
  const text = document.body.innerText;
  const snippet = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 60);
  for (const m of text.matchAll(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi)) out.push(`raw id (UUID) ${m[0]}`);
  for (const m of text.matchAll(/\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{16,}\b/gi)) out.push(`raw id (hex) ${m[0]}`);
  for (const m of text.matchAll(/(?<!\d)\d{16,}(?!\d)/g)) out.push(`raw id (number) ${m[0]}`);
  if (/暂无数据/.test(text)) out.push('bare empty state 暂无数据 (say what to do next)');

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const words = new Map<string, string>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    // .mono marks machine text shown on purpose (a problem's code, a username); hidden text is not seen.
    if (!el || el.closest('.mono, script, style, noscript, svg') || !el.checkVisibility()) continue;
    // A host name or an address (robot.intranet, https://…) is not a word.
    const plain = (n.textContent ?? '').replace(/(?:https?:\/\/)?[\w-]+(?:\.[\w-]+)+(?:\/\S*)?/g, ' ');
    for (const w of plain.match(/[A-Za-z]{2,}/g) ?? []) if (!ok.has(w) && !words.has(w)) words.set(w, snippet(n.textContent ?? ''));
  }
  for (const [w, where] of words) out.push(`English word "${w}" in "${where}"`);

  const clipped = (el: Element) => el.scrollWidth > el.clientWidth + 1;
  const titled = (cell: Element) => !!(cell.getAttribute('title') || cell.querySelector('[title]'));
  /** The cell's content reaches past its padding box: clipped (ellipsis, overflow hidden) or spilling into the next cell. Range boxes ignore clipping. */
  const cutOff = (cell: HTMLElement) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const content = range.getBoundingClientRect();
    if (!content.width) return false;
    const box = cell.getBoundingClientRect();
    const cs = getComputedStyle(cell);
    return content.right > box.right - Number.parseFloat(cs.paddingRight) - Number.parseFloat(cs.borderRightWidth) + 1;
  };
  for (const cell of document.querySelectorAll<HTMLElement>('td, th')) {
    // The empty state's cell is checked as text above; a date picker's calendar is not a table of records.
    if (!cell.checkVisibility() || cell.closest('.ant-picker-dropdown, .ant-picker-panel, .ant-table-placeholder')) continue;
    if (cutOff(cell) && !titled(cell)) out.push(`table cell cut off without a title: "${snippet(cell.innerText)}"`);
  }
  if (desk) {
    // Links and progress bars in the theme's red, never antd's default blue.
    const blue = ['rgb(22, 119, 255)', 'rgb(24, 144, 255)'];
    for (const a of document.querySelectorAll('a'))
      if (a.checkVisibility() && blue.includes(getComputedStyle(a).color)) out.push(`link in antd's blue, not the theme's red: "${snippet(a.innerText)}"`);
    for (const bar of document.querySelectorAll('.ant-progress-bg'))
      if (bar.checkVisibility() && blue.includes(getComputedStyle(bar).backgroundColor)) out.push("progress bar in antd's blue, not the theme's red");
    for (const box of document.querySelectorAll('.ant-table-content, .ant-table-body')) {
      if (box.checkVisibility() && clipped(box))
        out.push(`table wider than its box (cut off at the right): "${snippet((box.querySelector('thead') as HTMLElement | null)?.innerText ?? '')}"`);
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`page wider than the window (${document.documentElement.scrollWidth} px)`);
  return out;
}

/** Waits until no request has been in flight for 400 ms (at most 10 s), then for animations. */
function tracker(page: Page) {
  let inflight = 0;
  let last = Date.now();
  const on = () => {
    inflight++;
    last = Date.now();
  };
  const off = () => {
    inflight = Math.max(0, inflight - 1);
    last = Date.now();
  };
  page.on('request', on);
  page.on('requestfinished', off);
  page.on('requestfailed', off);
  return async () => {
    const end = Date.now() + 10_000;
    while (Date.now() < end && (inflight > 0 || Date.now() - last < 400)) await page.waitForTimeout(100);
    await page
      .locator('.ant-spin-spinning')
      .first()
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .catch(() => {});
    await page.waitForTimeout(300);
  };
}

const slug = (url: string) => url.replace(/^\//, '').replace(/[/?=&]+/g, '-') || 'root';
/** A page's kind: its path with record ids as :id and days as :day (one record of each kind is enough: one campaign day, not each). */
const kindOf = (url: string) => url.replace(/\/\d+(?=\/|$)/g, '/:id').replace(/\/\d{4}-\d{2}-\d{2}(?=\/|$)/g, '/:day');

async function look(page: Page, settle: () => Promise<void>, name: string, desk: boolean, errors: string[]): Promise<Finding[]> {
  await settle();
  // The sticky sider and header would be drawn mid-page in a full-page shot: let them scroll with the page.
  await page.addStyleTag({ content: '.ant-layout-sider, .app-header { position: static !important; height: auto !important; }' });
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
  const found = await page.evaluate(findIssues, { allowed: ALLOWED, desk });
  const url = new URL(page.url()).pathname;
  return [...found, ...errors.splice(0)].map((f) => `${name} (${url}): ${f}`);
}

/** Same-app links on the page worth walking: no query strings, downloads, API, phone or public pages. */
async function linksOn(page: Page, scope: string): Promise<string[]> {
  const hrefs = await page.locator(`${scope} a[href^="/"]`).evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.filter((h) => !/[?#]|^\/(api|m|h5|public|screen)(\/|$)|\.(xlsx|docx|pdf|png|jpg)$/.test(h));
}

/** Client-side navigation (no reload): what a user's click in the menu does. */
async function go(page: Page, url: string) {
  await page.evaluate((u) => {
    window.history.pushState({}, '', u);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, url);
}

async function walkDesk(browser: Browser, login: string, password?: string): Promise<Finding[]> {
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`browser error: ${e.message}`));
  const settle = tracker(page);
  await signIn(page, login, password);
  await page.goto('/home');
  await settle();
  // Open every submenu so its entries are links in the DOM.
  for (const t of await page.locator('.ant-layout-sider .ant-menu-submenu-title').all()) await t.click();
  await settle();
  const menu = await linksOn(page, '.ant-layout-sider');
  const queue = [...new Set([...menu, ...menu.flatMap((m) => TAB_PAGES[m] ?? []), '/notifications'])];
  const seen = new Set(queue.map(kindOf));
  const findings: Finding[] = [];
  for (let i = 0; i < queue.length && i < MAX_PAGES; i++) {
    const url = queue[i];
    await go(page, url);
    findings.push(...(await look(page, settle, `${login}-${slug(url)}`, true, errors)));
    for (const link of await linksOn(page, '.app-content')) {
      const kind = kindOf(link);
      if (!seen.has(kind)) {
        seen.add(kind);
        queue.push(link);
      }
    }
  }
  await ctx.close();
  return findings;
}

// volunteer: the demo's team leader (the volunteer role only), who reads their team on the desk's 志愿服务.
const ROLES = ['office', 'leader', 'supervisor', 'community', 'liaison', 'chief', 'county', 'admin', 'interviewer', 'volunteer'] as const;

for (const login of ROLES) {
  test(`walk: every desk page of ${login}`, async ({ browser }) => {
    test.setTimeout(300_000);
    const findings = await walkDesk(browser, login, login === 'admin' ? process.env.E2E_ADMIN_PASSWORD : undefined);
    fs.writeFileSync(path.join(OUT, `${login}-findings.txt`), findings.join('\n'));
    expect(findings, findings.join('\n')).toEqual([]);
  });
}

test('walk: the phone pages (/m) of a street chief, a community cadre, a volunteer team leader and an interviewer, at 375×812', async ({ browser }) => {
  const findings: Finding[] = [];
  // [page, and what to open on it]: a place to start a patrol at, a task.
  const steps = {
    chief: [['/m/today'], ['/m/today', 'button.m-row-btn'], ['/m/queue'], ['/m/damage']],
    community: [['/m/tasks'], ['/m/tasks', '[data-testid="task-row"]'], ['/m/queue']],
    volunteer: [['/m/volunteer'], ['/m/volunteer/checkin'], ['/m/volunteer/team']],
    interviewer: [['/m/poll'], ['/m/poll', 'button.h5-submit']],
  } as const;
  for (const [login, pages] of Object.entries(steps)) {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`browser error: ${e.message}`));
    const settle = tracker(page);
    await signIn(page, login);
    for (const [url, open] of pages as readonly (readonly [string, string?])[]) {
      await page.goto(url);
      let name = `phone-${login}-${slug(url)}`;
      if (open) {
        await settle();
        const row = page.locator(open).last();
        if (!(await row.count())) continue;
        await row.click();
        name += '-open';
      }
      findings.push(...(await look(page, settle, name, false, errors)));
    }
    await ctx.close();
  }
  fs.writeFileSync(path.join(OUT, 'phone-findings.txt'), findings.join('\n'));
  expect(findings, findings.join('\n')).toEqual([]);
});

/** The demo's open survey wave's /h5 link (residents answer through it), read as the town's office. */
async function pollLink(browser: Browser): Promise<string> {
  const ctx = await browser.newContext(DESKTOP);
  const page = await ctx.newPage();
  await signIn(page, 'office');
  const me = await (await page.request.get('/api/me')).json();
  const waves = await (await page.request.get(`/api/polls/waves?town=${String(me.user.regionCode).slice(0, 9)}`)).json();
  await ctx.close();
  const open = waves.items.find((w: { state: string; publicPath: string | null }) => w.state === 'open' && w.publicPath);
  expect(open, 'the demo has an open wave residents may answer').toBeTruthy();
  return open.publicPath;
}

test('walk: the public pages (sign-in, red/black list, 随手拍, the resident survey) at both sizes', async ({ browser }) => {
  const findings: Finding[] = [];
  const poll = await pollLink(browser);
  for (const [size, opts, pages] of [
    ['desktop', DESKTOP, ['/login', '/public/rankings']],
    ['phone', PHONE, ['/login', '/m/login', '/h5/report', '/h5/status', '/h5/order', poll, '/public/rankings']],
  ] as const) {
    const ctx = await browser.newContext(opts);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`browser error: ${e.message}`));
    const settle = tracker(page);
    for (const url of pages) {
      await page.goto(url);
      const name = url === poll ? `public-${size}-h5-poll` : `public-${size}-${slug(url)}`;
      findings.push(...(await look(page, settle, name, size === 'desktop', errors)));
      if (url === poll) {
        // The questionnaire itself, past the eligibility questions.
        await page.getByLabel('年龄（周岁）').fill('35');
        await page.getByLabel('在本地居住（月）').fill('24');
        await page.getByRole('button', { name: '下一步' }).click();
        findings.push(...(await look(page, settle, `${name}-form`, false, errors)));
      }
    }
    await ctx.close();
  }
  fs.writeFileSync(path.join(OUT, 'public-findings.txt'), findings.join('\n'));
  expect(findings, findings.join('\n')).toEqual([]);
});

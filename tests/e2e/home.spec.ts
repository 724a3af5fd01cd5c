// The home page per role in Chromium against the demo town: the office sees
// its figures and the week's trend drawn by ECharts, and a figure opens the
// problem list filtered to what it counts. Each role's home is screenshotted
// at 1440×900 (tests/artifacts/screenshots/home-<role>.png). The office lands
// on its home at /.
import { expect, test } from '@playwright/test';
import { apiJson, session, shot } from './helpers.ts';

test('the desk home appears in one piece: nothing moves as its figures and to-dos arrive', async ({ browser }) => {
  for (const login of ['office', 'county']) {
    const { ctx, page } = await session(browser, login);
    // Cumulative layout shift, as the browser counts it (shifts right after input excluded).
    await page.addInitScript(() => {
      const w = window as unknown as { __cls: number };
      w.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) w.__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto('/');
    await expect(page.getByText('我的待办').first()).toBeVisible();
    await expect(page.getByText('常用功能')).toBeVisible();
    await page.waitForTimeout(500); // the last frames painted; not a timing assertion
    const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
    expect(cls, `${login}: layout shift`).toBeLessThan(0.1);
    await ctx.close();
  }
});

test("office: the figures, the week's chart, and a figure opens its filtered list", async ({ browser }) => {
  const { ctx, page } = await session(browser, 'office');
  await page.goto('/');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('a[data-figure="newToday"]')).toBeVisible();
  const h = await apiJson<{ problems: { newToday: number; overdue: number; awaitingVerification: number }; trend: { reported: number; closed: number }[] }>(
    page,
    'GET',
    '/api/home',
  );
  for (const [title, value] of [
    ['今日新增', h.problems.newToday],
    ['已超期', h.problems.overdue],
    ['待核查', h.problems.awaitingVerification],
  ] as const) {
    // The figure itself (data-figure), not the inbox card's entry of the same name and count.
    await expect(page.locator('a[data-figure]').and(page.getByRole('link', { name: `${title} ${value}` }))).toBeVisible();
  }
  await expect(page.getByText('近七天问题趋势')).toBeVisible();
  if (h.trend.some((d) => d.reported + d.closed > 0)) {
    const chart = page.getByRole('img', { name: '近七天问题趋势' });
    await expect(chart).toBeVisible();
    await expect(chart.locator('canvas')).toHaveCount(1);
  }
  await shot(page, 'home-office', 600);

  await page.locator('a[data-figure="awaitingVerification"]').click();
  await expect(page).toHaveURL(/\/problems\?state=rectified$/);
  await expect(page.getByRole('tab', { name: '待核查', selected: true })).toBeVisible();
  await page.goBack();
  await page.locator('a[data-figure="overdue"]').click();
  await expect(page).toHaveURL(/\/problems\?overdue=1$/);
  await expect(page.getByRole('tab', { name: '超期', selected: true })).toBeVisible();
  await ctx.close();
});

for (const [login, expectText] of [
  ['leader', '实时排名'],
  ['community', '本社区'],
  ['liaison', '待处理问题'],
  ['chief', '今日巡查'],
  ['county', '各乡镇问题'],
] as const) {
  test(`${login}: the home page shows what the role acts on`, async ({ browser }) => {
    const { ctx, page } = await session(browser, login);
    await page.goto('/home');
    await expect(page.getByText(expectText).first()).toBeVisible();
    await expect(page.getByText('常用功能')).toBeVisible();
    // Nothing wider than the window at 1440 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    await shot(page, `home-${login}`, 600);
    await ctx.close();
  });
}

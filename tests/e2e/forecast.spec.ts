// 测评预估 (issue 21 item 4), end to end in Chromium on the demo: the office
// opens the page from the menu and sees the town's total (or 部分 with its
// coverage) and each pillar, the communities weakest first, the standards
// losing most, and the trend per month and per survey wave; a field
// standard's fix opens the problem list filtered to its point types; a
// community's row opens that community's forecast. The county sees its towns
// and, for each standard, the town losing most on it.
import { expect, test } from '@playwright/test';
import { apiJson, session, shot } from './helpers.ts';

interface Forecast {
  total: { score: number | null; coverage: number; partial: boolean };
  pillars: Record<'field' | 'material' | 'survey', { score: number | null; state: string }>;
  parts: { code: string; name: string; total: { score: number | null } }[];
  losses: { pillar: string; link: string; fix: string; code: string }[];
  waves: unknown[];
}

test('office reads the town’s forecast, follows a field standard’s fix, opens a community', async ({ browser }) => {
  const { ctx, page } = await session(browser, 'office');
  await page.getByRole('menuitem', { name: '测评预估' }).click();
  await expect(page).toHaveURL(/\/evaluation\/forecast/);
  const total = page.getByTestId('forecast-total');
  await expect(total).toBeVisible({ timeout: 20_000 });
  const year = new Date().getFullYear();
  const f = await apiJson<Forecast>(page, 'GET', `/api/evaluation/forecast?region=350821100&year=${year}`);
  // The total as the server has it: a score, with 部分（覆盖率 x %） when a pillar lacks data.
  if (f.total.score != null) await expect(total).toContainText(`${f.total.score} 分`);
  if (f.total.partial) await expect(total).toContainText('部分（覆盖率');
  for (const [k, label] of [
    ['field', '实地考察'],
    ['material', '材料审核'],
    ['survey', '问卷调查'],
  ] as const) {
    const card = page.locator(`[data-pillar="${k}"]`);
    await expect(card).toContainText(label);
    // A pillar without data reads 尚无数据 and why, never 0 分.
    await expect(card).toContainText(f.pillars[k].score == null ? '不按 0 分计' : `${f.pillars[k].score} 分`);
  }
  // The communities, weakest first.
  const parts = page.locator('.ant-card').filter({ hasText: '各社区（最弱的在前）' });
  const names = [...f.parts].sort((a, b) => (a.total.score ?? Infinity) - (b.total.score ?? Infinity)).map((p) => p.name);
  await expect(parts.getByRole('row').nth(1)).toContainText(names[0]);
  // The trend: a chart per month, and per survey wave.
  const trend = page.locator('.ant-card').filter({ hasText: '变化趋势' });
  await expect(trend.getByRole('img', { name: '近 6 个月测评预估' })).toBeVisible();
  await expect(trend.locator('canvas')).toBeVisible();
  await trend.getByText('按问卷轮次').click();
  if (f.waves.length) await expect(trend.getByRole('img', { name: '各轮问卷调查结束时的测评预估' })).toBeVisible();
  else await expect(trend).toContainText('还没有已结束的问卷调查轮次');
  await shot(page, 'forecast-town');

  // A field standard's fix: the open problems at places of its point types.
  const field = f.losses.find((l) => l.pillar === 'field');
  if (field) {
    expect(field.link).toContain('pointType=');
    await page.getByRole('link', { name: field.fix }).first().click();
    await expect(page).toHaveURL(/\/problems\?.*pointType=/);
    await expect(page.getByRole('combobox', { name: '点位类型' })).toBeVisible();
    await shot(page, 'forecast-field-fix');
    await page.goBack();
  }

  // A community from the table.
  await parts.getByRole('link', { name: names[0] }).click();
  await expect(page).toHaveURL(new RegExp(`region=${f.parts.find((p) => p.name === names[0])!.code}`));
  await expect(page.locator('.ant-card').filter({ hasText: '各社区（最弱的在前）' })).toBeHidden();
  await expect(page.getByTestId('forecast-total')).toBeVisible();
  await expect(page.locator('.ant-card').filter({ hasText: '失分最多的标准' })).toBeVisible();
  await shot(page, 'forecast-community');
  await ctx.close();
});

test('the county sees its towns and the town losing most on each standard', async ({ browser }) => {
  const { ctx, page } = await session(browser, 'county');
  await page.goto('/evaluation/forecast');
  await expect(page.getByTestId('forecast-total')).toBeVisible({ timeout: 20_000 });
  const year = new Date().getFullYear();
  const f = await apiJson<Forecast>(page, 'GET', `/api/evaluation/forecast?region=350821&year=${year}`);
  const towns = page.locator('.ant-card').filter({ hasText: '各乡镇（最弱的在前）' });
  await expect(towns.getByRole('row').nth(1)).toContainText(f.parts[0].name);
  expect(f.losses.length).toBeGreaterThan(0);
  const losses = page.locator('.ant-card').filter({ hasText: '失分最多的标准' });
  await expect(losses.getByRole('columnheader', { name: '最弱乡镇' })).toBeVisible();
  await expect(losses.getByRole('row').nth(1)).toContainText(f.losses[0].code);
  await shot(page, 'forecast-county');
  await ctx.close();
});

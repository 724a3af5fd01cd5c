// The 大屏 in Chromium against the demo town: the office creates a display token on 指挥大屏 (the address shown once),
// a wall display (a fresh browser, no session) opens it at 1920×1080 and shows the town's KPIs from the figure registry,
// the charts and the evaluation forecast (screenshot tests/artifacts/screenshots/screen-town.png); once the office revokes the
// token the display says so at its next refresh.
import { expect, test } from '@playwright/test';
import { apiJson, chooseOption, session, shot } from './helpers.ts';

test('office makes a display token; the wall display shows the town at 1920×1080 until it is revoked', async ({ browser }) => {
  const { ctx, page } = await session(browser, 'office');
  await page.goto('/screen-tokens');
  await page.getByRole('button', { name: '新建大屏令牌' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('大屏名称').fill('端到端测试大屏');
  await chooseOption(page, dialog.getByLabel('显示的区划'), '汀州镇', { tree: true });
  await dialog.getByRole('button', { name: '创建' }).click();
  const shown = page.getByRole('dialog', { name: '大屏令牌已创建' });
  const url = (await shown.locator('.mono').textContent())!.trim();
  expect(url).toMatch(/\/screen\?token=[A-Za-z0-9_-]{40,}$/);
  await shown.getByRole('button', { name: '我已记下' }).click();
  await expect(page.getByRole('cell', { name: '端到端测试大屏' })).toBeVisible();

  const wall = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const screen = await wall.newPage();
  await screen.goto(new URL(url).pathname + new URL(url).search);
  await expect(screen.locator('.sc-kpis')).toBeVisible({ timeout: 30_000 });
  await expect(screen).toHaveURL(/\/screen$/); // the token left the address bar
  await expect(screen.getByText('汀州镇创建全国文明城市指挥大屏')).toBeVisible();
  // The forecast slot shows the forecast page's total (the demo town has this year's cycle, mock evaluations and a survey wave).
  const { region } = await apiJson<{ region: string }>(page, 'GET', '/api/screen/summary');
  const fc = await apiJson<{ year: number; total: { score: number | null } }>(page, 'GET', `/api/evaluation/forecast?region=${region}`);
  await expect(screen.getByText(`${fc.year}年测评预测`)).toBeVisible();
  expect(fc.total.score).not.toBeNull();
  await expect(screen.locator('[data-forecast="total"] b')).toHaveText(fc.total.score!.toFixed(1));
  await expect(screen.getByRole('img', { name: '近 30 天每天上报和结案的问题' }).locator('canvas')).toHaveCount(1);
  const figures = await apiJson<{ figures: { id: string; value: number | null }[] }>(
    page,
    'GET',
    `/api/figures?ids=problems.open,problems.overdue&period=2026`,
  );
  const open = figures.figures.find((f) => f.id === 'problems.open')!.value!;
  await expect(screen.locator('[data-figure="problems.open"]').first()).toContainText(open.toLocaleString('zh-CN'));
  // a wall display has no scroll bar: every panel keeps to 1920×1080 (the live feed is cut, not scrolled)
  expect(await screen.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight])).toEqual([1920, 1080]);
  // and nothing spills out of its panel (a legend under the next panel, a list cut mid-line); the feed alone is cut by design
  const spilled = await screen.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.sc-panel:not(.sc-feed)')]
      .filter((p) => p.scrollHeight > p.clientHeight + 1)
      .map((p) => `${p.querySelector('h2')?.textContent}: ${p.scrollHeight} > ${p.clientHeight}`),
  );
  expect(spilled).toEqual([]);
  await shot(screen, 'screen-town', 1500, true);

  const list = await apiJson<{ items: { id: number; name: string }[] }>(page, 'GET', '/api/screen/tokens');
  const id = list.items.find((t) => t.name === '端到端测试大屏')!.id;
  await apiJson(page, 'POST', `/api/screen/tokens/${id}/revoke`);
  await expect(screen.getByText(/已被撤销/)).toBeVisible({ timeout: 40_000 });
  await wall.close();
  await ctx.close();
});

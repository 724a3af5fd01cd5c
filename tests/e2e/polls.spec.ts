// The resident surveys (issue 21) end to end in Chromium on the demo town:
// the office opens 问卷调查 from the menu, a wave's page with its quotas by age
// band and sex, downloads the results as .xlsx, sets one community's sample
// size apart and counts the self-served answers toward the rates; a resident
// answers through the wave's /h5 link (an ineligible one is told why); an
// interviewer fills a questionnaire on the phone and it syncs.
import { expect, test, type Page } from '@playwright/test';
import { PHONE, session, shot } from './helpers.ts';

interface Wave {
  id: number;
  name: string;
  state: string;
  version: number;
  publicPath: string | null;
  selfCounts: boolean;
  selfResponses: number;
  responses: number;
  plan: { code: string; name: string; planned: number; override: boolean }[];
}

async function openWave(page: Page): Promise<Wave> {
  const me = await (await page.request.get('/api/me')).json();
  const waves = await (await page.request.get(`/api/polls/waves?town=${String(me.user.regionCode).slice(0, 9)}`)).json();
  const open = waves.items.find((w: Wave) => w.state === 'open' && w.publicPath);
  expect(open, 'the demo has an open wave').toBeTruthy();
  return open;
}

test('office: a wave’s quotas and results, the results as .xlsx, one community’s sample size, self-served answers counted', async ({ browser }) => {
  const { ctx, page } = await session(browser, 'office', { acceptDownloads: true });
  await page.getByRole('menuitem', { name: '问卷调查' }).click();
  await expect(page).toHaveURL(/\/polls/);
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await shot(page, 'polls-waves');

  const wave = await openWave(page);
  await page.getByRole('link', { name: wave.name }).click();
  await expect(page).toHaveURL(new RegExp(`/polls/waves/${wave.id}$`));
  const quota = page.locator('.ant-card').filter({ hasText: '样本与配额（合计）' });
  await expect(quota).toBeVisible({ timeout: 15_000 });
  await expect(quota.getByText('18-34 岁')).toBeVisible();
  await expect(quota.getByText('女性')).toBeVisible();
  await shot(page, 'polls-wave');

  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()]);
  expect(dl.suggestedFilename()).toBe(`${wave.name}-调查结果.xlsx`);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await dl.path());
  expect(wb.worksheets.map((s) => s.name)).toEqual(['各题目', '各社区', '社区×题目', '薄弱项', '说明']);
  expect(wb.getWorksheet('各社区')!.rowCount).toBe(wave.plan.length + 1);

  // One community sampled apart, and the residents' own answers counted toward the rates.
  const target = wave.plan.find((p) => !p.override)!;
  await page.getByRole('button', { name: '修改抽样计划' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(`${target.name}样本数`).fill('25');
  await dialog.getByRole('switch').last().click();
  await shot(page, 'polls-wave-plan');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();
  await expect(page.getByText('计入比率（入户＋自助）')).toBeVisible();
  const after: Wave = await (await page.request.get(`/api/polls/waves/${wave.id}`)).json();
  expect(after.plan.find((p) => p.code === target.code)).toMatchObject({ planned: 25, override: true });
  expect(after.selfCounts).toBe(true);
  await page.getByText('仅居民自助填答').click();
  await expect(page.locator('.ant-card').filter({ hasText: '各社区自助答卷（不计入配额）' })).toBeVisible();
  await shot(page, 'polls-wave-self');

  // Back as the demo had it, for the specs after this one.
  const back = await page.request.patch(`/api/polls/waves/${wave.id}`, {
    data: { version: after.version, communityPlan: Object.fromEntries(wave.plan.filter((p) => p.override).map((p) => [p.code, p.planned])), selfCounts: false },
  });
  expect(back.ok(), await back.text()).toBeTruthy();
  await ctx.close();
});

test('a resident answers through the wave’s link; an ineligible one is told why', async ({ browser }) => {
  const office = await session(browser, 'office');
  const wave = await openWave(office.page);
  await office.ctx.close();

  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await page.goto(wave.publicPath!);
  await expect(page.getByRole('heading', { name: wave.name })).toBeVisible();
  await page.getByLabel('年龄（周岁）').fill('16');
  await page.getByLabel('在本地居住（月）').fill('24');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('alert')).toContainText('未满 18 周岁');
  await page.getByRole('button', { name: '重新填写' }).click();
  await page.getByLabel('年龄（周岁）').fill('41');
  await page.getByLabel('在本地居住（月）').fill('60');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('所在社区').selectOption({ index: 1 });
  await page.getByLabel('女', { exact: true }).check();
  for (const item of await page
    .locator('fieldset')
    .filter({ has: page.locator('legend', { hasText: /^\d+\. / }) })
    .all())
    await item.getByRole('radio').first().check();
  await page.getByLabel(/^手机号/).fill(`139${String(Date.now()).slice(-8)}`);
  await shot(page, 'polls-h5-form');
  await page.getByRole('button', { name: '提交问卷' }).click();
  await expect(page.getByRole('heading', { name: '提交成功，感谢您的参与！' })).toBeVisible();
  await ctx.close();

  const check = await session(browser, 'office');
  const now: Wave = await (await check.page.request.get(`/api/polls/waves/${wave.id}`)).json();
  expect(now.selfResponses).toBe(wave.selfResponses + 1);
  await check.ctx.close();
});

test('an interviewer fills a questionnaire on the phone; it syncs into the wave', async ({ browser }) => {
  const office = await session(browser, 'office');
  const wave = await openWave(office.page);
  await office.ctx.close();

  const { ctx, page } = await session(browser, 'interviewer', { phone: true });
  await page.goto('/m/poll');
  await expect(page.getByRole('heading', { name: '各社区配额进度' })).toBeVisible({ timeout: 15_000 });
  await shot(page, 'polls-phone');
  await page.getByRole('button', { name: '填写一份问卷' }).click();
  await page.getByLabel('年龄（周岁）').fill('52');
  await page.getByLabel('在本地居住（月）').fill('120');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('所在社区').selectOption({ index: 2 });
  await page.getByLabel('男', { exact: true }).check();
  for (const item of await page
    .locator('fieldset')
    .filter({ has: page.locator('legend', { hasText: /^\d+\. / }) })
    .all())
    await item.getByRole('radio').first().check();
  await page.getByRole('button', { name: '保存问卷' }).click();
  await expect(page.getByRole('status')).toContainText('问卷已保存');

  const check = await session(browser, 'office');
  await expect
    .poll(async () => ((await (await check.page.request.get(`/api/polls/waves/${wave.id}`)).json()) as Wave).responses, { timeout: 20_000 })
    .toBe(wave.responses + 1);
  await check.ctx.close();
  await ctx.close();
});

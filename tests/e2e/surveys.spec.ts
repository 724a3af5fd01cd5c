// The 摸排 facility-gap survey (issue 18 item 4), end to end in Chromium on the
// demo town: the office opens 设施摸排 from the menu and a need not yet linked,
// finds a problem of the town by its code in the link picker, links the need
// to it (and to its plan when it has one), sees the link and the history
// entry, and removes the link again.
import { expect, test } from '@playwright/test';
import { apiJson, chooseOption, session, shot } from './helpers.ts';

test('office links a need to a problem with the picker, then removes the link', async ({ browser }) => {
  const { ctx, page } = await session(browser, 'office');
  await page.getByRole('menuitem', { name: '设施摸排' }).click();
  await expect(page).toHaveURL(/\/surveys/);
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await shot(page, 'surveys-list');

  const needs = await apiJson<{ items: { id: number; problem: unknown; state: string }[] }>(page, 'GET', '/api/surveys/needs?limit=200');
  const need = needs.items.find((n) => n.problem === null && n.state !== 'done');
  expect(need, 'a demo need without a link').toBeTruthy();
  const problem = (await apiJson<{ items: { id: number; code: string }[] }>(page, 'GET', '/api/problems?limit=1')).items[0];

  await page.goto(`/surveys/${need!.id}`);
  const card = page.locator('.ant-card').filter({ hasText: '关联问题或整改方案' });
  await expect(card).toBeVisible({ timeout: 20_000 });
  await chooseOption(page, card.getByRole('combobox', { name: '查找要关联的问题' }), problem.code, {
    search: problem.code,
    done: () => expect(card.getByText(/该问题(有整改方案|还没有整改方案)/)).toBeVisible({ timeout: 2_000 }),
  });
  await shot(page, 'survey-need-link-picker');
  await card.getByRole('button', { name: '关联', exact: true }).click();
  await expect(page.getByText('已关联', { exact: true })).toBeVisible();
  await expect(card.getByRole('link', { name: problem.code })).toBeVisible();
  await expect(
    page
      .locator('.ant-timeline')
      .getByText(/关联(问题|整改方案)/)
      .first(),
  ).toBeVisible();
  await shot(page, 'survey-need-linked');

  await card.getByRole('button', { name: '取消关联' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('已取消关联')).toBeVisible();
  await expect(card.getByRole('button', { name: '取消关联' })).toBeHidden();
  await ctx.close();
});

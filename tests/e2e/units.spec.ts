// 单位 → 联络员 in the browser: the town office reads the liaisons of the
// county's 交警大队 (where 0505 机动车乱停放 is routed) but may not change them;
// the county office adds one and is shown the one-time password once.
import { expect, test } from '@playwright/test';
import { session, shot } from './helpers.ts';

async function openLiaisons(page: import('@playwright/test').Page, unitName: string) {
  await page.goto('/units');
  await page.getByPlaceholder('搜索单位名称').fill(unitName);
  await page.getByPlaceholder('搜索单位名称').press('Enter');
  const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: unitName });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: '联络员' }).click();
  return page.getByRole('dialog');
}

test('office reads a county unit’s liaisons; the county office adds one', async ({ browser }) => {
  const office = await session(browser, 'office');
  let dialog = await openLiaisons(office.page, '交警大队');
  await expect(dialog.getByText('钟海涛')).toBeVisible();
  await expect(dialog.getByText('138****0055')).toBeVisible();
  await expect(dialog.getByText(/县级单位的联络员由县创城办或系统管理员管理/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: '添加联络员' })).toHaveCount(0);
  await shot(office.page, 'units-liaisons-office');
  await office.ctx.close();

  const county = await session(browser, 'county');
  dialog = await openLiaisons(county.page, '交警大队');
  await dialog.getByPlaceholder('姓名').fill('交警联络员乙');
  await dialog.getByPlaceholder('手机号').fill('13900001234');
  await dialog.getByRole('button', { name: '添加联络员' }).click();
  await expect(dialog.getByText(/交警联络员乙的初始密码：\S+/)).toBeVisible();
  await expect(dialog.getByRole('cell', { name: '13900001234' })).toBeVisible();
  await shot(county.page, 'units-liaisons-county');
  await county.ctx.close();
});

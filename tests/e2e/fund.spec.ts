// The campaign fund (issue 18 item 5), end to end in Chromium on the demo
// town: the office records income with a scanned PDF as its voucher (through
// the file store), opens the entry's page from the ledger, downloads the
// voucher, and corrects the entry by a reversing entry with its own voucher;
// both entries' pages show each other.
import { expect, test } from '@playwright/test';
import { chooseOption, session, shot } from './helpers.ts';

const PDF = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n') });

test('office records income with a PDF voucher, opens the entry and reverses it', async ({ browser }) => {
  const note = `县创城办拨付端到端${String(Date.now()).slice(-6)}`;
  const { ctx, page } = await session(browser, 'office');
  await page.getByRole('menuitem', { name: '创城基金' }).click();
  await expect(page).toHaveURL(/\/fund$/);
  await expect(page.getByRole('row').nth(1)).toBeVisible();

  await page.getByRole('button', { name: '登记收入' }).click();
  const dialog = page.getByRole('dialog', { name: '登记收入' });
  await dialog.getByLabel('金额（元）').fill('1234.50');
  await chooseOption(page, dialog.getByLabel('收入来源'), '县级拨款');
  await dialog.getByLabel('摘要').fill(note);
  // No voucher: the form says so before anything is sent.
  await dialog.getByRole('button', { name: '登记' }).click();
  await expect(dialog.getByText('请上传凭证：扫描件或照片至少一份')).toBeVisible();
  await dialog.locator('input[type=file][accept=".pdf,.docx,.xlsx"]').setInputFiles(PDF('拨款通知.pdf'));
  await expect(dialog.getByRole('link', { name: '拨款通知.pdf' })).toBeVisible();
  await shot(page, 'fund-income-form');
  await dialog.getByRole('button', { name: '登记' }).click();
  await expect(page.getByText('收入已登记')).toBeVisible();

  // The entry's page, from its 摘要 in the ledger.
  await page.getByRole('link', { name: note }).click();
  await expect(page).toHaveURL(/\/fund\/entries\/\d+$/);
  await expect(page.getByText('1,234.50').first()).toBeVisible();
  const voucher = page.getByRole('link', { name: '拨款通知.pdf' });
  await expect(voucher).toBeVisible();
  const href = await voucher.getAttribute('href');
  const file = await page.request.get(href!);
  expect(file.status()).toBe(200);
  expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await shot(page, 'fund-entry');

  // 冲正 with its own voucher: the original stays, a reversing entry points at it.
  await page.getByRole('button', { name: '冲正' }).click();
  const rev = page.getByRole('dialog');
  await rev.getByLabel('冲正原因').fill('金额录入错误');
  await rev.locator('input[type=file][accept=".pdf,.docx,.xlsx"]').setInputFiles(PDF('冲正说明.pdf'));
  await expect(rev.getByRole('link', { name: '冲正说明.pdf' })).toBeVisible();
  await rev.getByRole('button', { name: '登记冲正' }).click();
  await expect(page.getByText('已登记冲正记录')).toBeVisible();
  const reversal = page.locator('.ant-card').filter({ hasText: '这笔记录已由下面的冲正记录更正' });
  await expect(reversal).toBeVisible();
  await expect(page.getByText('已冲正', { exact: true })).toBeVisible();
  await reversal.getByRole('link', { name: /冲正第 \d+ 号记录/ }).click();
  await expect(page.getByText('被冲正的原记录')).toBeVisible();
  await expect(page.getByText('-1,234.50').first()).toBeVisible();
  await expect(page.getByRole('link', { name: '冲正说明.pdf' })).toBeVisible();
  await shot(page, 'fund-reversal');
  await ctx.close();
});

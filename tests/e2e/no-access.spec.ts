// A page the role may not see: the desk says so (没有权限, loaded only then)
// and offers the way home, instead of a blank page or an error.
import { expect, test } from '@playwright/test';
import { session } from './helpers.ts';

test('a community cadre opening the audit log is told it is not theirs and led home', async ({ browser }) => {
  const { ctx, page } = await session(browser, 'community');
  try {
    await page.goto('/audit');
    await expect(page.getByText('没有权限')).toBeVisible();
    await expect(page.getByText('您的角色不能查看此页面')).toBeVisible();
    await page.getByRole('button', { name: '返回首页' }).click();
    await expect(page).toHaveURL(/\/$/);
  } finally {
    await ctx.close();
  }
});

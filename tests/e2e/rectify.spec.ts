// Work that reaches people (issue 14) end to end in Chromium, each role
// starting from its home page and clicking its way (no typed URL):
//   (a) the town office, from the workbench's 待立案 queue: one report filed
//       and dispatched to 长汀县城市管理局 in one dialog (立案并派遣), three more
//       selected in the list and filed-and-dispatched together (each outcome
//       listed: one changed meanwhile is refused with its reason, the others
//       done), one of them recalled (撤回) with a reason;
//   (b) the department's liaison on a phone (375×812): the desk home's 手机整改
//       → the queue at /m → the problem → 接收 → 提交整改 with an after-photo
//       from a file input, sent through the offline queue; the office then
//       finds it in 待核查.
// Screenshots go to tests/artifacts/screenshots/.
import { expect, test, type Page } from '@playwright/test';
import { phoneJpeg } from '../helpers/photos.ts';
import { apiJson, chooseOption, session, shot } from './helpers.ts';

test.describe.configure({ mode: 'serial' });

let dispatched = ''; // the problem filed and dispatched in one dialog, rectified on the phone
const noOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

async function pickUnit(page: Page, dialog: ReturnType<Page['getByRole']>, typed: string, name: string) {
  await chooseOption(page, dialog.getByLabel('责任单位'), name, { search: typed });
}

test('the office files and dispatches to a department, in one dialog and in bulk, and recalls one', async ({ browser }) => {
  const { page, ctx } = await session(browser, 'office');
  // Four new reports of this run (set up through the API), so other specs' use of the demo's reports does not matter.
  const cats = await apiJson<{ items: { id: number; name: string }[] }>(page, 'GET', '/api/categories/plain');
  const units = await apiJson<{ items: { name: string; regionCode: string }[] }>(page, 'GET', '/api/units');
  const community = units.items.find((u) => u.name === '水东街社区居委会')!.regionCode;
  const codes: string[] = [];
  for (const [i, name] of ['乱堆物堆料', '乱堆物堆料', '非法小广告', '暴露垃圾'].entries()) {
    const p = await apiJson<{ code: string }>(page, 'POST', '/api/problems', {
      source: 'self_check',
      categoryId: cats.items.find((c) => c.name === name)!.id,
      tier: 'community',
      regionCode: community,
      description: `人行道堆放杂物，影响通行（端到端测试 ${i + 1}）`,
    });
    codes.push(p.code);
  }
  await page.goto('/workbench');
  await page
    .getByTestId('queues')
    .getByRole('link', { name: /^待立案/ })
    .click();
  await expect(page.getByRole('tab', { name: '待立案', selected: true })).toBeVisible();
  await expect(page.getByRole('link', { name: codes[0] })).toBeVisible();

  // One report: 立案并派遣 in one dialog.
  dispatched = codes[0];
  await page.getByRole('link', { name: dispatched }).click();
  await page.getByRole('button', { name: '立案并派遣', exact: true }).click();
  let dialog = page.getByRole('dialog');
  await expect(dialog).not.toHaveClass(/ant-zoom-(appear|enter)/);
  await pickUnit(page, dialog, '城市管理', '长汀县城市管理局');
  await shot(page, 'desktop-file-and-dispatch-dialog');
  await dialog.getByRole('button', { name: '立案并派遣' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.ant-card').first().getByText('待接收', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('长汀县城市管理局').first()).toBeVisible();

  // Three more, selected in the list: 立案并派遣 together, each outcome listed; one changed meanwhile is refused alone.
  await page.getByRole('menuitem', { name: '问题' }).first().click();
  await page.getByRole('tab', { name: '待立案' }).click();
  // The tab's list is in place (another list's selection is cleared when the filter changes).
  await expect(page).toHaveURL(/state=reported/);
  await expect(page.getByRole('tab', { name: '待立案', selected: true })).toBeVisible();
  for (const c of codes.slice(1)) await page.getByRole('checkbox', { name: `选择 ${c}` }).check();
  await expect(page.getByText('已选 3 个问题')).toBeVisible();
  await shot(page, 'desktop-bulk-selection');
  const stale = await page.getByRole('link', { name: codes[3] }).getAttribute('href');
  const staleId = Number(stale!.split('/').pop());
  await page.getByRole('button', { name: '立案并派遣…' }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog).not.toHaveClass(/ant-zoom-(appear|enter)/);
  await pickUnit(page, dialog, '城市管理', '长汀县城市管理局');
  // Another office member files one of them meanwhile (its version moves on).
  const current = await apiJson<{ version: number }>(page, 'GET', `/api/problems/${staleId}`);
  await apiJson(page, 'POST', `/api/problems/${staleId}/actions/file`, { version: current.version });
  await dialog.getByRole('button', { name: '立案并派遣' }).click();
  const result = page.getByRole('dialog', { name: '批量立案并派遣结果' });
  await expect(result).toBeVisible();
  await expect(result.getByTestId('bulk-result')).toHaveCount(3);
  await expect(result.getByText('2 个已立案并派遣，1 个未能处理')).toBeVisible();
  await expect(
    result
      .getByTestId('bulk-result')
      .filter({ hasText: codes[3] })
      .getByText(/原因：该问题刚被他人处理过/),
  ).toBeVisible();
  await shot(page, 'desktop-bulk-dispatch-result');
  await result.getByRole('button', { name: '知道了' }).click();

  // Recall one of them (撤回) with a reason: back to 待派遣.
  await page.getByRole('tab', { name: '待接收' }).click();
  await page.getByRole('link', { name: codes[2] }).click();
  await page.getByRole('button', { name: '撤回', exact: true }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog).not.toHaveClass(/ant-zoom-(appear|enter)/);
  await dialog.getByLabel('撤回原因').fill('属供电公司职责，重新派遣');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.ant-card').first().getByText('待派遣', { exact: true }).first()).toBeVisible();
  await noOverflow(page);
  await ctx.close();
});

test('the liaison accepts and rectifies on the phone; the office sees it 待核查', async ({ browser }) => {
  expect(dispatched, 'the first test dispatched a problem').not.toBe('');
  const { page: m, ctx } = await session(browser, 'liaison', { phone: true });
  await m.goto('/');
  await m.getByRole('link', { name: /手机整改/ }).click();
  await expect(m).toHaveURL(/\/m\/tasks$/);
  await expect(m.getByRole('heading', { name: '整改任务' })).toBeVisible();
  await expect(m.getByRole('heading', { name: /^待接收/ })).toBeVisible();
  await noOverflow(m);
  await shot(m, 'phone-m-liaison-tasks', 300);

  await m.getByTestId('task-row').filter({ hasText: dispatched }).click();
  await expect(m.getByText(dispatched)).toBeVisible();
  await expect(m.getByText('处理经过')).toBeVisible();
  await noOverflow(m);
  await shot(m, 'phone-m-liaison-problem', 300);
  await m.getByRole('button', { name: '接收', exact: true }).click();
  await expect(m.getByRole('button', { name: '提交整改', exact: true })).toBeVisible();
  await m.getByRole('button', { name: '提交整改', exact: true }).click();
  await m.getByLabel('整改说明').fill('已清理完毕，恢复原状');
  await m.getByLabel('整改后照片').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await phoneJpeg('#3a7') });
  await expect(m.getByAltText('整改后照片1')).toBeVisible();
  await noOverflow(m);
  await m.evaluate(() => window.scrollTo(0, 0));
  await shot(m, 'phone-m-liaison-submit', 300);
  await m.getByRole('button', { name: '提交整改', exact: true }).click();
  await expect(m.getByText(`已提交整改问题 ${dispatched}`)).toBeVisible();
  // Sent through the queue: nothing left waiting, and the problem has left the queue.
  await expect(m.getByTestId('queue-waiting')).toHaveText('待同步 0 条', { timeout: 15_000 });
  await expect(m.getByTestId('queue-failed')).toHaveText('同步失败 0 条');
  await expect(m.getByTestId('task-row').filter({ hasText: dispatched })).toHaveCount(0, { timeout: 15_000 });
  await ctx.close();

  // The office finds it awaiting verification.
  const { page: o, ctx: octx } = await session(browser, 'office');
  await o.goto('/');
  await o.getByRole('menuitem', { name: '问题' }).first().click();
  await o.getByRole('tab', { name: '待核查' }).click();
  await o.getByRole('link', { name: dispatched }).click();
  await expect(o.locator('.ant-card').first().getByText('待核查', { exact: true }).first()).toBeVisible();
  await expect(o.getByText('已清理完毕，恢复原状').first()).toBeVisible();
  await octx.close();
});

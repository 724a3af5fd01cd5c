// The 大屏's map on the admin's base layer, in Chromium: with a raster .pmtiles archive set on 系统配置 → 地图底图 the
// screen draws its tiles under the points and the heat (the same base-layer code as the 问题地图, Leaflet loaded only
// then; screenshot tests/artifacts/screenshots/screen-base-layer.png); with the setting back to none it draws the
// records' outline in ECharts again. The setting goes back to "none" afterwards (other specs share the server).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { pngTile, writePmtiles } from '../helpers/pmtiles.ts';
import { TINGZHOU_CENTRE } from '../../server/demo/data.ts';
import { session, shot, signIn } from './helpers.ts';

const bounds = {
  minLon: TINGZHOU_CENTRE.lng - 0.06,
  minLat: TINGZHOU_CENTRE.lat - 0.05,
  maxLon: TINGZHOU_CENTRE.lng + 0.06,
  maxLat: TINGZHOU_CENTRE.lat + 0.05,
};

test('the screen draws the admin’s base layer under its points, and the records’ outline without one', async ({ browser }) => {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error('E2E_DATA_DIR is set by global-setup');
  fs.writeFileSync(path.join(dir, 'e2e-screen.pmtiles'), await writePmtiles({ bounds, minZoom: 11, maxZoom: 16, type: 'png', tile: async (z) => pngTile(z) }));
  const admin = await session(browser, 'admin', { password: process.env.E2E_ADMIN_PASSWORD });
  const leader = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const setBase = async (data: unknown) => {
    const r = await admin.page.request.put('/api/map/settings', { data });
    expect(r.status(), await r.text()).toBe(200);
  };
  try {
    await setBase({ kind: 'pmtiles', file: 'e2e-screen.pmtiles', attribution: '测试底图' });
    const page = await leader.newPage();
    await signIn(page, 'leader');
    await page.goto('/screen');
    const map = page.locator('.sc-basemap');
    await expect(map).toBeVisible({ timeout: 30_000 });
    await expect
      .poll(() => map.locator('img.leaflet-tile-loaded').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth === 256).length), {
        message: 'raster tiles from the archive under the screen’s points',
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(4);
    await expect(map.getByText('测试底图')).toBeVisible();
    await shot(page, 'screen-base-layer', 1000, true);

    await setBase({ kind: 'none' });
    await page.reload();
    await expect(page.getByRole('img', { name: '点位测评得分和未结案问题热力地图' }).locator('canvas')).toHaveCount(1, { timeout: 30_000 });
    await expect(page.locator('.sc-basemap')).toHaveCount(0);
  } finally {
    await setBase({ kind: 'none' });
    await leader.close();
    await admin.ctx.close();
  }
});

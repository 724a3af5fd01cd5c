// The map's base layer from a real .pmtiles archive in DATA_DIR, in Chromium:
// the admin picks the file on 系统配置 → 地图底图, and the map page draws its
// tiles (raster PNG as images, vector MVT on canvas) instead of the records'
// fallback. The archives are written by tests/helpers/pmtiles.ts over the
// demo town; the setting goes back to "none" afterwards (other specs share the server).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { mvtTile, pngTile, writePmtiles } from '../helpers/pmtiles.ts';
import { TINGZHOU_CENTRE } from '../../server/demo/data.ts';
import { session, shot } from './helpers.ts';

const dataDir = () => {
  const d = process.env.E2E_DATA_DIR;
  if (!d) throw new Error('E2E_DATA_DIR is set by global-setup');
  return d;
};
const bounds = {
  minLon: TINGZHOU_CENTRE.lng - 0.06,
  minLat: TINGZHOU_CENTRE.lat - 0.05,
  maxLon: TINGZHOU_CENTRE.lng + 0.06,
  maxLat: TINGZHOU_CENTRE.lat + 0.05,
};

async function setBase(page: Page, data: unknown) {
  const r = await page.request.put('/api/map/settings', { data });
  expect(r.status(), await r.text()).toBe(200);
}

test.describe('a .pmtiles base layer', () => {
  test.beforeAll(async () => {
    fs.writeFileSync(
      path.join(dataDir(), 'e2e-raster.pmtiles'),
      await writePmtiles({ bounds, minZoom: 12, maxZoom: 16, type: 'png', tile: async (z) => pngTile(z) }),
    );
    fs.writeFileSync(
      path.join(dataDir(), 'e2e-vector.pmtiles'),
      await writePmtiles({ bounds, minZoom: 12, maxZoom: 15, type: 'mvt', tile: async () => mvtTile() }),
    );
  });

  test('raster and vector archives are listed with what they hold, and the map draws their tiles', async ({ browser }) => {
    const admin = await session(browser, 'admin', { password: process.env.E2E_ADMIN_PASSWORD });
    const office = await session(browser, 'office');
    try {
      // The settings page names each archive's kind and zooms.
      await admin.page.goto('/admin/map');
      await admin.page.getByText('本地 PMTiles 文件').click();
      await admin.page.getByRole('combobox', { name: 'PMTiles 文件' }).click();
      await expect(admin.page.getByText('e2e-raster.pmtiles（', { exact: false })).toContainText('PNG 图片，12–16 级');
      await expect(admin.page.getByText('e2e-vector.pmtiles（', { exact: false })).toContainText('矢量，12–15 级');
      await admin.page.keyboard.press('Escape');

      // Raster: the tiles are images drawn from the archive, the records' fallback is off.
      await setBase(admin.page, { kind: 'pmtiles', file: 'e2e-raster.pmtiles', attribution: '测试底图' });
      await office.page.goto('/map');
      const map = office.page.getByTestId('problem-map');
      await expect(map).not.toHaveClass(/map-records/);
      await expect
        .poll(
          () => office.page.locator('img.leaflet-tile-loaded').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth === 256).length),
          {
            message: 'raster tiles loaded from the archive',
          },
        )
        .toBeGreaterThanOrEqual(4);
      await expect(office.page.getByText('测试底图')).toBeVisible();
      await shot(office.page, 'map-pmtiles-raster', 300);

      // Vector: protomaps-leaflet paints canvas tiles; the land colour is on them.
      await setBase(admin.page, { kind: 'pmtiles', file: 'e2e-vector.pmtiles' });
      await office.page.goto('/map');
      await expect(map).not.toHaveClass(/map-records/);
      await expect
        .poll(
          () =>
            office.page.locator('canvas.leaflet-tile').evaluateAll(
              (cs) =>
                cs.filter((c) => {
                  const cv = c as HTMLCanvasElement;
                  const ctx = cv.getContext('2d');
                  if (!ctx || cv.width === 0) return false;
                  // A pixel in the tile's upper left: land (earth), not transparent.
                  return ctx.getImageData(Math.floor(cv.width / 8), Math.floor(cv.height / 8), 1, 1).data[3] > 0;
                }).length,
            ),
          { message: 'vector tiles painted from the archive' },
        )
        .toBeGreaterThanOrEqual(4);
      await shot(office.page, 'map-pmtiles-vector', 300);
    } finally {
      await setBase(admin.page, { kind: 'none' });
      await admin.ctx.close();
      await office.ctx.close();
    }
  });

  test('an XYZ tile server (here one on this machine) is drawn, the CSP allowing its host', async ({ browser }) => {
    const png = await pngTile(14);
    let served = 0;
    const server = http.createServer((req, res) => {
      if (!/^\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) return void res.writeHead(404).end();
      served++;
      res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as AddressInfo).port;
    const admin = await session(browser, 'admin', { password: process.env.E2E_ADMIN_PASSWORD });
    const office = await session(browser, 'office');
    try {
      await setBase(admin.page, { kind: 'xyz', url: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`, maxZoom: 18, attribution: '本机瓦片' });
      const refused: string[] = [];
      office.page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
      });
      await office.page.goto('/map');
      await expect(office.page.getByTestId('problem-map')).not.toHaveClass(/map-records/);
      await expect
        .poll(
          () => office.page.locator('img.leaflet-tile-loaded').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth === 256).length),
          {
            message: 'tiles loaded from the XYZ server',
          },
        )
        .toBeGreaterThanOrEqual(4);
      expect(served).toBeGreaterThanOrEqual(4);
      expect(refused).toEqual([]);
      await expect(office.page.getByText('本机瓦片')).toBeVisible();
    } finally {
      await setBase(admin.page, { kind: 'none' });
      await admin.ctx.close();
      await office.ctx.close();
      server.close();
    }
  });

  test.afterAll(() => {
    for (const f of ['e2e-raster.pmtiles', 'e2e-vector.pmtiles']) fs.rmSync(path.join(dataDir(), f), { force: true });
  });
});

// The maps' base layer, read at run time from the server (the admin sets it on
// 系统配置 → 地图底图; no rebuild): XYZ/天地图 tiles as Leaflet tile layers, or a
// local .pmtiles archive: vector tiles drawn with protomaps-leaflet, raster
// tiles with pmtiles' own Leaflet layer (loaded only then).
// With none, or one that fails, the caller draws the records instead.
import { useQuery } from '@tanstack/react-query';
import L from 'leaflet';
import type { z } from 'zod';
import type { baseLayer } from '../../../../domain/api/map.ts';
import type { Wire } from '../../../../domain/api/common.ts';
import { keys } from '../../api/keys.ts';

export type BaseLayer = Wire<typeof baseLayer> & z.infer<typeof baseLayer>;

/** GET /api/public/base-layer: public, so the resident page's map reads it too. */
export async function fetchBaseLayer(): Promise<BaseLayer> {
  const r = await fetch('/api/public/base-layer', { credentials: 'same-origin' });
  if (!r.ok) throw new Error(`底图设置读取失败（${r.status}）`);
  return r.json();
}

export function useBaseLayer() {
  return useQuery({ queryKey: keys.map.baseLayer(), queryFn: fetchBaseLayer, staleTime: 5 * 60_000 });
}

/**
 * Put the base layer under the map; answers whether tiles are drawn. Call the
 * returned remove() before adding another. `onFail` runs once when the tiles
 * cannot be loaded (the map then draws the records).
 */
export function addBaseLayer(map: L.Map, bl: BaseLayer | undefined, onFail?: (why: string) => void): { drawn: boolean; remove: () => void } {
  const layers: L.Layer[] = [];
  let gone = false;
  if (bl?.kind === 'tiles') {
    let errors = 0;
    let loaded = 0;
    for (const t of bl.tiles) {
      const tl = L.tileLayer(t.url, { maxZoom: 19, maxNativeZoom: t.maxZoom, subdomains: t.subdomains ?? 'abc', attribution: bl.attribution ?? '' });
      tl.on('tileload', () => {
        loaded++;
      });
      // Many failures and no success: the tile server is unreachable or refuses the key.
      tl.on('tileerror', () => {
        if (++errors === 8 && loaded === 0 && !gone) onFail?.('底图瓦片无法加载（网络不通或密钥无效），地图按记录绘制');
      });
      tl.addTo(map);
      layers.push(tl);
    }
  } else if (bl?.kind === 'pmtiles' && bl.pmtilesUrl) {
    const url = bl.pmtilesUrl;
    void import('pmtiles')
      .then(async ({ PMTiles, TileType, leafletRasterLayer }) => {
        if (gone) return;
        // Read the header first: a broken archive falls back to the records instead of blank tiles.
        const archive = new PMTiles(url);
        const header = await archive.getHeader();
        if (gone) return;
        const common = { maxZoom: 19, maxNativeZoom: header.maxZoom, attribution: bl.attribution ?? '' };
        let pl: L.Layer;
        if (header.tileType === TileType.Mvt) {
          // Vector tiles (e.g. a Protomaps basemap extract), drawn on canvas by protomaps-leaflet.
          const { leafletLayer } = await import('protomaps-leaflet');
          if (gone) return;
          pl = leafletLayer({ url: archive, flavor: 'light', lang: 'zh', maxDataZoom: header.maxZoom, ...common }) as unknown as L.Layer;
        } else if (header.tileType === TileType.Unknown) {
          throw new Error('unknown tile type');
        } else {
          // Raster tiles (PNG, JPEG, WebP, AVIF: imagery or a pre-rendered map).
          pl = leafletRasterLayer(archive, common) as L.Layer;
        }
        pl.addTo(map);
        layers.push(pl);
      })
      .catch(() => onFail?.('底图文件无法加载，地图按记录绘制'));
  }
  const drawn = bl?.kind === 'tiles' || bl?.kind === 'pmtiles';
  if (drawn && bl?.attribution) map.attributionControl?.setPrefix(false);
  return {
    drawn,
    remove: () => {
      gone = true;
      for (const l of layers) l.remove();
    },
  };
}

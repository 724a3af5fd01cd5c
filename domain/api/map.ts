// HTTP contract of the map's configuration: the base layer an admin sets at
// run time (GET/PUT /api/map/settings, map.manage), what every map reads
// (GET /api/public/base-layer), the local .pmtiles file (GET
// /api/public/pmtiles/:file, byte ranges), the imported boundaries (GET /api/map/boundaries; PUT/DELETE
// /api/map/boundaries/:code) and the resident page's community list
// (GET /api/public/communities).
import { z } from 'zod';
import { rawText, text } from '../input.ts';

export const PMTILES_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.pmtiles$/;
export const TIANDITU_LAYERS = ['vec', 'img'] as const;

/** What the admin stores. The server checks more than the shape (a URL template, a readable archive) and refuses with the reason. */
export const baseLayerSetting = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('none') }),
    z.object({
      kind: z.literal('tianditu'),
      key: z
        .string('请填写天地图密钥（tk）')
        .trim()
        .regex(/^[A-Za-z0-9]{16,64}$/, '天地图密钥（tk）应为 16 到 64 位字母或数字'),
      layer: z.enum(TIANDITU_LAYERS, '请选择 矢量（vec） 或 影像（img）').default('vec'),
    }),
    z.object({
      kind: z.literal('xyz'),
      url: rawText(500, '瓦片地址最多 500 个字符').trim(),
      attribution: text(200, '版权说明最多 200 个字').nullish(),
      maxZoom: z.number().int().min(1).max(22).default(19),
    }),
    z.object({
      kind: z.literal('pmtiles'),
      file: z.string('请选择 .pmtiles 文件').regex(PMTILES_NAME, '文件名应以 .pmtiles 结尾，只含字母、数字、点、下划线和减号'),
      attribution: text(200, '版权说明最多 200 个字').nullish(),
    }),
  ],
  '请选择底图类型：none、tianditu、xyz 或 pmtiles',
);
export type BaseLayerSetting = z.infer<typeof baseLayerSetting>;

export const tileLayer = z.object({
  url: z.string().describe('Leaflet 瓦片地址模板（{z}/{x}/{y}，{s} 为子域）'),
  subdomains: z.string().nullable(),
  maxZoom: z.number().int(),
});

/** What a map draws: tiles, a PMTiles archive, or nothing (then it draws the records). */
export const baseLayer = z.object({
  kind: z.enum(['none', 'tiles', 'pmtiles']),
  tiles: z.array(tileLayer),
  pmtilesUrl: z.string().nullable(),
  attribution: z.string().nullable(),
  /** Set when a stored setting can no longer be used (e.g. the .pmtiles file was removed): the map draws the records. */
  problem: z.string().nullable(),
});
export type BaseLayer = z.infer<typeof baseLayer>;

export const pmtilesTileType = z.enum(['mvt', 'png', 'jpeg', 'webp', 'avif']);
export type PmtilesTileType = z.infer<typeof pmtilesTileType>;
export const pmtilesFile = z.object({
  name: z.string(),
  bytes: z.number().int(),
  /** What the archive's header says it holds; null when it cannot serve (see problem). */
  info: z
    .object({
      tileType: pmtilesTileType,
      minZoom: z.number().int(),
      maxZoom: z.number().int(),
      /** [west, south, east, north] in degrees. */
      bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    })
    .nullable(),
  problem: z.string().nullable(),
});
export type PmtilesFile = z.infer<typeof pmtilesFile>;

export const mapSettings = z.object({
  setting: baseLayerSetting,
  effective: baseLayer,
  files: z.array(pmtilesFile).describe('DATA_DIR 中的 .pmtiles 文件'),
  dataDir: z.string(),
});

export const boundary = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  level: z.enum(['town', 'community']),
  geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()])))) }),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  updatedAt: z.string(),
});
export const boundaries = z.object({ items: z.array(boundary) });

export const boundaryImport = z.object({
  geojson: z.string('请选择 GeoJSON 文件').min(2, '文件是空的').max(900_000, '边界文件过大（最多约 900 KB），请简化后再导入'),
});

export const publicCommunities = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), townCode: z.string(), townName: z.string() })),
});

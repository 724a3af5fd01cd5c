// The maps' base layer, set at run time by an admin (map.manage) and read by
// every map page: 天地图 with its key, any XYZ URL template, or a local
// .pmtiles archive in DATA_DIR served by this server. Stored with the settings
// helper under one key; a setting that cannot work is refused with the reason
// (MAP_SETTING_INVALID) and nothing changes; a stored one that stops working
// (the file was removed) is answered as "none" with the reason, and the maps
// draw the records. The CSP's tile hosts follow the setting (refresh()).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/pool.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { audit } from '../../platform/audit.ts';
import { getSetting, setSetting } from '../../platform/bootstrap.ts';
import { tileHostSources } from '../../platform/map-tiles.ts';
import { PMTILES_NAME, type BaseLayer, type BaseLayerSetting, type PmtilesFile, type PmtilesTileType } from '../../../domain/api/map.ts';

export const BASE_LAYER_SETTING = 'map.base_layer';
const NONE: BaseLayerSetting = { kind: 'none' };

const invalid = (path: string, message: string) => new AppError('MAP_SETTING_INVALID', `底图设置无效：${message}`, [{ path: `body.${path}`, message }]);

/** Why an XYZ URL template cannot be used, or null. */
export function xyzUrlProblem(url: string): string | null {
  let u: URL;
  try {
    // Placeholders are not valid in a host; test the URL with them filled in.
    u = new URL(
      url
        .replace(/\{s\}/g, 'a')
        .replace(/\{[xyz]\}/g, '0')
        .replace(/\{r\}/g, ''),
    );
  } catch {
    return '不是有效的网址';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return '只支持 http:// 或 https:// 开头的网址';
  if (u.username || u.password) return '网址中不能包含用户名或密码';
  for (const p of ['{z}', '{x}', '{y}']) if (!url.includes(p)) return `网址中缺少 ${p}（瓦片地址模板应含 {z}、{x}、{y}）`;
  if (tileHostSources(url).length === 0) return '网址的主机名无效';
  return null;
}

/** What a PMTiles archive holds, as its header says. */
export interface PmtilesInfo {
  tileType: PmtilesTileType;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
}

/** Header byte 99 (spec v3): 1 MVT, 2 PNG, 3 JPEG, 4 WebP, 5 AVIF. */
const TILE_TYPES = [null, 'mvt', 'png', 'jpeg', 'webp', 'avif'] as const;

/** A file in DATA_DIR as the PMTiles archive: what it holds, or why it cannot serve. */
export async function pmtilesInfo(dataDir: string, file: string): Promise<{ problem: string } | { info: PmtilesInfo }> {
  const no = (problem: string) => ({ problem });
  if (!PMTILES_NAME.test(file)) return no('文件名应以 .pmtiles 结尾，只含字母、数字、点、下划线和减号');
  const full = path.join(dataDir, file);
  let fh: fs.FileHandle | undefined;
  try {
    const st = await fs.stat(full);
    if (!st.isFile()) return no(`${file} 不是文件`);
    fh = await fs.open(full, 'r');
    const h = Buffer.alloc(127);
    const { bytesRead } = await fh.read(h, 0, 127, 0);
    // A PMTiles v3 archive starts with "PMTiles" and the version byte 3 (127-byte header).
    if (bytesRead < 8 || h.subarray(0, 7).toString('latin1') !== 'PMTiles') return no(`${file} 不是 PMTiles 文件`);
    if (h[7] !== 3) return no(`${file} 是第 ${h[7]} 版 PMTiles，只支持第 3 版（可用 pmtiles convert 转换）`);
    if (bytesRead < 127) return no(`${file} 不完整（文件头不足 127 字节）`);
    const u64 = (at: number) => Number(h.readBigUInt64LE(at));
    const ends = [u64(8) + u64(16), u64(24) + u64(32), u64(40) + u64(48), u64(56) + u64(64)];
    if (ends.some((e) => e > st.size)) return no(`${file} 不完整（目录或瓦片超出文件末尾，可能未下载完）`);
    const tileType = TILE_TYPES[h[99]];
    if (!tileType) return no(`${file} 的瓦片类型未知（应为矢量 MVT 或 PNG、JPEG、WebP、AVIF 图片）`);
    const e7 = (at: number) => h.readInt32LE(at) / 1e7;
    return { info: { tileType, minZoom: h[100], maxZoom: h[101], bounds: [e7(102), e7(106), e7(110), e7(114)] } };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return no(code === 'ENOENT' ? `数据目录中没有 ${file}` : `${file} 无法读取（${code ?? '读取失败'}）`);
  } finally {
    await fh?.close();
  }
}

/** Why a file in DATA_DIR cannot serve as the PMTiles archive, or null. */
export async function pmtilesProblem(dataDir: string, file: string): Promise<string | null> {
  const r = await pmtilesInfo(dataDir, file);
  return 'problem' in r ? r.problem : null;
}

/** The .pmtiles files in DATA_DIR, each with what it holds or why it cannot serve. */
export async function pmtilesFiles(dataDir: string): Promise<PmtilesFile[]> {
  const names = await fs.readdir(dataDir).catch(() => [] as string[]);
  const out: PmtilesFile[] = [];
  for (const name of names.filter((n) => PMTILES_NAME.test(n)).sort()) {
    const st = await fs.stat(path.join(dataDir, name)).catch(() => null);
    if (!st?.isFile()) continue;
    const r = await pmtilesInfo(dataDir, name);
    out.push({ name, bytes: st.size, info: 'info' in r ? r.info : null, problem: 'problem' in r ? r.problem : null });
  }
  return out;
}

const TIANDITU_ATTRIBUTION = '© 天地图（国家地理信息公共服务平台）';

/** The stored setting as a map draws it (no I/O for tiles; the file is checked for pmtiles). */
export async function effective(dataDir: string, s: BaseLayerSetting): Promise<BaseLayer> {
  const none = (problem: string | null): BaseLayer => ({ kind: 'none', tiles: [], pmtilesUrl: null, attribution: null, problem });
  switch (s.kind) {
    case 'none':
      return none(null);
    case 'tianditu': {
      // Web Mercator tiles (_w); the 注记 (labels) layer over the base.
      const t = (layer: string) =>
        `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${s.key}`;
      const labels = s.layer === 'img' ? 'cia' : 'cva';
      return {
        kind: 'tiles',
        tiles: [
          { url: t(s.layer), subdomains: '01234567', maxZoom: 18 },
          { url: t(labels), subdomains: '01234567', maxZoom: 18 },
        ],
        pmtilesUrl: null,
        attribution: TIANDITU_ATTRIBUTION,
        problem: null,
      };
    }
    case 'xyz': {
      const p = xyzUrlProblem(s.url);
      if (p) return none(`底图地址无效（${p}），地图按记录绘制`);
      return {
        kind: 'tiles',
        tiles: [{ url: s.url, subdomains: s.url.includes('{s}') ? 'abc' : null, maxZoom: s.maxZoom }],
        pmtilesUrl: null,
        attribution: s.attribution ?? null,
        problem: null,
      };
    }
    case 'pmtiles': {
      const p = await pmtilesProblem(dataDir, s.file);
      if (p) return none(`底图文件不可用（${p}），地图按记录绘制`);
      return { kind: 'pmtiles', tiles: [], pmtilesUrl: `/api/public/pmtiles/${encodeURIComponent(s.file)}`, attribution: s.attribution ?? null, problem: null };
    }
  }
}

export async function storedSetting(db: Db): Promise<BaseLayerSetting> {
  return (await getSetting<BaseLayerSetting>(db, BASE_LAYER_SETTING)) ?? NONE;
}

/** The URL templates whose hosts the CSP must allow (none for pmtiles: same origin). */
export async function tileUrls(db: Db, dataDir: string): Promise<string[]> {
  return (await effective(dataDir, await storedSetting(db))).tiles.map((t) => t.url);
}

export async function readSettings(db: Db, actor: Actor, dataDir: string) {
  authorize(actor, 'map.manage');
  const setting = await storedSetting(db);
  return { setting, effective: await effective(dataDir, setting), files: await pmtilesFiles(dataDir), dataDir };
}

/** Check, then store; the caller refreshes the CSP. */
export async function saveSettings(db: Db, actor: Actor, dataDir: string, s: BaseLayerSetting) {
  authorize(actor, 'map.manage');
  if (s.kind === 'xyz') {
    const p = xyzUrlProblem(s.url);
    if (p) throw invalid('url', p);
  }
  if (s.kind === 'pmtiles') {
    const p = await pmtilesProblem(dataDir, s.file);
    if (p) throw invalid('file', p);
  }
  const before = await storedSetting(db);
  await db.transaction(async (tx) => {
    await setSetting(tx as unknown as Db, BASE_LAYER_SETTING, s);
    await audit(tx, { actor, action: 'update', entity: 'map_setting', after: { kind: s.kind }, before: { kind: before.kind } });
  });
  return readSettings(db, actor, dataDir);
}

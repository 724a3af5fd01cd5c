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
import { PMTILES_NAME, type BaseLayer, type BaseLayerSetting } from '../../../domain/api/map.ts';

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

/** Why a file in DATA_DIR cannot serve as the PMTiles archive, or null. */
export async function pmtilesProblem(dataDir: string, file: string): Promise<string | null> {
  if (!PMTILES_NAME.test(file)) return '文件名应以 .pmtiles 结尾，只含字母、数字、点、下划线和减号';
  const full = path.join(dataDir, file);
  let fh: fs.FileHandle | undefined;
  try {
    const st = await fs.stat(full);
    if (!st.isFile()) return `${file} 不是文件`;
    fh = await fs.open(full, 'r');
    const head = Buffer.alloc(8);
    const { bytesRead } = await fh.read(head, 0, 8, 0);
    // A PMTiles v3 archive starts with "PMTiles" and the version byte 3 (127-byte header).
    if (bytesRead < 8 || head.subarray(0, 7).toString('latin1') !== 'PMTiles' || st.size < 127) return `${file} 不是 PMTiles 文件`;
    if (head[7] !== 3) return `${file} 是第 ${head[7]} 版 PMTiles，只支持第 3 版（可用 pmtiles convert 转换）`;
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `数据目录中没有 ${file}` : `${file} 无法读取（${code ?? '读取失败'}）`;
  } finally {
    await fh?.close();
  }
}

export async function pmtilesFiles(dataDir: string): Promise<{ name: string; bytes: number }[]> {
  const names = await fs.readdir(dataDir).catch(() => [] as string[]);
  const out = [];
  for (const name of names.filter((n) => PMTILES_NAME.test(n)).sort()) {
    const st = await fs.stat(path.join(dataDir, name)).catch(() => null);
    if (st?.isFile()) out.push({ name, bytes: st.size });
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

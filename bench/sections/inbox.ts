// Issue 14: the inbox (待办). inbox.list_p95_ms: the first page of 50 of an
// office person's inbox holding 1,000 open items — owned by them directly
// (300), through their office role over the town (400) and through the unit
// they are a liaison of (300) — among 10,000 open items in their town (the
// rest owned by other people, the leaders' role and other units) and 20,000
// done ones. Baseline: the same page in raw SQL on the same database.
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/pool.ts';
import { hashPassword } from '../../server/platform/password.ts';
import { keptServer, p95, record, signIn } from '../lib.ts';

const TOWN = '359900101';
const PASSWORD = 'BenchInbox2026';

async function generate(db: Db) {
  await db.execute(
    sql`INSERT INTO regions (code, name, level, parent_code, source) VALUES ('359900', '待办基准县', 'county', NULL, 'manual'), (${TOWN}, '待办基准镇', 'town', '359900', 'manual') ON CONFLICT DO NOTHING`,
  );
  const unit = async (name: string) =>
    (await db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES ('department', ${name}, '359900') RETURNING id`)).rows[0].id;
  const mine = await unit('基准单位甲');
  const others = [await unit('基准单位乙'), await unit('基准单位丙'), await unit('基准单位丁')];
  const h = await hashPassword(PASSWORD);
  const me = (
    await db.execute<{ id: number }>(
      sql`INSERT INTO people (name, username, region_code, unit_id, password_hash) VALUES ('基准办公室', 'inboxbench', ${TOWN}, ${mine}, ${h}) RETURNING id`,
    )
  ).rows[0].id;
  await db.execute(
    sql`INSERT INTO role_grants (person_id, role, scope_region_code, scope_unit_id) VALUES (${me}, 'office_staff', ${TOWN}, NULL), (${me}, 'unit_liaison', NULL, ${mine})`,
  );
  const other = (
    await db.execute<{ id: number }>(sql`INSERT INTO people (name, region_code) SELECT '他人' || k, ${TOWN} FROM generate_series(1, 50) k RETURNING id`)
  ).rows.map((r) => r.id);
  // Open and done items interleaved in id order, as they arrive over months.
  for (const state of ['done', 'open', 'done'] as const) {
    const n = 10_000;
    await db.execute(sql`
      INSERT INTO inbox_items (kind, region_code, owner_person_id, owner_role, owner_region_code, owner_unit_id, subject_type, subject_id, title, link, due_date, state, closed_at)
      SELECT 'problem_accept', ${TOWN} || '001',
        CASE WHEN m < 30 THEN ${me}::int WHEN m >= 100 AND m < 400 THEN (${sql.param(other)}::int[])[1 + k % 50] END,
        CASE WHEN m >= 30 AND m < 70 THEN 'office_staff' WHEN m >= 400 AND m < 700 THEN 'town_leader' END,
        CASE WHEN (m >= 30 AND m < 70) OR (m >= 400 AND m < 700) THEN ${TOWN} END,
        CASE WHEN m >= 70 AND m < 100 THEN ${mine}::int WHEN m >= 700 THEN (${sql.param(others)}::int[])[1 + k % 3] END,
        'problem', k,
        '问题 BENCH-' || k || ' 已派遣，待接收', '/problems/' || k, DATE '2026-12-01' + (k % 30), ${state}, CASE WHEN ${state} = 'done' THEN now() END
      FROM (SELECT k, k % 1000 AS m FROM generate_series(1, ${n}) k) s`);
  }
  await db.execute(sql`ANALYZE inbox_items`);
}

/** inbox.list_p95_ms: target ≤ 30. */
export async function inboxBench() {
  const { server, pool, db, stop } = await keptServer('inbox-v1', { env: { DEMO: '0' }, poolSize: 4, generate });
  try {
    const counts = (
      await db.execute<{ open: number; total: number }>(
        sql`SELECT count(*) FILTER (WHERE state = 'open')::int AS open, count(*)::int AS total FROM inbox_items WHERE region_code LIKE ${TOWN + '%'}`,
      )
    ).rows[0];
    const me = (await db.execute<{ id: number; unit_id: number }>(sql`SELECT id, unit_id FROM people WHERE username = 'inboxbench'`)).rows[0];
    const cookie = await signIn(server.url, 'inboxbench', PASSWORD);
    let first: any = null;
    const api = async () => {
      const r = await fetch(`${server.url}/api/inbox?limit=50`, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`inbox → ${r.status} ${await r.text()}`);
      first = await r.json();
    };
    // The same page as the server asks it (one top-50 per way of owning, merged), without HTTP, session or labels.
    const raw = async () => {
      const cols = 'i.id, i.kind, i.title, i.link, i.due_date, i.owner_person_id, i.owner_role, i.owner_unit_id, i.created_at';
      await pool.query(
        `SELECT * FROM (
          (SELECT ${cols} FROM inbox_items i WHERE i.owner_person_id = $1 AND i.state = 'open' ORDER BY i.id DESC LIMIT 51)
          UNION (SELECT ${cols} FROM inbox_items i WHERE i.owner_role = 'office_staff' AND i.owner_region_code LIKE $2 AND i.state = 'open' ORDER BY i.id DESC LIMIT 51)
          UNION (SELECT ${cols} FROM inbox_items i WHERE i.owner_unit_id = $3 AND i.state = 'open' ORDER BY i.id DESC LIMIT 51)
        ) x ORDER BY x.id DESC LIMIT 51`,
        [me.id, TOWN + '%', me.unit_id],
      );
    };
    const run = async (fn: () => Promise<void>) => {
      for (let i = 0; i < 10; i++) await fn();
      const xs: number[] = [];
      for (let i = 0; i < 100; i++) {
        const t0 = performance.now();
        await fn();
        xs.push(performance.now() - t0);
      }
      return p95(xs);
    };
    const ms = await run(api);
    const base = await run(raw);
    const mineOpen = (
      await db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM inbox_items WHERE state = 'open' AND (owner_person_id = ${me.id} OR (owner_role = 'office_staff' AND owner_region_code LIKE ${TOWN + '%'}) OR owner_unit_id = ${me.unit_id})`,
      )
    ).rows[0].n;
    console.log(
      `inbox: ${counts.open} open of ${counts.total} items in the town; the office person's own open items: ${mineOpen}; first page ${first.items.length}, next cursor ${first.nextCursor ? 'yes' : 'no'}`,
    );
    record({ name: 'inbox.list_p95_ms', value: ms, unit: 'ms (p95 of 100)', baseline: base, ratio: Math.round((ms / base) * 100) / 100 });
  } finally {
    await stop();
  }
}

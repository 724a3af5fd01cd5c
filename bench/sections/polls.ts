// Issue 21's resident surveys, on their own kept data set (bench/tmp/polls-v1):
// a town of 20 communities with a 问卷调查 standard, a questionnaire of 10
// items and an open wave (100 per community), and 20 interviewers.
//   surveys.sync_2000_ms  20 phones each sending its queue of 100 answers
//       (POST /api/inspections/sync, one request each) at the same moment:
//       wall time until all 2,000 are acknowledged (median of 3 rounds, each
//       round a fresh wave); baseline: the same 2,000 responses and 20,000
//       answers inserted in raw SQL, 20 connections at once.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { tokenId } from '../../server/platform/session.ts';
import type { Db } from '../../server/db/pool.ts';
import { keptServer, median, record } from '../lib.ts';

const TOWN = '359800101';
const COMMUNITIES = 20;
const PHONES = 20;
const PER_PHONE = 100;
const ITEMS = 10;
const community = (c: number) => `${TOWN}${String(10 * (c + 1)).padStart(3, '0')}`;

async function generate(db: Db) {
  const regions = [sql`('359800', '问卷基准县', 'county', NULL, 'manual')`, sql`(${TOWN}, '问卷基准镇', 'town', '359800', 'manual')`];
  for (let c = 0; c < COMMUNITIES; c++) regions.push(sql`(${community(c)}, ${`问卷基准社区${c + 1}`}, 'community', ${TOWN}, 'manual')`);
  await db.execute(sql`INSERT INTO regions (code, name, level, parent_code, source) VALUES ${sql.join(regions, sql`, `)} ON CONFLICT DO NOTHING`);
  const sys = await db.execute<{ id: number }>(
    sql`INSERT INTO evaluation_systems (town_code, version, name, source) VALUES (${TOWN}, 1, '基准测评体系', 'seed') RETURNING id`,
  );
  const std = await db.execute<{ id: number }>(sql`
    INSERT INTO evaluation_nodes (system_id, level, code, name, sort, methods, points) VALUES (${sys.rows[0].id}, 'standard', '9.1.1', '市民满意度', 1, '{survey}', 5) RETURNING id`);
  const q = await db.execute<{ id: number }>(
    sql`INSERT INTO poll_questionnaires (town_code, code, version, title, group_label) VALUES (${TOWN}, 'A', 1, '基准问卷', '居民') RETURNING id`,
  );
  for (let i = 1; i <= ITEMS; i++)
    await db.execute(sql`INSERT INTO poll_items (questionnaire_id, seq, code, text, indicator, standard_id, standard_code)
      VALUES (${q.rows[0].id}, ${i}, ${`Q${i}`}, ${`第${i}题`}, ${i % 3 === 0 ? 'awareness' : 'satisfaction'}, ${std.rows[0].id}, '9.1.1')`);
  await db.execute(sql`INSERT INTO people (name, username, region_code) SELECT '调查员' || n, 'pbench' || n, ${TOWN} FROM generate_series(1, ${PHONES}) n`);
  await db.execute(
    sql`INSERT INTO role_grants (person_id, role, scope_region_code) SELECT id, 'interviewer', ${TOWN} FROM people WHERE username LIKE 'pbench%'`,
  );
}

async function newWave(db: Db, questionnaireId: number, round: number) {
  const r = await db.execute<{ id: number }>(sql`
    INSERT INTO poll_waves (town_code, name, questionnaire_ids, starts_on, ends_on, per_community, quotas, public_token)
    VALUES (${TOWN}, ${`基准批次${round}`}, ARRAY[${questionnaireId}]::int[], current_date - 10, current_date + 10, 100,
      '{"ageBands":{"18-34":35,"35-49":35,"50-65":30},"sex":{"male":50,"female":50}}'::jsonb, ${crypto.randomBytes(12).toString('base64url')}) RETURNING id`);
  return r.rows[0].id;
}

export async function pollsBench() {
  const { server, pool, db, stop } = await keptServer('polls-v1', { env: { DEMO: '0' }, poolSize: PHONES, generate });
  try {
    const qid = (await db.execute<{ id: number }>(sql`SELECT id FROM poll_questionnaires WHERE town_code = ${TOWN}`)).rows[0].id;
    const items = (await db.execute<{ id: number }>(sql`SELECT id FROM poll_items WHERE questionnaire_id = ${qid} ORDER BY seq`)).rows.map((r) => r.id);
    const people = (await db.execute<{ id: number }>(sql`SELECT id FROM people WHERE username LIKE 'pbench%' ORDER BY id`)).rows.map((r) => r.id);
    // Their sessions, opened directly (sign-in is rate-limited per IP, and it is not what is measured).
    const cookies: string[] = [];
    for (const pid of people) {
      const token = crypto.randomBytes(32).toString('base64url');
      await db.execute(sql`INSERT INTO sessions (id, person_id, expires_at, ip) VALUES (${tokenId(token)}, ${pid}, now() + interval '2 hours', '127.0.0.1')`);
      cookies.push(`cc_sid=${token}`);
    }
    const queue = (waveId: number, phone: number) =>
      Array.from({ length: PER_PHONE }, (_, k) => ({
        type: 'poll',
        key: `bench-${waveId}-${phone}-${k}`,
        waveId,
        questionnaireId: qid,
        communityCode: community((phone + k) % COMMUNITIES),
        sex: k % 2 ? 'male' : 'female',
        age: 18 + ((phone * 7 + k) % 48),
        residenceMonths: 24,
        answeredAt: new Date(Date.now() - k * 60_000).toISOString(),
        answers: items.map((itemId, i) => ({ itemId, value: (k + i) % 3 === 0 ? 1 : 0 })),
      }));
    const rounds: number[] = [];
    for (let round = 0; round < 3; round++) {
      const waveId = await newWave(db, qid, round);
      const bodies = cookies.map((_, p) => JSON.stringify({ items: queue(waveId, p) }));
      const t0 = performance.now();
      const answers = await Promise.all(
        cookies.map(async (cookie, p) => {
          const r = await fetch(`${server.url}/api/inspections/sync`, {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/json' },
            body: bodies[p],
          });
          if (r.status !== 200) throw new Error(`sync → ${r.status} ${await r.text()}`);
          return (await r.json()).results as { status: string }[];
        }),
      );
      rounds.push(performance.now() - t0);
      const acked = answers.flat().filter((x) => x.status === 'created').length;
      if (acked !== PHONES * PER_PHONE) throw new Error(`only ${acked} of ${PHONES * PER_PHONE} answers acknowledged`);
    }
    // Baseline: the same rows in raw SQL, one transaction per phone, all phones at once.
    const base: number[] = [];
    for (let round = 0; round < 3; round++) {
      const waveId = await newWave(db, qid, 10 + round);
      const t0 = performance.now();
      await Promise.all(
        people.map(async (pid, p) => {
          const c = await pool.connect();
          try {
            await c.query('BEGIN');
            const rows = queue(waveId, p);
            const ids = await c.query(
              `INSERT INTO poll_responses (wave_id, questionnaire_id, town_code, community_code, source, interviewer_id, client_key, sex, age, residence_months, age_band, answered_at)
               SELECT $1, $2, $3, c, 'interviewer', $4, k, s, a, 24, '18-34', now() FROM unnest($5::text[], $6::text[], $7::text[], $8::int[]) AS t(c, k, s, a) RETURNING id`,
              [waveId, qid, TOWN, pid, rows.map((r) => r.communityCode), rows.map((r) => r.key), rows.map((r) => r.sex), rows.map((r) => r.age)],
            );
            const resp = ids.rows.flatMap((r) => items.map(() => r.id));
            const item = ids.rows.flatMap(() => items);
            await c.query(
              'INSERT INTO poll_answers (response_id, item_id, value, positive) SELECT r, i, 0, true FROM unnest($1::bigint[], $2::int[]) AS t(r, i)',
              [resp, item],
            );
            await c.query('COMMIT');
          } finally {
            c.release();
          }
        }),
      );
      base.push(performance.now() - t0);
    }
    const value = Math.round(median(rounds));
    const baseline = Math.round(median(base));
    console.log(`polls: ${PHONES} phones × ${PER_PHONE} answers of ${ITEMS} items; rounds ${rounds.map((x) => Math.round(x)).join(', ')} ms`);
    record({
      name: 'surveys.sync_2000_ms',
      value,
      unit: 'ms (median of 3, wall time until all acknowledged)',
      baseline,
      ratio: Math.round((value / baseline) * 10) / 10,
    });
  } finally {
    await stop();
  }
}

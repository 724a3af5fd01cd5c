// Issue 17's volunteers, on their own kept data set (bench/tmp/volunteers-v1):
// a county of 10 towns × 10 communities, each community with its practice
// station, a volunteer team of 40 members and 200 held activities of 2026,
// and 2,000,000 service records across them (every member 500).
//   registers.service_list_p95_ms  GET /api/volunteers/service for one team and
//       one month, a page of 50, as the town office (p95 of 100); baseline: the
//       same page in raw SQL;
//   volunteers.certificate_ms      GET /api/volunteers/:id/certificate.docx of a
//       volunteer with 500 records (p95 of 10); baseline: the certificate's rows
//       in raw SQL;
//   volunteers.checkin_p95_ms      200 volunteers each checking in to one
//       activity with its code, arriving at random within a minute (p95 of
//       their answers); baseline: the check-in's own statements in raw SQL at
//       the same pace. Each crowd starts on a settled machine (CHECKPOINT, then
//       sync): the earlier sections' write-back is not the check-in's.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import { tokenId } from '../../server/platform/session.ts';
import type { Db } from '../../server/db/pool.ts';
import { hashPassword } from '../../server/platform/password.ts';
import { SEEDED_KINDS } from '../../domain/activities.ts';
import { keptServer, p95, record, signIn } from '../lib.ts';

const COUNTY = '359700';
const TOWNS = 10;
const COMMUNITIES = 10;
const MEMBERS = 40;
const ACTIVITIES_PER_COMMUNITY = 200;
const RECORDS = 2_000_000;
const CHECKERS = 200;
const PASSWORD = 'BenchVolunteers2026';
const town = (t: number) => `${COUNTY}${String(101 + t).padStart(3, '0')}`;
const community = (t: number, c: number) => `${town(t)}${String(10 * (c + 1)).padStart(3, '0')}`;
const TOWN = town(0);
const COMMUNITY = community(0, 0);
const MONTH = '2026-06';

async function generate(db: Db) {
  const regions = [sql`(${COUNTY}, '志愿基准县', 'county', NULL, 'manual')`];
  for (let t = 0; t < TOWNS; t++) {
    regions.push(sql`(${town(t)}, ${`志愿基准镇${t + 1}`}, 'town', ${COUNTY}, 'manual')`);
    for (let c = 0; c < COMMUNITIES; c++) regions.push(sql`(${community(t, c)}, ${`志愿镇${t + 1}社区${c + 1}`}, 'community', ${town(t)}, 'manual')`);
  }
  await db.execute(sql`INSERT INTO regions (code, name, level, parent_code, source) VALUES ${sql.join(regions, sql`, `)} ON CONFLICT DO NOTHING`);
  await db.execute(
    sql`INSERT INTO activity_kinds (code, name, sort) VALUES ${sql.join(
      SEEDED_KINDS.map((k, i) => sql`(${k.code}, ${k.name}, ${(i + 1) * 10})`),
      sql`, `,
    )} ON CONFLICT DO NOTHING`,
  );
  const communities = sql`SELECT r.code, r.name FROM regions r WHERE r.level = 'community' AND r.code LIKE ${COUNTY + '%'}`;
  await db.execute(sql`INSERT INTO units (kind, name, region_code) SELECT 'practice_station', c.name || '新时代文明实践站', c.code FROM (${communities}) c`);
  await db.execute(sql`INSERT INTO units (kind, name, region_code) SELECT 'volunteer_team', c.name || '志愿服务队', c.code FROM (${communities}) c`);
  await db.execute(
    sql`INSERT INTO places (kind, name, region_code, point_type, lat, lng) SELECT 'point', c.name || '新时代文明实践站', c.code, 'practice_station', 25.8, 116.3 FROM (${communities}) c`,
  );
  // 40 members per team (no account), joined at the start of 2025.
  await db.execute(sql`INSERT INTO people (name, phone, region_code)
    SELECT '志愿者' || t.id || '-' || m, '17' || lpad((t.id * 100 + m)::text, 9, '0'), t.region_code
    FROM units t, generate_series(1, ${MEMBERS}) m WHERE t.kind = 'volunteer_team' AND t.region_code LIKE ${COUNTY + '%'}`);
  await db.execute(sql`INSERT INTO volunteers (person_id, gender, birth_year, political_status)
    SELECT p.id, CASE WHEN p.id % 2 = 0 THEN 'female' ELSE 'male' END, 1960 + p.id % 45, 'masses' FROM people p WHERE p.phone LIKE '17%' AND p.region_code LIKE ${COUNTY + '%'}`);
  await db.execute(sql`INSERT INTO volunteer_memberships (person_id, team_id, role, joined_on)
    SELECT p.id, t.id, 'member', DATE '2025-01-01' FROM people p JOIN units t ON t.kind = 'volunteer_team' AND t.region_code = p.region_code
    WHERE p.phone LIKE '17%' AND p.region_code LIKE ${COUNTY + '%'}`);
  // 200 held activities of 2026 per community, organised by its station.
  await db.execute(sql`
    INSERT INTO activities (town_code, region_code, organizer_unit_id, kind_id, title, place_id, on_date, state, volunteers, held_at)
    SELECT substr(u.region_code, 1, 9), u.region_code, u.id, (SELECT min(id) FROM activity_kinds), '志愿服务基准活动 ' || g, p.id,
      DATE '2026-01-01' + (g * 365 / ${ACTIVITIES_PER_COMMUNITY}), 'held', 10, now()
    FROM units u JOIN places p ON p.region_code = u.region_code AND p.point_type = 'practice_station', generate_series(0, ${ACTIVITIES_PER_COMMUNITY - 1}) g
    WHERE u.kind = 'practice_station' AND u.region_code LIKE ${COUNTY + '%'}`);
  // 2,000,000 confirmed records: each community's 20,000 over its 200 activities (100 each) and its 40 members (500 each).
  await db.execute(sql`
    WITH a AS (SELECT id, region_code, town_code, on_date, row_number() OVER (PARTITION BY region_code ORDER BY id) - 1 AS n FROM activities WHERE town_code LIKE ${COUNTY + '%'}),
         m AS (SELECT vm.person_id, vm.team_id, t.region_code, row_number() OVER (PARTITION BY vm.team_id ORDER BY vm.person_id) - 1 AS n
               FROM volunteer_memberships vm JOIN units t ON t.id = vm.team_id WHERE t.region_code LIKE ${COUNTY + '%'}),
         c AS (SELECT region_code, row_number() OVER (ORDER BY region_code) - 1 AS n FROM (SELECT DISTINCT region_code FROM a) x)
    INSERT INTO volunteer_service (person_id, team_id, activity_id, town_code, region_code, on_date, minutes, status, source, recorded_by, confirmed_by, confirmed_at)
    SELECT m.person_id, m.team_id, a.id, a.town_code, a.region_code, a.on_date, 60 + (g % 4) * 30, 'confirmed', 'organiser', NULL, NULL, now()
    FROM generate_series(0, ${RECORDS - 1}) g
      JOIN c ON c.n = g % ${TOWNS * COMMUNITIES}
      JOIN m ON m.region_code = c.region_code AND m.n = (g / ${TOWNS * COMMUNITIES}) % ${MEMBERS}
      JOIN a ON a.region_code = c.region_code AND a.n = (g / ${TOWNS * COMMUNITIES * MEMBERS}) % ${ACTIVITIES_PER_COMMUNITY}`);
  // The town office, and 200 volunteers with accounts in the first community's team (the check-in crowd).
  const h = await hashPassword(PASSWORD);
  const me = (
    await db.execute<{ id: number }>(
      sql`INSERT INTO people (name, username, region_code, password_hash) VALUES ('志愿基准办公室', 'volunteersbench', ${TOWN}, ${h}) RETURNING id`,
    )
  ).rows[0].id;
  await db.execute(sql`INSERT INTO role_grants (person_id, role, scope_region_code) VALUES (${me}, 'office_staff', ${TOWN})`);
  const team = sql`(SELECT id FROM units WHERE kind = 'volunteer_team' AND region_code = ${COMMUNITY})`;
  await db.execute(sql`INSERT INTO people (name, username, region_code, password_hash)
    SELECT '签到志愿者' || g, 'vbench' || g, ${COMMUNITY}, ${h} FROM generate_series(1, ${CHECKERS}) g`);
  await db.execute(sql`INSERT INTO volunteers (person_id) SELECT id FROM people WHERE username LIKE 'vbench%'`);
  await db.execute(
    sql`INSERT INTO volunteer_memberships (person_id, team_id, role, joined_on) SELECT id, ${team}, 'member', DATE '2025-01-01' FROM people WHERE username LIKE 'vbench%'`,
  );
  await db.execute(sql`INSERT INTO role_grants (person_id, role, scope_unit_id) SELECT id, 'volunteer', ${team} FROM people WHERE username LIKE 'vbench%'`);
  await db.execute(sql`ANALYZE volunteer_service; ANALYZE volunteers; ANALYZE volunteer_memberships; ANALYZE activities; ANALYZE units; ANALYZE people`);
}

const run = async (n: number, fn: () => Promise<void>, warm = 10) => {
  for (let i = 0; i < warm; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return p95(xs);
};
const rounded = (v: number, b: number) => Math.round((v / b) * 100) / 100;

/** 200 requests, each fired at a random moment within a minute: each one's time to its answer, p95. */
async function crowd(fns: (() => Promise<void>)[]): Promise<number> {
  const xs: number[] = [];
  await Promise.all(
    fns.map(
      (fn) =>
        new Promise<void>((resolve, reject) => {
          setTimeout(() => {
            const t0 = performance.now();
            fn().then(() => {
              xs.push(performance.now() - t0);
              resolve();
            }, reject);
          }, Math.random() * 60_000);
        }),
    ),
  );
  return p95(xs);
}

/** The database's checkpoint, then the kernel's dirty pages written back (`sync`); says how much was waiting. */
async function settle(pool: pg.Pool) {
  const dirty = () => Number(/^Dirty:\s+(\d+)/m.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? NaN);
  const before = dirty();
  await pool.query('CHECKPOINT');
  execFileSync('sync');
  console.log(`volunteers: settled before a crowd (${Math.round(before / 1024)} MB dirty before, ${Math.round(dirty() / 1024)} MB after)`);
}

/** registers.service_list_p95_ms ≤ 30, volunteers.certificate_ms ≤ 300, volunteers.checkin_p95_ms ≤ 50. */
export async function volunteersBench() {
  const { server, pool, db, stop } = await keptServer('volunteers-v1', { env: { DEMO: '0' }, poolSize: 4, generate });
  try {
    const total = (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM volunteer_service`)).rows[0].n;
    const team = (await db.execute<{ id: number }>(sql`SELECT id FROM units WHERE kind = 'volunteer_team' AND region_code = ${COMMUNITY}`)).rows[0].id;
    const cookie = await signIn(server.url, 'volunteersbench', PASSWORD);

    // ---- one team's month ----
    let page: any = null;
    const list = async () => {
      const r = await fetch(`${server.url}/api/volunteers/service?teamId=${team}&month=${MONTH}&limit=50`, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`service → ${r.status} ${await r.text()}`);
      page = await r.json();
    };
    const listRaw = async () => {
      await pool.query(
        `SELECT s.id, s.person_id, p.name, s.team_id, t.name, s.activity_id, a.title, o.name, s.region_code, s.on_date, s.started_at, s.ended_at, s.minutes,
          s.content, s.status, s.source, s.corrects_id, s.superseded_by, s.reason, rb.name, cb.name, s.confirmed_at, s.created_at
        FROM volunteer_service s JOIN people p ON p.id = s.person_id LEFT JOIN units t ON t.id = s.team_id JOIN activities a ON a.id = s.activity_id
          JOIN units o ON o.id = a.organizer_unit_id LEFT JOIN people rb ON rb.id = s.recorded_by LEFT JOIN people cb ON cb.id = s.confirmed_by
        WHERE s.team_id = $1 AND s.on_date >= $2::date AND s.on_date <= $3::date ORDER BY s.on_date DESC, s.id DESC LIMIT 51`,
        [team, `${MONTH}-01`, `${MONTH}-30`],
      );
    };
    const listMs = await run(100, list);
    const listBase = await run(100, listRaw);
    console.log(`volunteers: ${total} service records; team ${team}'s ${MONTH} first page ${page.items.length}, next cursor ${page.nextCursor ? 'yes' : 'no'}`);
    record({ name: 'registers.service_list_p95_ms', value: listMs, unit: 'ms (p95 of 100)', baseline: listBase, ratio: rounded(listMs, listBase) });

    // ---- the certificate of a volunteer with 500 records ----
    const person = (
      await db.execute<{ id: number; n: number }>(
        sql`SELECT person_id AS id, count(*)::int AS n FROM volunteer_service WHERE team_id = ${team} GROUP BY person_id ORDER BY person_id LIMIT 1`,
      )
    ).rows[0];
    let bytes = 0;
    const cert = async () => {
      const r = await fetch(`${server.url}/api/volunteers/${person.id}/certificate.docx`, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`certificate → ${r.status} ${await r.text()}`);
      bytes = (await r.arrayBuffer()).byteLength;
    };
    const certRaw = async () => {
      await pool.query(
        `SELECT s.id, s.on_date, s.minutes, a.title, o.name FROM volunteer_service s JOIN activities a ON a.id = s.activity_id JOIN units o ON o.id = a.organizer_unit_id
        WHERE s.person_id = $1 AND s.status = 'confirmed' AND s.superseded_by IS NULL ORDER BY s.on_date, s.id LIMIT 5000`,
        [person.id],
      );
    };
    const certMs = await run(10, cert, 2);
    const certBase = await run(10, certRaw, 2);
    console.log(`volunteers: certificate of a volunteer with ${person.n} records, ${Math.round(bytes / 1024)} KB`);
    record({ name: 'volunteers.certificate_ms', value: certMs, unit: 'ms (p95 of 10)', baseline: certBase, ratio: rounded(certMs, certBase) });

    // ---- 200 volunteers checking in to one activity within a minute ----
    const place = (await db.execute<{ id: number }>(sql`SELECT id FROM places WHERE region_code = ${COMMUNITY} LIMIT 1`)).rows[0].id;
    const station = (await db.execute<{ id: number }>(sql`SELECT id FROM units WHERE kind = 'practice_station' AND region_code = ${COMMUNITY}`)).rows[0].id;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const planned = await fetch(`${server.url}/api/activities`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `签到基准活动 ${Date.now()}`, kindId: 1, unitId: station, placeId: place, onDate: today }),
    });
    if (planned.status !== 201) throw new Error(`plan → ${planned.status} ${await planned.text()}`);
    const activityId = (await planned.json()).id;
    const opened = await fetch(`${server.url}/api/volunteers/activities/${activityId}/code`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ startsAt: new Date(Date.now() - 600_000).toISOString(), endsAt: new Date(Date.now() + 2 * 3600_000).toISOString() }),
    });
    if (opened.status !== 200) throw new Error(`code → ${opened.status} ${await opened.text()}`);
    const { code } = await opened.json();
    // Their sessions, opened directly (sign-in is rate-limited per IP, and it is not what is measured): the cookie holds the token, the table its SHA-256.
    const crowdIds = (await db.execute<{ id: number }>(sql`SELECT id FROM people WHERE username LIKE 'vbench%' ORDER BY id`)).rows.map((r) => r.id);
    const cookies: string[] = [];
    for (const pid of crowdIds) {
      const token = crypto.randomBytes(32).toString('base64url');
      await db.execute(sql`INSERT INTO sessions (id, person_id, expires_at, ip) VALUES (${tokenId(token)}, ${pid}, now() + interval '2 hours', '127.0.0.1')`);
      cookies.push(`cc_sid=${token}`);
    }
    // The sections before this one leave gigabytes for the kernel to write back; a minute of commits measured while it
    // does so measures the harness, not the check-in (the baseline too, though it commits nothing). Both crowds start
    // on a settled machine: the database's checkpoint done and the page cache written back.
    await settle(pool);
    let refused = 0;
    const checkinMs = await crowd(
      cookies.map((c) => async () => {
        const r = await fetch(`${server.url}/api/volunteers/checkin`, {
          method: 'POST',
          headers: { cookie: c, 'content-type': 'application/json' },
          body: JSON.stringify({ activityId, code, direction: 'in' }),
        });
        if (r.status !== 200) refused++;
        await r.arrayBuffer();
      }),
    );
    const checked = (
      await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM volunteer_signups WHERE activity_id = ${activityId} AND checkin_at IS NOT NULL`)
    ).rows[0].n;
    await settle(pool);
    // The check-in's statements in raw SQL at the same pace: the code, the sign-up row locked, the stamp (into a second activity).
    const checkinBase = await crowd(
      crowdIds.map((pid) => async () => {
        const c = await pool.connect();
        try {
          await c.query('SELECT code, starts_at, ends_at FROM volunteer_checkin_codes WHERE activity_id = $1', [activityId]);
          await c.query('BEGIN');
          await c.query('SELECT checkin_at FROM volunteer_signups WHERE activity_id = $1 AND person_id = $2 FOR UPDATE', [activityId, pid]);
          await c.query('UPDATE volunteer_signups SET checkin_at = checkin_at WHERE activity_id = $1 AND person_id = $2', [activityId, pid]);
          await c.query('ROLLBACK');
        } finally {
          c.release();
        }
      }),
    );
    console.log(`volunteers: ${checked} of ${CHECKERS} checked in within a minute (${refused} refused)`);
    record({
      name: 'volunteers.checkin_p95_ms',
      value: checkinMs,
      unit: `ms (p95 of ${CHECKERS} within 60 s)`,
      baseline: checkinBase,
      ratio: rounded(checkinMs, checkinBase),
    });
  } finally {
    await stop();
  }
}

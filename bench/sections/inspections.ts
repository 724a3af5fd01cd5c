// Issue 5's inspection benchmarks, called from bench/run.ts.
//   inspections.compliance_month_ms  a month's compliance (GET /api/inspections/compliance) for a county of
//                                    20 towns × 20 communities, 400 street chiefs with 3 places each, October 2026
//                                    (国庆 holidays) of patrols with ~10 % missed, plus weekly supervision, town
//                                    leaders' visits and demo points; median of 7 over HTTP. Baseline: the bare
//                                    raw-SQL count of patrols per chief and place over the month. Target ≤ 200 ms.
//                                    Data generated set-based once into bench/tmp/inspections-v1 (kept).
//   inspections.sync_200_ms          a phone's queue of 200 items (100 patrols with every checklist item graded,
//                                    100 problems found on them), each with one small photo (640×480 JPEG, so 200
//                                    photo entries besides the 200 items) POSTed to
//                                    /api/inspections/sync on a running demo server; median of 3 fresh queues.
//                                    Also reported: re-sending the same queue (idempotent replay). Target ≤ 2,000 ms.
// BENCH_SKIP_INSPECTIONS=1 skips both; BENCH_SKIP_INSPECTIONS_SYNC=1 / BENCH_SKIP_INSPECTIONS_COMPLIANCE=1 one of them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { spawnServer, stopServer, waitHealthy } from '../../tests/helpers/server-process.ts';
import type { Db } from '../../server/db/pool.ts';
import { ADMIN_PASSWORD, keptServer, median, record, signIn, twoPorts } from '../lib.ts';
import { DEMO_PASSWORD } from '../../server/demo/accounts.ts';
import type { SyncItem, SyncResponse } from '../../domain/inspections/sync.ts';

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

const COUNTY = '359800';
const MONTH = '2026-10';

/** The county, its people and places, and a month of inspections (set-based; random draws per row). */
async function generate(db: Db) {
  const { seedCalendar } = await import('../../server/modules/calendar/calendar.service.ts');
  await seedCalendar(db, [2026]);
  const since = '2026-09-01T00:00:00+08:00';
  await db.execute(
    sql`INSERT INTO regions (code, name, level, parent_code, source) VALUES (${COUNTY}, '巡查基准县', 'county', NULL, 'manual') ON CONFLICT DO NOTHING`,
  );
  await db.execute(sql`INSERT INTO regions (code, name, level, parent_code, source)
    SELECT ${COUNTY} || t, '基准镇' || t, 'town', ${COUNTY}, 'manual' FROM generate_series(101, 120) t ON CONFLICT DO NOTHING`);
  await db.execute(sql`INSERT INTO regions (code, name, level, parent_code, source)
    SELECT ${COUNTY} || t || lpad(c::text, 3, '0'), '基准镇' || t || '社区' || c, 'community', ${COUNTY} || t, 'manual'
    FROM generate_series(101, 120) t, generate_series(1, 20) c ON CONFLICT DO NOTHING`);
  // One street chief per community (400) with 3 places; per town 2 leaders and 1 supervisor.
  await db.execute(sql`INSERT INTO people (name, region_code, created_at) SELECT '街巷长' || r.code, r.code, ${since}::timestamptz
    FROM regions r WHERE r.level = 'community' AND r.code LIKE ${COUNTY + '%'}`);
  await db.execute(sql`INSERT INTO role_grants (person_id, role, scope_region_code, created_at) SELECT p.id, 'street_chief', p.region_code, ${since}::timestamptz
    FROM people p WHERE p.name LIKE '街巷长%' AND p.region_code LIKE ${COUNTY + '%'}`);
  await db.execute(sql`INSERT INTO places (kind, name, region_code, point_type, is_demo_point, created_at)
    SELECT CASE k WHEN 1 THEN 'street' WHEN 2 THEN 'compound' ELSE 'point' END, '地点' || k, r.code, CASE k WHEN 3 THEN 'public_square' END,
      k = 3 AND right(r.code, 3)::int <= 3, ${since}::timestamptz
    FROM regions r, generate_series(1, 3) k WHERE r.level = 'community' AND r.code LIKE ${COUNTY + '%'}`);
  await db.execute(sql`INSERT INTO place_assignments (person_id, place_id, valid_from, created_at) SELECT p.id, pl.id, (${since}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, ${since}::timestamptz
    FROM people p JOIN places pl ON pl.region_code = p.region_code WHERE p.name LIKE '街巷长%' AND p.region_code LIKE ${COUNTY + '%'}`);
  for (const [label, role, n] of [
    ['镇领导', 'town_leader', 2],
    ['督查员', 'supervisor', 1],
  ] as const) {
    await db.execute(sql`INSERT INTO people (name, region_code, created_at) SELECT ${label} || k || '-' || r.code, r.code, ${since}::timestamptz
      FROM regions r, generate_series(1, ${n}) k WHERE r.level = 'town' AND r.code LIKE ${COUNTY + '%'}`);
    await db.execute(sql`INSERT INTO role_grants (person_id, role, scope_region_code, created_at) SELECT p.id, ${role}, p.region_code, ${since}::timestamptz
      FROM people p WHERE p.name LIKE ${label + '%'} AND p.region_code LIKE ${COUNTY + '%'}`);
  }
  // Patrols: every chief, every place, every day of the month (weekends too), 90 % of them done.
  await db.execute(sql`INSERT INTO inspections (kind, state, town_code, region_code, place_id, inspector_id, inspector_name, on_date, started_at, finished_at, client_key)
    SELECT 'patrol', 'finished', substr(pl.region_code, 1, 9), pl.region_code, pl.id, pa.person_id, '街巷长', d::date,
      d + interval '9 hours', d + interval '10 hours', 'bp-' || pl.id || '-' || d::date
    FROM place_assignments pa JOIN places pl ON pl.id = pa.place_id,
      generate_series(${MONTH + '-01'}::timestamptz, ${MONTH + '-31'}::timestamptz, interval '1 day') d
    WHERE pl.region_code LIKE ${COUNTY + '%'} AND random() < 0.9`);
  // Supervision on Wednesdays, leaders' visits on Thursdays (90 %), demo points visited mid-month (90 %).
  await db.execute(sql`INSERT INTO inspections (kind, state, town_code, region_code, inspector_id, inspector_name, on_date, started_at, finished_at, client_key)
    SELECT 'supervision', 'finished', r.parent_code, r.code, s.id, '督查员', d::date, d + interval '9 hours', d + interval '10 hours', 'bs-' || r.code || '-' || d::date
    FROM regions r JOIN people s ON s.region_code = r.parent_code AND s.name LIKE '督查员%',
      generate_series(${MONTH + '-01'}::timestamptz, ${MONTH + '-31'}::timestamptz, interval '1 day') d
    WHERE r.level = 'community' AND r.code LIKE ${COUNTY + '%'} AND extract(isodow FROM d) = 3 AND random() < 0.9`);
  await db.execute(sql`INSERT INTO inspections (kind, state, town_code, region_code, inspector_id, inspector_name, on_date, started_at, finished_at, client_key)
    SELECT 'unannounced_visit', 'finished', p.region_code, p.region_code || '001', p.id, '镇领导', d::date, d + interval '9 hours', d + interval '10 hours', 'bu-' || d::date
    FROM people p, generate_series(${MONTH + '-01'}::timestamptz, ${MONTH + '-31'}::timestamptz, interval '1 day') d
    WHERE p.name LIKE '镇领导%' AND p.region_code LIKE ${COUNTY + '%'} AND extract(isodow FROM d) = 4 AND random() < 0.9`);
  await db.execute(sql`INSERT INTO inspections (kind, state, town_code, region_code, place_id, inspector_id, inspector_name, on_date, started_at, finished_at, client_key)
    SELECT 'demo_visit', 'finished', substr(pl.region_code, 1, 9), pl.region_code, pl.id, l.id, '镇领导', ${MONTH + '-15'}::date,
      ${MONTH + '-15T09:00:00+08:00'}::timestamptz, ${MONTH + '-15T10:00:00+08:00'}::timestamptz, 'bd-' || pl.id
    FROM places pl JOIN people l ON l.region_code = substr(pl.region_code, 1, 9) AND l.name LIKE '镇领导1-%'
    WHERE pl.is_demo_point AND pl.region_code LIKE ${COUNTY + '%'} AND random() < 0.9`);
  await db.execute(sql`VACUUM ANALYZE`);
}

async function complianceBench() {
  const { server, pool, db, stop } = await keptServer('inspections-v1', {
    poolSize: 4,
    generate: async (q) => {
      const t0 = Date.now();
      await generate(q);
      console.log(`inspections data generated in ${Math.round((Date.now() - t0) / 1000)} s`);
    },
  });
  try {
    const n = (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM inspections WHERE town_code LIKE ${COUNTY + '%'}`)).rows[0].n;
    const admin = await signIn(server.url, 'admin', ADMIN_PASSWORD);
    const url = `${server.url}/api/inspections/compliance?regionCode=${COUNTY}&month=${MONTH}`;
    let summary: any = null;
    const once = async () => {
      const t0 = performance.now();
      const r = await fetch(url, { headers: { cookie: admin } });
      if (r.status !== 200) throw new Error(`compliance → ${r.status} ${await r.text()}`);
      summary = await r.json();
      return performance.now() - t0;
    };
    for (let i = 0; i < 2; i++) await once(); // warm caches and plans
    const api: number[] = [];
    for (let i = 0; i < 7; i++) api.push(await once());
    // Baseline: the bare count of finished patrols per chief and place in the month, raw SQL.
    const raw: number[] = [];
    for (let i = 0; i < 9; i++) {
      const t0 = performance.now();
      await pool.query(
        `SELECT pa.person_id, pa.place_id, count(i.id) FROM place_assignments pa JOIN places pl ON pl.id = pa.place_id
        LEFT JOIN inspections i ON i.place_id = pa.place_id AND i.inspector_id = pa.person_id AND i.kind = 'patrol' AND i.state = 'finished'
          AND i.on_date BETWEEN $2::date AND $3::date
        WHERE pl.region_code LIKE $1 GROUP BY 1, 2`,
        [COUNTY + '%', `${MONTH}-01`, `${MONTH}-31`],
      );
      raw.push(performance.now() - t0);
    }
    const patrol = summary.kinds.find((k: any) => k.kind === 'patrol');
    console.log(
      `compliance: ${n} inspections; ${summary.people.length} people, ${summary.places.length} places; patrol expected ${patrol.expected}, done ${patrol.done}, missed ${patrol.missed} (rate ${patrol.rate})`,
    );
    const ms = median(api);
    const base = median(raw);
    record({ name: 'inspections.compliance_month_ms', value: ms, unit: 'ms (median of 7)', baseline: base, ratio: ratio(ms, base) });
  } finally {
    await stop();
  }
}

/** A phone's queue: per patrol a grade photo, the inspection (finished, every item graded), a problem photo, the problem. */
function queue(boot: any, photos: string[], tag: string): SyncItem[] {
  const places = boot.places.filter((p: any) => p.checklistId);
  const lists = new Map<number, any>(boot.checklists.map((c: any) => [c.id, c]));
  const category = boot.categories[0].id;
  const items: SyncItem[] = [];
  const start = Date.now() - 3 * 3600_000;
  for (let i = 0; i < 100; i++) {
    const place = places[i % places.length];
    const list = lists.get(place.checklistId);
    const ik = `${tag}-insp-${i}`;
    const g = `${tag}-g-${i}`;
    const b = `${tag}-b-${i}`;
    items.push({ type: 'photo', key: g, data: photos[(2 * i) % photos.length], name: 'grade.jpg' });
    items.push({
      type: 'inspection',
      key: ik,
      inspectionKey: ik,
      kind: 'patrol',
      placeId: place.id,
      checklistId: place.checklistId,
      startedAt: new Date(start + i * 60_000).toISOString(),
      finishedAt: new Date(start + i * 60_000 + 40_000).toISOString(),
      grades: list.items.map((it: any, n: number) => ({ itemId: it.id, grade: n === 1 ? 'B' : 'A', photoKeys: n === 1 ? [g] : [] })),
      lat: 25.83,
      lng: 116.36,
    });
    items.push({ type: 'photo', key: b, data: photos[(2 * i + 1) % photos.length], name: 'before.jpg' });
    items.push({
      type: 'problem',
      key: `${tag}-prob-${i}`,
      inspectionKey: ik,
      categoryId: category,
      description: `基准：巡查发现乱堆放杂物（${i + 1}）`,
      placeId: place.id,
      lat: 25.83,
      lng: 116.36,
      beforePhotoKeys: [b],
    });
  }
  return items;
}

async function syncBench() {
  const sharp = (await import('sharp')).default;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-insp-'));
  fs.chmodSync(dir, 0o755);
  const [pgPort, port] = await twoPorts();
  const server = spawnServer({
    DATA_DIR: path.join(dir, 'data'),
    EMBEDDED_PG_PORT: String(pgPort),
    ADMIN_PASSWORD,
    DEMO: '1',
    LOG_LEVEL: 'warn',
    JOBS: '0',
    PORT: String(port),
  });
  try {
    await waitHealthy(server, 300_000);
    const chief = await signIn(server.url, 'chief', DEMO_PASSWORD);
    const boot = await (await fetch(`${server.url}/api/inspections/bootstrap`, { headers: { cookie: chief } })).json();
    // "Small": 640×480 JPEG, each one distinct (a noisy patch so it does not compress to nothing).
    const photos = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        sharp({ create: { width: 640, height: 480, channels: 3, background: { r: (i * 37) % 255, g: (i * 91) % 255, b: (i * 53) % 255 } } })
          .composite([{ input: crypto.randomBytes(200 * 150 * 3), raw: { width: 200, height: 150, channels: 3 }, left: (i * 7) % 440, top: (i * 5) % 330 }])
          .jpeg({ quality: 80 })
          .toBuffer()
          .then((b) => b.toString('base64')),
      ),
    );
    console.log(`sync: ${boot.places.length} places, photos ≈ ${Math.round(photos.reduce((s, p) => s + p.length * 0.75, 0) / photos.length / 1024)} KB each`);
    const post = async (items: SyncItem[]) => {
      const body = JSON.stringify({ items });
      const t0 = performance.now();
      const r = await fetch(`${server.url}/api/inspections/sync`, { method: 'POST', headers: { cookie: chief, 'content-type': 'application/json' }, body });
      if (r.status !== 200) throw new Error(`sync → ${r.status} ${await r.text()}`);
      const res = (await r.json()) as SyncResponse;
      const ms = performance.now() - t0;
      const bad = res.results.filter((x) => x.status === 'failed');
      if (bad.length) throw new Error(`sync: ${bad.length} items failed, e.g. ${JSON.stringify(bad[0])}`);
      return { ms, results: res.results };
    };
    await post(queue(boot, photos, 'warm')); // warm-up: JIT, pools, sharp
    const runs: number[] = [];
    let last: SyncItem[] = [];
    for (let r = 0; r < 3; r++) {
      last = queue(boot, photos, `run${r}-${crypto.randomUUID().slice(0, 8)}`);
      const { ms, results } = await post(last);
      if (results.some((x) => x.status !== 'created')) throw new Error('sync: a fresh queue must create every item');
      runs.push(ms);
    }
    const replay = await post(last);
    if (replay.results.some((x) => x.status !== 'replayed')) throw new Error('sync: re-sending a queue must create nothing');
    record({ name: 'inspections.sync_200_ms', value: median(runs), unit: 'ms (median of 3)' });
    record({ name: 'inspections.sync_200_replay_ms', value: Math.round(replay.ms * 10) / 10, unit: 'ms' });
  } finally {
    await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function inspectionsBench() {
  if (process.env.BENCH_SKIP_INSPECTIONS_COMPLIANCE !== '1') await complianceBench();
  if (process.env.BENCH_SKIP_INSPECTIONS_SYNC !== '1') await syncBench();
}

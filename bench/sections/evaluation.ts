// Issue 20's national evaluation, called from bench/run.ts (BENCH_SKIP_EVALUATION=1 skips it).
// A fresh demo server on a temporary data dir (the package's gigabyte is not kept).
//   evaluation.materials_zip_peak_rss_mb  the server's peak RSS (/proc/<pid>/status every 50 ms) while the
//       demo town's office downloads the package of its cycle holding 500 accepted files totalling 1 GiB
//       (GET /api/evaluation/cycles/:id/package.zip, streamed). Target ≤ 300 MB. Baseline: the RSS just
//       before the download. Also reported: evaluation.materials_zip_mb_s (download throughput).
//   evaluation.completeness_county_ms     the evaluation figures (completeness, accepted / returned /
//       missing, departments incomplete) of the county, 18 towns (~300 communities) each with a cycle of the
//       seeded tree and 5,000 materials in all, as the county viewer: GET /api/figures, p95 of 20.
//       Target ≤ 500 ms. Baseline: the same slots and accepted kinds read by one raw SQL aggregate.
//   evaluation.forecast_county_ms        GET /api/evaluation/forecast of that county (each town's field, materials and
//       survey pillars, the county's losses and its trend per month and per wave), p95 of 20, with the issue's
//       data set: besides the 5,000 materials, 40,000 interviewer answers (each bench town a questionnaire of its
//       tree's 问卷调查 standards and a closed wave answered across its communities; the demo town its own).
//       Target ≤ 1,000 ms. Baseline: the completeness aggregate above.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { spawnServer, stopServer, waitHealthy } from '../../tests/helpers/server-process.ts';
import { DEMO_PASSWORD, DEMO_TOWN } from '../../server/demo/accounts.ts';
import { PG_PASSWORD, PG_USER } from '../../server/db/embedded.ts';
import { createDb, createPool, type Db } from '../../server/db/pool.ts';
import { ADMIN_PASSWORD, median, p95, record, rssMb, signIn, twoPorts } from '../lib.ts';

const COUNTY = DEMO_TOWN.slice(0, 6);
const FILES = 500;
const TOTAL_BYTES = 1024 ** 3;
const MATERIALS = 5000;
const TOWNS = 18;
const ANSWERS = 40_000;

/** 500 files of 2 MiB (1 GiB in all) in the store, each an accepted material of the demo cycle's assignments. */
async function packageData(db: Db, storageDir: string, cycleId: number) {
  const office = (await db.execute<{ id: number }>(sql`SELECT id FROM people WHERE username = 'office'`)).rows[0].id;
  const assignments = (
    await db.execute<{ id: number; nodeId: number; unitId: number; kinds: string[] }>(sql`
      SELECT a.id, a.node_id AS "nodeId", a.unit_id AS "unitId", n.material_kinds AS kinds
      FROM evaluation_assignments a JOIN evaluation_nodes n ON n.id = a.node_id WHERE a.cycle_id = ${cycleId} ORDER BY a.id`)
  ).rows;
  const dir = path.join('documents', 'bench');
  fs.mkdirSync(path.join(storageDir, dir), { recursive: true });
  const size = Math.floor(TOTAL_BYTES / FILES);
  const body = crypto.randomBytes(size);
  body.write('%PDF-1.4\n', 0);
  const window = (await db.execute<{ d: string }>(sql`SELECT (test_month - interval '2 months')::date::text AS d FROM evaluation_cycles WHERE id = ${cycleId}`))
    .rows[0].d;
  for (let i = 0; i < FILES; i++) {
    const rel = path.join(dir, `${i}.pdf`);
    body.writeUInt32LE(i, 16);
    fs.writeFileSync(path.join(storageDir, rel), body);
    const a = assignments[i % assignments.length];
    const kind = a.kinds.find((k) => k !== 'photo') ?? 'regulation';
    await db.execute(sql`
      WITH f AS (INSERT INTO files (name, kind, mime, bytes, sha256, path, uploaded_by)
        VALUES (${`基准材料${i}.pdf`}, 'pdf', 'application/pdf', ${size}, ${'0'.repeat(64)}, ${rel}, ${office}) RETURNING id)
      INSERT INTO evaluation_materials (assignment_id, cycle_id, node_id, unit_id, town_code, kind, title, dated, file_kind, file_id, state, reviewed_by, reviewed_at, created_by)
      SELECT ${a.id}, ${cycleId}, ${a.nodeId}, ${a.unitId}, ${DEMO_TOWN}, ${kind}, ${`基准材料第${i}份`}, ${window}, 'document', f.id, 'accepted', ${office}, now(), ${office} FROM f`);
  }
  return FILES * size;
}

/** The county's other towns, each with the demo town's tree copied as its version 1, a cycle and its assignments; 5,000 materials over all. */
async function countyData(db: Db, demoCycle: number) {
  const demo = (
    await db.execute<{ systemId: number; testMonth: string; deadline: string; year: number }>(sql`
    SELECT system_id AS "systemId", test_month::text AS "testMonth", deadline::text AS deadline, year FROM evaluation_cycles WHERE id = ${demoCycle}`)
  ).rows[0];
  // The bench county: 18 towns of ~17 communities (the demo loads its own town alone; the others are the bench's).
  for (let t = 1; t < TOWNS; t++) {
    const town = `${COUNTY}${100 + t}`;
    await db.execute(
      sql`INSERT INTO regions (code, name, level, parent_code, source) VALUES (${town}, ${`基准镇${t}`}, 'town', ${COUNTY}, 'manual') ON CONFLICT DO NOTHING`,
    );
    await db.execute(sql`
      INSERT INTO regions (code, name, level, parent_code, source)
      SELECT ${town} || lpad((200 + c)::text, 3, '0'), ${`基准镇${t}社区`} || c, 'community', ${town}, 'manual' FROM generate_series(1, 17) c
      ON CONFLICT DO NOTHING`);
  }
  const towns = (
    await db.execute<{ code: string }>(
      sql`SELECT code FROM regions WHERE parent_code = ${COUNTY} AND level = 'town' AND code <> ${DEMO_TOWN} ORDER BY code LIMIT ${TOWNS - 1}`,
    )
  ).rows.map((r) => r.code);
  for (const town of towns) {
    const sys = Number(
      (
        await db.execute<{ id: number }>(
          sql`INSERT INTO evaluation_systems (town_code, version, name, source) VALUES (${town}, 1, '基准测评体系', 'seed') RETURNING id`,
        )
      ).rows[0].id,
    );
    await db.execute(sql`
      INSERT INTO evaluation_nodes (system_id, level, code, name, sort, methods, points, department_names, point_types, checklist_items, material_kinds)
      SELECT ${sys}, level, code, name, sort, methods, points, department_names, point_types, checklist_items, material_kinds
      FROM evaluation_nodes WHERE system_id = ${demo.systemId}`);
    await db.execute(sql`
      UPDATE evaluation_nodes n SET parent_id = np.id
      FROM evaluation_nodes o JOIN evaluation_nodes op ON op.id = o.parent_id JOIN evaluation_nodes np ON np.system_id = ${sys} AND np.code = op.code
      WHERE n.system_id = ${sys} AND o.system_id = ${demo.systemId} AND o.code = n.code`);
    await db.execute(sql`
      INSERT INTO evaluation_node_units (node_id, unit_id)
      SELECT n.id, nu.unit_id FROM evaluation_nodes o JOIN evaluation_node_units nu ON nu.node_id = o.id
      JOIN evaluation_nodes n ON n.system_id = ${sys} AND n.code = o.code WHERE o.system_id = ${demo.systemId}`);
    const cycle = Number(
      (
        await db.execute<{ id: number }>(sql`
          INSERT INTO evaluation_cycles (town_code, year, system_id, test_month, deadline) VALUES (${town}, ${demo.year}, ${sys}, ${demo.testMonth}, ${demo.deadline})
          RETURNING id`)
      ).rows[0].id,
    );
    await db.execute(sql`
      INSERT INTO evaluation_assignments (cycle_id, node_id, unit_id, town_code, deadline)
      SELECT ${cycle}, n.id, nu.unit_id, ${town}, ${demo.deadline} FROM evaluation_nodes n JOIN evaluation_node_units nu ON nu.node_id = n.id
      WHERE n.system_id = ${sys} AND n.level = 'standard' AND 'material' = ANY(n.methods)`);
  }
  // 5,000 materials over every town's assignments: a kind the standard asks for, 60 % accepted, 25 % waiting, 15 % returned.
  await db.execute(sql`
    WITH a AS (
      SELECT a.*, n.material_kinds AS kinds, row_number() OVER (ORDER BY a.id) AS rn, count(*) OVER () AS total
      FROM evaluation_assignments a JOIN evaluation_nodes n ON n.id = a.node_id JOIN evaluation_cycles c ON c.id = a.cycle_id
      WHERE c.town_code LIKE ${`${COUNTY}%`} AND c.town_code <> ${DEMO_TOWN}
    )
    INSERT INTO evaluation_materials (assignment_id, cycle_id, node_id, unit_id, town_code, kind, title, dated, evidence_type, evidence_ref, state)
    SELECT a.id, a.cycle_id, a.node_id, a.unit_id, a.town_code,
      COALESCE(a.kinds[1 + (g / a.total) % greatest(cardinality(a.kinds), 1)], 'regulation'), '基准材料', ${demo.testMonth}::date - 60, 'figure', 'meetings.weekly',
      CASE WHEN g % 20 < 12 THEN 'accepted' WHEN g % 20 < 17 THEN 'submitted' ELSE 'returned' END
    FROM generate_series(0, ${MATERIALS - 1}) g JOIN a ON a.rn = 1 + g % a.total`);
  return towns.length + 1;
}

/** 40,000 interviewer answers: each bench town a questionnaire of its tree's survey standards and a closed wave, its responses spread over its communities. */
async function surveyData(db: Db) {
  const towns = (
    await db.execute<{ code: string; systemId: number; items: number }>(sql`
      SELECT c.town_code AS code, c.system_id AS "systemId",
        (SELECT count(*)::int FROM evaluation_nodes n WHERE n.system_id = c.system_id AND n.level = 'standard' AND n.methods[1] = 'survey') AS items
      FROM evaluation_cycles c WHERE c.town_code LIKE ${`${COUNTY}%`} AND c.town_code <> ${DEMO_TOWN} ORDER BY c.town_code`)
  ).rows;
  const items = towns.reduce((n, t) => n + t.items, 0);
  if (!items) throw new Error('the bench towns’ trees have no survey standard');
  const perTown = Math.ceil(ANSWERS / items); // responses per town, each answering every item
  for (const t of towns) {
    const qn = Number(
      (
        await db.execute<{ id: number }>(sql`
          INSERT INTO poll_questionnaires (town_code, code, version, title, group_label) VALUES (${t.code}, 'A', 1, '基准问卷', '居民') RETURNING id`)
      ).rows[0].id,
    );
    await db.execute(sql`
      INSERT INTO poll_items (questionnaire_id, seq, code, text, indicator, standard_id, standard_code)
      SELECT ${qn}, rn, 'Q' || lpad(rn::text, 2, '0'), name, (ARRAY['awareness', 'support', 'satisfaction'])[1 + rn % 3], id, code
      FROM (SELECT id, code, name, row_number() OVER (ORDER BY sort)::int AS rn FROM evaluation_nodes
        WHERE system_id = ${t.systemId} AND level = 'standard' AND methods[1] = 'survey') n`);
    const wave = Number(
      (
        await db.execute<{ id: number }>(sql`
          INSERT INTO poll_waves (town_code, name, questionnaire_ids, starts_on, ends_on, per_community, quotas, public_token, state)
          VALUES (${t.code}, '基准轮次', ${sql.raw(`ARRAY[${qn}]`)}, current_date - 40, current_date - 30, 20, '{}'::jsonb, ${`bench-${t.code}`}, 'closed')
          RETURNING id`)
      ).rows[0].id,
    );
    await db.execute(sql`
      WITH c AS (SELECT code, (row_number() OVER (ORDER BY code) - 1)::int AS i, count(*) OVER ()::int AS n FROM regions
          WHERE parent_code = ${t.code} AND level = 'community'),
        r AS (
          INSERT INTO poll_responses (wave_id, questionnaire_id, town_code, community_code, source, sex, age, residence_months, age_band, answered_at)
          SELECT ${wave}, ${qn}, ${t.code}, c.code, 'interviewer', CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, 18 + g % 48, 24,
            CASE WHEN g % 48 < 17 THEN '18-34' WHEN g % 48 < 32 THEN '35-49' ELSE '50-65' END, now() - interval '35 days'
          FROM generate_series(0, ${perTown - 1}) g JOIN c ON c.i = g % c.n
          RETURNING id)
      INSERT INTO poll_answers (response_id, item_id, value, positive)
      SELECT r.id, i.id, CASE WHEN (r.id + i.id) % 10 < 8 THEN 1 ELSE 0 END, (r.id + i.id) % 10 < 8
      FROM r CROSS JOIN poll_items i WHERE i.questionnaire_id = ${qn}`);
  }
  await db.execute(sql`ANALYZE poll_responses`);
  await db.execute(sql`ANALYZE poll_answers`);
  const n = (
    await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM poll_answers a JOIN poll_responses r ON r.id = a.response_id WHERE r.town_code LIKE ${`${COUNTY}%`}`)
  ).rows[0].n;
  return n;
}

export async function evaluationBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-evaluation-'));
  fs.chmodSync(dir, 0o755);
  const [pgPort, port] = await twoPorts();
  const dataDir = path.join(dir, 'data');
  const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), ADMIN_PASSWORD, DEMO: '1', LOG_LEVEL: 'warn', JOBS: '0', PORT: String(port) };
  let server = spawnServer(env);
  let pool = createPool(`postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${pgPort}/postgres`, 4);
  pool.on('error', () => {});
  try {
    await waitHealthy(server, 300_000);
    let db = createDb(pool);
    const cycleId = Number((await db.execute<{ id: number }>(sql`SELECT id FROM evaluation_cycles WHERE town_code = ${DEMO_TOWN}`)).rows[0].id);
    const bytes = await packageData(db, path.join(dataDir, 'uploads'), cycleId);
    const towns = await countyData(db, cycleId);
    const answers = await surveyData(db);
    // Measured on a server started afresh: loading the demo leaves the first one's heap grown.
    await pool.end();
    await stopServer(server);
    server = spawnServer(env);
    await waitHealthy(server, 300_000);
    pool = createPool(`postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${pgPort}/postgres`, 4);
    pool.on('error', () => {});
    db = createDb(pool);

    // The package: 1 GiB in 500 files.
    const office = await signIn(server.url, 'office', DEMO_PASSWORD);
    const pid = server.child.pid!;
    const before = rssMb(pid);
    let peak = before;
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, rssMb(pid));
      } catch {
        /* exited */
      }
    }, 50);
    const t0 = performance.now();
    let got = 0;
    let tail = Buffer.alloc(0);
    try {
      const r = await fetch(`${server.url}/api/evaluation/cycles/${cycleId}/package.zip`, { headers: { cookie: office } });
      if (r.status !== 200 || !r.body) throw new Error(`package → ${r.status} ${await r.text()}`);
      for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
        got += chunk.length;
        tail = Buffer.concat([tail, chunk]).subarray(-22);
      }
    } finally {
      clearInterval(sampler);
    }
    const s = (performance.now() - t0) / 1000;
    const entries = tail.readUInt16LE(10);
    if (got < bytes || entries < FILES + 1) throw new Error(`package: ${got} bytes, ${entries} entries (expected ≥ ${bytes} bytes, ${FILES + 1} entries)`);
    console.log(`package: ${(got / 1048576).toFixed(0)} MB, ${entries} entries in ${s.toFixed(1)} s; server RSS before ${before} MB`);
    record({ name: 'evaluation.materials_zip_peak_rss_mb', value: peak, unit: 'MB', baseline: before, ratio: Math.round((peak / before) * 100) / 100 });
    record({ name: 'evaluation.materials_zip_mb_s', value: Math.round(got / 1048576 / s), unit: 'MB/s' });

    // Completeness of the county.
    const counts = (
      await db.execute<{ materials: number; communities: number }>(sql`
        SELECT (SELECT count(*)::int FROM evaluation_materials WHERE town_code LIKE ${`${COUNTY}%`}) AS materials,
          (SELECT count(*)::int FROM regions WHERE code LIKE ${`${COUNTY}%`} AND level = 'community') AS communities`)
    ).rows[0];
    console.log(`county ${COUNTY}: ${towns} towns, ${counts.communities} communities, ${counts.materials} materials, ${answers} survey answers`);
    const county = await signIn(server.url, 'county', DEMO_PASSWORD);
    const ids =
      'evaluation.completeness,evaluation.materials_accepted,evaluation.materials_returned,evaluation.materials_missing,evaluation.departments_incomplete';
    const year = new Date().getUTCFullYear();
    const read = async () => {
      const r = await fetch(`${server.url}/api/figures?region=${COUNTY}&period=${year}&ids=${ids}`, { headers: { cookie: county } });
      if (r.status !== 200) throw new Error(`figures → ${r.status} ${await r.text()}`);
      await r.arrayBuffer();
    };
    const raw = async () => {
      await db.execute(sql`
        SELECT a.cycle_id, a.unit_id, cardinality(n.material_kinds) AS kinds,
          (SELECT count(DISTINCT m.kind) FROM evaluation_materials m WHERE m.cycle_id = a.cycle_id AND m.node_id = a.node_id AND m.state = 'accepted') AS accepted
        FROM evaluation_assignments a JOIN evaluation_nodes n ON n.id = a.node_id WHERE a.town_code LIKE ${`${COUNTY}%`}`);
    };
    const time = async (fn: () => Promise<void>) => {
      for (let i = 0; i < 3; i++) await fn();
      const xs: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        await fn();
        xs.push(performance.now() - t);
      }
      return { p95: p95(xs), median: median(xs) };
    };
    const api = await time(read);
    const baseline = await time(raw);
    console.log(`completeness, county: median ${api.median} ms; raw SQL median ${baseline.median} ms`);
    record({
      name: 'evaluation.completeness_county_ms',
      value: api.p95,
      unit: 'ms (p95 of 20)',
      baseline: baseline.p95,
      ratio: Math.round((api.p95 / baseline.p95) * 100) / 100,
    });

    // The forecast of the county: each town's pillars (field from the mock evaluations, materials, survey) and the mean.
    const fc = async () => {
      const r = await fetch(`${server.url}/api/evaluation/forecast?region=${COUNTY}&year=${year}`, { headers: { cookie: county } });
      if (r.status !== 200) throw new Error(`forecast → ${r.status} ${await r.text()}`);
      await r.arrayBuffer();
    };
    const forecast = await time(fc);
    console.log(`forecast, county: median ${forecast.median} ms`);
    record({
      name: 'evaluation.forecast_county_ms',
      value: forecast.p95,
      unit: 'ms (p95 of 20)',
      baseline: baseline.p95,
      ratio: Math.round((forecast.p95 / baseline.p95) * 100) / 100,
    });
  } finally {
    await pool.end();
    await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Issue 19's reports on the city decade (bench/generate.ts, the kept city of
// sections/problems.ts: 1,000,000 problems over ten years, the demo town and
// its registers):
//   reports.yearend_town_ms    GET /api/reports/yearend for the demo town and
//       2026 (every registered figure through figures(), the text rendered),
//       as its office, median of 10; baseline: the registered figures' counts
//       in raw SQL on the pool (the same tables and filters);
//   reports.yearend_county_ms  the same for the whole county, as the county office;
//   reports.weekly_docx_ms     GET /api/reports/town/:id/docx of a weekly report
//       with 40 typical problems, each with a 1600×1200 photo, median of 5;
//       baseline: the same rows and the 40 photo files read without a document.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { DEMO_PASSWORD } from '../../server/demo/accounts.ts';
import { CONCURRENCY, keptServer, median, record, signIn } from '../lib.ts';
import { generateCity } from '../generate.ts';

const TOWN = '350821100';
const COUNTY = '350821';
const YEAR = '2026';
const WEEK_DAY = '2026-06-03';
const WEEK = ['2026-06-01', '2026-06-07'];
const PHOTOS = 40;

async function timesOf(n: number, fn: () => Promise<void>) {
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

export async function reportsBench() {
  const N = Number(process.env.BENCH_PROBLEMS ?? 1_000_000);
  const dir = path.join(import.meta.dirname, '..', 'tmp', `city-${N}`);
  const { server, pool, stop } = await keptServer(`city-${N}`, {
    env: { DEMO: '1', DB_POOL_SIZE: String(CONCURRENCY) },
    poolSize: CONCURRENCY,
    generate: (q) => generateCity(q, N),
  });
  try {
    const office = await signIn(server.url, 'office', DEMO_PASSWORD);
    const county = await signIn(server.url, '13859710071', DEMO_PASSWORD);
    const get = async (url: string, cookie: string) => {
      const r = await fetch(`${server.url}${url}`, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`${url} → ${r.status} ${await r.text()}`);
      return r;
    };
    const problems = (await pool.query(`SELECT count(*)::int AS n FROM problems`)).rows[0].n;
    const doc = await (await get(`/api/reports/yearend?region=${TOWN}&year=${YEAR}`, office)).json();
    console.log(
      `reports: ${problems} problems; ${doc.title}: ${doc.figures.filter((f: any) => f.value !== null).length} of ${doc.figures.length} figures served, missing ${doc.missing.length}`,
    );

    // The registered figures' counts in raw SQL (the providers' tables and filters), fired together on the pool.
    const raw = (region: string) => {
      const town = region.length === 9 ? `town_code = '${region}'` : `town_code LIKE '${region}%'`;
      const from = `${YEAR}-01-01`;
      const to = `${YEAR}-12-31`;
      const t0 = `'${from}'::date::timestamp AT TIME ZONE 'Asia/Shanghai'`;
      const t1 = `('${to}'::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;
      return Promise.all([
        pool.query(
          `SELECT k.code, count(*) FROM meetings m JOIN meeting_kinds k ON k.id = m.kind_id WHERE m.${town} AND m.day BETWEEN '${from}' AND '${to}' GROUP BY k.code`,
        ),
        pool.query(`SELECT coalesce(sum(head_count), 0) FROM study_trips WHERE region_code LIKE '${region}%' AND day BETWEEN '${from}' AND '${to}'`),
        pool.query(`SELECT count(*), count(*) FILTER (WHERE kind_id IN (SELECT id FROM activity_kinds WHERE code IN ('talk','selection','volunteer_service'))) FROM activities
          WHERE state = 'held' AND ${town} AND on_date BETWEEN '${from}' AND '${to}'`),
        pool.query(`SELECT count(*) FROM community_daily_reports WHERE ${town} AND day BETWEEN '${from}' AND '${to}'`),
        pool.query(
          `SELECT count(*) FROM town_reports WHERE kind = 'daily' AND state = 'published' AND town_code LIKE '${region}%' AND period_from BETWEEN '${from}' AND '${to}'`,
        ),
        pool.query(`SELECT count(*) FROM notices WHERE direction = 'issued' AND state = 'published' AND kind IN ('supervision','unannounced_visit') AND town_code LIKE '${region}%'
          AND issue_date BETWEEN '${from}' AND '${to}'`),
        pool.query(
          `SELECT tier, count(*) FROM problems WHERE ${town} AND created_at >= ${t0} AND created_at < ${t1} AND state NOT IN ('rejected','merged') GROUP BY tier`,
        ),
        pool.query(`SELECT count(*) FROM reinspections ri JOIN problems p ON p.id = ri.problem_id WHERE p.${town} AND ri.state IN ('passed','recurred')
          AND ri.done_at >= ${t0} AND ri.done_at < ${t1}`),
        pool.query(
          `SELECT count(*) FROM accountability_items WHERE town_code LIKE '${region}%' AND state = 'decided' AND decision_date BETWEEN '${from}' AND '${to}'`,
        ),
        pool.query(`SELECT count(*) FROM rankings WHERE region_code LIKE '${region}%' AND published_at >= ${t0} AND published_at < ${t1}`),
      ]);
    };
    for (const [name, region, cookie] of [
      ['reports.yearend_town_ms', TOWN, office],
      ['reports.yearend_county_ms', COUNTY, county],
    ] as const) {
      const value = await timesOf(10, async () => {
        await (await get(`/api/reports/yearend?region=${region}&year=${YEAR}`, cookie)).arrayBuffer();
      });
      const baseline = await timesOf(10, async () => {
        await raw(region);
      });
      record({ name, value: Math.round(value * 10) / 10, unit: 'ms (median of 10)', baseline, ratio: Math.round((value / baseline) * 100) / 100 });
    }

    // A week of the demo town with 40 typical problems, each with its photo (made once, kept with the city).
    const storage = path.join(dir, 'data', 'uploads');
    const rel = (i: number) => path.join('bench-reports', `typical-${i}.jpg`);
    fs.mkdirSync(path.join(storage, 'bench-reports'), { recursive: true });
    const have = (await pool.query(`SELECT count(*)::int AS n FROM problem_photos WHERE path LIKE 'bench-reports/%'`)).rows[0].n;
    if (have < PHOTOS) {
      const ids = (
        await pool.query(
          `SELECT id FROM problems WHERE town_code = $1 AND created_at >= $2::date::timestamp AT TIME ZONE 'Asia/Shanghai'
            AND created_at < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' ORDER BY id LIMIT ${PHOTOS}`,
          [TOWN, WEEK[0], WEEK[1]],
        )
      ).rows.map((r) => r.id);
      if (ids.length < PHOTOS) throw new Error(`reports: only ${ids.length} problems in ${WEEK.join('..')}`);
      for (let i = 0; i < PHOTOS; i++) {
        const buf = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 40 + i * 4, g: 90, b: 120 } } })
          .jpeg({ quality: 80 })
          .toBuffer();
        fs.writeFileSync(path.join(storage, rel(i)), buf);
        await pool.query(
          `INSERT INTO problem_photos (problem_id, kind, path, thumb_path, mime, width, height, bytes) VALUES ($1, 'before', $2, $2, 'image/jpeg', 1600, 1200, $3)`,
          [ids[i], rel(i), buf.length],
        );
      }
    }
    const dr = await fetch(`${server.url}/api/reports/town/draft`, {
      method: 'POST',
      headers: { cookie: office, 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ kind: 'weekly', townCode: TOWN, day: WEEK_DAY }),
    });
    if (dr.status !== 200) throw new Error(`draft → ${dr.status} ${await dr.text()}`);
    const weekly = (await dr.json()).report;
    console.log(
      `reports: weekly ${weekly.periodFrom}..${weekly.periodTo}: ${weekly.facts.problems.found} new, ${weekly.facts.typicalProblems.length} typical problems`,
    );
    let bytes = 0;
    const docx = await timesOf(5, async () => {
      bytes = (await (await get(`/api/reports/town/${weekly.id}/docx`, office)).arrayBuffer()).byteLength;
    });
    const docxBase = await timesOf(5, async () => {
      await pool.query(`SELECT id, title, body, facts FROM town_reports WHERE id = $1`, [weekly.id]);
      const paths = (await pool.query(`SELECT path FROM problem_photos WHERE path LIKE 'bench-reports/%' ORDER BY id LIMIT ${PHOTOS}`)).rows;
      await Promise.all(paths.map((p) => fs.promises.readFile(path.join(storage, p.path))));
    });
    console.log(`reports: weekly .docx ${Math.round(bytes / 1024)} KB`);
    record({
      name: 'reports.weekly_docx_ms',
      value: Math.round(docx),
      unit: 'ms (median of 5, 40 photos)',
      baseline: docxBase,
      ratio: Math.round((docx / docxBase) * 100) / 100,
    });
  } finally {
    await stop();
  }
}

// web.home_office_p95_ms: the office home page's data requests on the city
// decade (bench/generate.ts, the same kept city as sections/problems.ts):
// GET /api/home, /api/inbox/counts and /api/regions/tree fired together as the
// page does; each round's figure is the slowest of the three, and the result
// is the p95 of 100 rounds. Baseline: the same figures in raw SQL (the open
// counts per state with overdue and due today, today's new, due in three
// days and the week's trend of the town), fired together on the pool.
import { DEMO_PASSWORD } from '../../server/demo/accounts.ts';
import { CONCURRENCY, keptServer, p95, record, signIn } from '../lib.ts';
import { generateCity } from '../generate.ts';

const TOWN = '350821100';
const URLS = ['/api/home', '/api/inbox/counts', '/api/regions/tree'];

async function rounds(n: number, round: () => Promise<void>) {
  for (let i = 0; i < 5; i++) await round();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await round();
    xs.push(performance.now() - t);
  }
  return p95(xs);
}

export async function homeBench() {
  const N = Number(process.env.BENCH_PROBLEMS ?? 1_000_000);
  const { server, pool, stop } = await keptServer(`city-${N}`, {
    env: { DEMO: '1', DB_POOL_SIZE: String(CONCURRENCY) },
    poolSize: CONCURRENCY,
    generate: (q) => generateCity(q, N),
  });
  try {
    await pool.query('ANALYZE problems');
    const office = await signIn(server.url, 'office', DEMO_PASSWORD);
    const get = async (url: string) => {
      const r = await fetch(`${server.url}${url}`, { headers: { cookie: office } });
      if (r.status !== 200) throw new Error(`${url} → ${r.status} ${await r.text()}`);
      return r.json();
    };
    const h = await get('/api/home');
    console.log(`home (office): ${JSON.stringify(h.problems)}; trend ${JSON.stringify(h.trend?.map((d: { reported: number }) => d.reported))}`);
    const api = await rounds(100, async () => {
      await Promise.all(URLS.map(get));
    });
    // Each request alone, for the record (which one is the slowest).
    for (const url of URLS)
      console.log(
        `${url}: ${await rounds(30, async () => {
          await get(url);
        })} ms (p95 alone)`,
      );

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const like = TOWN + '%';
    const raw = await rounds(100, async () => {
      await Promise.all([
        pool.query(
          `SELECT state, count(*), count(*) FILTER (WHERE state IN ('dispatched','rectifying','rectified') AND due_date < $2::date),
            count(*) FILTER (WHERE state IN ('dispatched','rectifying','rectified') AND due_date = $2::date)
          FROM problems WHERE town_code = $1 AND state IN ('reported','filed','dispatched','rectifying','rectified') GROUP BY state`,
          [TOWN, today],
        ),
        pool.query(`SELECT count(*) FROM problems WHERE town_code = $1 AND created_at >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai')`, [TOWN, today]),
        pool.query(
          `SELECT count(*) FROM problems WHERE town_code = $1 AND state IN ('dispatched','rectifying','rectified')
          AND due_date BETWEEN $2::date AND $2::date + 3`,
          [TOWN, today],
        ),
        pool.query(
          `SELECT (created_at AT TIME ZONE 'Asia/Shanghai')::date, count(*) FROM problems
          WHERE region_code LIKE $1 AND created_at >= (($2::date - 6)::timestamp AT TIME ZONE 'Asia/Shanghai') GROUP BY 1`,
          [like, today],
        ),
        pool.query(
          `SELECT (closed_at AT TIME ZONE 'Asia/Shanghai')::date, count(*) FROM problems
          WHERE region_code LIKE $1 AND state = 'closed' AND closed_at >= (($2::date - 6)::timestamp AT TIME ZONE 'Asia/Shanghai') GROUP BY 1`,
          [like, today],
        ),
      ]);
    });
    record({
      name: 'web.home_office_p95_ms',
      value: api,
      unit: 'ms (p95 of the slowest of 3 requests)',
      baseline: raw,
      ratio: Math.round((api / raw) * 100) / 100,
    });
  } finally {
    await stop();
  }
}

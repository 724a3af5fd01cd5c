// The demo's reports (issue 19 item 7), loaded as a server's first start does:
// a month of community daily reports on time and late with some missing, the
// town's daily reports published (one corrected, today's a draft), weekly
// reports published and this week's drafted, and last year's summary
// computable from the demo's records with its edited text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { as, login, testApp } from '../helpers/town.ts';
import { ensureAdmin } from '../../server/platform/bootstrap.ts';
import { loadDemo } from '../../server/demo/demo.ts';
import { DEMO_PASSWORD, DEMO_TOWN } from '../../server/demo/accounts.ts';
import { todayChina } from '../../server/platform/clock.ts';
import { addDays } from '../../domain/dates.ts';

let tdb: TestDb;
let app: FastifyInstance;

beforeAll(async () => {
  tdb = await createTestDb();
  await ensureAdmin(tdb.db, 'Admin12345', '');
  await loadDemo(tdb.db, DEMO_TOWN, { storageDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cc-demo-reports-')) });
  app = await testApp(tdb);
}, 300_000);
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const rows = async <T = any>(q: ReturnType<typeof sql>) => (await tdb.db.execute<T & Record<string, unknown>>(q)).rows as T[];

describe('demo reports', () => {
  it('has a month of community daily reports, on time and late, and missing days the list shows', async () => {
    const [r] = await rows<{ n: number; late: number; days: number }>(
      sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE late)::int AS late, count(DISTINCT day)::int AS days FROM community_daily_reports`,
    );
    expect(r.n).toBeGreaterThan(100);
    expect(r.late).toBeGreaterThan(0);
    expect(r.late).toBeLessThan(r.n / 4);
    expect(r.days).toBeGreaterThanOrEqual(15);
    const office = as(app, await login(app, 'office', DEMO_PASSWORD));
    const missing = (
      await office.get(`/api/reports/daily/missing?region=${DEMO_TOWN}&from=${addDays(todayChina(), -29)}&to=${addDays(todayChina(), -1)}`)
    ).json();
    expect(missing.items.length).toBeGreaterThan(0);
    expect((await office.get(`/api/reports/daily?region=${DEMO_TOWN}`)).json().items.length).toBe(50);
  });

  it('has the town’s daily reports in every state and the weekly reports, numbered', async () => {
    const byState = await rows<{ kind: string; state: string; n: number }>(
      sql`SELECT kind, state, count(*)::int AS n FROM town_reports GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const n = (kind: string, state: string) => byState.find((x) => x.kind === kind && x.state === state)?.n ?? 0;
    expect(n('daily', 'published')).toBeGreaterThan(10);
    expect(n('daily', 'superseded')).toBe(1);
    expect(n('daily', 'draft')).toBe(1);
    expect(n('weekly', 'published')).toBe(4);
    expect(n('weekly', 'draft')).toBe(1);
    // 期数 per year without gaps: each year's published weekly reports are 第1期, 第2期 …
    const seqs = await rows<{ year: number; seqs: number[] }>(
      sql`SELECT year, array_agg(seq ORDER BY seq) AS seqs FROM town_reports WHERE kind = 'weekly' AND state = 'published' GROUP BY year`,
    );
    for (const y of seqs) expect(y.seqs, String(y.year)).toEqual(y.seqs.map((_, i) => i + 1));
  });

  it('computes last year’s summary from the demo’s records, with the office’s edited opening', async () => {
    const office = as(app, await login(app, 'office', DEMO_PASSWORD));
    const year = Number(todayChina().slice(0, 4)) - 1;
    const d = (await office.get(`/api/reports/yearend?region=${DEMO_TOWN}&year=${year}`)).json();
    expect(d.version).toBe(1);
    expect(d.sections[0].segments.map((s: any) => s.text ?? s.shown).join('')).toContain('聚焦“三提三效”');
    expect(d.figures.some((f: any) => f.value > 0)).toBe(true);
    expect(d.empty).toBe(false);
  });
});

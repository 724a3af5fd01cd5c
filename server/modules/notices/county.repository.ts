// SQL of the county's own notices: the county notice, its towns' copies
// (direction received, parent_id = the county notice) and their progress.
// The notices table is this module's; nothing here knows roles.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

/** A county's name and its towns (codes and names), for the notice's checks and its title. */
export async function countyTowns(q: Q, county: string): Promise<{ name: string | null; towns: Map<string, string> }> {
  const r = await q.execute<{ code: string; name: string; level: string }>(sql`SELECT code, name, level FROM regions
    WHERE code = ${county} OR (level = 'town' AND parent_code = ${county}) ORDER BY code`);
  return { name: r.rows.find((x) => x.code === county)?.name ?? null, towns: new Map(r.rows.filter((x) => x.level === 'town').map((x) => [x.code, x.name])) };
}

/** Which of `codes` are communities of the county (code → its town). */
export async function communitiesOf(q: Q, county: string, codes: string[]): Promise<Map<string, string>> {
  const r = await q.execute<{ code: string }>(
    sql`SELECT code FROM regions WHERE level = 'community' AND code = ANY(${sql.param(codes)}::text[]) AND code LIKE ${county + '%'}`,
  );
  return new Map(r.rows.map((x) => [x.code, x.code.slice(0, 9)]));
}

export type CountyNoticeRow = {
  id: number;
  kind: string;
  town_code: string;
  year: number;
  seq: number | null;
  doc_number: string | null;
  title: string;
  issuer: string;
  issue_date: string;
  due_date: string | null;
  intro: string | null;
  created_at: Date;
  published_at: Date | null;
  towns: number;
  items: number;
  closed: number;
  fed_back: number;
};

const COUNTY_COLS = sql`n.id, n.kind, n.town_code, n.year, n.seq, n.doc_number, n.title, n.issuer, n.issue_date::text AS issue_date, n.due_date::text AS due_date,
  n.intro, n.created_at, n.published_at,
  (SELECT count(*)::int FROM notices c WHERE c.parent_id = n.id) AS towns,
  (SELECT count(*)::int FROM notices c JOIN notice_items i ON i.notice_id = c.id WHERE c.parent_id = n.id) AS items,
  (SELECT count(*)::int FROM notices c JOIN notice_items i ON i.notice_id = c.id JOIN problems p ON p.id = i.problem_id
    WHERE c.parent_id = n.id AND p.state IN ('closed', 'rejected', 'merged')) AS closed,
  (SELECT count(*)::int FROM notices c WHERE c.parent_id = n.id AND c.feedback_at IS NOT NULL) AS fed_back`;

/** County notices of the given counties, newest first, `limit + 1` after the cursor's id. */
export async function listCounty(q: Q, counties: 'all' | string[], limit: number, afterId: number | null): Promise<CountyNoticeRow[]> {
  if (counties !== 'all' && !counties.length) return [];
  const scope = counties === 'all' ? sql`true` : sql`n.town_code = ANY(${sql.param(counties)}::text[])`;
  const r = await q.execute<CountyNoticeRow>(sql`SELECT ${COUNTY_COLS} FROM notices n
    WHERE n.direction = 'county' AND ${scope} ${afterId ? sql`AND n.id < ${afterId}` : sql``}
    ORDER BY n.id DESC LIMIT ${limit + 1}`);
  return r.rows;
}

export async function countyNotice(q: Q, id: number): Promise<CountyNoticeRow | null> {
  const r = await q.execute<CountyNoticeRow>(sql`SELECT ${COUNTY_COLS} FROM notices n WHERE n.id = ${id} AND n.direction = 'county'`);
  return r.rows[0] ?? null;
}

export type TownCopyRow = {
  id: number;
  town_code: string;
  town_name: string | null;
  items: number;
  closed: number;
  overdue_open: number;
  feedback_note: string | null;
  feedback_at: Date | null;
  feedback_by_name: string | null;
};

/** Each town's copy of a county notice with its progress and feedback. `today` decides what is overdue. */
export async function townCopies(q: Q, parentId: number, today: string): Promise<TownCopyRow[]> {
  const r = await q.execute<TownCopyRow>(sql`SELECT c.id, c.town_code, rg.name AS town_name,
      (SELECT count(*)::int FROM notice_items i WHERE i.notice_id = c.id) AS items,
      (SELECT count(*)::int FROM notice_items i JOIN problems p ON p.id = i.problem_id WHERE i.notice_id = c.id AND p.state IN ('closed', 'rejected', 'merged')) AS closed,
      (SELECT count(*)::int FROM notice_items i JOIN problems p ON p.id = i.problem_id WHERE i.notice_id = c.id
        AND p.state NOT IN ('closed', 'rejected', 'merged') AND p.due_date < ${today}::date) AS overdue_open,
      c.feedback_note, c.feedback_at, pe.name AS feedback_by_name
    FROM notices c LEFT JOIN regions rg ON rg.code = c.town_code LEFT JOIN people pe ON pe.id = c.feedback_by
    WHERE c.parent_id = ${parentId} ORDER BY c.town_code`);
  return r.rows;
}

/** A received notice's feedback, if its version is still `version` (else false: someone changed it meanwhile). */
export async function setFeedback(q: Q, id: number, version: number, f: { note: string; by: number; at: Date }): Promise<boolean> {
  const r =
    await q.execute(sql`UPDATE notices SET feedback_note = ${f.note}, feedback_by = ${f.by}, feedback_at = ${f.at}, version = version + 1, updated_at = now()
    WHERE id = ${id} AND version = ${version} AND direction = 'received'`);
  return (r.rowCount ?? 0) === 1;
}

/** The county notice a town's copy came from: its issuer's people are told of the feedback. */
export async function parentOf(q: Q, id: number): Promise<{ id: number; title: string; created_by: number; town_code: string } | null> {
  const r = await q.execute<{ id: number; title: string; created_by: number; town_code: string }>(sql`SELECT p.id, p.title, p.created_by, p.town_code
    FROM notices c JOIN notices p ON p.id = c.parent_id WHERE c.id = ${id}`);
  return r.rows[0] ?? null;
}

export type AwaitingFeedbackRow = {
  id: number;
  town_code: string;
  title: string;
  doc_number: string | null;
  issue_date: string;
  due_date: string | null;
  items: number;
  closed: number;
};

/** The towns' copies of county notices whose 整改情况反馈 is not sent yet, the earliest due first. */
export async function awaitingFeedback(q: Q, towns: string[], limit: number): Promise<AwaitingFeedbackRow[]> {
  if (!towns.length) return [];
  const r =
    await q.execute<AwaitingFeedbackRow>(sql`SELECT c.id, c.town_code, c.title, c.doc_number, c.issue_date::text AS issue_date, c.due_date::text AS due_date,
      (SELECT count(*)::int FROM notice_items i WHERE i.notice_id = c.id) AS items,
      (SELECT count(*)::int FROM notice_items i JOIN problems p ON p.id = i.problem_id WHERE i.notice_id = c.id AND p.state IN ('closed', 'rejected', 'merged')) AS closed
    FROM notices c WHERE c.direction = 'received' AND c.parent_id IS NOT NULL AND c.feedback_at IS NULL AND c.town_code = ANY(${sql.param(towns)}::text[])
    ORDER BY c.due_date NULLS LAST, c.id LIMIT ${limit}`);
  return r.rows;
}

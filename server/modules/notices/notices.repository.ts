// SQL for notices. Reads take the caller's town prefixes (from the service)
// and filter inside the query; nothing here knows roles or the workflow.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx, Q } from '../../db/pool.ts';
import type { NoticeDirection, NoticeKind, NoticeState } from '../../../domain/notices/vocab.ts';
import type { ProblemState } from '../../../domain/problems/vocab.ts';
import { STAMP_FORMAT } from '../../platform/cursor.ts';

export type NoticeRow = {
  id: number;
  direction: NoticeDirection;
  kind: NoticeKind;
  town_code: string;
  year: number;
  seq: number | null;
  doc_number: string | null;
  title: string;
  issuer: string;
  issue_date: string;
  due_date: string | null;
  intro: string | null;
  state: NoticeState;
  reject_note: string | null;
  created_by: number;
  approved_by: number | null;
  approved_at: Date | null;
  published_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  item_count?: number;
  closed_count?: number;
  parent_id: number | null;
  feedback_note: string | null;
  feedback_at: Date | null;
  feedback_by: number | null;
};

const COLS = sql`n.id, n.direction, n.kind, n.town_code, n.year, n.seq, n.doc_number, n.title, n.issuer, n.issue_date::text AS issue_date,
  n.due_date::text AS due_date, n.intro, n.state, n.reject_note, n.created_by, n.approved_by, n.approved_at, n.published_at, n.version,
  n.created_at, n.updated_at, n.parent_id, n.feedback_note, n.feedback_at, n.feedback_by`;

/** Notices of towns under one of `prefixes` ('all' for a global admin), or of the town a longer prefix (a community) lies in. */
export function townScopeSql(prefixes: 'all' | string[]): SQL {
  if (prefixes === 'all') return sql`true`;
  if (!prefixes.length) return sql`false`;
  const parts = prefixes.map((p) => (p.length <= 9 ? sql`n.town_code LIKE ${p + '%'}` : sql`n.town_code = ${p.slice(0, 9)}`));
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** A notice's place in the list: created (to the microsecond), id; newest first. */
export type NoticeKey = [createdAt: string, id: number];

/** `limit + 1` notices of a direction after `after`, newest first, each with its sort stamp. */
export async function list(q: Q, scope: SQL, direction: string, draftsVisible: SQL, after: NoticeKey | null, limit: number) {
  const r = await q.execute<NoticeRow & { sort_at: string }>(sql`SELECT ${COLS}, to_char(n.created_at AT TIME ZONE 'UTC', ${STAMP_FORMAT}) AS sort_at,
      (SELECT count(*)::int FROM notice_items i WHERE i.notice_id = n.id) AS item_count,
      (SELECT count(*)::int FROM notice_items i JOIN problems p ON p.id = i.problem_id WHERE i.notice_id = n.id AND p.state IN ('closed', 'rejected', 'merged')) AS closed_count
    FROM notices n WHERE n.direction = ${direction} AND ${scope} AND (${draftsVisible})
      ${after ? sql`AND (n.created_at, n.id) < (${after[0]}::timestamptz, ${after[1]})` : sql``}
    ORDER BY n.created_at DESC, n.id DESC LIMIT ${limit + 1}`);
  return r.rows;
}

export async function get(q: Q, id: number, forUpdate = false): Promise<NoticeRow | null> {
  const r = await q.execute<NoticeRow>(sql`SELECT ${COLS} FROM notices n WHERE n.id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`);
  return r.rows[0] ?? null;
}

export type ItemRow = {
  position: number;
  problem_id: number;
  code: string;
  state: ProblemState;
  region_code: string;
  community_name: string | null;
  place_name: string | null;
  address: string | null;
  description: string;
  category_name: string;
  due_date: string | null;
  closed_at: Date | null;
  rectified_at: Date | null;
  unit_name: string | null;
  version: number;
  town_code: string;
  before_photo: string | null;
  after_photo: string | null;
  rectify_note: string | null;
};

export async function items(q: Q, noticeId: number): Promise<ItemRow[]> {
  const r = await q.execute<ItemRow>(sql`SELECT i.position, p.id AS problem_id, p.code, p.state, p.region_code, rg.name AS community_name,
      pl.name AS place_name, p.address, p.description, c.name AS category_name, p.due_date::text AS due_date, p.closed_at, p.rectified_at,
      u.name AS unit_name, p.version, p.town_code,
      (SELECT ph.thumb_path FROM problem_photos ph WHERE ph.problem_id = p.id AND ph.kind = 'before' ORDER BY ph.id LIMIT 1) AS before_photo,
      (SELECT ph.thumb_path FROM problem_photos ph WHERE ph.problem_id = p.id AND ph.kind = 'after' ORDER BY ph.id DESC LIMIT 1) AS after_photo,
      (SELECT e.note FROM problem_events e WHERE e.problem_id = p.id AND e.action = 'submit' ORDER BY e.id DESC LIMIT 1) AS rectify_note
    FROM notice_items i JOIN problems p ON p.id = i.problem_id
    LEFT JOIN regions rg ON rg.code = left(p.region_code, 12)
    LEFT JOIN places pl ON pl.id = p.place_id
    LEFT JOIN categories c ON c.id = p.category_id
    LEFT JOIN units u ON u.id = p.responsible_unit_id
    WHERE i.notice_id = ${noticeId} ORDER BY i.position`);
  return r.rows;
}

export async function insertNotice(
  q: Q,
  n: {
    direction: string;
    kind: string;
    townCode: string;
    year: number;
    seq: number | null;
    docNumber: string | null;
    title: string;
    issuer: string;
    issueDate: string;
    dueDate: string | null;
    intro: string | null;
    state: string;
    createdBy: number;
    parentId?: number | null;
    publishedAt?: Date | null;
  },
): Promise<number> {
  const r = await q.execute<{
    id: number;
  }>(sql`INSERT INTO notices (direction, kind, town_code, year, seq, doc_number, title, issuer, issue_date, due_date, intro, state, created_by, parent_id, published_at)
    VALUES (${n.direction}, ${n.kind}, ${n.townCode}, ${n.year}, ${n.seq}, ${n.docNumber}, ${n.title}, ${n.issuer}, ${n.issueDate}, ${n.dueDate}, ${n.intro}, ${n.state}, ${n.createdBy},
      ${n.parentId ?? null}, ${n.publishedAt ?? null})
    RETURNING id`);
  return Number(r.rows[0].id);
}

export async function updateNotice(q: Q, id: number, version: number, set: Record<string, unknown>): Promise<boolean> {
  const cols = Object.entries(set).map(([k, v]) => sql`${sql.identifier(k)} = ${v}`);
  const r = await q.execute(
    sql`UPDATE notices SET ${sql.join(cols, sql`, `)}, version = version + 1, updated_at = now() WHERE id = ${id} AND version = ${version}`,
  );
  return (r.rowCount ?? 0) === 1;
}

export async function replaceItems(q: Q, noticeId: number, problemIds: number[]) {
  await q.execute(sql`DELETE FROM notice_items WHERE notice_id = ${noticeId}`);
  if (!problemIds.length) return;
  await q.execute(sql`INSERT INTO notice_items (notice_id, position, problem_id)
    SELECT ${noticeId}, ord::int, pid FROM unnest(${sql.param(problemIds)}::bigint[]) WITH ORDINALITY AS x(pid, ord)`);
}

/** The next number of (town, kind, year): the counter row is locked until the publishing transaction ends. */
export async function nextNumber(tx: Tx, townCode: string, kind: string, year: number): Promise<number> {
  await tx.execute(sql`INSERT INTO notice_counters (town_code, kind, year, last) VALUES (${townCode}, ${kind}, ${year}, 0) ON CONFLICT DO NOTHING`);
  const r = await tx.execute<{ last: number }>(
    sql`SELECT last FROM notice_counters WHERE town_code = ${townCode} AND kind = ${kind} AND year = ${year} FOR UPDATE`,
  );
  const next = r.rows[0].last + 1;
  await tx.execute(sql`UPDATE notice_counters SET last = ${next} WHERE town_code = ${townCode} AND kind = ${kind} AND year = ${year}`);
  return next;
}

/** Cadres of the given communities (community_staff granted on the community or above it within the town). */
export async function communityCadres(q: Q, communityCode: string): Promise<number[]> {
  const r = await q.execute<{ id: number }>(sql`SELECT DISTINCT g.person_id AS id FROM role_grants g JOIN people pe ON pe.id = g.person_id AND pe.active
    WHERE g.role = 'community_staff' AND g.scope_region_code = ${communityCode}`);
  return r.rows.map((x) => x.id);
}

/** Problems a notice may be composed from: the period's problems of the town, filtered. */
export async function candidates(q: Q, scope: SQL, f: { from?: string; to?: string; source?: string; regionCode?: string; q?: string }) {
  const conds: SQL[] = [scope, sql`p.state NOT IN ('rejected', 'merged')`];
  if (f.from) conds.push(sql`p.created_at >= (${f.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (f.to) conds.push(sql`p.created_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (f.source) conds.push(sql`p.source = ${f.source}`);
  if (f.regionCode) conds.push(sql`p.region_code LIKE ${f.regionCode + '%'}`);
  if (f.q) conds.push(sql`(p.description || ' ' || coalesce(p.address, '') || ' ' || p.code) LIKE ${'%' + f.q + '%'}`);
  const r = await q.execute<any>(sql`SELECT p.id, p.code, p.source, p.state, p.region_code, rg.name AS community_name, pl.name AS place_name, p.address,
      p.description, c.name AS category_name, p.due_date::text AS due_date, p.created_at
    FROM problems p LEFT JOIN regions rg ON rg.code = left(p.region_code, 12) LEFT JOIN places pl ON pl.id = p.place_id
    LEFT JOIN categories c ON c.id = p.category_id
    WHERE ${sql.join(conds, sql` AND `)} ORDER BY p.created_at DESC, p.id DESC LIMIT 500`);
  return r.rows;
}

/** Drafts are the office's and the leaders' business: what is published or recorded, plus every notice of the towns in `draftTowns`. */
export function draftsVisibleSql(draftTowns: 'all' | string[]): SQL {
  if (draftTowns === 'all') return sql`true`;
  return sql`(n.state IN ('published', 'recorded') OR ${townScopeSql(draftTowns)})`;
}

/** The problems among `ids` inside `scope` (a problem-scope fragment over p), with their town and state. */
export async function problemsIn(q: Q, ids: number[], scope: SQL) {
  return (
    await q.execute<{ id: number; town_code: string; state: string }>(sql`SELECT p.id, p.town_code, p.state FROM problems p
    WHERE p.id = ANY(${sql.param(ids)}::bigint[]) AND ${scope}`)
  ).rows;
}

/** The name of the unit a person belongs to (a notice's default issuer). */
export async function unitNameOf(q: Q, personId: number): Promise<string | null> {
  return (
    (await q.execute<{ name: string }>(sql`SELECT u.name FROM people pe JOIN units u ON u.id = pe.unit_id WHERE pe.id = ${personId}`)).rows[0]?.name ?? null
  );
}

/** A town's 创城办 (the unit its notices and feedback come from). */
export async function townOfficeName(q: Q, townCode: string): Promise<string | null> {
  return (
    (await q.execute<{ name: string }>(sql`SELECT name FROM units WHERE kind = 'town_office' AND region_code = ${townCode} ORDER BY id LIMIT 1`)).rows[0]
      ?.name ?? null
  );
}

/** What a received notice's sheet is matched against: the communities and the active subcategories. */
export async function importLookups(q: Q) {
  const [communities, categories] = await Promise.all([
    q.execute<{ code: string; name: string }>(sql`SELECT code, name FROM regions WHERE level = 'community'`),
    q.execute<{ id: number; name: string }>(sql`SELECT id, name FROM categories WHERE level = 2 AND active`),
  ]);
  return { communities: communities.rows, categories: categories.rows };
}

// SQL of the inbox: the one writer of inbox_items. Reads take the caller's
// reader scope (from the service) and filter inside the query.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

/** Exactly one of: a person; a role held over a region covering `regionCode`; a unit. */
export type Owner = { personId: number } | { role: string; regionCode: string } | { unitId: number };

/** Whose items a caller reads: their own, their roles' over the regions their grants cover, their units'. */
export interface ReaderScope {
  personId: number;
  roles: { role: string; regionCode: string }[];
  /** Units the caller is a liaison of. */
  units: number[];
  /** Communities whose cadres act for the units located there (居委会, 实践站). */
  communities: string[];
}

export interface NewItem {
  kind: string;
  regionCode: string;
  owner: Owner;
  subjectType: string;
  subjectId: number;
  title: string;
  link: string;
  dueDate: string | null;
}

/** The new item's id, or null when one of this kind is already open for the subject. */
export async function insert(q: Q, it: NewItem): Promise<number | null> {
  const o = it.owner;
  const r = await q.execute<{ id: number }>(sql`
    INSERT INTO inbox_items (kind, region_code, owner_person_id, owner_role, owner_region_code, owner_unit_id, subject_type, subject_id, title, link, due_date)
    VALUES (${it.kind}, ${it.regionCode}, ${'personId' in o ? o.personId : null}, ${'role' in o ? o.role : null}, ${'role' in o ? o.regionCode : null},
      ${'unitId' in o ? o.unitId : null}, ${it.subjectType}, ${it.subjectId}, ${it.title}, ${it.link}, ${it.dueDate}::date)
    ON CONFLICT (kind, subject_type, subject_id) WHERE state = 'open' DO NOTHING RETURNING id`);
  return r.rows[0]?.id ?? null;
}

/** Close the open items of these kinds on a subject; how many were closed. */
export async function close(
  q: Q,
  subjectType: string,
  subjectId: number,
  kinds: readonly string[],
  state: 'done' | 'cancelled',
  by: number | null,
  note: string | null,
): Promise<number> {
  const r = await q.execute(sql`
    UPDATE inbox_items SET state = ${state}, closed_by = ${by}, closed_at = now(), closed_note = ${note}
    WHERE subject_type = ${subjectType} AND subject_id = ${subjectId} AND kind = ANY(${sql.param([...kinds])}::text[]) AND state = 'open'`);
  return r.rowCount ?? 0;
}

/** One condition per way the caller owns items (each served by its own index of open items). */
function ownerBranches(s: ReaderScope): SQL[] {
  const parts: SQL[] = [sql`i.owner_person_id = ${s.personId}`];
  for (const g of s.roles) parts.push(sql`(i.owner_role = ${g.role} AND i.owner_region_code LIKE ${g.regionCode + '%'})`);
  for (const u of s.units) parts.push(sql`i.owner_unit_id = ${u}`);
  for (const c of s.communities) parts.push(sql`i.owner_unit_id IN (SELECT u.id FROM units u WHERE u.region_code LIKE ${c + '%'})`);
  return parts;
}

export function scopeSql(s: ReaderScope): SQL {
  return sql`(${sql.join(ownerBranches(s), sql` OR `)})`;
}

export interface ListFilter {
  state: string;
  kind?: string;
  overdueBefore?: string;
  beforeId?: number | null;
  limit: number;
}

export type ItemRow = {
  id: number;
  kind: string;
  subject_type: string;
  subject_id: number;
  title: string;
  link: string;
  due_date: string | null;
  state: string;
  owner_person_id: number | null;
  owner_role: string | null;
  owner_region_code: string | null;
  owner_unit_id: number | null;
  owner_person_name: string | null;
  owner_region_name: string | null;
  owner_unit_name: string | null;
  closed_at: Date | null;
  closed_by_name: string | null;
  closed_note: string | null;
  created_at: Date;
};

/** One keyset page (id descending) of the items the scope reads; `limit + 1` rows. */
/**
 * One keyset page (id descending) of the items the scope reads; `limit + 1` rows.
 * Each way of owning is its own top-N (its index walks newest first), merged
 * here: one OR over the table would walk every newer item of everyone else.
 */
export async function list(q: Q, scope: ReaderScope, f: ListFilter): Promise<ItemRow[]> {
  const filters = sql`i.state = ${f.state}
    ${f.kind ? sql`AND i.kind = ${f.kind}` : sql``}
    ${f.overdueBefore ? sql`AND i.due_date < ${f.overdueBefore}::date` : sql``}
    ${f.beforeId ? sql`AND i.id < ${f.beforeId}` : sql``}`;
  const branches = ownerBranches(scope).map((b) => sql`(SELECT i.* FROM inbox_items i WHERE ${b} AND ${filters} ORDER BY i.id DESC LIMIT ${f.limit + 1})`);
  const r = await q.execute<ItemRow>(sql`
    WITH pg AS (SELECT * FROM (${sql.join(branches, sql` UNION `)}) x ORDER BY x.id DESC LIMIT ${f.limit + 1})
    SELECT pg.id, pg.kind, pg.subject_type, pg.subject_id, pg.title, pg.link, pg.due_date::text AS due_date, pg.state,
      pg.owner_person_id, pg.owner_role, pg.owner_region_code, pg.owner_unit_id,
      po.name AS owner_person_name, rg.name AS owner_region_name, u.name AS owner_unit_name,
      pg.closed_at, pc.name AS closed_by_name, pg.closed_note, pg.created_at
    FROM pg LEFT JOIN people po ON po.id = pg.owner_person_id LEFT JOIN regions rg ON rg.code = pg.owner_region_code
      LEFT JOIN units u ON u.id = pg.owner_unit_id LEFT JOIN people pc ON pc.id = pg.closed_by
    ORDER BY pg.id DESC`);
  return r.rows;
}

/** Open items per kind, and how many of them are past their due date. */
export async function counts(q: Q, scope: ReaderScope, today: string) {
  const r = await q.execute<{ kind: string; open: number; overdue: number }>(sql`
    SELECT i.kind, count(*)::int AS open, (count(*) FILTER (WHERE i.due_date < ${today}::date))::int AS overdue
    FROM inbox_items i WHERE ${scopeSql(scope)} AND i.state = 'open' GROUP BY i.kind`);
  return r.rows;
}

// ---- the one-time backfill (backfill.ts): what was pending before the inbox existed ----

export async function isEmpty(q: Q): Promise<boolean> {
  return !(await q.execute(sql`SELECT 1 FROM inbox_items LIMIT 1`)).rows.length;
}

/** Submitted notices, submitted rankings, open 问责 items and the problems waiting on someone, read from their modules' tables. */
export async function pendingBefore(q: Q) {
  const rows = async (x: SQL) => (await q.execute<any>(x)).rows;
  return {
    notices: await rows(sql`SELECT id, town_code, kind, title, updated_at FROM notices WHERE direction = 'issued' AND state = 'submitted'`),
    rankings: await rows(sql`SELECT id, region_code, title, coalesce(prepared_at, now()) AS prepared_at FROM rankings WHERE state = 'submitted'`),
    accountability: await rows(
      sql`SELECT a.id, a.town_code, a.created_at, u.name AS unit_name FROM accountability_items a LEFT JOIN units u ON u.id = a.subject_id WHERE a.state = 'open'`,
    ),
    problems: await rows(sql`
      SELECT p.id, p.code, p.region_code, p.state, p.responsible_unit_id, p.dispatched_at, p.rectified_at, p.updated_at, c.name AS category_name, u.name AS unit_name,
        (SELECT e.action FROM problem_events e WHERE e.problem_id = p.id ORDER BY e.id DESC LIMIT 1) AS last_action,
        (SELECT x.days FROM extension_requests x WHERE x.problem_id = p.id AND x.state = 'pending' LIMIT 1) AS ext_days,
        (SELECT x.created_at FROM extension_requests x WHERE x.problem_id = p.id AND x.state = 'pending' LIMIT 1) AS ext_at,
        (SELECT ri.due_date::text FROM reinspections ri WHERE ri.problem_id = p.id AND ri.state = 'scheduled') AS reinspect_due
      FROM problems p LEFT JOIN categories c ON c.id = p.category_id LEFT JOIN units u ON u.id = p.responsible_unit_id
      WHERE p.state IN ('dispatched', 'rectifying', 'rectified', 'filed')
         OR (p.state = 'closed' AND EXISTS (SELECT 1 FROM reinspections ri WHERE ri.problem_id = p.id AND ri.state = 'scheduled'))`),
  };
}

// SQL of the notification centre (notifications) and of who a town's message
// reaches. No rules here: the outbox's meaning is notify.ts, a person's
// reading is notifications.service.ts.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import type { Role } from '../../../domain/roles.ts';

export type NotificationRow = {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  problem_id: number | null;
  problem_code: string | null;
  read_at: Date | null;
  created_at: Date;
};

/** A person's notifications, newest first: `limit + 1` with ids below `before`. */
export async function listFor(q: Q, personId: number, f: { unread?: boolean; before: number | null; limit: number }): Promise<NotificationRow[]> {
  return (
    await q.execute<NotificationRow>(sql`
    SELECT n.id, n.kind, n.title, n.body, n.problem_id, p.code AS problem_code, n.read_at, n.created_at
    FROM notifications n LEFT JOIN problems p ON p.id = n.problem_id
    WHERE n.person_id = ${personId} ${f.unread ? sql`AND n.read_at IS NULL` : sql``} ${f.before ? sql`AND n.id < ${f.before}` : sql``}
    ORDER BY n.id DESC LIMIT ${f.limit + 1}`)
  ).rows;
}

export async function unreadCount(q: Q, personId: number): Promise<number> {
  const r = await q.execute<{ count: number }>(sql`SELECT count(*) AS count FROM notifications WHERE person_id = ${personId} AND read_at IS NULL`);
  return Number(r.rows[0].count);
}

/** When the person's notification was read (now, if it was not yet); null when it is not theirs. */
export async function markRead(q: Q, personId: number, id: number): Promise<Date | null> {
  const r = await q.execute<{ read_at: Date }>(sql`
    UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = ${id} AND person_id = ${personId} RETURNING read_at`);
  return r.rows[0]?.read_at ?? null;
}

export async function markAllRead(q: Q, personId: number): Promise<number> {
  return (await q.execute(sql`UPDATE notifications SET read_at = now() WHERE person_id = ${personId} AND read_at IS NULL`)).rowCount ?? 0;
}

/** One row per person; a (person, dedupe key) already there is skipped. The number inserted. */
export async function insertForPeople(
  q: Q,
  personIds: number[],
  n: { kind: string; title: string; body: string | null; problemId: number | null; dedupeKey: string | null },
) {
  const r = await q.execute(sql`
    INSERT INTO notifications (person_id, kind, title, body, problem_id, dedupe_key)
    SELECT unnest(${sql.param(personIds)}::int[]), ${n.kind}, ${n.title}, ${n.body}, ${n.problemId}, ${n.dedupeKey}
    ON CONFLICT (person_id, dedupe_key) DO NOTHING`);
  return r.rowCount ?? 0;
}

/** Active people granted one of `roles` over a region covering `regionCode`. */
export async function peopleWithRoles(q: Q, regionCode: string, roles: Role[]): Promise<number[]> {
  const r = await q.execute<{ person_id: number }>(sql`
    SELECT DISTINCT g.person_id FROM role_grants g JOIN people pe ON pe.id = g.person_id AND pe.active
    WHERE g.role = ANY(${sql.param(roles)}::text[]) AND g.scope_region_code IS NOT NULL
      AND ${regionCode} LIKE g.scope_region_code || '%'`);
  return r.rows.map((x) => x.person_id);
}

/**
 * People who act for a unit: its liaisons, and for a unit inside a community
 * that community's cadres (who is told of a unit's problems, and who reads a
 * unit's inbox items: the inbox's scopeSql reads by the same rule).
 */
export async function unitPeople(q: Q, unitId: number): Promise<number[]> {
  const r = await q.execute<{ person_id: number }>(sql`
    SELECT DISTINCT g.person_id FROM role_grants g JOIN people pe ON pe.id = g.person_id AND pe.active
    WHERE (g.role = 'unit_liaison' AND g.scope_unit_id = ${unitId})
       OR (g.role = 'community_staff' AND EXISTS (SELECT 1 FROM units u WHERE u.id = ${unitId} AND u.region_code LIKE g.scope_region_code || '%'))`);
  return r.rows.map((x) => x.person_id);
}

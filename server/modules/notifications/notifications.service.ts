// The notification centre: a person reads only their own notifications
// (another person's answers 404, as if it did not exist).
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/pool.ts';
import { notFound } from '../../platform/errors.ts';

export interface ListFilter { unread?: boolean; before?: number; limit?: number }

export async function list(db: Db, personId: number, f: ListFilter) {
  const limit = Math.min(f.limit ?? 30, 100);
  const r = await db.execute<any>(sql`
    SELECT n.id, n.kind, n.title, n.body, n.problem_id, p.code AS problem_code, n.read_at, n.created_at
    FROM notifications n LEFT JOIN problems p ON p.id = n.problem_id
    WHERE n.person_id = ${personId} ${f.unread ? sql`AND n.read_at IS NULL` : sql``} ${f.before ? sql`AND n.id < ${f.before}` : sql``}
    ORDER BY n.id DESC LIMIT ${limit}`);
  return {
    items: r.rows.map((n) => ({
      id: n.id, kind: n.kind, title: n.title, body: n.body, problemId: n.problem_id, problemCode: n.problem_code,
      read: n.read_at !== null, readAt: n.read_at, createdAt: n.created_at,
    })),
    nextBefore: r.rows.length === limit ? r.rows[r.rows.length - 1].id : null,
  };
}

export async function unreadCount(db: Db, personId: number) {
  const r = await db.execute<{ count: number }>(sql`SELECT count(*) AS count FROM notifications WHERE person_id = ${personId} AND read_at IS NULL`);
  return { count: Number(r.rows[0].count) };
}

export async function markRead(db: Db, personId: number, id: number) {
  const r = await db.execute<{ id: number; read_at: Date }>(sql`
    UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = ${id} AND person_id = ${personId} RETURNING id, read_at`);
  if (!r.rows[0]) throw notFound('该通知不存在');
  return { id, read: true, readAt: r.rows[0].read_at };
}

export async function markAllRead(db: Db, personId: number) {
  const r = await db.execute(sql`UPDATE notifications SET read_at = now() WHERE person_id = ${personId} AND read_at IS NULL`);
  return { updated: r.rowCount ?? 0 };
}

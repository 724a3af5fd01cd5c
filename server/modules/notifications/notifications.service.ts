// The notification centre: a person reads only their own notifications
// (another person's answers 404, as if it did not exist).
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/pool.ts';
import { notFound } from '../../platform/errors.ts';
import { idCursor, pageOf } from '../../platform/cursor.ts';

export interface ListFilter { unread?: boolean; cursor?: string; limit?: number }

export async function list(db: Db, personId: number, f: ListFilter) {
  const limit = f.limit ?? 30;
  const before = f.cursor ? idCursor.decode(f.cursor) : null;
  const r = await db.execute<any>(sql`
    SELECT n.id, n.kind, n.title, n.body, n.problem_id, p.code AS problem_code, n.read_at, n.created_at
    FROM notifications n LEFT JOIN problems p ON p.id = n.problem_id
    WHERE n.person_id = ${personId} ${f.unread ? sql`AND n.read_at IS NULL` : sql``} ${before ? sql`AND n.id < ${before}` : sql``}
    ORDER BY n.id DESC LIMIT ${limit + 1}`);
  const rows = r.rows.map((n) => ({
    id: n.id as number, kind: n.kind as string, title: n.title as string, body: n.body as string | null,
    problemId: n.problem_id as number | null, problemCode: n.problem_code as string | null,
    read: n.read_at !== null, readAt: n.read_at as Date | null, createdAt: n.created_at as Date,
  }));
  return pageOf(rows, limit, (last) => idCursor.encode(last.id));
}

export async function unreadCount(db: Db, personId: number) {
  const r = await db.execute<{ count: number }>(sql`SELECT count(*) AS count FROM notifications WHERE person_id = ${personId} AND read_at IS NULL`);
  return { count: Number(r.rows[0].count) };
}

export async function markRead(db: Db, personId: number, id: number) {
  const r = await db.execute<{ id: number; read_at: Date }>(sql`
    UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = ${id} AND person_id = ${personId} RETURNING id, read_at`);
  if (!r.rows[0]) throw notFound('该通知不存在');
  return { id, read: true as const, readAt: r.rows[0].read_at };
}

export async function markAllRead(db: Db, personId: number) {
  const r = await db.execute(sql`UPDATE notifications SET read_at = now() WHERE person_id = ${personId} AND read_at IS NULL`);
  return { updated: r.rowCount ?? 0 };
}

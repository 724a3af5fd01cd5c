// The notification centre: a person reads only their own notifications
// (another person's answers 404, as if it did not exist).
import type { Db } from '../../db/pool.ts';
import { notFound } from '../../platform/errors.ts';
import { idCursor, pageOf } from '../../platform/cursor.ts';
import * as repo from './notifications.repository.ts';

export interface ListFilter {
  unread?: boolean;
  cursor?: string;
  limit?: number;
}

export async function list(db: Db, personId: number, f: ListFilter) {
  const limit = f.limit ?? 30;
  const before = f.cursor ? idCursor.decode(f.cursor) : null;
  const found = await repo.listFor(db, personId, { unread: f.unread, before, limit });
  const rows = found.map((n) => ({
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    problemId: n.problem_id,
    problemCode: n.problem_code,
    read: n.read_at !== null,
    readAt: n.read_at,
    createdAt: n.created_at,
  }));
  return pageOf(rows, limit, (last) => idCursor.encode(last.id));
}

export async function unreadCount(db: Db, personId: number) {
  return { count: await repo.unreadCount(db, personId) };
}

export async function markRead(db: Db, personId: number, id: number) {
  const readAt = await repo.markRead(db, personId, id);
  if (!readAt) throw notFound('该通知不存在');
  return { id, read: true as const, readAt };
}

export async function markAllRead(db: Db, personId: number) {
  return { updated: await repo.markAllRead(db, personId) };
}

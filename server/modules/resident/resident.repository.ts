// SQL of what residents read (随手拍): the category list, and a report by its
// tracking code with its public steps and photos, only while the problem is
// one residents may see (the problems module's RESIDENT_VISIBLE). Reads only:
// every write goes through the problems module (intake, rating, following).
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import type { ProblemState } from '../../../domain/problems/vocab.ts';
import type { Rating } from '../../../domain/problems/ratings.ts';
import { RESIDENT_VISIBLE } from '../problems/index.ts';

/** Active 小类 with their 大类, in the tree's order. */
export async function activeCategories(q: Q) {
  return (
    await q.execute<{ id: number; name: string; plain_name: string | null; group_name: string | null }>(sql`
    SELECT c.id, c.name, c.plain_name, pc.name AS group_name FROM categories c LEFT JOIN categories pc ON pc.id = c.parent_id
    WHERE c.level = 2 AND c.active ORDER BY pc.sort, pc.id, c.sort, c.id`)
  ).rows;
}

export async function problemCode(q: Q, id: number): Promise<string | null> {
  return (await q.execute<{ code: string }>(sql`SELECT code FROM problems WHERE id = ${id}`)).rows[0]?.code ?? null;
}

export type PublicRow = {
  id: number;
  code: string;
  state: ProblemState;
  region_code: string;
  community_name: string | null;
  category_name: string;
  plain_name: string | null;
  created_at: Date;
  closed_at: Date | null;
  due_date: string | null;
  merged_into_code: string | null;
  satisfaction: Rating | null;
  satisfaction_comment: string | null;
  rated_at: Date | null;
};

/** The report with this tracking code, when residents may see it (locked for a rating with `forUpdate`). */
export async function byCode(q: Q, code: string, forUpdate = false): Promise<PublicRow | null> {
  const r = await q.execute<PublicRow>(sql`
    SELECT p.id, p.code, p.state, p.region_code, rc.name AS community_name, c.name AS category_name, c.plain_name, p.created_at,
      p.closed_at, p.due_date::text AS due_date, m.code AS merged_into_code, p.satisfaction, p.satisfaction_comment, p.rated_at
    FROM problems p LEFT JOIN categories c ON c.id = p.category_id LEFT JOIN regions rc ON rc.code = substr(p.region_code, 1, 12)
      LEFT JOIN problems m ON m.id = p.merged_into_id
    WHERE p.code = ${code} AND ${RESIDENT_VISIBLE} ${forUpdate ? sql`FOR UPDATE OF p` : sql``}`);
  return r.rows[0] ?? null;
}

/** The problem's history, oldest first (the service keeps the public steps). */
export async function events(q: Q, problemId: number) {
  return (
    await q.execute<{ at: Date; action: string; data: any }>(sql`SELECT at, action, data FROM problem_events WHERE problem_id = ${problemId} ORDER BY id`)
  ).rows;
}

/** The before and after photos of the problem. */
export async function beforeAfterPhotos(q: Q, problemId: number) {
  return (
    await q.execute<{ id: number; kind: string }>(
      sql`SELECT id, kind FROM problem_photos WHERE problem_id = ${problemId} AND kind IN ('before', 'after') ORDER BY id`,
    )
  ).rows;
}

/** A before or after photo of the visible report with this code, or null. */
export async function photoOf(q: Q, code: string, photoId: number) {
  return (
    (
      await q.execute<{ path: string; thumb_path: string }>(sql`
    SELECT ph.path, ph.thumb_path FROM problem_photos ph JOIN problems p ON p.id = ph.problem_id
    WHERE ph.id = ${photoId} AND p.code = ${code} AND ph.kind IN ('before', 'after') AND ${RESIDENT_VISIBLE}`)
    ).rows[0] ?? null
  );
}

// SQL for problem photos: a problem's photos, an upload stored, uploads
// attached to a problem (and event), one photo's file.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

export async function photos(q: Q, problemId: number) {
  const r = await q.execute<any>(
    sql`SELECT id, event_id, kind, width, height, taken_at, gps_lat, gps_lng, created_at FROM problem_photos WHERE problem_id = ${problemId} ORDER BY id`,
  );
  return r.rows;
}

export async function insertPhoto(
  q: Q,
  p: {
    path: string;
    thumbPath: string;
    mime: string;
    width: number;
    height: number;
    bytes: number;
    takenAt: Date | null;
    gpsLat: number | null;
    gpsLng: number | null;
    uploadedBy: number | null;
    uploadKey: string | null;
  },
) {
  const r = await q.execute<{ id: number }>(sql`
    INSERT INTO problem_photos (path, thumb_path, mime, width, height, bytes, taken_at, gps_lat, gps_lng, uploaded_by, upload_key)
    VALUES (${p.path}, ${p.thumbPath}, ${p.mime}, ${p.width}, ${p.height}, ${p.bytes}, ${p.takenAt}, ${p.gpsLat}, ${p.gpsLng}, ${p.uploadedBy}, ${p.uploadKey})
    RETURNING id`);
  return r.rows[0].id;
}

/** Attach uploaded photos; only unattached photos uploaded by this person (or with this key) are taken. */
export async function attachPhotos(
  q: Q,
  ids: number[],
  problemId: number,
  eventId: number | null,
  kind: string,
  owner: { personId: number | null; uploadKey?: string | null },
) {
  if (!ids.length) return 0;
  const r = await q.execute(sql`
    UPDATE problem_photos SET problem_id = ${problemId}, event_id = ${eventId}, kind = ${kind}
    WHERE id = ANY(${sql.param(ids)}::bigint[]) AND problem_id IS NULL
      AND (${owner.personId === null ? sql`false` : sql`uploaded_by = ${owner.personId}`} OR ${owner.uploadKey ? sql`upload_key = ${owner.uploadKey}` : sql`false`})`);
  return r.rowCount ?? 0;
}

export async function photoFile(q: Q, id: number) {
  const r = await q.execute<{ id: number; problem_id: number | null; path: string; thumb_path: string; uploaded_by: number | null }>(
    sql`SELECT id, problem_id, path, thumb_path, uploaded_by FROM problem_photos WHERE id = ${id}`,
  );
  return r.rows[0] ?? null;
}

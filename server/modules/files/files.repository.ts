// SQL of the file store: documents (files), and the links of documents and
// photos to the records they belong to (file_links). Photos themselves are the
// problems module's table (problem_photos); it is only read here.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

export type FileKind = 'document' | 'photo';

export type FileRow = { id: number; name: string; kind: string; mime: string; bytes: number; path: string; uploaded_by: number | null; created_at: Date };

export async function insertFile(
  q: Q,
  f: { name: string; kind: string; mime: string; bytes: number; sha256: string; path: string; uploadedBy: number | null },
) {
  return (
    await q.execute<{ id: number; created_at: Date }>(sql`
    INSERT INTO files (name, kind, mime, bytes, sha256, path, uploaded_by)
    VALUES (${f.name}, ${f.kind}, ${f.mime}, ${f.bytes}, ${f.sha256}, ${f.path}, ${f.uploadedBy}) RETURNING id, created_at`)
  ).rows[0];
}

export async function fileById(q: Q, id: number): Promise<FileRow | null> {
  return (await q.execute<FileRow>(sql`SELECT id, name, kind, mime, bytes, path, uploaded_by, created_at FROM files WHERE id = ${id}`)).rows[0] ?? null;
}

/** The owners a file is linked to. */
export async function ownersOf(q: Q, fileKind: FileKind, fileId: number) {
  return (
    await q.execute<{ owner_kind: string; owner_id: number }>(sql`
    SELECT owner_kind, owner_id FROM file_links WHERE file_kind = ${fileKind} AND file_id = ${fileId} ORDER BY id`)
  ).rows;
}

/** Who uploaded each of `ids` (documents or photos), whether linked anywhere, and (photos) whether a problem or an inspection holds it. */
export async function candidates(q: Q, fileKind: FileKind, ids: number[]) {
  if (!ids.length) return [];
  const list = sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  );
  const src =
    fileKind === 'document'
      ? sql`SELECT f.id, f.uploaded_by, false AS held FROM files f WHERE f.id IN (${list})`
      : sql`SELECT p.id, p.uploaded_by, (p.problem_id IS NOT NULL OR p.inspection_id IS NOT NULL) AS held FROM problem_photos p WHERE p.id IN (${list})`;
  return (
    await q.execute<{ id: number; uploaded_by: number | null; held: boolean; owners: { kind: string; id: number }[] }>(sql`
    SELECT s.id, s.uploaded_by, s.held,
      coalesce((SELECT json_agg(json_build_object('kind', l.owner_kind, 'id', l.owner_id)) FROM file_links l WHERE l.file_kind = ${fileKind} AND l.file_id = s.id), '[]'::json) AS owners
    FROM (${src}) s`)
  ).rows;
}

/** Make the links of `fileKind` of an owner exactly `ids`. */
export async function setLinks(q: Q, fileKind: FileKind, ownerKind: string, ownerId: number, ids: number[], by: number | null) {
  const keep = ids.length
    ? sql`AND file_id NOT IN (${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )})`
    : sql``;
  await q.execute(sql`DELETE FROM file_links WHERE owner_kind = ${ownerKind} AND owner_id = ${ownerId} AND file_kind = ${fileKind} ${keep}`);
  for (const id of ids) {
    await q.execute(sql`INSERT INTO file_links (file_kind, file_id, owner_kind, owner_id, created_by)
      VALUES (${fileKind}, ${id}, ${ownerKind}, ${ownerId}, ${by}) ON CONFLICT DO NOTHING`);
  }
}

/** The documents and photos linked to one owner, in the order they were linked. */
export async function linkedTo(q: Q, ownerKind: string, ownerId: number) {
  const docs = (
    await q.execute<{ id: number; name: string; kind: string; bytes: number; created_at: Date }>(sql`
    SELECT f.id, f.name, f.kind, f.bytes, f.created_at FROM file_links l JOIN files f ON f.id = l.file_id
    WHERE l.owner_kind = ${ownerKind} AND l.owner_id = ${ownerId} AND l.file_kind = 'document' ORDER BY l.id`)
  ).rows;
  const photos = (
    await q.execute<{ id: number; width: number; height: number; taken_at: Date | null }>(sql`
    SELECT p.id, p.width, p.height, p.taken_at FROM file_links l JOIN problem_photos p ON p.id = l.file_id
    WHERE l.owner_kind = ${ownerKind} AND l.owner_id = ${ownerId} AND l.file_kind = 'photo' ORDER BY l.id`)
  ).rows;
  return { docs, photos };
}

/** Links of many owners of one kind at once (counts for lists). */
export async function countsFor(q: Q, ownerKind: string, ownerIds: number[]) {
  if (!ownerIds.length) return [];
  return (
    await q.execute<{ owner_id: number; photos: number; documents: number }>(sql`
    SELECT owner_id, count(*) FILTER (WHERE file_kind = 'photo')::int AS photos, count(*) FILTER (WHERE file_kind = 'document')::int AS documents
    FROM file_links WHERE owner_kind = ${ownerKind} AND owner_id IN (${sql.join(
      ownerIds.map((i) => sql`${i}`),
      sql`, `,
    )}) GROUP BY owner_id`)
  ).rows;
}

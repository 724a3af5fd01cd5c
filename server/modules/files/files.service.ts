// The file store (issue 16): documents checked by content and kept under
// STORAGE_DIR (server/platform/documents.ts), photos through the photo path
// (POST /api/photos), and the links that bind either to a record. A file is its
// uploader's alone until a record holds it; then whoever may see one of the
// records holding it may download it. Each owning module registers how to
// decide that (`registerFileOwner`), from its own index.ts.
import type { Db, Q } from '../../db/pool.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { storeDocument } from '../../platform/documents.ts';
import * as repo from './files.repository.ts';

export type OwnerVisible = (db: Db, actor: Actor, ownerId: number) => Promise<boolean>;
const owners = new Map<string, OwnerVisible>();

/** How to tell whether `actor` may see a record of `kind` (and so the files it holds). */
export function registerFileOwner(kind: string, visible: OwnerVisible): void {
  if (owners.has(kind) && owners.get(kind) !== visible) throw new Error(`file owner kind ${kind} registered twice`);
  owners.set(kind, visible);
}

async function anyOwnerVisible(db: Db, actor: Actor, list: { owner_kind: string; owner_id: number }[]) {
  for (const o of list) {
    const visible = owners.get(o.owner_kind);
    if (visible && (await visible(db, actor, o.owner_id))) return true;
  }
  return false;
}

const docView = (f: { id: number; name: string; kind: string; bytes: number; created_at: Date }) => ({
  id: f.id,
  name: f.name,
  kind: f.kind as 'pdf' | 'docx' | 'xlsx',
  bytes: f.bytes,
  url: `/api/files/${f.id}`,
  createdAt: f.created_at,
});

export async function uploadDocument(db: Db, root: string, maxBytes: number, actor: Actor, buf: Buffer, filename: string) {
  const stored = await storeDocument(root, buf, filename, maxBytes);
  // Control characters and path separators become _ (the name is shown and sent back in Content-Disposition).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is replaced
  const name = filename.replace(/[\u0000-\u001f\\/]/g, '_').slice(0, 200);
  const row = await repo.insertFile(db, {
    name,
    kind: stored.kind,
    mime: stored.mime,
    bytes: stored.bytes,
    sha256: stored.sha256,
    path: stored.path,
    uploadedBy: actor.personId,
  });
  return docView({ id: row.id, name, kind: stored.kind, bytes: stored.bytes, created_at: row.created_at });
}

/** A document the actor may download (its uploader before any record holds it; afterwards whoever sees a holder). */
export async function openDocument(db: Db, actor: Actor, id: number) {
  const f = await repo.fileById(db, id);
  if (!f) throw notFound('文件不存在或无权查看');
  const linked = await repo.ownersOf(db, 'document', id);
  const ok = linked.length === 0 ? f.uploaded_by === actor.personId : await anyOwnerVisible(db, actor, linked);
  if (!ok) throw notFound('文件不存在或无权查看');
  return f;
}

/** Is the photo held by a record the actor may see? (the photo route asks after problems and inspections) */
export async function photoLinkedVisible(db: Db, actor: Actor, photoId: number): Promise<boolean> {
  return anyOwnerVisible(db, actor, await repo.ownersOf(db, 'photo', photoId));
}

/**
 * Make the photos and documents a record holds exactly these (each list when
 * given). A file may be added when the actor uploaded it and nothing holds it
 * yet, or when this record already holds it; anything else is refused, naming it.
 */
export async function attach(
  q: Q,
  actor: Actor,
  ownerKind: string,
  ownerId: number,
  ids: { photoIds?: number[]; fileIds?: number[] },
  /** The body fields the lists came from, when not named photoIds / fileIds (a refusal names the field the user filled). */
  fields: { photoIds?: string; fileIds?: string } = {},
) {
  for (const [fileKind, field, list] of [
    ['photo', fields.photoIds ?? 'photoIds', ids.photoIds],
    ['document', fields.fileIds ?? 'fileIds', ids.fileIds],
  ] as const) {
    if (!list) continue;
    const unique = [...new Set(list)];
    const found = new Map((await repo.candidates(q, fileKind, unique)).map((c) => [c.id, c]));
    for (const id of unique) {
      const c = found.get(id);
      const mine = c?.owners.some((o) => o.kind === ownerKind && Number(o.id) === ownerId);
      const free = c && c.uploaded_by === actor.personId && !c.held && c.owners.length === 0;
      if (!mine && !free) {
        const what = fileKind === 'photo' ? '照片' : '文件';
        throw new AppError('VALIDATION_FAILED', undefined, [
          { path: `body.${field}`, message: `${what} ${id} 不存在、不是您上传的或已用于其他记录，请重新上传` },
        ]);
      }
    }
    await repo.setLinks(q, fileKind, ownerKind, ownerId, unique, actor.personId);
  }
}

/** The photos and documents a record holds, as the wire shows them. */
export async function attachmentsOf(q: Q, ownerKind: string, ownerId: number) {
  const { docs, photos } = await repo.linkedTo(q, ownerKind, ownerId);
  return {
    photos: photos.map((p) => ({
      id: p.id,
      width: p.width,
      height: p.height,
      takenAt: p.taken_at,
      url: `/api/photos/${p.id}`,
      thumbUrl: `/api/photos/${p.id}?thumb=1`,
    })),
    files: docs.map(docView),
  };
}

export const attachmentCounts = (q: Q, ownerKind: string, ownerIds: number[]) => repo.countsFor(q, ownerKind, ownerIds);

// The sync's items that move a problem: a rectification move (type 'action',
// through the problems module's moveOnce()) and a damaged publicity facility
// (type 'damage', through the publicity module's markDamaged()). Each waits for
// its photos (sync.photos.ts) and refers to them by key.
import type { Db } from '../../db/pool.ts';
import type { Actor } from '../../../domain/permissions.ts';
import type { SyncItemResult } from '../../../domain/inspections/sync.ts';
import { moveOnce } from '../problems/index.ts';
import { damageKey, markDamaged } from '../publicity/index.ts';
import { ItemError, type ActionItem, type DamageItem } from './sync.items.ts';

/** What a move needs of the request: who sends it, and its photos as they are stored. */
export interface MoveContext {
  db: Db;
  actor: Actor;
  photosReady: (keys: string[]) => Promise<unknown>;
  photoIds: Map<string, number>;
}

// A rectification move: its after-photos by key, the move through transition() (moves.ts: a re-sent key is a replay).
export async function applyAction({ db, actor, photosReady, photoIds }: MoveContext, item: ActionItem): Promise<Omit<SyncItemResult, 'key' | 'type'>> {
  await photosReady(item.photoKeys ?? []);
  const after = (item.photoKeys ?? []).map((k) => {
    const pid = photoIds.get(k);
    if (!pid) throw new ItemError('PHOTO_NOT_SYNCED', '整改照片尚未上传成功，请重新拍摄或删除该照片后重试', [{ path: 'photoKeys', message: '照片未上传成功' }]);
    return pid;
  });
  const r = await moveOnce(db, actor, {
    problemId: item.problemId,
    action: item.action,
    version: item.version,
    note: item.note ?? null,
    photoIds: after,
    clientKey: item.key,
  });
  return { status: r.replayed ? 'replayed' : 'updated', id: r.id, state: r.state, version: r.version };
}

// A damage report: its photos by key, then the problem (a re-sent key is a replay of the first one).
export async function applyDamage({ db, actor, photosReady, photoIds }: MoveContext, item: DamageItem): Promise<Omit<SyncItemResult, 'key' | 'type'>> {
  await photosReady(item.photoKeys ?? []);
  const before = (item.photoKeys ?? []).map((k) => {
    const pid = photoIds.get(k);
    if (!pid) throw new ItemError('PHOTO_NOT_SYNCED', '破损照片尚未上传成功，请重新拍摄或删除该照片后重试', [{ path: 'photoKeys', message: '照片未上传成功' }]);
    return pid;
  });
  const r = await markDamaged(db, actor, {
    facilityId: item.facilityId,
    note: item.note ?? null,
    photoIds: before,
    idempotencyKey: damageKey(actor.personId, item.key),
  });
  return { status: r.replayed ? 'replayed' : 'created', id: r.id, code: r.code, state: r.state, version: r.version };
}

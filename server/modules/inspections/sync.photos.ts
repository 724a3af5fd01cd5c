// The sync's photos, a few at a time, in the background: an item that needs a
// photo waits for that photo only (photosReady), so database work overlaps
// image work (sharp works on libuv's thread pool).
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import type { Actor } from '../../../domain/permissions.ts';
import type { SyncItemResult } from '../../../domain/inspections/sync.ts';
import { uploadPhoto } from '../problems/index.ts';
import * as repo from './inspections.sync.repository.ts';
import { itemFieldError, type PhotoItem } from './sync.items.ts';

const PHOTO_CONCURRENCY = 4;

/** Stores each photo not stored yet (photoIds gains its id) and answers it in results; photoWork settles when all are done. */
export function uploadPhotos(
  db: Db,
  actor: Actor,
  config: Config,
  photos: { i: number; item: PhotoItem }[],
  photoIds: Map<string, number>,
  results: SyncItemResult[],
  fail: (i: number, k: string, type: SyncItemResult['type'], e: unknown) => void,
) {
  const done = new Map<string, () => void>();
  const pending = new Map<string, Promise<void>>();
  for (const { item } of photos) if (!pending.has(item.key)) pending.set(item.key, new Promise<void>((res) => done.set(item.key, res)));
  const photosReady = (keys: string[]) => Promise.all(keys.map((k) => pending.get(k)));
  let next = 0;
  const worker = async () => {
    while (next < photos.length) {
      const { i, item } = photos[next++];
      try {
        const known = photoIds.get(item.key);
        if (known) {
          results[i] = { key: item.key, type: 'photo', status: 'replayed', id: known };
          continue;
        }
        // Plain base64, or a data URL as canvas.toDataURL() makes it.
        const buf = Buffer.from(item.data.replace(/^data:[^,]*,/, ''), 'base64');
        if (!buf.length) throw itemFieldError('data', '照片内容为空');
        const r = await uploadPhoto(db, config.storageDir, actor, buf, item.name || '照片', item.key).catch(async (e) => {
          // The same key sent twice at once: the other upload stored it.
          if ((e?.cause ?? e)?.code !== '23505') throw e;
          const again = (await repo.photosByKeys(db, actor.personId, [item.key])).get(item.key);
          if (!again) throw e;
          return { id: again, replayed: true };
        });
        photoIds.set(item.key, r.id);
        results[i] = { key: item.key, type: 'photo', status: 'replayed' in r ? 'replayed' : 'created', id: r.id };
      } catch (e) {
        fail(i, item.key, 'photo', e);
      } finally {
        done.get(item.key)?.();
      }
    }
  };
  const photoWork = Promise.all(Array.from({ length: Math.min(PHOTO_CONCURRENCY, photos.length) }, worker));
  return { photosReady, photoWork };
}

// The phone's offline queue splits what waits into requests the server takes
// (web/src/mobile/staff/queue.ts `batches`): in order, never above the item
// or byte limit, a photo counted at its base64 size, a lone oversize item
// still sent alone (the server then says why), nothing lost or repeated.
import { describe, expect, it } from 'vitest';
import { batches } from '../../web/src/mobile/staff/queue.ts';
import type { QueueRecord } from '../../web/src/mobile/staff/idb.ts';
import { SYNC_MAX_ITEMS } from '../../domain/inspections/sync.ts';

let seq = 0;
const rec = (bytes = 0): QueueRecord => {
  seq++;
  const key = `k${seq}`;
  return {
    seq,
    key,
    personId: 1,
    personName: '赖福林',
    label: key,
    state: 'waiting',
    queuedAt: 0,
    attempts: 0,
    item: bytes ? { type: 'photo', key, data: '' } : { type: 'problem', key, inspectionKey: 'i', categoryId: 1, description: '乱停车', beforePhotoKeys: [] },
    ...(bytes ? { blob: new Blob([new Uint8Array(bytes)]) } : {}),
  };
};
const keys = (bs: QueueRecord[][]) => bs.flat().map((r) => r.key);

describe('phone queue batches', () => {
  it('keeps the order and every item, and stays under the item limit', () => {
    const rs = Array.from({ length: SYNC_MAX_ITEMS * 2 + 7 }, () => rec());
    const bs = batches(rs);
    expect(bs.map((b) => b.length)).toEqual([SYNC_MAX_ITEMS, SYNC_MAX_ITEMS, 7]);
    expect(keys(bs)).toEqual(rs.map((r) => r.key));
  });

  it('counts photos at their base64 size and stays under the byte limit', () => {
    const rs = [rec(), rec(400_000), rec(), rec(400_000), rec(400_000), rec()];
    const bs = batches(rs, 1_000_000);
    // 400 KB is ~533 KB in base64, so two photos do not fit under 1 MB (their raw 800 KB would).
    expect(bs.map((b) => b.map((r) => r.key))).toEqual([[rs[0].key, rs[1].key, rs[2].key], [rs[3].key], [rs[4].key, rs[5].key]]);
    expect(keys(bs)).toEqual(rs.map((r) => r.key));
  });

  it('sends an item larger than the limit alone rather than never', () => {
    const rs = [rec(), rec(2_000_000), rec()];
    const bs = batches(rs, 1_000_000);
    expect(bs.map((b) => b.length)).toEqual([1, 1, 1]);
    expect(batches([], 1_000_000)).toEqual([]);
  });
});

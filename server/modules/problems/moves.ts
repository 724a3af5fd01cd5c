// A workflow move sent from the phone's offline queue (issue 14): the phone
// may send it again when an answer was lost, so each move carries the phone's
// key, kept with the move's history row (transition's clientKey). A key
// already used on the problem by this person answers the first move again
// ('replayed', its state and version) and moves nothing; the move itself is
// transition()'s, so a problem changed meanwhile (its version) answers
// CONFLICT for this move alone.
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../../domain/permissions.ts';
import type { PhoneAction } from '../../../domain/inspections/sync.ts';
import { transition } from './transition.ts';
import * as repo from './problems.repository.ts';

export interface KeyedMove {
  problemId: number;
  action: PhoneAction;
  version: number;
  note?: string | null;
  photoIds?: number[];
  clientKey: string;
}
export interface KeyedMoveResult {
  id: number;
  state: string;
  version: number;
  replayed: boolean;
}

export async function moveOnce(db: Db, actor: Actor, m: KeyedMove): Promise<KeyedMoveResult> {
  // A move with this key is the move the phone sent before: its answer was
  // version + 1 (transition's compare-and-set took exactly that version).
  const replay = async () => {
    const ev = await repo.eventByClientKey(db, m.problemId, actor.personId, m.clientKey);
    return ev ? { id: m.problemId, state: ev.to_state, version: m.version + 1, replayed: true } : null;
  };
  const before = await replay();
  if (before) return before;
  try {
    const r = await transition(
      db,
      actor,
      m.problemId,
      m.action,
      { version: m.version, note: m.note ?? null, photoIds: m.photoIds },
      { clientKey: m.clientKey },
    );
    return { ...r, replayed: false };
  } catch (e) {
    // Sent twice at once: the other request made the move (and this one lost the compare-and-set).
    if (e instanceof AppError && e.code === 'CONFLICT') {
      const again = await replay();
      if (again) return again;
    }
    // Recalled or re-dispatched meanwhile, the problem has left the person's scope: say so in words that
    // fit a problem that never existed just as well (nothing is told about problems one cannot see).
    if (e instanceof AppError && e.code === 'NOT_FOUND')
      throw new AppError('NOT_FOUND', '该问题已不再派给您（可能已被撤回或改派给其他单位），或不存在，无需处理');
    throw e;
  }
}

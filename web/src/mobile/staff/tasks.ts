// Rectification on the phone (community cadres and unit liaisons): the
// queue of problems dispatched to them and the moves they take, which go into
// the same offline queue as patrols (queue.ts → POST /api/inspections/sync,
// items of type 'action'). A move is kept on the phone first, and the pages
// show the problem as it will be once the moves still waiting are sent
// (afterMoves), so a cadre may accept and then submit with no network; the
// server's answer takes over once the queue is sent.
import { useEffect, useState } from 'react';
import type { Problem, ProblemList, ProblemListItem } from '../../../../domain/api/problems.ts';
import type { PhoneAction, SyncAction } from '../../../../domain/inspections/sync.ts';
import { PROBLEM_STATE_LABELS } from '../../../../domain/problems/vocab.ts';
import { newKey, type Me } from './api.ts';
import type { QueueRecord } from './idb.ts';
import { enqueue, listQueue, type NewRecord } from './queue.ts';
import type { LocalPhoto } from './ui.tsx';

export type { Problem, ProblemList, ProblemListItem };

/** The assignee's queue: dispatched to their unit or community, 待接收 and 整改中 (返工 among them), earliest deadline first. */
export const TASKS_PATH = '/problems?assigned=1&state=dispatched,rectifying&sort=due&limit=200';
export const taskPath = (id: number) => `/problems/${id}`;
export const taskCacheName = (id: number) => `problem:${id}`;

/** Does this person rectify problems (their home is the queue), and do they patrol too? */
export const rectifies = (me: Me) => me.roles.some((r) => r.role === 'community_staff' || r.role === 'unit_liaison');
export const patrols = (me: Me) => (me.can ? me.can['inspection.record'] : !rectifies(me));

export const ACTION_WORDS: Record<PhoneAction, string> = { accept: '接收', return: '退回', submit: '提交整改' };

export type MoveRecord = QueueRecord & { item: SyncAction };

/** The moves of this person still on the phone (waiting or refused), by problem, in the order they were made. */
export async function pendingMoves(personId: number): Promise<Map<number, MoveRecord[]>> {
  const out = new Map<number, MoveRecord[]>();
  for (const r of await listQueue().catch(() => [] as QueueRecord[])) {
    if (r.personId !== personId || r.item.type !== 'action') continue;
    const list = out.get(r.item.problemId) ?? [];
    list.push(r as MoveRecord);
    out.set(r.item.problemId, list);
  }
  return out;
}

const NEXT_STATE: Record<PhoneAction, Problem['state']> = { accept: 'rectifying', return: 'filed', submit: 'rectified' };

/** Queue a move (with its after-photos first), and move the remembered copy of the problem and of the queue. */
export async function queueMove(p: Problem, action: PhoneAction, note: string | null, photos: LocalPhoto[] = []): Promise<void> {
  const key = newKey();
  const item: SyncAction = { type: 'action', key, problemId: p.id, action, version: p.version, note, photoKeys: photos.map((x) => x.key) };
  const records: NewRecord[] = [
    ...photos.map(
      (x, i): NewRecord => ({
        key: x.key,
        blob: x.blob,
        label: `整改后照片 · ${p.code}-${i + 1}`,
        item: { type: 'photo', key: x.key, data: '', name: `${x.key}.jpg` },
      }),
    ),
    { key, item, label: `${ACTION_WORDS[action]} · ${p.category.name} · ${p.code}` },
  ];
  await enqueue(records);
}

/**
 * The problem as it will be once a move still waiting on the phone is sent
 * (the move was made on this very version; otherwise the server's copy wins).
 */
export function afterMove(p: Problem, m: SyncAction | undefined): Problem {
  if (!m || m.version !== p.version) return p;
  const to = NEXT_STATE[m.action];
  const actions: Problem['can']['actions'] =
    to === 'rectifying'
      ? [
          { action: 'return', label: '退回' },
          { action: 'submit', label: '提交整改' },
        ]
      : [];
  return { ...p, state: to, stateLabel: PROBLEM_STATE_LABELS[to], version: p.version + 1, can: { ...p.can, actions } };
}

/** The problem once every move still waiting on the phone is sent (accepted offline, then submitted). */
export const afterMoves = (p: Problem, moves: MoveRecord[] = []) => moves.filter((m) => m.state === 'waiting').reduce((x, m) => afterMove(x, m.item), p);

/** The queue's three sections. */
export function sections(items: ProblemListItem[]) {
  return {
    toAccept: items.filter((p) => p.state === 'dispatched'),
    rework: items.filter((p) => p.state === 'rectifying' && p.reworkCount > 0),
    rectifying: items.filter((p) => p.state === 'rectifying' && p.reworkCount === 0),
  };
}

/**
 * The moves this person's phone still holds, per problem, read again whenever
 * the queue's counts change (a move sent, refused or given up); null until read.
 */
export function usePendingMoves(personId: number | null, queue: { waiting: number; failed: number }) {
  const [pending, setPending] = useState<Map<number, MoveRecord[]> | null>(null);
  useEffect(() => {
    if (personId === null) return;
    let live = true;
    void pendingMoves(personId).then((m) => {
      if (live) setPending(m);
    });
    return () => {
      live = false;
    };
  }, [personId, queue.waiting, queue.failed]);
  return pending;
}

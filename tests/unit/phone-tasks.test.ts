// Rectification on the phone (web/src/mobile/staff/tasks.ts): the queue's
// sections, and the problem as it will be once the moves still waiting on
// the phone are sent — so a cadre can accept offline and then submit, and a
// move made on a version the server has since left shows the server's state.
import { describe, expect, it } from 'vitest';
import { afterMoves, rectifies, patrols, sections, type MoveRecord, type Problem, type ProblemListItem } from '../../web/src/mobile/staff/tasks.ts';
import type { PhoneAction } from '../../domain/inspections/sync.ts';

const problem = (over: Partial<Problem> = {}) =>
  ({
    id: 7,
    code: 'P7',
    state: 'dispatched',
    stateLabel: '待接收',
    version: 3,
    can: {
      actions: [
        { action: 'accept', label: '接收' },
        { action: 'return', label: '退回' },
      ],
      requestExtension: false,
      decideExtension: false,
      plan: false,
    },
    ...over,
  }) as Problem;
let seq = 0;
const move = (action: PhoneAction, version: number, state: 'waiting' | 'failed' = 'waiting'): MoveRecord => ({
  seq: ++seq,
  key: `m${seq}`,
  personId: 1,
  personName: '李建新',
  label: action,
  state,
  queuedAt: 0,
  attempts: 0,
  item: { type: 'action', key: `m${seq}`, problemId: 7, action, version },
});

describe('the phone’s view of a problem with moves still waiting', () => {
  it('accepted offline: 整改中 at the next version, with 提交整改 and 退回 offered', () => {
    const p = afterMoves(problem(), [move('accept', 3)]);
    expect(p).toMatchObject({ state: 'rectifying', stateLabel: '整改中', version: 4 });
    expect(p.can.actions.map((a) => a.action).sort()).toEqual(['return', 'submit']);
  });
  it('accepted then submitted offline: 待核查, nothing more to do', () => {
    const p = afterMoves(problem(), [move('accept', 3), move('submit', 4)]);
    expect(p).toMatchObject({ state: 'rectified', version: 5, can: { actions: [] } });
  });
  it('a move on a version the server has left, or one the server refused, changes nothing', () => {
    expect(afterMoves(problem({ version: 5 }), [move('accept', 3)])).toMatchObject({ state: 'dispatched', version: 5 });
    expect(afterMoves(problem(), [move('accept', 3, 'failed')])).toMatchObject({ state: 'dispatched', version: 3 });
  });
});

describe('the queue and the home screen', () => {
  it('splits 待接收, 返工 (rectifying after a failed verification) and 整改中', () => {
    const items = [
      { id: 1, state: 'dispatched', reworkCount: 0 },
      { id: 2, state: 'rectifying', reworkCount: 1 },
      { id: 3, state: 'rectifying', reworkCount: 0 },
    ] as ProblemListItem[];
    const s = sections(items);
    expect([s.toAccept, s.rework, s.rectifying].map((x) => x.map((p) => p.id))).toEqual([[1], [2], [3]]);
  });
  it('lands a cadre or a liaison on the queue, a street chief on today’s patrols', () => {
    const me = (role: string, record: boolean) =>
      ({
        user: { id: 1, name: 'x', title: null, regionName: null },
        roles: [{ role, roleLabel: '', scopeRegionName: null }],
        can: { 'inspection.record': record },
      }) as never;
    expect([rectifies(me('unit_liaison', false)), patrols(me('unit_liaison', false))]).toEqual([true, false]);
    expect([rectifies(me('community_staff', true)), patrols(me('community_staff', true))]).toEqual([true, true]);
    expect([rectifies(me('street_chief', true)), patrols(me('street_chief', true))]).toEqual([false, true]);
  });
});

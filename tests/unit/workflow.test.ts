// Every legal and every illegal move of the problem workflow.
import { describe, expect, it } from 'vitest';
import { actionsFrom, findTransition, PROBLEM_ACTIONS, TRANSITIONS, type Party } from '../../domain/problems/workflow.ts';
import { PROBLEM_STATES, TERMINAL_STATES } from '../../domain/problems/vocab.ts';

const LEGAL: Record<string, string> = {
  'reported:file': 'filed',
  'reported:reject': 'rejected',
  'reported:merge': 'merged',
  'filed:merge': 'merged',
  'filed:dispatch': 'dispatched',
  'dispatched:accept': 'rectifying',
  'dispatched:recall': 'filed',
  'rectifying:recall': 'filed',
  'dispatched:redispatch': 'dispatched',
  'rectifying:redispatch': 'dispatched',
  'dispatched:return': 'filed',
  'rectifying:return': 'filed',
  'rectifying:submit': 'rectified',
  'rectified:verify_pass': 'closed',
  'rectified:verify_fail': 'rectifying',
  'reported:close_on_spot': 'closed',
};

describe('problem workflow table', () => {
  for (const state of PROBLEM_STATES) {
    for (const action of PROBLEM_ACTIONS) {
      const key = `${state}:${action}`;
      const expected = LEGAL[key];
      it(`${key} → ${expected ?? 'refused'}`, () => {
        const t = findTransition(state, action);
        if (expected) expect(t?.to).toBe(expected);
        else expect(t).toBeUndefined();
      });
    }
  }

  it('never offers the intake-only close_on_spot as a button, even to its reporter', () => {
    expect(actionsFrom('reported', new Set<Party>(['office', 'assignee', 'verifier', 'reporter'])).sort()).toEqual(['file', 'merge', 'reject']);
  });

  it('has no move out of a terminal state', () => {
    for (const s of TERMINAL_STATES) expect(actionsFrom(s, new Set<Party>(['office', 'assignee', 'verifier']))).toEqual([]);
  });

  it('gives each move to exactly one party, and the party sees only its moves', () => {
    expect(actionsFrom('dispatched', new Set<Party>(['assignee'])).sort()).toEqual(['accept', 'return']);
    expect(actionsFrom('dispatched', new Set<Party>(['office'])).sort()).toEqual(['recall', 'redispatch']);
    expect(actionsFrom('rectified', new Set<Party>(['assignee']))).toEqual([]);
    expect(actionsFrom('rectified', new Set<Party>(['verifier'])).sort()).toEqual(['verify_fail', 'verify_pass']);
    expect(actionsFrom('reported', new Set<Party>(['office'])).sort()).toEqual(['file', 'merge', 'reject']);
  });

  it('requires a note to return or to fail verification, and an after-photo to submit', () => {
    expect(findTransition('rectifying', 'submit')?.needs).toEqual(expect.arrayContaining(['note', 'afterPhoto']));
    expect(findTransition('rectified', 'verify_fail')?.needs).toContain('note');
    expect(findTransition('dispatched', 'return')?.needs).toContain('note');
    expect(findTransition('reported', 'reject')?.needs).toContain('reason');
  });

  it('lists each transition once', () => {
    const keys = TRANSITIONS.flatMap((t) => t.from.map((f) => `${f}:${t.action}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(Object.keys(LEGAL).length);
  });
});

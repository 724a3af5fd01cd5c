// What a problem's move opens and closes in the inbox (待办), called by
// transition() inside the move's transaction, so the items follow the state:
// 待接收 for the unit while dispatched, 退回待改派 for the office after a
// return, 待核查 for the office while rectified, 待回头看 once closed (until
// the reinspection is recorded), 延期申请待审批 while an extension waits.
// The moves already notify the same people, so opening here does not again.
import type { Tx } from '../../db/pool.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { problemItemTitle, type InboxKind } from '../../../domain/inbox.ts';
import type { ProblemAction } from '../../../domain/problems/workflow.ts';
import { closeItems, openItem } from '../inbox/index.ts';
import type { ProblemRow } from './problems.repository.ts';

export interface MoveFacts {
  unitId?: number | null;
  unitName?: string | null;
  reinspectDue?: string | null;
  note?: string | null;
}

const office = (p: ProblemRow) => ({ role: 'office_staff', regionCode: p.town_code });
const title = (kind: InboxKind, p: ProblemRow, unitName?: string | null) => problemItemTitle(kind, { code: p.code, categoryName: p.category_name, unitName });

export async function problemMoved(tx: Tx, actor: Actor, p: ProblemRow, action: ProblemAction, m: MoveFacts) {
  const close = (kinds: InboxKind[], state: 'done' | 'cancelled' = 'done', note: string | null = null) => closeItems(tx, actor, p.id, kinds, state, note);
  const open = (kind: InboxKind, owner: Parameters<typeof openItem>[1]['owner'], dueDate?: string | null) =>
    openItem(tx, { kind, regionCode: p.region_code, owner, subjectId: p.id, title: title(kind, p, m.unitName ?? p.unit_name), dueDate, notify: false });
  switch (action) {
    case 'dispatch':
      await close(['problem_returned']);
      await open('problem_accept', { unitId: m.unitId! });
      break;
    case 'redispatch':
      await close(['problem_accept', 'extension_request'], 'cancelled', `已改派：${m.note ?? ''}`);
      await open('problem_accept', { unitId: m.unitId! });
      break;
    case 'recall':
      await close(['problem_accept', 'extension_request'], 'cancelled', `已撤回：${m.note ?? ''}`);
      break;
    case 'accept':
      await close(['problem_accept']);
      break;
    case 'return':
      await close(['problem_accept']);
      await close(['extension_request'], 'cancelled', '问题已退回');
      await open('problem_returned', office(p));
      break;
    case 'reject':
    case 'merge':
      await close(['problem_returned'], 'cancelled', action === 'merge' ? '已合并到原问题' : '不予立案');
      break;
    case 'submit':
      await open('problem_verify', office(p));
      break;
    case 'verify_fail':
      await close(['problem_verify']);
      break;
    case 'verify_pass':
    case 'close_on_spot':
      await close(['problem_verify']);
      await open('problem_reinspect', office(p), m.reinspectDue ?? null);
      break;
    case 'file':
      break;
  }
}

/** An extension request waits for the office; a decision closes it. */
export async function extensionRequested(tx: Tx, p: ProblemRow, days: number) {
  await openItem(tx, {
    kind: 'extension_request',
    regionCode: p.region_code,
    owner: office(p),
    subjectId: p.id,
    notify: false,
    title: problemItemTitle('extension_request', { code: p.code, categoryName: p.category_name, days }),
  });
}
export async function extensionDecided(tx: Tx, actor: Actor, problemId: number, approved: boolean) {
  await closeItems(tx, actor, problemId, ['extension_request'], 'done', approved ? '已批准' : '未批准');
}

/** A 回头看 recorded (passed or recurred) closes its item. */
export async function reinspectionRecorded(tx: Tx, actor: Actor, problemId: number) {
  await closeItems(tx, actor, problemId, ['problem_reinspect']);
}

// Rows of an imported problem list that carry a 问题编号: an edit of that
// problem, not a new one (rows without a code are created by excel.import.ts).
//
// What a row may change, where the caller may:
//   问题描述, 问题类别                 in any open state;
//   所在社区, 整改层级, 点位, 地址     only before dispatch (待立案, 待派遣);
//   nothing once the problem is closed, rejected or merged.
// Who may: the town office of the problem's community; a reporter their own
// report while it waits to be filed.
// 状态, 责任单位 and 整改期限 (and 来源, 来源编号) are never changed by import:
// a row whose value there differs from the problem's is refused with the way
// to do it (a workflow action, an extension). A blank cell leaves its field
// as it is; columns the export computes (是否超期, 返工次数, 上报时间 ...) are
// not read.
//
// Every row names the 版本 it was exported at. The problems are locked
// (FOR UPDATE, id order) in the import's transaction and the versions checked
// under the lock, so an import and a workflow move on one problem never both
// win: a row whose problem has moved on since the export and that differs
// from the problem as it is now is stale (409 for the whole file); a stale row
// identical to the problem changes nothing and passes.
import type { Tx } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import {
  PROBLEM_STATE_LABELS,
  SOURCE_LABELS,
  TERMINAL_STATES,
  TIER_LABELS,
  type ProblemState,
  type Source,
  type Tier,
} from '../../../domain/problems/vocab.ts';
import { problemScope } from './parties.ts';
import * as repo from './problems.repository.ts';
import { categoryKeys, matchCategory, matchPlace, matchRegion, matchTier, SOURCE_BY_TEXT, TIER_BY_TEXT, type Refs } from './excel.refs.ts';
import type { ImportError } from '../../platform/xlsx-import.ts';

export const CODE_COLUMN = '问题编号';
export const VERSION_COLUMN = '版本';

export interface EditRow {
  row: number;
  values: Record<string, string>;
}

/** States before dispatch: where the community, tier, place and address may still change. */
const BEFORE_DISPATCH: ProblemState[] = ['reported', 'filed'];

/** One field a row changes: the column, the database field with its old and new value, and both as the sheet shows them. */
interface Change {
  column: string;
  field: string;
  old: unknown;
  value: unknown;
  from: string | null;
  to: string | null;
}

export interface PlannedEdit {
  row: number;
  p: repo.ProblemRow;
  set: Record<string, unknown>;
  changes: Change[];
}

export interface EditPlan {
  edits: PlannedEdit[];
  errors: ImportError[];
  /** Rows refused because their problem moved on since the export. */
  stale: number[];
  unchanged: number;
}

/** A date as a sheet may hold it: 2026-12-09, 2026/12/9, 2026-12-9. */
function dateText(s: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : s;
}

/**
 * Columns import never writes: a value differing from the problem's is
 * refused, saying how it changes instead. Blank cells are not compared.
 */
function fixedColumns(p: repo.ProblemRow, v: Record<string, string>): { column: string; message: string }[] {
  const out: { column: string; message: string }[] = [];
  const cell = (c: string) => (v[c] ?? '').trim();
  const state = cell('状态');
  if (state && state !== p.state && state !== PROBLEM_STATE_LABELS[p.state as ProblemState]) {
    out.push({
      column: '状态',
      message: `状态不能通过导入修改（现为“${PROBLEM_STATE_LABELS[p.state as ProblemState]}”），请在问题页办理立案、派遣、核查等操作`,
    });
  }
  const unit = cell('责任单位');
  if (unit && unit !== (p.unit_name ?? '')) {
    out.push({ column: '责任单位', message: `责任单位不能通过导入修改（${p.unit_name ? `现为“${p.unit_name}”` : '尚未派遣'}），请通过派遣或退回办理` });
  }
  const due = cell('整改期限');
  if (due && dateText(due) !== (p.due_date ?? '')) {
    out.push({ column: '整改期限', message: `整改期限不能通过导入修改（${p.due_date ? `现为 ${p.due_date}` : '尚未派遣'}），如需延长请由责任单位申请延期` });
  }
  const source = cell('来源');
  if (source && SOURCE_BY_TEXT.get(source) !== p.source) {
    out.push({ column: '来源', message: `来源不能通过导入修改（现为“${SOURCE_LABELS[p.source as Source] ?? p.source}”）` });
  }
  const ref = cell('来源编号');
  if (ref && ref !== (p.source_ref ?? '')) out.push({ column: '来源编号', message: `来源编号不能通过导入修改（现为“${p.source_ref ?? '空'}”）` });
  return out;
}

/** The fields a row changes (with the reasons of cells that name nothing valid). */
function changesOf(p: repo.ProblemRow, v: Record<string, string>, refs: Refs) {
  const invalid: { column: string; message: string }[] = [];
  const err = (column: string, message: string) => invalid.push({ column, message });
  const changes: Change[] = [];
  const set: Record<string, unknown> = {};
  const change = (column: string, field: string, old: unknown, value: unknown, from = old as string | null, to = value as string | null) => {
    changes.push({ column, field, old, value, from, to });
    set[field] = value;
  };
  const cell = (c: string) => (v[c] ?? '').trim();

  const description = cell('问题描述');
  if (description && description !== p.description) {
    if (description.length < 2) err('问题描述', '请描述问题（至少 2 个字）');
    else if (description.length > 2000) err('问题描述', '问题描述最多 2000 个字');
    else change('问题描述', 'description', p.description, description);
  }
  const catText = cell('问题类别');
  if (catText && !categoryKeys({ code: p.category_code, name: p.category_name }).has(catText)) {
    const c = matchCategory(refs, catText, err);
    if (c && c.id !== p.category_id) change('问题类别', 'category_id', p.category_id, c.id, p.category_name, c.name);
  }
  const tierText = cell('整改层级');
  if (tierText && TIER_BY_TEXT.get(tierText) !== p.tier) {
    const t = matchTier(tierText, err);
    if (t) change('整改层级', 'tier', p.tier, t, TIER_LABELS[p.tier as Tier], TIER_LABELS[t]);
  }
  const regText = cell('所在社区');
  let regionCode = p.region_code;
  if (regText && regText !== p.region_name && regText !== p.region_code) {
    const rc = matchRegion(refs, regText, err);
    if (rc && rc !== p.region_code) {
      regionCode = rc;
      change('所在社区', 'region_code', p.region_code, rc, p.region_name ?? p.region_code, regText);
      set.town_code = rc.slice(0, 9);
      set.grid_code = rc.length === 15 ? rc : null;
    }
  }
  // A place belongs to its community: moving the problem re-reads 点位 in the new one (blank: no place).
  const placeText = cell('点位');
  const moved = regionCode !== p.region_code;
  if (moved || (placeText && placeText !== (p.place_name ?? ''))) {
    const placeId = placeText ? (matchPlace(refs, placeText, regionCode, regText || (p.region_name ?? regionCode), err) ?? null) : null;
    if ((!placeText || placeId) && placeId !== p.place_id) change('点位', 'place_id', p.place_id, placeId, p.place_name, placeText || null);
  }
  const address = cell('地址');
  if (address && address !== (p.address ?? '')) {
    if (address.length > 200) err('地址', '地址最多 200 个字');
    else change('地址', 'address', p.address, address);
  }
  return { changes, set, invalid };
}

/** Why this caller may not make these changes to this problem, per column; empty when they may. */
function refusals(actor: Actor, p: repo.ProblemRow, changes: Change[], newRegion: string): { column: string; message: string }[] {
  const state = p.state as ProblemState;
  if (TERMINAL_STATES.includes(state)) {
    return [{ column: changes[0].column, message: `问题状态为“${PROBLEM_STATE_LABELS[state]}”，已办结，不能再修改` }];
  }
  const office = can(actor, 'problem.office', { regionCode: p.region_code }) && can(actor, 'problem.office', { regionCode: newRegion });
  const ownReport = p.reporter_id === actor.personId && state === 'reported';
  if (!office && !ownReport) {
    return [{ column: CODE_COLUMN, message: '您不能修改该问题：已立案的问题由镇创城办修改，上报人只能在立案前修改自己上报的问题' }];
  }
  if (BEFORE_DISPATCH.includes(state)) return [];
  return changes
    .filter((c) => ['所在社区', '整改层级', '点位', '地址'].includes(c.column))
    .map((c) => ({ column: c.column, message: `问题已派遣（现为“${PROBLEM_STATE_LABELS[state]}”），${c.column}只能在派遣前修改；问题描述和问题类别可以修改` }));
}

/**
 * Read the rows' problems under lock and decide each row: an edit, nothing to
 * do, or refused with its reason. Writes nothing.
 */
export async function planEdits(tx: Tx, actor: Actor, rows: EditRow[], refs: Refs): Promise<EditPlan> {
  const plan: EditPlan = { edits: [], errors: [], stale: [], unchanged: 0 };
  // Only what could be a code goes to the database (a cell may hold anything).
  const codes = [...new Set(rows.map((r) => r.values[CODE_COLUMN].trim()))].filter((c) => /^[0-9A-Za-z-]{1,40}$/.test(c));
  const byCode = new Map((await repo.lockByCodes(tx, codes, problemScope(actor))).map((p) => [p.code, p]));
  const firstRow = new Map<string, number>();
  for (const { row, values: v } of rows) {
    const err = (column: string, message: string) => plan.errors.push({ row, column, message });
    const code = v[CODE_COLUMN].trim();
    if (firstRow.has(code)) {
      err(CODE_COLUMN, `与第 ${firstRow.get(code)} 行是同一个问题，一个问题只能占一行`);
      continue;
    }
    firstRow.set(code, row);
    const p = byCode.get(code);
    if (!p) {
      err(CODE_COLUMN, `问题编号“${code.length > 40 ? `${code.slice(0, 40)}…` : code}”不存在或不在您的管辖范围内`);
      continue;
    }
    const version = (v[VERSION_COLUMN] ?? '').trim();
    if (!/^\d{1,9}$/.test(version)) {
      err(VERSION_COLUMN, '缺少版本号：请在本系统导出的问题清单上修改后导入，不要删除隐藏的“版本”列');
      continue;
    }
    const fixed = fixedColumns(p, v);
    const { changes, set, invalid } = changesOf(p, v, refs);
    const differs = fixed.length + changes.length + invalid.length > 0;
    if (Number(version) !== p.version) {
      if (!differs) {
        plan.unchanged++;
        continue;
      }
      plan.stale.push(row);
      err(VERSION_COLUMN, `问题 ${p.code} 在导出后已有变动（导出时为第 ${version} 版，现为第 ${p.version} 版），请重新导出后再修改`);
      continue;
    }
    for (const e of [...fixed, ...invalid]) err(e.column, e.message);
    if (fixed.length || invalid.length) continue;
    if (!changes.length) {
      plan.unchanged++;
      continue;
    }
    const refused = refusals(actor, p, changes, (set.region_code as string | undefined) ?? p.region_code);
    for (const e of refused) err(e.column, e.message);
    if (!refused.length) plan.edits.push({ row, p, set, changes });
  }
  return plan;
}

/** Write the planned edits (the rows are locked and their versions checked): problem, history and audit per row. */
export async function applyEdits(tx: Tx, actor: Actor, edits: PlannedEdit[]) {
  const out: { row: number; id: number; code: string; version: number }[] = [];
  for (const { row, p, set, changes } of edits) {
    if (!(await repo.updateProblem(tx, p.id, p.version, set)))
      throw new AppError('CONFLICT', `第 ${row} 行：问题 ${p.code} 刚被他人修改，整个文件未导入，请重新导出后再修改`);
    await repo.insertEvent(tx, {
      problemId: p.id,
      actorId: actor.personId,
      actorName: actor.name,
      action: 'edit',
      fromState: p.state,
      toState: p.state,
      note: `Excel 导入修改：${changes.map((c) => c.column).join('、')}`,
      data: { imported: true, row, changes: changes.map((c) => ({ column: c.column, from: c.from, to: c.to })) },
    });
    const before = Object.fromEntries(changes.map((c) => [c.field, c.old]));
    await audit(tx, {
      actor,
      action: 'problem.import_edit',
      entity: 'problem',
      entityId: p.id,
      regionCode: (set.region_code as string | undefined) ?? p.region_code,
      before: { ...before, version: p.version },
      after: { ...set, version: p.version + 1, row },
    });
    out.push({ row, id: p.id, code: p.code, version: p.version + 1 });
  }
  return out;
}

export type { ImportError };

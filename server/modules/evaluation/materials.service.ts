// The departments' materials for the 材料审核 standards (issue 20 item 3):
// a responsible unit submits a file of the file store (content-sniffed there:
// executables, archives, macro-enabled Office files and files that are not
// what their name says are refused at upload) or names a record of this
// system as evidence; each must be dated in the cycle's window. The office
// reviews each once (accept, or return with a comment; a second decision is a
// 409). The unit's inbox item stays open while a required kind has nothing
// submitted or accepted; each submission waits in the office's inbox.
import type { Db, Tx } from '../../db/pool.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import {
  completeness,
  inWindow,
  missingSlots,
  materialWindow,
  MATERIAL_KIND_LABELS,
  type EvidenceType,
  type MaterialKind,
} from '../../../domain/evaluation.ts';
import { FIGURE_IDS } from '../../../domain/figures.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { idCursor, pageOf } from '../../platform/cursor.ts';
import { todayChina } from '../calendar/index.ts';
import { attach } from '../files/index.ts';
import { closeItems, openItem } from '../inbox/index.ts';
import * as repo from './materials.repository.ts';
import { cycleOf, openAssignmentItem } from './cycles.service.ts';
import { liaisonUnits, townOf } from './systems.service.ts';

const EVIDENCE_LINKS: Record<EvidenceType, (id: number | null, ref: string | null) => string | null> = {
  meeting: (id) => `/meetings/${id}`,
  activity: (id) => `/activities/${id}`,
  notice: (id) => `/notices/${id}`,
  campaign: (id) => `/campaigns/${id}`,
  figure: () => null,
};

export function materialView(m: repo.MaterialRow) {
  const { fileKind: _fk, fileId: _fi, fileName: _fn, evidenceType: _et, evidenceId: _ei, evidenceRef: _er, townCode: _t, cycleId: _c, ...rest } = m;
  return {
    ...rest,
    kind: m.kind as MaterialKind,
    file: m.fileId ? { kind: m.fileKind!, id: m.fileId, name: m.fileName } : null,
    evidence: m.evidenceType
      ? {
          type: m.evidenceType as EvidenceType,
          id: m.evidenceId,
          ref: m.evidenceRef,
          link: EVIDENCE_LINKS[m.evidenceType as EvidenceType](m.evidenceId, m.evidenceRef),
        }
      : null,
  };
}

/** The units whose assignments the actor sees in the town: null for all (the office, leaders, the county), else a liaison's. */
export function unitsSeen(actor: Actor): number[] | null {
  const u = liaisonUnits(actor);
  return u === 'all' ? null : u;
}

async function visibleAssignment(db: Db | Tx, actor: Actor, id: number) {
  const a = await repo.assignmentById(db, id);
  const units = unitsSeen(actor);
  if (!a || !can(actor, 'evaluation.read', { regionCode: a.townCode }) || (units && !units.includes(a.unitId)))
    throw new AppError('NOT_FOUND', '该测评材料任务不存在');
  townOf(actor, a.townCode, 'evaluation.read');
  return a;
}

/** Who may open a material's file: whoever sees its assignment (the file store asks). */
export async function materialVisible(db: Db, actor: Actor, id: number): Promise<boolean> {
  const m = await repo.material(db, id);
  if (!m) return false;
  try {
    await visibleAssignment(db, actor, m.assignmentId);
    return true;
  } catch {
    return false;
  }
}

async function assignmentViews(db: Db, actor: Actor, rows: repo.AssignmentRow[]) {
  const materials = await repo.materialsOf(
    db,
    rows.map((a) => a.id),
  );
  const cycleIds = [...new Set(rows.map((a) => a.cycleId))];
  const shares = new Map<number, { required: number; accepted: number; rate: number; missing: string[] }>();
  for (const cid of cycleIds) {
    const nodeIds = [...new Set(rows.filter((a) => a.cycleId === cid).map((a) => a.nodeId))];
    const c = await completenessInputs(db, cid, nodeIds);
    for (const [k, v] of c.perStandard) shares.set(k, v);
  }
  const today = todayChina();
  return rows.map((a) => ({
    ...a,
    kinds: a.kinds as MaterialKind[],
    overdue: today > a.deadline && (shares.get(a.nodeId)?.missing.length ?? 0) > 0,
    standard: shares.get(a.nodeId) ?? { required: 0, accepted: 0, rate: 1, missing: [] },
    materials: materials.filter((m) => m.assignmentId === a.id).map(materialView),
    can: {
      submit: canSubmit(actor, a),
      review: can(actor, 'evaluation.manage', { regionCode: a.townCode }),
    },
  }));
}

function canSubmit(actor: Actor, a: { townCode: string; unitId: number }) {
  if (!can(actor, 'evaluation.submit', { regionCode: a.townCode })) return false;
  const units = liaisonUnits(actor);
  return units === 'all' ? can(actor, 'evaluation.manage', { regionCode: a.townCode }) : units.includes(a.unitId);
}

export async function listAssignments(db: Db, actor: Actor, f: { cycle: number; unitId?: number; cursor?: string; limit: number }) {
  await cycleOf(db, actor, f.cycle);
  const rows = await repo.assignments(db, {
    cycleId: f.cycle,
    units: unitsSeen(actor),
    unitId: f.unitId,
    after: f.cursor ? idCursor.decode(f.cursor) : undefined,
    limit: f.limit + 1,
  });
  const p = pageOf(rows, f.limit, (last) => idCursor.encode(last.id));
  return { items: await assignmentViews(db, actor, p.items), nextCursor: p.nextCursor };
}

export async function getAssignment(db: Db, actor: Actor, id: number) {
  const a = await visibleAssignment(db, actor, id);
  return (await assignmentViews(db, actor, [a]))[0];
}

export interface SubmitInput {
  kind: MaterialKind;
  title: string;
  dated?: string | null;
  fileId?: number | null;
  photoId?: number | null;
  evidence?: { type: EvidenceType; id?: number | null; ref?: string | null } | null;
}

export async function submit(db: Db, actor: Actor, assignmentId: number, body: SubmitInput) {
  const a = await visibleAssignment(db, actor, assignmentId);
  if (!canSubmit(actor, a)) throw new AppError('FORBIDDEN', '只有该标准的责任单位（或创城办）可以报送材料');
  if (a.kinds.length && !a.kinds.includes(body.kind))
    throw fieldError('body.kind', `该标准需要的材料类型为：${a.kinds.map((k) => MATERIAL_KIND_LABELS[k as MaterialKind]).join('、')}`);
  const sources = [body.fileId, body.photoId, body.evidence].filter((x) => x != null).length;
  if (sources !== 1) throw fieldError('body.fileId', '请上传一个文件或照片，或选择一条本系统的记录作为佐证（三者选一）');
  if (body.photoId && body.kind !== 'photo') throw fieldError('body.photoId', '照片只能作为“实景图片”报送；其他材料请上传 PDF、Word 或 Excel 文件');
  let dated = body.dated ?? null;
  let evidenceId: number | null = null;
  let evidenceRef: string | null = null;
  if (body.evidence) {
    const ev = body.evidence;
    if (ev.type === 'figure') {
      if (!ev.ref || !(FIGURE_IDS as string[]).includes(ev.ref)) throw fieldError('body.evidence.ref', '请选择数字登记簿中的一个数字');
      evidenceRef = ev.ref;
    } else {
      if (!ev.id) throw fieldError('body.evidence.id', '请选择作为佐证的记录');
      const rec = await repo.evidenceRecord(db, ev.type, ev.id, a.townCode);
      if (!rec) throw fieldError('body.evidence.id', '该记录不存在或不属于本镇');
      evidenceId = ev.id;
      dated = rec.day;
    }
  }
  if (!dated) throw fieldError('body.dated', '请填写材料日期（成文或拍摄日期）');
  if (!inWindow(dated, a.testMonth)) {
    const w = materialWindow(a.testMonth);
    throw fieldError(
      body.evidence && body.evidence.type !== 'figure' ? 'body.evidence.id' : 'body.dated',
      `材料日期 ${dated} 不在有效期内：只计 ${w.from} 至 ${w.to}（假定测评月前 12 个月）的材料`,
    );
  }
  const id = await db.transaction(async (tx) => {
    const id = await repo.insertMaterial(tx, {
      assignmentId: a.id,
      cycleId: a.cycleId,
      nodeId: a.nodeId,
      unitId: a.unitId,
      townCode: a.townCode,
      kind: body.kind,
      title: body.title,
      dated: dated!,
      fileKind: body.fileId ? 'document' : body.photoId ? 'photo' : null,
      fileId: body.fileId ?? body.photoId ?? null,
      evidenceType: body.evidence?.type ?? null,
      evidenceId,
      evidenceRef,
      by: actor.personId,
    });
    if (body.fileId) await attach(tx, actor, 'evaluation_material', id, { fileIds: [body.fileId] });
    if (body.photoId) await attach(tx, actor, 'evaluation_material', id, { photoIds: [body.photoId] });
    await openItem(tx, {
      kind: 'evaluation_review',
      regionCode: a.townCode,
      owner: { role: 'office_staff', regionCode: a.townCode },
      subjectId: id,
      title: `${a.unitName}报送 ${a.code}「${MATERIAL_KIND_LABELS[body.kind]}」${body.title}`,
    });
    await refreshItems(tx, actor, a.cycleId, a.nodeId);
    await audit(tx, { actor, action: 'evaluation.submit', entity: 'evaluation_material', entityId: id, regionCode: a.townCode, after: { ...body, dated } });
    return id;
  });
  return materialView((await repo.material(db, id))!);
}

export async function review(db: Db, actor: Actor, id: number, body: { decision: 'accept' | 'return'; comment?: string | null; version: number }) {
  const m = await repo.material(db, id);
  if (!m) throw new AppError('NOT_FOUND', '该材料不存在');
  townOf(actor, m.townCode, 'evaluation.manage');
  if (body.decision === 'return' && !body.comment) throw fieldError('body.comment', '退回须写明原因');
  await db.transaction(async (tx) => {
    const state = body.decision === 'accept' ? 'accepted' : 'returned';
    if (!(await repo.decide(tx, id, body.version, state, body.comment ?? null, actor.personId)))
      throw new AppError('CONFLICT', m.state === 'submitted' ? '该材料已被他人修改，请刷新后重试' : '该材料已审核，不能重复审核');
    await closeItems(tx, actor, id, ['evaluation_review'], 'done', body.comment ?? null);
    await refreshItems(tx, actor, m.cycleId, m.nodeId);
    await audit(tx, {
      actor,
      action: body.decision === 'accept' ? 'evaluation.review_accept' : 'evaluation.review_return',
      entity: 'evaluation_material',
      entityId: id,
      regionCode: m.townCode,
      before: { state: m.state },
      after: { state, comment: body.comment ?? null },
    });
  });
  return materialView((await repo.material(db, id))!);
}

/** Each unit's item for a standard: open while a required kind has nothing submitted or accepted, done otherwise. */
async function refreshItems(tx: Tx, actor: Actor, cycleId: number, nodeId: number) {
  const rows = await repo.assignments(tx, { cycleId, units: null, limit: 10_000 });
  const states = await repo.materialStates(tx, cycleId, [nodeId]);
  const covered = new Set(states.filter((s) => s.state !== 'returned').map((s) => s.kind));
  for (const a of rows.filter((x) => x.nodeId === nodeId)) {
    const owed = (a.kinds.length ? a.kinds : ['*']).filter((k) => (k === '*' ? covered.size === 0 : !covered.has(k)));
    if (owed.length) await openAssignmentItem(tx, { ...a, deadline: a.deadline });
    else await closeItems(tx, actor, a.id, ['evaluation_material'], 'done');
  }
}

async function completenessInputs(db: Db | Tx, cycleId: number, nodeIds?: number[]) {
  const slots = await repo.slots(db, cycleId, nodeIds);
  const states = await repo.materialStates(db, cycleId, nodeIds);
  return completeness(
    slots,
    states.filter((s) => s.state === 'accepted'),
  );
}

/** Completeness of a cycle: overall, per department with what it still owes; a liaison sees their units'. */
export async function cycleCompleteness(db: Db, actor: Actor, cycleId: number) {
  await cycleOf(db, actor, cycleId);
  const rows = await repo.assignments(db, { cycleId, units: unitsSeen(actor), limit: 100_000 });
  const states = await repo.materialStates(db, cycleId);
  const c = completeness(
    await repo.slots(db, cycleId),
    states.filter((s) => s.state === 'accepted'),
  );
  const count = (state: string) => states.filter((s) => s.state === state).reduce((n, s) => n + s.n, 0);
  const missing = missingSlots(c.perStandard, states);
  const today = todayChina();
  const byUnit = new Map<number, { unitId: number; unitName: string; rows: repo.AssignmentRow[] }>();
  for (const a of rows) {
    if (!byUnit.has(a.unitId)) byUnit.set(a.unitId, { unitId: a.unitId, unitName: a.unitName, rows: [] });
    byUnit.get(a.unitId)!.rows.push(a);
  }
  const departments = [...byUnit.values()].map((u) => ({
    unitId: u.unitId,
    unitName: u.unitName,
    ...(c.perUnit.get(u.unitId) ?? { required: 0, accepted: 0, rate: 1 }),
    missing: u.rows
      .map((a) => ({ a, kinds: c.perStandard.get(a.nodeId)?.missing ?? [] }))
      .filter((x) => x.kinds.length)
      .map(({ a, kinds }) => ({ nodeId: a.nodeId, code: a.code, name: a.name, kinds, deadline: a.deadline, overdue: today > a.deadline })),
  }));
  departments.sort((x, y) => x.rate - y.rate || x.unitName.localeCompare(y.unitName, 'zh'));
  return {
    cycleId,
    overall: c.overall,
    counts: { submitted: count('submitted'), accepted: count('accepted'), returned: count('returned'), missing },
    departments,
  };
}

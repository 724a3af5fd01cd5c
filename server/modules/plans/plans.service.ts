// 集中整: a hard problem gets a rectification plan (整改方案) with milestones
// (时间节点), a responsible person and progress updates; the open hard
// problems of a town form the problem responsibility list (问题责任清单).
import ExcelJS from 'exceljs';
import type { Db, Tx } from '../../db/pool.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { iso } from '../../platform/time.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { PROBLEM_STATE_LABELS, type ProblemState } from '../../../domain/problems/vocab.ts';
import { partiesFor, problemScope } from '../problems/index.ts';
import * as repo from '../problems/index.ts';
import * as plans from './plans.repository.ts';

export interface PlanBody {
  summary: string;
  measures?: string | null;
  responsibleName?: string | null;
  responsiblePersonId?: number | null;
  milestones: { id?: number; title: string; dueDate: string; responsibleName?: string | null }[];
}

async function problemFor(q: Db | Tx, actor: Actor, problemId: number, write: boolean) {
  const p = await repo.getProblem(q, problemId, problemScope(actor), write);
  if (!p) throw notFound('该问题不存在或不在您的管辖范围内');
  const parties = partiesFor(actor, {
    regionCode: p.region_code,
    responsibleUnitId: p.responsible_unit_id,
    responsibleUnitRegion: p.unit_region,
    responsibleUnitKind: p.unit_kind,
  });
  const canEdit = parties.has('office') || parties.has('assignee');
  if (write && !canEdit) throw new AppError('FORBIDDEN', '只有镇创城办或责任单位可以编辑整改方案');
  return { p, canEdit };
}

export async function getPlan(db: Db | Tx, actor: Actor, problemId: number) {
  const { p, canEdit } = await problemFor(db, actor, problemId, false);
  const plan = await plans.planOf(db, p.id);
  if (!plan) return { plan: null, can: { edit: canEdit && p.tier === 'centralized' } };
  const [milestones, progress] = await Promise.all([plans.milestonesOf(db, plan.id), plans.progressOf(db, plan.id)]);
  return {
    plan: {
      id: plan.id,
      summary: plan.summary,
      measures: plan.measures,
      responsibleName: plan.responsible_name,
      responsiblePersonId: plan.responsible_person_id,
      version: plan.version,
      updatedAt: iso(plan.updated_at)!,
      milestones: milestones.map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date, responsibleName: m.responsible_name, doneAt: iso(m.done_at) })),
      progress: progress.map((x) => ({ id: x.id, at: iso(x.at)!, byName: x.by_name, percent: x.percent, note: x.note })),
      percent: progress.find((x) => x.percent != null)?.percent ?? 0,
    },
    can: { edit: canEdit },
  };
}

export async function savePlan(db: Db, actor: Actor, problemId: number, body: PlanBody, version: number | null) {
  await db.transaction(async (tx) => {
    const { p } = await problemFor(tx, actor, problemId, true);
    if (p.tier !== 'centralized') throw new AppError('INVALID_STATE', '只有“集中整”的难问题需要制定整改方案');
    if (['closed', 'rejected', 'merged'].includes(p.state)) throw new AppError('INVALID_STATE', '问题已结束，不能修改整改方案');
    if (!body.milestones.length) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'milestones', message: '请至少设置一个时间节点' }]);
    const existing = await plans.planOf(tx, p.id, true);
    const fields = {
      summary: body.summary,
      measures: body.measures ?? null,
      responsibleName: body.responsibleName ?? null,
      responsiblePersonId: body.responsiblePersonId ?? null,
    };
    let planId: number;
    if (existing) {
      if (version !== existing.version) throw new AppError('CONFLICT', '整改方案已被他人修改，请刷新后重试');
      await plans.updatePlan(tx, existing.id, fields);
      planId = existing.id;
    } else {
      planId = await plans.insertPlan(tx, p.id, fields, actor.personId);
    }
    // Milestones: keep those listed (by id), add new ones, drop the rest; done marks survive edits.
    await plans.deleteMilestonesExcept(
      tx,
      planId,
      body.milestones.filter((m) => m.id).map((m) => m.id!),
    );
    for (const [i, m] of body.milestones.entries()) {
      const fields = { title: m.title, dueDate: m.dueDate, responsibleName: m.responsibleName ?? null, sort: i };
      if (!m.id) await plans.insertMilestone(tx, planId, fields);
      else if (!(await plans.updateMilestone(tx, planId, m.id, fields)))
        throw new AppError('VALIDATION_FAILED', undefined, [{ path: `milestones.${i}.id`, message: '时间节点不存在' }]);
    }
    await repo.insertEvent(tx, {
      problemId: p.id,
      actorId: actor.personId,
      actorName: actor.name,
      action: existing ? 'plan_updated' : 'plan_created',
      fromState: p.state,
      toState: p.state,
      note: body.summary,
      data: { milestones: body.milestones.length },
    });
    await audit(tx, {
      actor,
      action: existing ? 'update' : 'create',
      entity: 'rectification_plan',
      entityId: planId,
      regionCode: p.region_code,
      before: existing ?? null,
      after: body,
    });
  });
  return getPlan(db, actor, problemId);
}

export async function setMilestoneDone(db: Db, actor: Actor, problemId: number, milestoneId: number, done: boolean) {
  await db.transaction(async (tx) => {
    const { p } = await problemFor(tx, actor, problemId, true);
    const title = await plans.setMilestoneDone(tx, p.id, milestoneId, done);
    if (title === null) throw notFound('时间节点不存在');
    await repo.insertEvent(tx, {
      problemId: p.id,
      actorId: actor.personId,
      actorName: actor.name,
      action: done ? 'milestone_done' : 'milestone_reopened',
      fromState: p.state,
      toState: p.state,
      note: title,
    });
    await audit(tx, {
      actor,
      action: done ? 'milestone_done' : 'milestone_reopened',
      entity: 'plan_milestone',
      entityId: milestoneId,
      regionCode: p.region_code,
    });
  });
  return getPlan(db, actor, problemId);
}

export async function addProgress(db: Db, actor: Actor, problemId: number, note: string, percent: number | null) {
  await db.transaction(async (tx) => {
    const { p } = await problemFor(tx, actor, problemId, true);
    const plan = await plans.planOf(tx, p.id);
    if (!plan) throw new AppError('INVALID_STATE', '请先制定整改方案');
    await plans.insertProgress(tx, plan.id, { byId: actor.personId, byName: actor.name, percent, note });
    await repo.insertEvent(tx, {
      problemId: p.id,
      actorId: actor.personId,
      actorName: actor.name,
      action: 'plan_progress',
      fromState: p.state,
      toState: p.state,
      note,
      data: { percent },
    });
    await audit(tx, { actor, action: 'progress', entity: 'rectification_plan', entityId: plan.id, regionCode: p.region_code, after: { note, percent } });
  });
  return getPlan(db, actor, problemId);
}

/** 问题责任清单: the hard problems in the caller's scope with their plans, as .xlsx. */
export async function responsibilityList(db: Db, actor: Actor, f: { regionCode?: string; includeClosed?: boolean }): Promise<Buffer> {
  const rows = await plans.responsibilityRows(db, repo.scopeSql(problemScope(actor)), f);
  const wb = new ExcelJS.Workbook();
  wb.creator = '创城通';
  const ws = wb.addWorksheet('问题责任清单', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '问题编号', key: 'code', width: 14 },
    { header: '问题类别', key: 'category', width: 14 },
    { header: '所在社区', key: 'community', width: 18 },
    { header: '点位', key: 'place', width: 16 },
    { header: '问题描述', key: 'description', width: 36 },
    { header: '责任单位', key: 'unit', width: 20 },
    { header: '责任人', key: 'responsible', width: 10 },
    { header: '整改措施', key: 'measures', width: 36 },
    { header: '时间节点', key: 'milestones', width: 36 },
    { header: '整改期限', key: 'due', width: 12 },
    { header: '整改进度', key: 'percent', width: 10 },
    { header: '最新进展', key: 'last', width: 30 },
    { header: '状态', key: 'state', width: 10 },
  ];
  rows.forEach((r, i) => {
    ws.addRow({
      n: i + 1,
      code: r.code,
      category: r.category,
      community: r.community,
      place: r.place ?? '',
      description: r.description,
      unit: r.unit ?? '未派遣',
      responsible: r.responsible_name ?? '',
      measures: [r.summary, r.measures].filter(Boolean).join('\n') || '尚未制定整改方案',
      milestones: r.milestones ?? '',
      due: r.due_date ?? '',
      percent: r.percent == null ? '' : `${r.percent}%`,
      last: r.last_note ?? '',
      state: PROBLEM_STATE_LABELS[r.state as ProblemState] ?? r.state,
    });
  });
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  ws.eachRow((row, n) => {
    if (n > 1) row.alignment = { vertical: 'top', wrapText: true };
    row.eachCell((c) => {
      c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

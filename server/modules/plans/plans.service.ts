// 集中整: a hard problem gets a rectification plan (整改方案) with milestones
// (时间节点), a responsible person and progress updates; the open hard
// problems of a town form the problem responsibility list (问题责任清单).
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/pool.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { iso } from '../../platform/time.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { PROBLEM_STATE_LABELS, type ProblemState } from '../../../domain/problems/vocab.ts';
import { partiesFor, problemScope } from '../problems/index.ts';
import * as repo from '../problems/index.ts';

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
  const parties = partiesFor(actor, { regionCode: p.region_code, responsibleUnitId: p.responsible_unit_id, responsibleUnitRegion: p.unit_region, responsibleUnitKind: p.unit_kind });
  const canEdit = parties.has('office') || parties.has('assignee');
  if (write && !canEdit) throw new AppError('FORBIDDEN', '只有镇创城办或责任单位可以编辑整改方案');
  return { p, canEdit };
}

export async function getPlan(db: Db | Tx, actor: Actor, problemId: number) {
  const { p, canEdit } = await problemFor(db, actor, problemId, false);
  const plan = (await db.execute<any>(sql`SELECT * FROM rectification_plans WHERE problem_id = ${p.id}`)).rows[0];
  if (!plan) return { plan: null, can: { edit: canEdit && p.tier === 'centralized' } };
  const [milestones, progress] = await Promise.all([
    db.execute<any>(sql`SELECT id, title, due_date::text AS due_date, responsible_name, done_at, sort FROM plan_milestones WHERE plan_id = ${plan.id} ORDER BY sort, id`),
    db.execute<any>(sql`SELECT id, at, by_name, percent, note FROM plan_progress WHERE plan_id = ${plan.id} ORDER BY id DESC`),
  ]);
  return {
    plan: {
      id: plan.id, summary: plan.summary, measures: plan.measures, responsibleName: plan.responsible_name,
      responsiblePersonId: plan.responsible_person_id, version: plan.version, updatedAt: iso(plan.updated_at)!,
      milestones: milestones.rows.map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date, responsibleName: m.responsible_name, doneAt: iso(m.done_at) })),
      progress: progress.rows.map((x) => ({ id: x.id, at: iso(x.at)!, byName: x.by_name, percent: x.percent, note: x.note })),
      percent: progress.rows.find((x) => x.percent != null)?.percent ?? 0,
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
    const existing = (await tx.execute<any>(sql`SELECT * FROM rectification_plans WHERE problem_id = ${p.id} FOR UPDATE`)).rows[0];
    let planId: number;
    if (existing) {
      if (version !== existing.version) throw new AppError('CONFLICT', '整改方案已被他人修改，请刷新后重试');
      await tx.execute(sql`UPDATE rectification_plans SET summary = ${body.summary}, measures = ${body.measures ?? null}, responsible_name = ${body.responsibleName ?? null},
        responsible_person_id = ${body.responsiblePersonId ?? null}, version = version + 1, updated_at = now() WHERE id = ${existing.id}`);
      planId = existing.id;
    } else {
      planId = (await tx.execute<{ id: number }>(sql`INSERT INTO rectification_plans (problem_id, summary, measures, responsible_name, responsible_person_id, created_by)
        VALUES (${p.id}, ${body.summary}, ${body.measures ?? null}, ${body.responsibleName ?? null}, ${body.responsiblePersonId ?? null}, ${actor.personId}) RETURNING id`)).rows[0].id;
    }
    // Milestones: keep those listed (by id), add new ones, drop the rest; done marks survive edits.
    const keep = body.milestones.filter((m) => m.id).map((m) => m.id!);
    await tx.execute(sql`DELETE FROM plan_milestones WHERE plan_id = ${planId} ${keep.length ? sql`AND id <> ALL(${sql.param(keep)}::int[])` : sql``}`);
    for (const [i, m] of body.milestones.entries()) {
      if (m.id) {
        const r = await tx.execute(sql`UPDATE plan_milestones SET title = ${m.title}, due_date = ${m.dueDate}, responsible_name = ${m.responsibleName ?? null}, sort = ${i} WHERE id = ${m.id} AND plan_id = ${planId}`);
        if (!r.rowCount) throw new AppError('VALIDATION_FAILED', undefined, [{ path: `milestones.${i}.id`, message: '时间节点不存在' }]);
      } else {
        await tx.execute(sql`INSERT INTO plan_milestones (plan_id, title, due_date, responsible_name, sort) VALUES (${planId}, ${m.title}, ${m.dueDate}, ${m.responsibleName ?? null}, ${i})`);
      }
    }
    await repo.insertEvent(tx, { problemId: p.id, actorId: actor.personId, actorName: actor.name, action: existing ? 'plan_updated' : 'plan_created', fromState: p.state, toState: p.state, note: body.summary, data: { milestones: body.milestones.length } });
    await audit(tx, { actor, action: existing ? 'update' : 'create', entity: 'rectification_plan', entityId: planId, regionCode: p.region_code, before: existing ?? null, after: body });
  });
  return getPlan(db, actor, problemId);
}

export async function setMilestoneDone(db: Db, actor: Actor, problemId: number, milestoneId: number, done: boolean) {
  await db.transaction(async (tx) => {
    const { p } = await problemFor(tx, actor, problemId, true);
    const r = await tx.execute<{ title: string }>(sql`UPDATE plan_milestones m SET done_at = ${done ? sql`now()` : sql`NULL`}
      FROM rectification_plans pl WHERE m.id = ${milestoneId} AND m.plan_id = pl.id AND pl.problem_id = ${p.id} RETURNING m.title`);
    if (!r.rows[0]) throw notFound('时间节点不存在');
    await repo.insertEvent(tx, { problemId: p.id, actorId: actor.personId, actorName: actor.name, action: done ? 'milestone_done' : 'milestone_reopened', fromState: p.state, toState: p.state, note: r.rows[0].title });
    await audit(tx, { actor, action: done ? 'milestone_done' : 'milestone_reopened', entity: 'plan_milestone', entityId: milestoneId, regionCode: p.region_code });
  });
  return getPlan(db, actor, problemId);
}

export async function addProgress(db: Db, actor: Actor, problemId: number, note: string, percent: number | null) {
  await db.transaction(async (tx) => {
    const { p } = await problemFor(tx, actor, problemId, true);
    const plan = (await tx.execute<{ id: number }>(sql`SELECT id FROM rectification_plans WHERE problem_id = ${p.id}`)).rows[0];
    if (!plan) throw new AppError('INVALID_STATE', '请先制定整改方案');
    await tx.execute(sql`INSERT INTO plan_progress (plan_id, by_id, by_name, percent, note) VALUES (${plan.id}, ${actor.personId}, ${actor.name}, ${percent}, ${note})`);
    await repo.insertEvent(tx, { problemId: p.id, actorId: actor.personId, actorName: actor.name, action: 'plan_progress', fromState: p.state, toState: p.state, note, data: { percent } });
    await audit(tx, { actor, action: 'progress', entity: 'rectification_plan', entityId: plan.id, regionCode: p.region_code, after: { note, percent } });
  });
  return getPlan(db, actor, problemId);
}

/** 问题责任清单: the hard problems in the caller's scope with their plans, as .xlsx. */
export async function responsibilityList(db: Db, actor: Actor, f: { regionCode?: string; includeClosed?: boolean }): Promise<Buffer> {
  const conds = [repo.scopeSql(problemScope(actor)), sql`p.tier = 'centralized'`, sql`p.state NOT IN ('rejected', 'merged')`];
  if (!f.includeClosed) conds.push(sql`p.state <> 'closed'`);
  if (f.regionCode) conds.push(sql`p.region_code LIKE ${f.regionCode + '%'}`);
  const rows = (await db.execute<any>(sql`
    SELECT p.id, p.code, p.state, p.description, p.due_date::text AS due_date, c.name AS category, rg.name AS community, pl.name AS place,
           u.name AS unit, rp.summary, rp.measures, rp.responsible_name,
           (SELECT string_agg(m.due_date::text || ' ' || m.title || CASE WHEN m.done_at IS NOT NULL THEN '（已完成）' ELSE '' END, E'\n' ORDER BY m.sort, m.id)
              FROM plan_milestones m WHERE m.plan_id = rp.id) AS milestones,
           (SELECT pp.percent FROM plan_progress pp WHERE pp.plan_id = rp.id AND pp.percent IS NOT NULL ORDER BY pp.id DESC LIMIT 1) AS percent,
           (SELECT pp.note FROM plan_progress pp WHERE pp.plan_id = rp.id ORDER BY pp.id DESC LIMIT 1) AS last_note
    FROM problems p
    LEFT JOIN categories c ON c.id = p.category_id LEFT JOIN regions rg ON rg.code = substr(p.region_code, 1, 12)
    LEFT JOIN places pl ON pl.id = p.place_id LEFT JOIN units u ON u.id = p.responsible_unit_id
    LEFT JOIN rectification_plans rp ON rp.problem_id = p.id
    WHERE ${sql.join(conds, sql` AND `)} ORDER BY p.region_code, p.id`)).rows;
  const wb = new ExcelJS.Workbook();
  wb.creator = '创城通';
  const ws = wb.addWorksheet('问题责任清单', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [
    { header: '序号', key: 'n', width: 6 }, { header: '问题编号', key: 'code', width: 14 }, { header: '问题类别', key: 'category', width: 14 },
    { header: '所在社区', key: 'community', width: 18 }, { header: '点位', key: 'place', width: 16 }, { header: '问题描述', key: 'description', width: 36 },
    { header: '责任单位', key: 'unit', width: 20 }, { header: '责任人', key: 'responsible', width: 10 }, { header: '整改措施', key: 'measures', width: 36 },
    { header: '时间节点', key: 'milestones', width: 36 }, { header: '整改期限', key: 'due', width: 12 }, { header: '整改进度', key: 'percent', width: 10 },
    { header: '最新进展', key: 'last', width: 30 }, { header: '状态', key: 'state', width: 10 },
  ];
  rows.forEach((r, i) => { ws.addRow({
    n: i + 1, code: r.code, category: r.category, community: r.community, place: r.place ?? '', description: r.description, unit: r.unit ?? '未派遣',
    responsible: r.responsible_name ?? '', measures: [r.summary, r.measures].filter(Boolean).join('\n') || '尚未制定整改方案', milestones: r.milestones ?? '',
    due: r.due_date ?? '', percent: r.percent == null ? '' : `${r.percent}%`, last: r.last_note ?? '', state: PROBLEM_STATE_LABELS[r.state as ProblemState] ?? r.state,
  }); });
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  ws.eachRow((row, n) => {
    if (n > 1) row.alignment = { vertical: 'top', wrapText: true };
    row.eachCell((c) => { c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }; });
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// The campaign fund (issue 18 item 5). Only the office (fund.manage over the
// town) records money: income by source (optionally earmarked for one of the
// town's projects), spending always against a project, each with a voucher
// (a document or a photo from the file store). The ledger is append-only: a
// correction is a reversing entry (the negated amount, pointing at the one
// it reverses; an entry is reversed once, a reversal never). A spend that
// would take its project past the budget is refused with
// CONFIRMATION_REQUIRED and the figures, unless sent again with the flag.
// Money of one town is written under a lock, so two spends cannot both pass
// one budget. Amounts are integer fen end to end.
import type { Db, Tx } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { todayChina } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor, isDay, pageOf, positiveId } from '../../platform/cursor.ts';
import { codeInScope } from '../../db/scope.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { parsePeriod } from '../../../domain/figures.ts';
import { DIRECTION_LABELS, INCOME_SOURCE_LABELS, overspend, yuan, type Direction, type IncomeSource } from '../../../domain/fund.ts';
import { attach, attachmentsOf } from '../files/index.ts';
import { reachableUnitOf } from '../units/index.ts';
import * as repo from './fund.repository.ts';
import { readAll } from '../../db/reads.ts';

export const readScope = (actor: Actor) => regionScope(actor, 'fund.read');

async function vouchersOf(q: Db | Tx, id: number) {
  const a = await attachmentsOf(q, 'fund_entry', id);
  return [
    ...a.files.map((f) => ({ id: f.id, name: f.name, url: f.url, kind: 'document' as const })),
    ...a.photos.map((p) => ({ id: p.id, name: `照片 ${p.id}`, url: p.url, kind: 'photo' as const })),
  ];
}

export async function entryView(q: Db | Tx, actor: Actor, e: repo.EntryRow) {
  return {
    id: e.id,
    townCode: e.townCode,
    direction: e.direction as Direction,
    directionLabel: DIRECTION_LABELS[e.direction as Direction],
    source: e.source as IncomeSource | null,
    sourceLabel: e.source ? INCOME_SOURCE_LABELS[e.source as IncomeSource] : null,
    amountFen: e.amountFen,
    amountYuan: yuan(e.amountFen),
    onDate: e.onDate,
    project: e.projectId ? { id: e.projectId, name: e.projectName ?? '' } : null,
    unit: e.unitId ? { id: e.unitId, name: e.unitName ?? '' } : null,
    note: e.note,
    reversesId: e.reversesId,
    reversedById: e.reversedById,
    vouchers: await vouchersOf(q, e.id),
    createdByName: e.createdByName,
    createdAt: e.createdAt,
    can: { reverse: can(actor, 'fund.manage', { regionCode: e.townCode }) && e.reversesId === null && e.reversedById === null },
  };
}

// ---- reading ----

export interface EntryQuery extends repo.EntryFilter {
  cursor?: string;
  limit?: number;
}
const cursorKey = (k: unknown[]): k is [string, number] => k.length === 2 && isDay(k[0]) && positiveId(k[1]);

export async function entries(db: Db, actor: Actor, q: EntryQuery) {
  const scope = readScope(actor);
  if (scope !== 'all' && !scope.length) throw new AppError('FORBIDDEN');
  const limit = q.limit ?? 50;
  const after = q.cursor ? decodeCursor(q.cursor, cursorKey) : null;
  const rows = await repo.entryPage(db, q, scope, after, limit + 1);
  const page = pageOf(rows, limit, (last) => encodeCursor([last.onDate, last.id]));
  const items = [];
  for (const e of page.items) items.push(await entryView(db, actor, e));
  return { items, nextCursor: page.nextCursor };
}

/** One entry with the entry it reverses, or the reversal that corrects it (each read in the caller's scope). */
export async function entry(db: Db, actor: Actor, id: number) {
  const scope = readScope(actor);
  const e = await repo.getEntry(db, id, scope);
  if (!e) throw notFound('该笔记录不存在或不在您的管辖范围内');
  const other = e.reversesId ?? e.reversedById;
  const o = other ? await repo.getEntry(db, other, scope) : null;
  const related = o ? await entryView(db, actor, o) : null;
  return {
    ...(await entryView(db, actor, e)),
    reverses: e.reversesId ? related : null,
    reversedBy: e.reversedById ? related : null,
  };
}

export async function entryVisible(db: Db, actor: Actor, id: number) {
  return (await repo.getEntry(db, id, readScope(actor))) !== null;
}

/** The region and period a balance or ledger is asked for: a region the caller reads (default: their one region), a period (default: this year). */
export function regionPeriod(actor: Actor, region: string | undefined, periodText: string | undefined) {
  const scope = readScope(actor);
  if (!region) {
    if (scope === 'all' || scope.length !== 1) throw fieldError('querystring.regionCode', '请选择区划');
    region = scope[0];
  }
  if (!codeInScope(region, scope) || region.length > 9) throw notFound('区划不存在或不在您的管辖范围内（基金按乡镇记账）');
  const period = parsePeriod(periodText ?? todayChina().slice(0, 4));
  if (!period) throw fieldError('querystring.period', '期间格式应为 2026、2026-03 或 2026-01-01..2026-06-30');
  return { region, ...period };
}

export async function balance(db: Db, actor: Actor, regionText: string | undefined, periodText: string | undefined) {
  const { region, from, to } = regionPeriod(actor, regionText, periodText);
  const [b, projects, inPeriod] = await readAll(db, [
    () => repo.balance(db, region, from, to),
    () => repo.projects(db, region, readScope(actor)),
    () => repo.spentInPeriod(db, region, from, to),
  ]);
  return {
    region,
    from,
    to,
    openingFen: b.opening,
    incomeFen: b.income,
    spendFen: b.spend,
    closingFen: b.opening + b.income - b.spend,
    bySource: b.bySource.map((s) => ({ source: s.source as IncomeSource, label: INCOME_SOURCE_LABELS[s.source as IncomeSource], amountFen: s.amount })),
    byProject: projects.map((p) => ({
      id: p.id,
      name: p.name,
      budgetFen: p.budgetFen,
      spentFen: p.spentFen,
      earmarkedFen: p.earmarkedFen,
      remainingFen: p.budgetFen - p.spentFen,
      spentInPeriodFen: inPeriod.get(p.id) ?? 0,
    })),
  };
}

// ---- recording money ----

export interface EntryInput {
  regionCode: string;
  direction: Direction;
  source?: IncomeSource | null;
  amountFen: number;
  onDate: string;
  projectId?: number | null;
  unitId?: number | null;
  note: string;
  voucherFileIds?: number[];
  voucherPhotoIds?: number[];
  confirmOverspend?: boolean;
}

const VOUCHER_FIELDS = { fileIds: 'voucherFileIds', photoIds: 'voucherPhotoIds' };
const needVoucher = (x: { voucherFileIds?: number[]; voucherPhotoIds?: number[] }) => {
  if (!x.voucherFileIds?.length && !x.voucherPhotoIds?.length) throw fieldError('body.voucherFileIds', '请上传凭证（收据、发票或拨款文件的扫描件或照片）');
};

export async function record(db: Db, actor: Actor, x: EntryInput) {
  const town = x.regionCode;
  if (!codeInScope(town, readScope(actor))) throw notFound('区划不存在或不在您的管辖范围内');
  if (!can(actor, 'fund.manage', { regionCode: town })) throw new AppError('FORBIDDEN', '只有乡镇创城办可以登记基金收支');
  if (x.onDate > todayChina()) throw fieldError('body.onDate', '日期不能晚于今天');
  if (x.direction === 'income' && !x.source) throw fieldError('body.source', '请选择收入来源');
  if (x.direction === 'spend' && x.source) throw fieldError('body.source', '支出不填收入来源');
  if (x.direction === 'spend' && !x.projectId) throw fieldError('body.projectId', '支出须对应一个项目');
  needVoucher(x);
  let project: repo.ProjectRow | null = null;
  if (x.projectId) {
    project = await repo.getProject(db, x.projectId, [town]);
    if (!project) throw fieldError('body.projectId', '项目不存在或不属于本镇');
  }
  if (x.unitId) {
    const u = await reachableUnitOf(db, town, x.unitId);
    if (!u?.via) throw fieldError('body.unitId', '单位不是本镇可联系的单位');
  }
  const id = await db.transaction(async (tx) => {
    await repo.lockTown(tx, town);
    if (x.direction === 'spend' && project) {
      const o = overspend(project.budgetFen, await repo.spentOn(tx, project.id), x.amountFen);
      if (o.overFen > 0 && !x.confirmOverspend)
        throw new AppError(
          'CONFIRMATION_REQUIRED',
          `该笔支出将使项目“${project.name}”超出预算 ${yuan(o.overFen)} 元（预算 ${yuan(o.budgetFen)} 元，已支出 ${yuan(o.spentFen)} 元）；确认超支请勾选后重新提交`,
          undefined,
          { overspend: o },
        );
    }
    const id = await repo.insertEntry(
      tx,
      {
        townCode: town,
        direction: x.direction,
        source: x.source ?? null,
        amountFen: x.amountFen,
        onDate: x.onDate,
        projectId: x.projectId ?? null,
        unitId: x.unitId ?? null,
        note: x.note,
        reversesId: null,
      },
      actor.personId,
    );
    await attach(tx, actor, 'fund_entry', id, { fileIds: x.voucherFileIds ?? [], photoIds: x.voucherPhotoIds ?? [] }, VOUCHER_FIELDS);
    await audit(tx, { actor, action: 'create', entity: 'fund_entry', entityId: id, regionCode: town, after: { ...x } });
    return id;
  });
  return entryView(db, actor, (await repo.getEntry(db, id, 'all'))!);
}

/** The correction of an entry: a new entry with the negated amount; the original stays as it was. */
export async function reverse(db: Db, actor: Actor, id: number, x: { reason: string; onDate?: string; voucherFileIds?: number[]; voucherPhotoIds?: number[] }) {
  const e = await repo.getEntry(db, id, readScope(actor));
  if (!e) throw notFound('该笔记录不存在或不在您的管辖范围内');
  if (!can(actor, 'fund.manage', { regionCode: e.townCode })) throw new AppError('FORBIDDEN', '只有乡镇创城办可以冲正基金收支');
  if (e.reversesId !== null) throw new AppError('INVALID_STATE', '冲正记录不能再冲正；如需更正，请重新登记一笔');
  if (e.reversedById !== null) throw new AppError('INVALID_STATE', '该笔记录已冲正');
  const onDate = x.onDate ?? todayChina();
  if (onDate > todayChina()) throw fieldError('body.onDate', '日期不能晚于今天');
  needVoucher(x);
  const rid = await db.transaction(async (tx) => {
    await repo.lockTown(tx, e.townCode);
    const again = await repo.getEntry(tx, id, 'all', true);
    if (again?.reversedById) throw new AppError('INVALID_STATE', '该笔记录已冲正');
    const rid = await repo.insertEntry(
      tx,
      {
        townCode: e.townCode,
        direction: e.direction,
        source: e.source,
        amountFen: -e.amountFen,
        onDate,
        projectId: e.projectId,
        unitId: e.unitId,
        note: `冲正第 ${e.id} 号记录：${x.reason}`,
        reversesId: e.id,
      },
      actor.personId,
    );
    await attach(tx, actor, 'fund_entry', rid, { fileIds: x.voucherFileIds ?? [], photoIds: x.voucherPhotoIds ?? [] }, VOUCHER_FIELDS);
    await audit(tx, {
      actor,
      action: 'reverse',
      entity: 'fund_entry',
      entityId: rid,
      regionCode: e.townCode,
      before: e,
      after: { reverses: e.id, reason: x.reason },
    });
    return rid;
  });
  return entryView(db, actor, (await repo.getEntry(db, rid, 'all'))!);
}

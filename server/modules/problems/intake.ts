// The one way a problem comes into being. The desk, the phone sync, the
// resident page, notices received from the county and 回头看 recurrence all
// call intake(); the Excel import checks its rows against the same rules
// (defaultTier, the source number, the category) with its reference data in
// memory and writes them with intakeBatch(), a thousand rows per statement. intake() checks the report (source number,
// category, tier, place, photos, who may report there), draws the code, writes
// the problem with its first history and audit rows, and takes the moves the
// report asks for at once (file, dispatch, close on the spot) through
// transition(): all in one transaction, so a refused move leaves nothing.
import type { Db, Tx } from '../../db/pool.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { auditValues } from '../../platform/audit.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { regionLevelOf } from '../../../domain/regions.ts';
import { defaultTier, SOURCE_LABELS, SOURCE_REF_REQUIRED, type Source, type Tier } from '../../../domain/problems/vocab.ts';
import { notify } from '../notifications/index.ts';
import { locationAt, resolveLocation, type ResolvedLocation } from './location.ts';
import { categoryInfo, regionExists, suggestedUnit, type CategoryInfo } from './lookups.ts';
import { transition } from './transition.ts';
import { newProblemCode } from './code.ts';
import * as repo from './problems.repository.ts';
import * as photoRepo from './problems.photos.repository.ts';

export interface IntakeInput {
  source: Source;
  sourceRef?: string | null;
  /** The record the problem came from (an inspection, a notice, a 回头看). */
  sourceId?: number | null;
  categoryId: number;
  tier?: Tier | null;
  description: string;
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
  regionCode?: string | null;
  placeId?: number | null;
  beforePhotoIds?: number[];
  afterPhotoIds?: number[]; // on_spot only
  /** The office may file (and dispatch) in the same step. */
  then?: 'file' | 'dispatch' | null;
  unitId?: number | null;
  dueDate?: string | null;
  idempotencyKey?: string | null;
}

export interface LocationConfig {
  placeMatchMeters: number;
  communityMatchMeters: number;
}

/** Who reports: a signed-in person, or a resident on the public page (no account; photos bound to the upload key). */
export type Reporter = { actor: Actor } | { resident: { name: string | null; phone: string | null; uploadKey: string } };

export interface IntakeOptions {
  /** Written in the same transaction as the problem, and again (idempotently) on a replay: the phone sync's checklist finding. */
  within?: (tx: Tx, problemId: number) => Promise<void>;
  /** 回头看 recurrence: where the old problem was (no new matching), and which problem recurred. */
  location?: ResolvedLocation;
  recurrenceOfId?: number | null;
  /** Filed and dispatched for the system (recurrence): acts as the office would, notes on the moves, and a dispatch that is refused leaves it filed. */
  system?: {
    fileNote: string;
    dispatchNote: string;
    route: string;
    /**
     * The county office reporting into a town through a notice it issued (the
     * caller checked notice.county_issue): not one of the town's reporters, and
     * without a unit of its own the problem goes to the category's route.
     */
    higherOffice?: boolean;
  };
  eventData?: Record<string, unknown>;
}

export interface Intake {
  id: number;
  code: string;
  state: string;
  version: number;
  dueDate: string | null;
  unitId: number | null;
  replayed: boolean;
}

/**
 * The checks every report passes, whichever way it comes (the import calls
 * this per row): the source number, an active subcategory, and the tier — the
 * sheet's or the request's, else the category's default, which never makes a
 * 随手整 without both photos (domain/problems/vocab.ts defaultTier).
 */
export async function intakeRules(
  q: Db | Tx,
  input: { source: Source; sourceRef?: string | null; categoryId: number; tier?: Tier | null },
  photos: { before: number; after: number },
) {
  if (SOURCE_REF_REQUIRED.includes(input.source) && !input.sourceRef?.trim()) {
    throw fieldError('sourceRef', `来源为“${SOURCE_LABELS[input.source]}”时须填写其编号（如通报期号、工单号）`);
  }
  const category = await categoryInfo(q as Db, input.categoryId);
  if (!category?.active) throw fieldError('categoryId', '问题类别不存在或已停用');
  if (category.level < 2) throw fieldError('categoryId', '请选择具体的问题小类');
  const tier = input.tier ?? defaultTier(category.default_tier as Tier, photos.before > 0 && photos.after > 0);
  if (tier === 'on_spot' && (!photos.before || !photos.after)) {
    throw fieldError(photos.before ? 'afterPhotoIds' : 'beforePhotoIds', '随手整问题须同时上传整改前和整改后的照片');
  }
  if (tier !== 'on_spot' && photos.after) throw fieldError('afterPhotoIds', '只有随手整问题在上报时附整改后照片');
  return { category, tier };
}

async function locate(q: Db | Tx, input: IntakeInput, cfg: LocationConfig, preset?: ResolvedLocation): Promise<ResolvedLocation> {
  if (preset) return preset;
  // A chosen community or grid needs no spatial lookup; a GPS point or a place does.
  if (input.regionCode && input.lat == null && input.lng == null && !input.placeId) {
    const rc = input.regionCode;
    const level = regionLevelOf(rc);
    if ((level !== 'community' && level !== 'grid') || !(await regionExists(q as Db, rc))) throw fieldError('regionCode', '请选择问题所在的社区或网格');
    return locationAt(rc);
  }
  return resolveLocation(q, input, cfg);
}

export async function intake(db: Db | Tx, who: Reporter, input: IntakeInput, cfg: LocationConfig, opts: IntakeOptions = {}): Promise<Intake> {
  const actor = 'actor' in who ? who.actor : null;
  const resident = 'resident' in who ? who.resident : null;
  const before = input.beforePhotoIds ?? [];
  const after = input.afterPhotoIds ?? [];
  // A resident never closes on the spot: such a category is handled by the community.
  if (resident && input.tier === 'on_spot') throw fieldError('tier', '群众上报的问题由社区处理，不能选择随手整');
  const { category, tier } = await intakeRules(db, input, { before: before.length, after: after.length });
  const loc = await locate(db, input, cfg, opts.location);
  if (actor && !opts.system?.higherOffice) authorize(actor, 'problem.report', { regionCode: loc.regionCode });
  const asOffice = !!opts.system || (!!actor && can(actor, 'problem.office', { regionCode: loc.regionCode }));
  if (input.then && !asOffice) throw new AppError('FORBIDDEN', '只有镇创城办可以在上报时直接立案或派遣');
  const suggested = await suggestedUnit(db as Db, category.id, loc.regionCode);
  // The system files, and dispatches when it knows the unit (recurrence: the old problem's; a county notice: the route's).
  const systemUnit = input.unitId ?? (opts.system?.higherOffice ? suggested : null);
  const then = opts.system ? (systemUnit ? 'dispatch' : 'file') : (input.then ?? null);

  const row = (code: string): repo.InsertProblem => ({
    code,
    townCode: loc.townCode,
    regionCode: loc.regionCode,
    gridCode: loc.gridCode,
    placeId: loc.placeId,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    address: input.address ?? null,
    categoryId: category.id,
    tier,
    source: input.source,
    sourceRef: input.sourceRef?.trim() || null,
    sourceId: input.sourceId ?? null,
    description: input.description,
    state: 'reported',
    responsibleUnitId: null,
    reporterId: actor?.personId ?? null,
    reporterName: actor?.name ?? resident?.name ?? null,
    reporterPhone: resident?.phone ?? null,
    dueDate: null,
    dispatchedAt: null,
    closedAt: null,
    closedOnTime: null,
    recurrenceOfId: opts.recurrenceOfId ?? null,
    idempotencyKey: input.idempotencyKey ?? null,
  });
  const eventData = {
    source: input.source,
    sourceRef: input.sourceRef ?? null,
    placeId: loc.placeId,
    placeDistanceM: loc.placeDistanceM,
    suggestedUnitId: suggested,
    ...opts.eventData,
  };
  // The audit row of a resident's report keeps no name or phone number: only that one was given.
  const audited = resident
    ? { source: input.source, categoryId: category.id, description: input.description, photoIds: before, phoneGiven: !!resident.phone }
    : { ...input };
  const auditEntry = auditValues({
    actor,
    action: 'problem.report',
    entity: 'problem',
    regionCode: loc.regionCode,
    after: { ...audited, tier, regionCode: loc.regionCode, placeId: loc.placeId, state: 'reported' },
  });

  // Problem + history + audit in one statement; a code already taken is drawn again, a key already taken is a replay.
  const insert = async (q: Db | Tx) => {
    for (let i = 0; i < 5; i++) {
      const code = newProblemCode();
      const r = await repo.insertReported(q, row(code), { actorId: actor?.personId ?? null, actorName: actor?.name ?? null, data: eventData }, auditEntry);
      if (r) return { ...r, code };
      if (input.idempotencyKey) {
        const existing = await repo.findByIdempotencyKey(q, input.idempotencyKey);
        if (existing) return { replay: existing };
      }
    }
    throw new AppError('INTERNAL');
  };
  const replayed = async (q: Db | Tx, found: { id: number; code: string; reporter_id: number | null }): Promise<Intake> => {
    // A retried submission (same key): the first one's problem. A resident's key is bound to their upload key already.
    if (actor && found.reporter_id !== actor.personId) throw new AppError('DUPLICATE', '该提交编号已被使用');
    if (opts.within) await (q as Db).transaction((tx) => opts.within!(tx, found.id));
    const cur = await repo.problemHead(q, found.id);
    return { ...cur, id: found.id, code: found.code, replayed: true };
  };

  const closeOnSpot = tier === 'on_spot';
  const needsTx = !!resident || before.length > 0 || closeOnSpot || !!then || !!opts.within;
  if (!needsTx) {
    const r = await insert(db);
    if ('replay' in r) return replayed(db, r.replay);
    return { id: r.id, code: r.code, state: 'reported', version: 1, dueDate: null, unitId: null, replayed: false };
  }
  const out = await (db as Db).transaction(async (tx): Promise<Intake | { replay: { id: number; code: string; reporter_id: number | null } }> => {
    const r = await insert(tx);
    if ('replay' in r) return r;
    const owner = resident ? { personId: null, uploadKey: resident.uploadKey } : { personId: actor!.personId };
    const nb = await photoRepo.attachPhotos(tx, before, r.id, r.event_id, 'before', owner);
    if (nb !== new Set(before).size) throw fieldError('beforePhotoIds', '部分照片无效或已被使用，请重新上传');
    let head: Intake = { id: r.id, code: r.code, state: 'reported', version: 1, dueDate: null, unitId: null, replayed: false };
    if (closeOnSpot) {
      const m = await transition(tx, actor!, r.id, 'close_on_spot', { version: 1, note: '现场随手整改完毕', photoIds: after });
      head = { ...head, state: m.state, version: m.version };
    } else if (then) {
      const filed = await transition(tx, actor!, r.id, 'file', { version: 1, note: opts.system?.fileNote }, { vouch: opts.system ? 'office' : undefined });
      head = { ...head, state: filed.state, version: filed.version };
      if (then === 'dispatch') {
        const move = () =>
          transition(
            tx,
            actor!,
            r.id,
            'dispatch',
            { version: filed.version, unitId: opts.system ? systemUnit : input.unitId, dueDate: input.dueDate, note: opts.system?.dispatchNote },
            opts.system ? { vouch: 'office', route: opts.system.route } : {},
          );
        // For the system, a unit that can no longer be reached leaves the problem filed for the office to dispatch.
        const moved = opts.system
          ? await move().catch((e) => {
              if (e instanceof AppError && e.status < 500) return null;
              throw e;
            })
          : await move();
        if (moved) head = { ...head, ...(await repo.problemHead(tx, r.id)) };
      }
    }
    if (resident?.phone) await repo.addFollower(tx, r.id, `phone:${resident.phone}`);
    if (resident) {
      await notify(tx, await repo.officePeople(tx, loc.regionCode), {
        kind: 'resident_report',
        title: `群众随手拍：新问题 ${r.code}（${category.name}），请立案处理`,
        problemId: r.id,
        dedupeKey: `resident:${r.id}`,
      });
    }
    if (opts.within) await opts.within(tx, r.id);
    return head;
  });
  if ('replay' in out) return replayed(db, out.replay);
  return out;
}

export type { CategoryInfo };

/** An imported row, checked by the import (excel.import.ts) against the rules above. */
export interface BatchRow {
  row: number;
  source: Source;
  sourceRef: string | null;
  categoryId: number;
  tier: Tier;
  regionCode: string;
  placeId: number | null;
  address: string | null;
  description: string;
}

/**
 * Imported rows in one statement each way (problems, then their history and
 * audit rows): reported, or filed when the importer is the town office of the
 * row's community. Rows whose random code was taken draw another (up to five times).
 */
export async function intakeBatch(tx: Tx, actor: Actor, batch: BatchRow[]) {
  const out: { row: number; id: number; code: string; state: 'filed' | 'reported' }[] = [];
  let todo = batch;
  for (let attempt = 0; attempt < 5 && todo.length; attempt++) {
    const codes = new Set<string>();
    const rows = todo.map((g) => {
      let code = newProblemCode();
      while (codes.has(code)) code = newProblemCode();
      codes.add(code);
      const state = can(actor, 'problem.office', { regionCode: g.regionCode }) ? ('filed' as const) : ('reported' as const);
      return { ...g, code, state };
    });
    const inserted = new Map((await repo.insertImported(tx, rows, actor, new Date().toISOString())).map((x) => [x.code, x.id]));
    for (const r of rows) if (inserted.has(r.code)) out.push({ row: r.row, id: inserted.get(r.code)!, code: r.code, state: r.state });
    todo = todo.filter((_, i) => !inserted.has(rows[i].code));
  }
  if (todo.length) throw new AppError('INTERNAL');
  return out.sort((a, b) => a.row - b.row);
}

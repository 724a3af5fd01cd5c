// The 摸排 facility-gap survey (issue 18 item 4). A need is recorded in a
// community (survey.manage there) with its kind, place or point, photos, who
// found it, how many, and the departments to coordinate with (units the town
// reaches: its own, the co-building units paired with its communities, the
// county's departments). The office (survey.coordinate) moves it
// 待对接 → 已对接 → 已立项 → 实施中 → 已完成, or 暂缓 with a reason, and links
// it to the rectification plan or problem it became. A department's liaison
// (survey.answer) sees the needs listing their unit and answers; a first
// answer makes a pending need 已对接. Every change writes the need's history
// and the audit row in one transaction, with optimistic concurrency.
import type { Db, Tx } from '../../db/pool.ts';
import { readAll } from '../../db/reads.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { todayChina } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor, pageOf, positiveId } from '../../platform/cursor.ts';
import { codeInScope } from '../../db/scope.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { bboxNear } from '../../../domain/geo.ts';
import { MAX_NEED_UNITS, movesFrom, NEED_MOVES, NEED_STATE_LABELS, needMove, type NeedMove, type NeedState } from '../../../domain/surveys.ts';
import type { UnitKind } from '../../../domain/units.ts';
import { attach, attachmentsOf } from '../files/index.ts';
import { reachableUnitOf, reachableUnitsOf } from '../units/index.ts';
import { townExtent } from '../map/index.ts';
import { listKinds } from '../campaigns/index.ts';
import * as repo from './surveys.repository.ts';

export const readScope = (actor: Actor) => regionScope(actor, 'survey.read');
/** Who a need may be coordinated with. */
export const DEPARTMENT_KINDS: UnitKind[] = ['department', 'co_building', 'town_office'];
/** How far (degrees, about 11 km) a need's point may lie outside its town's extent. */
const EXTENT_PAD = 0.1;

export function itemView(r: repo.ItemRow) {
  return {
    id: r.id,
    townCode: r.townCode,
    regionCode: r.regionCode,
    communityName: r.communityName,
    place: r.placeId ? { id: r.placeId, name: r.placeName ?? '' } : null,
    kind: { id: r.kindId, code: r.kindCode, name: r.kindName },
    description: r.description,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    quantity: r.quantity,
    size: r.size,
    foundBy: r.foundBy,
    foundOn: r.foundOn,
    state: r.state as NeedState,
    stateLabel: NEED_STATE_LABELS[r.state as NeedState] ?? r.state,
    deferReason: r.deferReason,
    units: r.units,
    planId: r.planId,
    problem: r.problemId ? { id: r.problemId, code: r.problemCode ?? '' } : null,
    photoCount: r.photoCount,
  };
}

/** The units the actor answers for: their liaison grants' units (every unit for the admin: null). */
export function answeringUnits(actor: Actor): number[] | null {
  if (actor.grants.some((g) => g.role === 'admin')) return null;
  return actor.grants.filter((g) => g.role === 'unit_liaison' && g.unitId).map((g) => g.unitId as number);
}

// ---- reading ----

export interface ListQuery extends repo.ListFilter {
  cursor?: string;
  limit?: number;
}
const cursorKey = (k: unknown[]): k is [number] => k.length === 1 && positiveId(k[0]);

export async function list(db: Db, actor: Actor, q: ListQuery) {
  const scope = readScope(actor);
  if (scope !== 'all' && !scope.length) throw new AppError('FORBIDDEN');
  const limit = q.limit ?? 50;
  const after = q.cursor ? decodeCursor(q.cursor, cursorKey)[0] : null;
  const rows = await repo.listPage(db, q, scope, after, limit + 1);
  const page = pageOf(rows, limit, (last) => encodeCursor([last.id]));
  return { items: page.items.map(itemView), nextCursor: page.nextCursor };
}

export async function mapLayer(db: Db, actor: Actor, f: repo.ListFilter) {
  const LIMIT = 5000;
  const rows = await repo.mapPoints(db, f, readScope(actor), LIMIT + 1);
  return { items: rows.slice(0, LIMIT).map((r) => ({ ...r, state: r.state as NeedState })), truncated: rows.length > LIMIT };
}

/** May the actor see the need: a reader of its community, or the liaison of a department it lists. */
export async function visible(db: Db, actor: Actor, id: number) {
  if (await repo.getNeed(db, id, readScope(actor))) return true;
  const mine = answeringUnits(actor);
  if (!mine?.length) return false;
  const units = await repo.unitsOfNeed(db, id);
  return units.some((u) => mine.includes(u));
}

async function readable(db: Db | Tx, actor: Actor, id: number) {
  const scoped = await repo.getNeed(db, id, readScope(actor));
  if (scoped) return scoped;
  // A department's liaison reads the needs listing their unit.
  const mine = answeringUnits(actor);
  if (mine?.length) {
    const n = await repo.getNeed(db, id, 'all');
    if (n?.units.some((u) => mine.includes(u.id))) return n;
  }
  throw notFound('该需求不存在或不在您的管辖范围内');
}

export async function get(db: Db | Tx, actor: Actor, id: number) {
  const n = await readable(db, actor, id);
  const [events, held] = await readAll(db, [() => repo.eventsOf(db, id), () => attachmentsOf(db, 'survey_need', id)]);
  const coordinate = can(actor, 'survey.coordinate', { regionCode: n.regionCode });
  const mine = answeringUnits(actor);
  return {
    ...itemView(n),
    photos: held.photos.map((p) => ({ id: p.id, url: p.url, thumbUrl: p.thumbUrl })),
    events,
    createdAt: n.createdAt,
    version: n.version,
    can: {
      edit: can(actor, 'survey.manage', { regionCode: n.regionCode }) && n.state !== 'done',
      moves: coordinate ? movesFrom(n.state as NeedState) : [],
      link: coordinate,
      answer: can(actor, 'survey.answer') && (mine === null || n.units.some((u) => mine.includes(u.id))),
    },
  };
}

// ---- recording ----

export interface NeedInput {
  regionCode?: string | null;
  placeId?: number | null;
  kindId: number;
  description: string;
  address?: string | null;
  lat?: number | null;
  lng?: number | null;
  quantity: number;
  size?: string | null;
  foundBy: string;
  foundOn: string;
  unitIds: number[];
  photoIds?: number[];
}

/**
 * Check what a need names, the way the form and an imported row both need:
 * the kind (active), where it is (a place, or a community, that the caller
 * records needs in), a point near the town, the day it was found (not in the
 * future), the departments (units the town reaches). `fail` names each refusal.
 */
export async function resolve(q: Db | Tx, actor: Actor, x: NeedInput, fail: (path: string, message: string) => void) {
  let ok = true;
  const no = (path: string, message: string) => {
    ok = false;
    fail(path, message);
  };
  const kind = (await listKinds(q, 'need')).find((k) => k.id === x.kindId);
  if (!kind) no('kindId', '请选择需求类别');
  else if (!kind.active) no('kindId', `需求类别“${kind.name}”已停用，请选择其他类别`);
  let regionCode = x.regionCode ?? null;
  if (x.placeId) {
    const p = await repo.placeBrief(q, x.placeId);
    if (!p || !codeInScope(p.regionCode, readScope(actor))) {
      no('placeId', '地点不存在或不在您的管辖范围内');
      return null;
    }
    if (regionCode && !p.regionCode.startsWith(regionCode)) no('placeId', `“${p.name}”不在所选社区内`);
    regionCode = p.regionCode;
  }
  if (!regionCode || regionCode.length < 12 || (await repo.regionLevel(q, regionCode.slice(0, 12))) !== 'community') {
    no('regionCode', '请选择需求所在的社区或地点');
    return null;
  }
  if (!codeInScope(regionCode, readScope(actor))) {
    no('regionCode', '社区不存在或不在您的管辖范围内');
    return null;
  }
  if (!can(actor, 'survey.manage', { regionCode })) {
    no('regionCode', '只能登记本人管辖社区的摸排需求');
    return null;
  }
  const town = regionCode.slice(0, 9);
  if ((x.lat == null) !== (x.lng == null)) no('lat', '经纬度须同时填写');
  else if (x.lat != null && x.lng != null) {
    const extent = await townExtent(q as Db, town);
    if (extent && !bboxNear(extent, [x.lng, x.lat, x.lng, x.lat], EXTENT_PAD))
      no('lat', `位置（${x.lat.toFixed(5)}, ${x.lng.toFixed(5)}）远在本镇范围之外（超出约 10 公里），请在地图上重新选取`);
  }
  if (x.foundOn > todayChina()) no('foundOn', '发现日期不能晚于今天');
  const unitIds = [...new Set(x.unitIds)];
  if (unitIds.length > MAX_NEED_UNITS) no('unitIds', `对接部门最多 ${MAX_NEED_UNITS} 个`);
  for (const id of unitIds) {
    const u = await reachableUnitOf(q, town, id);
    if (!u || !u.via || !DEPARTMENT_KINDS.includes(u.kind as UnitKind)) no('unitIds', `单位 ${id} 不是本镇可对接的部门或共建单位`);
  }
  if (!ok || !kind) return null;
  const fields: repo.NeedFields = {
    townCode: town,
    regionCode,
    placeId: x.placeId ?? null,
    kindId: kind.id,
    description: x.description,
    address: x.address ?? null,
    lat: x.lat ?? null,
    lng: x.lng ?? null,
    quantity: x.quantity,
    size: x.size ?? null,
    foundBy: x.foundBy,
    foundOn: x.foundOn,
  };
  return { fields, unitIds };
}

const throwField = (path: string, message: string) => {
  throw fieldError(`body.${path}`, message);
};

export async function create(db: Db, actor: Actor, x: NeedInput) {
  const r = await resolve(db, actor, x, throwField);
  if (!r) throw fieldError('body.regionCode', '请选择需求所在的社区或地点');
  const id = await db.transaction(async (tx) => {
    const id = await repo.insertNeed(tx, r.fields, actor.personId);
    await repo.setUnits(tx, id, r.unitIds);
    if (x.photoIds) await attach(tx, actor, 'survey_need', id, { photoIds: x.photoIds });
    await repo.addEvent(tx, id, { from: null, to: 'pending', note: null, actorId: actor.personId, actorName: actor.name });
    await audit(tx, {
      actor,
      action: 'create',
      entity: 'survey_need',
      entityId: id,
      regionCode: r.fields.regionCode,
      after: { ...r.fields, unitIds: r.unitIds },
    });
    return id;
  });
  return get(db, actor, id);
}

export async function edit(db: Db, actor: Actor, id: number, version: number, x: NeedInput) {
  const before = await readable(db, actor, id);
  if (!can(actor, 'survey.manage', { regionCode: before.regionCode })) throw new AppError('FORBIDDEN', '只有需求所在社区（或乡镇）可以修改该需求');
  if (before.state === 'done') throw new AppError('INVALID_STATE', '需求已完成，不能再修改');
  const r = await resolve(db, actor, x, throwField);
  if (!r) throw fieldError('body.regionCode', '请选择需求所在的社区或地点');
  if (r.fields.townCode !== before.townCode) throw fieldError('body.regionCode', '不能把需求改到其他乡镇');
  await db.transaction(async (tx) => {
    if (!(await repo.updateNeed(tx, id, version, r.fields))) throw new AppError('CONFLICT');
    await repo.setUnits(tx, id, r.unitIds);
    if (x.photoIds) await attach(tx, actor, 'survey_need', id, { photoIds: x.photoIds });
    await audit(tx, { actor, action: 'update', entity: 'survey_need', entityId: id, regionCode: r.fields.regionCode, before, after: r.fields });
  });
  return get(db, actor, id);
}

// ---- coordinating ----

export async function move(db: Db, actor: Actor, id: number, x: { version: number; move: NeedMove; note?: string | null; reason?: string | null }) {
  const n = await readable(db, actor, id);
  if (!can(actor, 'survey.coordinate', { regionCode: n.regionCode })) throw new AppError('FORBIDDEN', '只有乡镇创城办可以推进摸排需求的状态');
  const to = needMove(n.state as NeedState, x.move);
  if (!to) throw new AppError('INVALID_STATE', `“${NEED_STATE_LABELS[n.state as NeedState]}”的需求不能${NEED_MOVES[x.move].label}`);
  if (to === 'deferred' && !x.reason) throw fieldError('body.reason', '暂缓须填写原因');
  await db.transaction(async (tx) => {
    if (!(await repo.moveNeed(tx, id, x.version, n.state, to, to === 'deferred' ? (x.reason ?? null) : null))) throw new AppError('CONFLICT');
    const note = to === 'deferred' ? (x.reason ?? null) : (x.note ?? null);
    await repo.addEvent(tx, id, { from: n.state, to, note, actorId: actor.personId, actorName: actor.name });
    await audit(tx, {
      actor,
      action: 'move',
      entity: 'survey_need',
      entityId: id,
      regionCode: n.regionCode,
      before: { state: n.state },
      after: { move: x.move, state: to, note },
    });
  });
  return get(db, actor, id);
}

/** Link a need to the rectification plan or the problem it became (a plan brings its problem; null clears). */
export async function link(db: Db, actor: Actor, id: number, x: { version: number; planId?: number | null; problemId?: number | null }) {
  const n = await readable(db, actor, id);
  if (!can(actor, 'survey.coordinate', { regionCode: n.regionCode })) throw new AppError('FORBIDDEN', '只有乡镇创城办可以关联整改方案或问题');
  let planId: number | null = null;
  let problemId: number | null = null;
  if (x.planId) {
    const p = await repo.planInTown(db, x.planId, n.townCode);
    if (!p) throw fieldError('body.planId', '整改方案不存在或不属于本镇');
    planId = p.id;
    problemId = p.problemId;
    if (x.problemId && x.problemId !== p.problemId) throw fieldError('body.problemId', '问题与整改方案不对应');
  } else if (x.problemId) {
    const p = await repo.problemInTown(db, x.problemId, n.townCode);
    if (!p) throw fieldError('body.problemId', '问题不存在或不属于本镇');
    problemId = p.id;
    planId = p.planId;
  }
  await db.transaction(async (tx) => {
    if (!(await repo.linkNeed(tx, id, x.version, planId, problemId))) throw new AppError('CONFLICT');
    const note = problemId ? `关联${planId ? '整改方案' : '问题'}` : '取消关联';
    await repo.addEvent(tx, id, { from: null, to: null, note, actorId: actor.personId, actorName: actor.name });
    await audit(tx, { actor, action: 'link', entity: 'survey_need', entityId: id, regionCode: n.regionCode, before: n, after: { planId, problemId } });
  });
  return get(db, actor, id);
}

// ---- the department's page ----

export async function department(db: Db, actor: Actor, unitId?: number) {
  const mine = answeringUnits(actor);
  if (mine !== null && !mine.length) throw new AppError('FORBIDDEN', '只有部门联络员可以查看本部门的摸排需求');
  const chosen = unitId ?? mine?.[0];
  if (!chosen) throw fieldError('querystring.unitId', '请选择单位');
  if (mine !== null && !mine.includes(chosen)) throw notFound('单位不存在或您不是该单位的联络员');
  const units = await repo.unitNames(db, mine ?? [chosen]);
  const unit = units.find((u) => u.id === chosen);
  if (!unit) throw notFound('单位不存在');
  const rows = await repo.needsOfUnits(db, [chosen], 2000);
  return { unit, units, items: rows.map((r) => ({ ...itemView(r), myAnswer: r.myAnswer })) };
}

export async function answer(db: Db, actor: Actor, id: number, x: { unitId?: number; answer: string }) {
  const n = await readable(db, actor, id);
  const mine = answeringUnits(actor);
  const listed = n.units.map((u) => u.id);
  const unitId = x.unitId ?? (mine ?? listed).find((u) => listed.includes(u));
  if (!unitId || !listed.includes(unitId) || (mine !== null && !mine.includes(unitId))) throw new AppError('FORBIDDEN', '该需求未列您的单位为对接部门');
  await db.transaction(async (tx) => {
    await repo.answer(tx, id, unitId, x.answer, actor.personId);
    const contacted = await repo.markContacted(tx, id);
    const unitName = n.units.find((u) => u.id === unitId)?.name ?? '';
    await repo.addEvent(tx, id, {
      from: contacted ? 'pending' : null,
      to: contacted ? 'contacted' : null,
      note: `${unitName}答复：${x.answer}`,
      actorId: actor.personId,
      actorName: actor.name,
    });
    await audit(tx, { actor, action: 'answer', entity: 'survey_need', entityId: id, regionCode: n.regionCode, after: { unitId, answer: x.answer, contacted } });
  });
  return get(db, actor, id);
}

// ---- the form's choices ----

export async function options(db: Db, actor: Actor, regionCode: string) {
  const town = regionCode.slice(0, 9);
  if (regionCode.length < 9 || !codeInScope(regionCode, readScope(actor))) throw notFound('区划不存在或不在您的管辖范围内');
  const [communities, places, departments] = await readAll(db, [
    () => repo.communitiesOf(db, town),
    () => repo.placesOf(db, town),
    () => reachableUnitsOf(db, town, DEPARTMENT_KINDS),
  ]);
  return { townCode: town, communities, places, departments: departments.map((u) => ({ id: u.id, name: u.name, kind: u.kind })) };
}

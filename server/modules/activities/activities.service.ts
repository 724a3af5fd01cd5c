// Activities at the practice institute/stations (issue 16): planned, then
// held (participants, report, photos, publicity link) or cancelled with a
// reason. Reading needs activity.read over the activity's community (else
// 404); planning, holding and cancelling need activity.manage there (else
// 403). The organiser is one of the town's units, the co-organisers among
// the town's reachable units (domain/units.ts reachVia, the dispatch rule's
// one definition); the place is one of the town's places.
import type { Db, Tx } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { todayChina } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor, isDay, pageOf, positiveId } from '../../platform/cursor.ts';
import { codeInScope } from '../../db/scope.ts';
import { authorize } from '../../platform/session.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../domain/units.ts';
import { ACTIVITY_STATE_LABELS, monthRange, ORGANIZER_UNIT_KINDS, type ActivityState } from '../../../domain/activities.ts';
import { reachableUnitOf } from '../units/index.ts';
import { attach, attachmentsOf } from '../files/index.ts';
import { ensureSeeded } from './activities.seed.ts';
import * as repo from './activities.repository.ts';

export const readScope = (actor: Actor) => regionScope(actor, 'activity.read');
const kindLabel = (k: string) => UNIT_KIND_LABELS[k as UnitKind] ?? k;

// ---- the list ----

export interface ListQuery {
  regionCode?: string;
  unitId?: number;
  month?: string;
  from?: string;
  to?: string;
  kinds?: string;
  state?: ActivityState;
  cursor?: string;
  limit?: number;
}

/** The URL filter as the repository's: a month is its first and last day (with from/to, the overlap). */
export function toFilter(f: Omit<ListQuery, 'cursor' | 'limit'>): repo.ListFilter {
  let { from, to } = f;
  if (f.month) {
    const m = monthRange(f.month);
    if (!from || from < m.from) from = m.from;
    if (!to || to > m.to) to = m.to;
  }
  const kinds = f.kinds
    ? f.kinds
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
    : undefined;
  return { regionCode: f.regionCode, unitId: f.unitId, from, to, kinds, state: f.state };
}

export function itemView(r: repo.ItemRow) {
  return {
    id: r.id,
    title: r.title,
    kind: { id: r.kindId, code: r.kindCode, name: r.kindName },
    state: r.state as ActivityState,
    stateLabel: ACTIVITY_STATE_LABELS[r.state as ActivityState] ?? r.state,
    onDate: r.onDate,
    theme: r.theme,
    festival: r.festival,
    organizer: { id: r.unitId, name: r.unitName, kind: r.unitKind, kindLabel: kindLabel(r.unitKind) },
    place: { id: r.placeId, name: r.placeName },
    regionCode: r.regionCode,
    communityName: r.communityName,
    participants: {
      residents: r.residents,
      volunteers: r.volunteers,
      cadres: r.cadres,
      coBuildingStaff: r.coBuildingStaff,
      total: r.residents + r.volunteers + r.cadres + r.coBuildingStaff,
    },
    photoCount: r.photoCount,
    publicityUrl: r.publicityUrl,
  };
}

const cursorKey = (k: unknown[]): k is [string, number] => k.length === 2 && isDay(k[0]) && positiveId(k[1]);

export async function list(db: Db, actor: Actor, q: ListQuery) {
  const scope = readScope(actor);
  if (scope !== 'all' && !scope.length) throw new AppError('FORBIDDEN');
  const limit = q.limit ?? 50;
  const after = q.cursor ? decodeCursor(q.cursor, cursorKey) : null;
  const rows = await repo.listPage(db, toFilter(q), scope, after, limit + 1);
  const page = pageOf(rows, limit, (last) => encodeCursor([last.onDate, last.id]));
  return { items: page.items.map(itemView), nextCursor: page.nextCursor };
}

// ---- one activity ----

export async function get(db: Db | Tx, actor: Actor, id: number) {
  const a = await repo.getActivity(db, id, readScope(actor));
  if (!a) throw notFound('该活动不存在或不在您的管辖范围内');
  const [coUnits, held] = await Promise.all([repo.coUnitsOf(db, id), attachmentsOf(db, 'activity', id)]);
  const manage = can(actor, 'activity.manage', { regionCode: a.regionCode });
  const planned = a.state === 'planned';
  return {
    ...itemView(a),
    townCode: a.townCode,
    coUnits: coUnits.map((u) => ({ id: u.id, name: u.name, kindLabel: kindLabel(u.kind) })),
    cancelReason: a.cancelReason,
    report: a.report,
    photos: held.photos.map((p) => ({ id: p.id, url: p.url, thumbUrl: p.thumbUrl })),
    createdByName: a.createdByName,
    createdAt: a.createdAt,
    heldAt: a.heldAt,
    version: a.version,
    can: { hold: manage && planned, cancel: manage && planned, edit: manage && planned },
  };
}

/** The activity for a change: 404 unless readable, 403 unless the caller manages its community. */
async function forChange(db: Db | Tx, actor: Actor, id: number) {
  const a = await repo.getActivity(db, id, readScope(actor));
  if (!a) throw notFound('该活动不存在或不在您的管辖范围内');
  if (!can(actor, 'activity.manage', { regionCode: a.regionCode }))
    throw new AppError('FORBIDDEN', '只有活动所在社区（或乡镇）的创城办、社区干部可以登记该活动');
  return a;
}

// ---- planning ----

export interface PlanInput {
  title: string;
  kindId: number;
  unitId: number;
  placeId: number;
  onDate: string;
  theme?: string | null;
  festival?: string | null;
  coUnitIds?: number[];
}

/** What resolve() looks up: straight from the database, or memoised for an import's many rows. */
export interface Lookups {
  kind(id: number): Promise<repo.KindRow | null>;
  place(id: number): Promise<repo.PlaceBrief | null>;
  unit(town: string, id: number): Promise<{ id: number; name: string; kind: string; regionCode: string; via: string | null } | null>;
}
export function lookups(q: Db | Tx, memo = false): Lookups {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, f: () => Promise<T>): Promise<T> => {
    if (!memo) return f();
    if (!cache.has(key)) cache.set(key, f());
    return cache.get(key) as Promise<T>;
  };
  return {
    kind: (id) => once(`k${id}`, () => repo.kindById(q, id)),
    place: (id) => once(`p${id}`, () => repo.placeBrief(q, id)),
    unit: (town, id) => once(`u${town}:${id}`, () => reachableUnitOf(q, town, id)),
  };
}

export interface Resolved {
  townCode: string;
  regionCode: string;
  kindId: number;
  placeId: number;
  organizerUnitId: number;
  coUnitIds: number[];
}

/**
 * Check what a planned activity names, the way a form and an imported row
 * both need: the kind (active), the place (one the caller manages), the
 * organiser (a unit of the place's town that organises activities) and the
 * co-organisers (the town's reachable units). `field` names the path of
 * each refusal (a form field, or an import column).
 */
export async function resolve(
  look: Lookups,
  actor: Actor,
  p: Pick<PlanInput, 'kindId' | 'unitId' | 'placeId' | 'coUnitIds'>,
  field: (path: string, message: string) => void,
): Promise<Resolved | null> {
  let ok = true;
  const fail = (path: string, message: string) => {
    ok = false;
    field(path, message);
  };
  const kind = await look.kind(p.kindId);
  if (!kind) fail('kindId', '请选择活动类别');
  else if (!kind.active) fail('kindId', `活动类别“${kind.name}”已停用，请选择其他类别`);
  const place = await look.place(p.placeId);
  if (!place || !codeInScope(place.regionCode, readScope(actor))) {
    fail('placeId', '活动地点不存在或不在您的管辖范围内，请在地图上选择本镇的街巷、小区或点位');
    return null;
  }
  if (place.regionCode.length < 12 || !can(actor, 'activity.manage', { regionCode: place.regionCode })) {
    fail('placeId', `您不能在“${place.name}”所在社区登记活动：只能登记本人管辖社区的活动`);
    return null;
  }
  const town = place.regionCode.slice(0, 9);
  const org = await look.unit(town, p.unitId);
  if (!org) fail('unitId', '组织单位不存在');
  else if (org.via !== 'own' && org.via !== 'paired') fail('unitId', `“${org.name}”不是本镇的单位，请选择本镇的新时代文明实践所（站）、社区或单位`);
  else if (!ORGANIZER_UNIT_KINDS.includes(org.kind as UnitKind))
    fail('unitId', `${kindLabel(org.kind)}不组织活动，请选择新时代文明实践所（站）、社区居委会或其他单位`);
  const co = [...new Set(p.coUnitIds ?? [])];
  for (const [i, uid] of co.entries()) {
    if (uid === p.unitId) {
      fail(`coUnitIds.${i}`, '共建单位不能是组织单位本身');
      continue;
    }
    const u = await look.unit(town, uid);
    if (!u) fail(`coUnitIds.${i}`, '共建单位不存在');
    else if (!u.via) fail(`coUnitIds.${i}`, `“${u.name}”不是本镇可联系的单位：共建单位只能是本镇单位、与本镇社区挂钩共建的单位或本县职能部门`);
  }
  return ok
    ? { townCode: town, regionCode: place.regionCode.slice(0, 12), kindId: p.kindId, placeId: place.id, organizerUnitId: p.unitId, coUnitIds: co }
    : null;
}

const throwFields = async <T>(fn: (field: (path: string, message: string) => void) => Promise<T>): Promise<T> => {
  const fields: { path: string; message: string }[] = [];
  const r = await fn((path, message) => fields.push({ path, message }));
  if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
  return r;
};

export async function plan(db: Db, actor: Actor, input: PlanInput) {
  authorize(actor, 'activity.manage');
  await ensureSeeded(db);
  const id = await db.transaction(async (tx) => {
    const r = (await throwFields((f) => resolve(lookups(tx), actor, input, f)))!;
    const [id] = await repo.insertActivities(tx, [
      {
        townCode: r.townCode,
        regionCode: r.regionCode,
        organizerUnitId: r.organizerUnitId,
        kindId: r.kindId,
        title: input.title,
        theme: input.theme ?? null,
        festival: input.festival ?? null,
        placeId: r.placeId,
        onDate: input.onDate,
        state: 'planned',
        cancelReason: null,
        residents: 0,
        volunteers: 0,
        cadres: 0,
        coBuildingStaff: 0,
        report: null,
        publicityUrl: null,
        createdBy: actor.personId,
        heldAt: null,
      },
    ]);
    await repo.insertCoUnits(
      tx,
      r.coUnitIds.map((unitId) => ({ activityId: id, unitId })),
    );
    await audit(tx, {
      actor,
      action: 'activity.plan',
      entity: 'activity',
      entityId: id,
      regionCode: r.regionCode,
      after: { ...input, coUnitIds: r.coUnitIds, state: 'planned' },
    });
    return id;
  });
  return get(db, actor, id);
}

/** Change a planned activity (date, place, kind, organisers …); held and cancelled ones are final. */
export async function edit(db: Db, actor: Actor, id: number, version: number, input: PlanInput) {
  await db.transaction(async (tx) => {
    const a = await forChange(tx, actor, id);
    if (a.state !== 'planned') throw new AppError('INVALID_STATE', '只有计划中的活动可以修改；已开展或已取消的活动不能再改');
    const r = (await throwFields((f) => resolve(lookups(tx), actor, input, f)))!;
    const moved = await repo.move(tx, id, version, {
      to: 'edit',
      title: input.title,
      kindId: r.kindId,
      organizerUnitId: r.organizerUnitId,
      placeId: r.placeId,
      townCode: r.townCode,
      regionCode: r.regionCode,
      onDate: input.onDate,
      theme: input.theme ?? null,
      festival: input.festival ?? null,
    });
    if (!moved) throw new AppError('CONFLICT');
    await repo.setCoUnits(tx, id, r.coUnitIds);
    await audit(tx, {
      actor,
      action: 'activity.edit',
      entity: 'activity',
      entityId: id,
      regionCode: r.regionCode,
      before: { title: a.title, onDate: a.onDate, placeId: a.placeId, unitId: a.unitId, kindId: a.kindId },
      after: { ...input, coUnitIds: r.coUnitIds },
    });
  });
  return get(db, actor, id);
}

// ---- holding and cancelling ----

export interface HoldInput {
  version: number;
  heldOn: string;
  residents: number;
  volunteers: number;
  cadres: number;
  coBuildingStaff: number;
  report?: string | null;
  publicityUrl?: string | null;
  photoIds?: number[];
}

export async function hold(db: Db, actor: Actor, id: number, input: HoldInput) {
  if (input.heldOn > todayChina()) throw fieldError('heldOn', '开展日期不能晚于今天：活动开展后再登记');
  await db.transaction(async (tx) => {
    const a = await forChange(tx, actor, id);
    if (a.state !== 'planned') throw new AppError('INVALID_STATE', `该活动${ACTIVITY_STATE_LABELS[a.state as ActivityState] ?? ''}，不能再登记开展`);
    const moved = await repo.move(tx, id, input.version, {
      to: 'held',
      onDate: input.heldOn,
      residents: input.residents,
      volunteers: input.volunteers,
      cadres: input.cadres,
      coBuildingStaff: input.coBuildingStaff,
      report: input.report ?? null,
      publicityUrl: input.publicityUrl ?? null,
    });
    if (!moved) throw new AppError('CONFLICT');
    // The photos are the caller's own uploads held by nothing else (the file store's one rule).
    await attach(tx, actor, 'activity', id, { photoIds: input.photoIds ?? [] });
    await audit(tx, {
      actor,
      action: 'activity.hold',
      entity: 'activity',
      entityId: id,
      regionCode: a.regionCode,
      before: { state: a.state, onDate: a.onDate },
      after: { ...input, state: 'held' },
    });
  });
  return get(db, actor, id);
}

export async function cancel(db: Db, actor: Actor, id: number, version: number, reason: string) {
  await db.transaction(async (tx) => {
    const a = await forChange(tx, actor, id);
    if (a.state !== 'planned') throw new AppError('INVALID_STATE', `该活动${ACTIVITY_STATE_LABELS[a.state as ActivityState] ?? ''}，不能取消`);
    const moved = await repo.move(tx, id, version, { to: 'cancelled', reason });
    if (!moved) throw new AppError('CONFLICT');
    await audit(tx, {
      actor,
      action: 'activity.cancel',
      entity: 'activity',
      entityId: id,
      regionCode: a.regionCode,
      before: { state: a.state },
      after: { state: 'cancelled', cancelReason: reason },
    });
  });
  return get(db, actor, id);
}

/** May the actor see the activity (the file store asks, to serve its photos at GET /api/photos/:id)? */
export async function visible(db: Db, actor: Actor, id: number): Promise<boolean> {
  return (await repo.getActivity(db, id, readScope(actor))) !== null;
}

// Publicity facilities on the map (issue 18 item 2): 展板, 宣传栏, 便民张贴栏,
// 公益广告, 景观小品, LED屏 … with their place, theme, owner unit, photos and
// condition. A location is picked on the map or taken by GPS and must lie
// within the town's extent (its places and boundary, grown by about 2 km);
// a facility belongs to the community of its place (or the one chosen).
// Reading needs publicity.read over its region (else 404), recording and
// changing publicity.manage there (else 403). "Mark damaged" (the phone's
// queue, or the desk) opens a problem through the problems module's intake,
// filed and dispatched to the facility's owner unit, and marks it damaged
// in the same transaction.
import type { Db, Tx } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { todayChina } from '../../platform/clock.ts';
import { idCursor, pageOf } from '../../platform/cursor.ts';
import { codeInScope } from '../../db/scope.ts';
import { authorize } from '../../platform/session.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { bboxNear } from '../../../domain/geo.ts';
import { CONDITION_LABELS, FACILITY_NEAR_DEGREES, type Condition } from '../../../domain/publicity.ts';
import { PROBLEM_STATE_LABELS, type ProblemState, type Source } from '../../../domain/problems/vocab.ts';
import { readAll } from '../../db/reads.ts';
import { reachableUnitOf } from '../units/index.ts';
import { attach, attachmentsOf } from '../files/index.ts';
import { townExtent } from '../map/index.ts';
import { intake, locationAt } from '../problems/index.ts';
import { ensureSeeded } from './terms.service.ts';
import * as repo from './facilities.repository.ts';
import * as terms from './terms.repository.ts';
import * as out from './output.repository.ts';

export const readScope = (actor: Actor) => regionScope(actor, 'publicity.read');

export function facilityView(actor: Actor, r: repo.FacilityRow) {
  return {
    id: Number(r.id),
    townCode: r.townCode,
    regionCode: r.regionCode,
    regionName: r.regionName,
    version: r.version,
    createdAt: r.createdAt,
    canEdit: can(actor, 'publicity.manage', { regionCode: r.regionCode }),
    name: r.name,
    kind: { id: r.kindId, name: r.kindName, group: r.kindGroup },
    theme: r.themeId ? { id: r.themeId, name: r.themeName ?? '' } : null,
    place: r.placeId ? { id: r.placeId, name: r.placeName ?? '', pointType: r.pointType } : null,
    ownerUnit: r.ownerUnitId ? { id: r.ownerUnitId, name: r.ownerUnitName ?? '' } : null,
    installedOn: r.installedOn,
    condition: r.condition as Condition,
    conditionLabel: CONDITION_LABELS[r.condition as Condition] ?? r.condition,
    lat: Number(r.lat),
    lng: Number(r.lng),
    note: r.note,
    problem: r.problemId ? { id: Number(r.problemId), code: r.problemCode ?? '', state: r.problemState ?? '' } : null,
    photoCount: r.photoCount,
  };
}

export async function list(db: Db, actor: Actor, q: repo.FacilityFilter & { cursor?: string; limit?: number }) {
  authorize(actor, 'publicity.read');
  const limit = q.limit ?? 50;
  const after = q.cursor ? idCursor.decode(q.cursor) : null;
  const rows = await repo.listPage(db, q, readScope(actor), after, limit + 1);
  const page = pageOf(rows, limit, (last) => idCursor.encode(Number(last.id)));
  return { items: page.items.map((r) => facilityView(actor, r)), nextCursor: page.nextCursor };
}

export async function get(db: Db | Tx, actor: Actor, id: number) {
  authorize(actor, 'publicity.read');
  const r = await repo.getFacility(db, id, readScope(actor));
  if (!r) throw notFound('该宣传设施不存在或不在您的管辖范围内');
  const [held, rows] = await readAll(db, [() => attachmentsOf(db, 'publicity_facility', id), () => repo.facilityHistory(db, id)]);
  const history = historyView(rows);
  const problems = history.flatMap((e) => (e.problem ? [e.problem] : [])).reverse();
  return { ...facilityView(actor, r), photos: held.photos.map((p) => ({ id: p.id, url: p.url, thumbUrl: p.thumbUrl })), history, problems };
}

const EVENT: Record<string, { action: 'created' | 'imported' | 'changed' | 'damaged'; label: string }> = {
  'publicity.create': { action: 'created', label: '登记' },
  'publicity.import': { action: 'imported', label: 'Excel 导入' },
  'publicity.update': { action: 'changed', label: '修改状况' },
  'publicity.mark_damaged': { action: 'damaged', label: '报告破损' },
};
const cond = (c: string | null) => (c && c in CONDITION_LABELS ? (c as Condition) : null);

/** The condition's history: every record, import and damage report, and each change that moved the condition. */
function historyView(rows: repo.HistoryRow[]) {
  return rows
    .filter((r) => EVENT[r.action] && (r.action !== 'publicity.update' || r.fromCondition !== r.toCondition))
    .map((r) => ({
      at: r.at,
      actorName: r.actorName,
      ...EVENT[r.action],
      fromCondition: r.action === 'publicity.create' || r.action === 'publicity.import' ? null : cond(r.fromCondition),
      toCondition: cond(r.toCondition),
      problem: r.problemId
        ? { id: r.problemId, code: r.problemCode ?? '', state: r.problemState ?? '', stateLabel: PROBLEM_STATE_LABELS[r.problemState as ProblemState] ?? '' }
        : null,
    }));
}

export interface FacilityInput {
  name: string;
  kindId: number;
  themeId?: number | null;
  placeId?: number | null;
  /** The community, when no place is chosen. */
  regionCode?: string | null;
  ownerUnitId?: number | null;
  installedOn?: string | null;
  condition: Condition;
  lat: number;
  lng: number;
  note?: string | null;
  photoIds?: number[];
}

type Field = (path: string, message: string) => void;

/** What resolve() looks up: straight from the database, or memoised for an import's many rows. */
export function lookups(q: Db | Tx, memo = false) {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, f: () => Promise<T>): Promise<T> => {
    if (!memo) return f();
    if (!cache.has(key)) cache.set(key, f());
    return cache.get(key) as Promise<T>;
  };
  return {
    term: (id: number) => once(`t${id}`, () => terms.termById(q, id)),
    place: (id: number) => once(`p${id}`, () => repo.placeOf(q, id, 'all')),
    region: (code: string) => once(`r${code}`, () => out.regionName(q, code)),
    unit: (town: string, id: number) => once(`u${town}:${id}`, () => reachableUnitOf(q, town, id)),
    extent: (town: string) => once(`e${town}`, () => townExtent(q as Db, town)),
  };
}
export type Lookups = ReturnType<typeof lookups>;

/**
 * Check a facility the way a form and an imported row both need: the kind and
 * theme (active), the place or community (one the caller manages), the owner
 * (a reachable unit of the town), the location within the town's extent.
 */
export async function resolve(look: Lookups, actor: Actor, p: FacilityInput, field: Field): Promise<Omit<repo.FacilityColumns, 'created_by'> | null> {
  let ok = true;
  const fail: Field = (path, message) => {
    ok = false;
    field(path, message);
  };
  const kind = await look.term(p.kindId);
  if (!kind || kind.list !== 'kind') fail('kindId', '请选择设施类别');
  else if (!kind.active) fail('kindId', `设施类别“${kind.name}”已停用，请选择其他类别`);
  if (p.themeId) {
    const th = await look.term(p.themeId);
    if (!th || th.list !== 'theme') fail('themeId', '内容主题不存在');
    else if (!th.active) fail('themeId', `内容主题“${th.name}”已停用`);
  }
  let region: string | null = null;
  if (p.placeId) {
    const place = await look.place(p.placeId);
    if (!place || !codeInScope(place.regionCode, readScope(actor))) fail('placeId', '所属点位不存在或不在您的管辖范围内');
    else region = place.regionCode.slice(0, 12);
  } else if (p.regionCode) {
    if (p.regionCode.length !== 12 || !codeInScope(p.regionCode, readScope(actor)) || (await look.region(p.regionCode)) === null)
      fail('regionCode', '请选择设施所在的社区');
    else region = p.regionCode;
  } else fail('placeId', '请选择设施所属的点位或社区');
  if (!region) return null;
  if (region.length < 12 || !can(actor, 'publicity.manage', { regionCode: region })) {
    fail(p.placeId ? 'placeId' : 'regionCode', '您不能登记该社区的宣传设施：只能登记本人管辖社区的设施');
    return null;
  }
  const town = region.slice(0, 9);
  if (p.ownerUnitId) {
    const u = await look.unit(town, p.ownerUnitId);
    if (!u) fail('ownerUnitId', '管理单位不存在');
    else if (!u.via) fail('ownerUnitId', `“${u.name}”不是本镇可联系的单位：破损时问题派给管理单位，只能选择本镇单位、挂钩共建单位或本县职能部门`);
  }
  if (p.installedOn && p.installedOn > todayChina()) fail('installedOn', '设置日期不能晚于今天');
  const extent = await look.extent(town);
  if (extent && !bboxNear(extent, [p.lng, p.lat, p.lng, p.lat], FACILITY_NEAR_DEGREES)) {
    const msg = `位置（东经 ${p.lng.toFixed(5)}°、北纬 ${p.lat.toFixed(5)}°）远在本镇范围之外（约东经 ${((extent[0] + extent[2]) / 2).toFixed(3)}°、北纬 ${((extent[1] + extent[3]) / 2).toFixed(3)}°），请在地图上重新选点或检查定位`;
    fail('lat', msg);
    fail('lng', msg);
  }
  if (!ok) return null;
  return {
    town_code: town,
    region_code: region,
    name: p.name,
    kind_id: p.kindId,
    theme_id: p.themeId ?? null,
    place_id: p.placeId ?? null,
    owner_unit_id: p.ownerUnitId ?? null,
    installed_on: p.installedOn ?? null,
    condition: p.condition,
    lat: p.lat,
    lng: p.lng,
    note: p.note ?? null,
  };
}

export const throwFields = async <T>(fn: (field: Field) => Promise<T>): Promise<T> => {
  const fields: { path: string; message: string }[] = [];
  const r = await fn((path, message) => fields.push({ path, message }));
  if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
  return r;
};

export async function create(db: Db, actor: Actor, input: FacilityInput) {
  authorize(actor, 'publicity.manage');
  await ensureSeeded(db);
  const id = await db.transaction(async (tx) => {
    const row = (await throwFields((f) => resolve(lookups(tx), actor, input, f)))!;
    const [id] = await repo.insertFacilities(tx, [{ ...row, created_by: actor.personId }]);
    // The photos are the caller's own uploads held by nothing else (the file store's one rule).
    await attach(tx, actor, 'publicity_facility', id, { photoIds: input.photoIds ?? [] });
    await audit(tx, { actor, action: 'publicity.create', entity: 'publicity_facility', entityId: id, regionCode: row.region_code, after: input });
    return id;
  });
  return get(db, actor, id);
}

async function forChange(q: Db | Tx, actor: Actor, id: number) {
  const r = await repo.getFacility(q, id, readScope(actor));
  if (!r) throw notFound('该宣传设施不存在或不在您的管辖范围内');
  if (!can(actor, 'publicity.manage', { regionCode: r.regionCode }))
    throw new AppError('FORBIDDEN', '只有设施所在社区（或乡镇）的创城办、社区干部可以修改该设施');
  return r;
}

export async function update(db: Db, actor: Actor, id: number, version: number, input: FacilityInput) {
  authorize(actor, 'publicity.manage');
  await db.transaction(async (tx) => {
    const before = await forChange(tx, actor, id);
    const row = (await throwFields((f) => resolve(lookups(tx), actor, input, f)))!;
    if (!(await repo.updateFacility(tx, id, version, row))) throw new AppError('CONFLICT');
    if (input.photoIds) await attach(tx, actor, 'publicity_facility', id, { photoIds: input.photoIds });
    await audit(tx, {
      actor,
      action: 'publicity.update',
      entity: 'publicity_facility',
      entityId: id,
      regionCode: row.region_code,
      before,
      after: input,
    });
  });
  return get(db, actor, id);
}

/** The problem source a damage report is filed under: the reporter's own patrol or supervision, else a self-check. */
function damageSource(actor: Actor, regionCode: string): Source {
  const held = actor.grants.filter((g) => g.regionCode === null || regionCode.startsWith(g.regionCode)).map((g) => g.role);
  if (held.includes('street_chief')) return 'patrol';
  if (held.includes('supervisor')) return 'supervision';
  return 'self_check';
}

/** The problem's idempotency key of a damage report: the person and their key (the phone's item key, the desk's Idempotency-Key). */
export const damageKey = (personId: number, key: string) => `pubdmg:${personId}:${key.slice(0, 100)}`;

export interface DamageInput {
  facilityId: number;
  note?: string | null;
  photoIds?: number[];
  /** The phone's item key (or the desk's Idempotency-Key): a re-send opens nothing new. */
  idempotencyKey?: string | null;
}

/**
 * Mark a facility damaged: a problem (部件 宣传栏/公益广告牌) at the facility's
 * place and point, with the reporter's photos, filed and dispatched to the
 * owner unit (filed only when it has none, or the unit can no longer be
 * reached: the office dispatches), and the facility marked damaged with the
 * problem, in one transaction.
 */
export async function markDamaged(db: Db, actor: Actor, input: DamageInput) {
  const f = await repo.getFacility(db, input.facilityId, readScope(actor));
  if (!f) throw notFound('该宣传设施不存在或不在您的管辖范围内');
  if (f.condition === 'removed') throw new AppError('INVALID_STATE', '该设施已拆除，不能再报告破损');
  const categoryId = await repo.damageCategory(db);
  if (!categoryId) throw new AppError('INVALID_STATE', '没有可用的问题类别“宣传栏/公益广告牌”，请联系管理员启用该类别');
  const description = `宣传设施破损：${f.kindName}“${f.name}”${f.placeName ? `（${f.placeName}）` : ''}${input.note ? `。${input.note}` : ''}`;
  const r = await intake(
    db,
    { actor },
    {
      source: damageSource(actor, f.regionCode),
      sourceRef: `宣传设施 ${f.name}`,
      sourceId: Number(f.id),
      categoryId,
      tier: null,
      description: description.slice(0, 2000),
      lat: Number(f.lat),
      lng: Number(f.lng),
      beforePhotoIds: input.photoIds ?? [],
      unitId: f.ownerUnitId,
      idempotencyKey: input.idempotencyKey ?? null,
    },
    { placeMatchMeters: 0, communityMatchMeters: 0 },
    {
      location: locationAt(f.regionCode, f.placeId),
      eventData: { publicityFacilityId: Number(f.id) },
      system: {
        fileNote: '宣传设施破损，自动立案',
        dispatchNote: `宣传设施破损，派给设施管理单位${f.ownerUnitName ? `（${f.ownerUnitName}）` : ''}`,
        route: 'publicity_facility',
      },
      within: async (tx, problemId) => {
        const cur = await repo.getFacility(tx, input.facilityId, 'all');
        // A replay finds the facility already linked to this problem: nothing to change.
        if (!cur || Number(cur.problemId) === problemId) return;
        await repo.markDamaged(tx, input.facilityId, problemId);
        await audit(tx, {
          actor,
          action: 'publicity.mark_damaged',
          entity: 'publicity_facility',
          entityId: input.facilityId,
          regionCode: f.regionCode,
          before: { condition: cur.condition, problemId: cur.problemId },
          after: { condition: 'damaged', problemId },
        });
      },
    },
  );
  return { id: r.id, code: r.code, state: r.state, version: r.version, replayed: r.replayed };
}

/** May the actor see the facility (the file store asks, to serve its photos at GET /api/photos/:id)? */
export async function visible(db: Db, actor: Actor, id: number): Promise<boolean> {
  return (await repo.getFacility(db, id, readScope(actor))) !== null;
}

/** A row an import checked with resolve(), written (the import audits it). */
export async function insertImported(tx: Tx, actor: Actor, row: Omit<repo.FacilityColumns, 'created_by'>): Promise<number> {
  const [id] = await repo.insertFacilities(tx, [{ ...row, created_by: actor.personId }]);
  return id;
}

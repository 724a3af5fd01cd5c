// What activities are planned with: the kinds (the admin renames, adds and
// retires them), the year's calendar of themes and festivals, the practice
// institute/stations and the place each is linked to, and the planning
// form's choices (organisers, co-organisers among the town's reachable units,
// places).
import crypto from 'node:crypto';
import type { Db } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, fieldError, mapUnique, notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { codeInScope, type RegionScope } from '../../db/scope.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { REACH_VIA_LABELS, UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../../../domain/units.ts';
import { ORGANIZER_UNIT_KINDS, STATION_UNIT_KINDS } from '../../../domain/activities.ts';
import { reachableUnitsOf } from '../units/index.ts';
import { calendarYear, ensureSeeded } from './activities.seed.ts';
import { readScope } from './activities.service.ts';
import * as repo from './activities.repository.ts';

const kindLabel = (k: string) => UNIT_KIND_LABELS[k as UnitKind] ?? k;
const KIND_NAME_TAKEN = { activity_kinds_name_uq: { path: 'name', message: '已有同名的活动类别' } };

// ---- kinds ----

export async function kinds(db: Db, actor: Actor) {
  authorize(actor, 'activity.read');
  await ensureSeeded(db);
  return { items: await repo.listKinds(db), can: { manage: can(actor, 'activity.kinds') } };
}

export async function createKind(db: Db, actor: Actor, k: { name: string; sort?: number }) {
  authorize(actor, 'activity.kinds');
  await ensureSeeded(db);
  const row = await db.transaction(async (tx) => {
    const row = await repo
      .insertKind(tx, { code: `k_${crypto.randomBytes(4).toString('hex')}`, name: k.name, sort: k.sort ?? 100 })
      .catch((e) => mapUnique(e, KIND_NAME_TAKEN));
    await audit(tx, { actor, action: 'create', entity: 'activity_kind', entityId: row.id, after: row });
    return row;
  });
  return row;
}

export async function updateKind(db: Db, actor: Actor, id: number, k: { version: number; name?: string; sort?: number; active?: boolean }) {
  authorize(actor, 'activity.kinds');
  return db.transaction(async (tx) => {
    const before = await repo.kindById(tx, id);
    if (!before) throw notFound('活动类别不存在');
    const row = await repo.updateKind(tx, id, k.version, k).catch((e) => mapUnique(e, KIND_NAME_TAKEN));
    if (!row) throw new AppError('CONFLICT');
    await audit(tx, { actor, action: 'update', entity: 'activity_kind', entityId: id, before, after: row });
    return row;
  });
}

// ---- the calendar ----

export async function calendar(db: Db, actor: Actor, year: number) {
  authorize(actor, 'activity.read');
  const entries = await calendarYear(db, year);
  return {
    year,
    months: Array.from({ length: 12 }, (_, i) => {
      const of = entries.filter((e) => e.month === i + 1);
      return {
        month: i + 1,
        theme: of.find((e) => e.kind === 'theme')?.name ?? null,
        festivals: of.filter((e) => e.kind === 'festival').map((e) => ({ name: e.name, onDate: e.onDate })),
      };
    }),
  };
}

// ---- stations and their places ----

export async function stations(db: Db, actor: Actor, regionCode?: string) {
  const scope = readScope(actor);
  if (scope !== 'all' && !scope.length) throw new AppError('FORBIDDEN');
  const rows = await repo.stations(db, STATION_UNIT_KINDS, regionCode ?? null, scope);
  return { items: rows.map((u) => ({ ...u, kindLabel: kindLabel(u.kind), canManage: can(actor, 'unit.manage', { regionCode: u.regionCode }) })) };
}

/** Link a practice institute or station to its place: a place inside its own community (a station) or town (the institute). */
export async function setStationPlace(db: Db, actor: Actor, unitId: number, placeId: number) {
  const unit = await repo.unitBrief(db, unitId);
  if (!unit || !STATION_UNIT_KINDS.includes(unit.kind as UnitKind) || !codeInScope(unit.regionCode, readScope(actor)))
    throw notFound('新时代文明实践所（站）不存在');
  if (!can(actor, 'unit.manage', { regionCode: unit.regionCode })) throw new AppError('FORBIDDEN', '只有本镇创城办可以设置实践所（站）的位置');
  const place = await repo.placeBrief(db, placeId);
  if (!place?.regionCode.startsWith(unit.regionCode)) {
    throw fieldError('placeId', `请选择“${unit.name}”${unit.kind === 'practice_station' ? '所在社区' : '所在乡镇'}的街巷、小区或点位`);
  }
  const before = (await repo.stationPlaceIds(db, [unitId])).get(unitId) ?? null;
  await db.transaction(async (tx) => {
    await repo.setStationPlace(tx, unitId, placeId);
    await audit(tx, {
      actor,
      action: 'set_place',
      entity: 'station_place',
      entityId: unitId,
      regionCode: unit.regionCode,
      before: { placeId: before },
      after: { placeId, placeName: place.name },
    });
  });
  return (await stations(db, actor, unit.regionCode)).items.find((s) => s.id === unitId)!;
}

// ---- the planning form's choices ----

const manageScope = (actor: Actor): RegionScope => regionScope(actor, 'activity.manage');

/** Organisers, co-organisers and places for planning in `regionCode` (a town, or a community of it). */
export async function options(db: Db, actor: Actor, regionCode: string) {
  const scope = manageScope(actor);
  if (regionCode.length < 9) throw fieldError('regionCode', '请选择乡镇或社区');
  const overlaps = codeInScope(regionCode, scope) || (scope !== 'all' && scope.some((p) => p.startsWith(regionCode)));
  if (!overlaps) throw notFound('该区划不存在或不在您的管辖范围内');
  const town = regionCode.slice(0, 9);
  const coKinds = UNIT_KINDS.filter((k) => k !== 'county_office');
  const [organizers, coUnits, places, communities] = await Promise.all([
    reachableUnitsOf(db, town, ORGANIZER_UNIT_KINDS),
    reachableUnitsOf(db, town, coKinds),
    repo.placesOf(db, town),
    repo.communitiesOf(db, town),
  ]);
  const own = organizers.filter((u) => u.via === 'own' || u.via === 'paired');
  const stationPlace = await repo.stationPlaceIds(
    db,
    own.map((u) => u.id),
  );
  const managed = (code: string) => codeInScope(code, scope);
  return {
    townCode: town,
    organizers: own.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      kindLabel: kindLabel(u.kind),
      regionCode: u.regionCode,
      placeId: stationPlace.get(u.id) ?? null,
    })),
    coUnits: coUnits.map((u) => ({ id: u.id, name: u.name, kindLabel: kindLabel(u.kind), viaLabel: REACH_VIA_LABELS[u.via] })),
    places: places.filter((p) => managed(p.regionCode)),
    communities: communities.filter((c) => managed(c.code) || (scope !== 'all' && scope.some((p) => p.startsWith(c.code)))),
  };
}

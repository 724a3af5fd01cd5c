// SQL of activities: kinds, the year's calendar, stations and their places,
// the list (keyset pages), one activity and its moves, photos, and the
// counts the figures read. Every list query takes the caller's region scope.
import { sql, type SQL } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';
import { inScope, type RegionScope } from '../../db/scope.ts';
import type { auditValues } from '../../platform/audit.ts';

type AuditRow = ReturnType<typeof auditValues>;
import type { CalendarEntry } from '../../../domain/activities.ts';

// ---- kinds ----

export interface KindRow {
  id: number;
  code: string;
  name: string;
  sort: number;
  active: boolean;
  version: number;
}
const KIND_COLS = sql`id, code, name, sort, active, version`;

export async function seedKinds(q: Q, kinds: { code: string; name: string }[]) {
  const rows = kinds.map((k, i) => sql`(${k.code}, ${k.name}, ${(i + 1) * 10})`);
  await q.execute(sql`INSERT INTO activity_kinds (code, name, sort) VALUES ${sql.join(rows, sql`, `)} ON CONFLICT DO NOTHING`);
}

export async function listKinds(q: Q): Promise<KindRow[]> {
  return (await q.execute<any>(sql`SELECT ${KIND_COLS} FROM activity_kinds ORDER BY sort, id`)).rows;
}

export async function insertKind(q: Q, k: { code: string; name: string; sort: number }): Promise<KindRow> {
  return (await q.execute<any>(sql`INSERT INTO activity_kinds (code, name, sort) VALUES (${k.code}, ${k.name}, ${k.sort}) RETURNING ${KIND_COLS}`)).rows[0];
}

export async function updateKind(q: Q, id: number, version: number, k: { name?: string; sort?: number; active?: boolean }): Promise<KindRow | null> {
  return (
    (
      await q.execute<any>(sql`UPDATE activity_kinds SET name = coalesce(${k.name ?? null}, name), sort = coalesce(${k.sort ?? null}::int, sort),
      active = coalesce(${k.active ?? null}::boolean, active), version = version + 1, updated_at = now()
    WHERE id = ${id} AND version = ${version} RETURNING ${KIND_COLS}`)
    ).rows[0] ?? null
  );
}

export async function kindById(q: Q, id: number): Promise<KindRow | null> {
  return (await q.execute<any>(sql`SELECT ${KIND_COLS} FROM activity_kinds WHERE id = ${id}`)).rows[0] ?? null;
}

// ---- the calendar ----

export async function hasCalendar(q: Q, year: number): Promise<boolean> {
  return (await q.execute(sql`SELECT 1 FROM activity_calendar WHERE year = ${year} LIMIT 1`)).rows.length > 0;
}

export async function seedCalendar(q: Q, year: number, entries: CalendarEntry[]) {
  if (!entries.length) return;
  const rows = entries.map((e) => sql`(${year}, ${e.month}, ${e.kind}, ${e.name}, ${e.onDate}::date)`);
  await q.execute(sql`INSERT INTO activity_calendar (year, month, kind, name, on_date) VALUES ${sql.join(rows, sql`, `)} ON CONFLICT DO NOTHING`);
}

export async function calendarOf(q: Q, year: number): Promise<CalendarEntry[]> {
  return (
    await q.execute<any>(sql`SELECT month, kind, name, on_date::text AS "onDate" FROM activity_calendar WHERE year = ${year}
    ORDER BY month, kind DESC, on_date NULLS FIRST, id`)
  ).rows;
}

// ---- units, places, stations ----

export interface UnitBrief {
  id: number;
  name: string;
  kind: string;
  regionCode: string;
}
export async function unitBrief(q: Q, id: number): Promise<UnitBrief | null> {
  return (await q.execute<any>(sql`SELECT id, name, kind, region_code AS "regionCode" FROM units WHERE id = ${id}`)).rows[0] ?? null;
}

export interface PlaceBrief {
  id: number;
  name: string;
  regionCode: string;
  kind: string;
}
export async function placeBrief(q: Q, id: number): Promise<PlaceBrief | null> {
  return (await q.execute<any>(sql`SELECT id, name, region_code AS "regionCode", kind FROM places WHERE id = ${id}`)).rows[0] ?? null;
}

/** Places of a town (its communities' streets, compounds and points), for the picker. */
export async function placesOf(q: Q, town: string) {
  return (
    await q.execute<any>(sql`SELECT p.id, p.name, p.region_code AS "regionCode", r.name AS "regionName", p.kind FROM places p
    LEFT JOIN regions r ON r.code = substr(p.region_code, 1, 12) WHERE p.region_code LIKE ${town + '%'} ORDER BY p.region_code, p.kind, p.name LIMIT 2000`)
  ).rows as { id: number; name: string; regionCode: string; regionName: string | null; kind: string }[];
}

/** Places inside a scope, with their community's name (an import's names). */
export async function placesInScope(q: Q, scope: RegionScope) {
  return (
    await q.execute<any>(sql`SELECT p.id, p.name, p.region_code AS "regionCode", r.name AS "regionName" FROM places p
    LEFT JOIN regions r ON r.code = substr(p.region_code, 1, 12) WHERE ${inScope(sql`p.region_code`, scope)} ORDER BY p.id LIMIT 50000`)
  ).rows as { id: number; name: string; regionCode: string; regionName: string | null }[];
}

export async function communitiesOf(q: Q, town: string): Promise<{ code: string; name: string }[]> {
  return (await q.execute<any>(sql`SELECT code, name FROM regions WHERE parent_code = ${town} AND level = 'community' ORDER BY code`)).rows;
}

/** The practice institutes and stations in the scope, each with its linked place. */
export async function stations(q: Q, kinds: readonly string[], region: string | null, scope: RegionScope) {
  return (
    await q.execute<any>(sql`SELECT u.id, u.name, u.kind, u.region_code AS "regionCode", r.name AS "regionName",
      CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('id', p.id, 'name', p.name, 'lat', p.lat, 'lng', p.lng) END AS place
    FROM units u LEFT JOIN regions r ON r.code = u.region_code
      LEFT JOIN station_places sp ON sp.unit_id = u.id LEFT JOIN places p ON p.id = sp.place_id
    WHERE u.kind = ANY(${sql.param([...kinds])}::text[]) AND ${inScope(sql`u.region_code`, scope)}
      ${region ? sql`AND u.region_code LIKE ${region + '%'}` : sql``}
    ORDER BY u.region_code, u.kind DESC, u.name LIMIT 2000`)
  ).rows as {
    id: number;
    name: string;
    kind: string;
    regionCode: string;
    regionName: string | null;
    place: { id: number; name: string; lat: number | null; lng: number | null } | null;
  }[];
}

export async function stationPlaceIds(q: Q, unitIds: number[]): Promise<Map<number, number>> {
  if (!unitIds.length) return new Map();
  const r = await q.execute<{ unit_id: number; place_id: number }>(
    sql`SELECT unit_id, place_id FROM station_places WHERE unit_id = ANY(${sql.param(unitIds)}::int[])`,
  );
  return new Map(r.rows.map((x) => [Number(x.unit_id), Number(x.place_id)]));
}

export async function setStationPlace(tx: Tx, unitId: number, placeId: number) {
  await tx.execute(sql`INSERT INTO station_places (unit_id, place_id) VALUES (${unitId}, ${placeId})
    ON CONFLICT (unit_id) DO UPDATE SET place_id = EXCLUDED.place_id, updated_at = now()`);
}

// ---- the list ----

export interface ListFilter {
  regionCode?: string;
  unitId?: number;
  from?: string;
  to?: string;
  kinds?: string[];
  state?: string;
}

export const ITEM_COLS = sql`a.id, a.title, a.state, a.on_date::text AS "onDate", a.theme, a.festival, a.region_code AS "regionCode",
  a.publicity_url AS "publicityUrl", a.residents, a.volunteers, a.cadres, a.co_building_staff AS "coBuildingStaff",
  k.id AS "kindId", k.code AS "kindCode", k.name AS "kindName", u.id AS "unitId", u.name AS "unitName", u.kind AS "unitKind",
  pl.id AS "placeId", pl.name AS "placeName", rg.name AS "communityName",
  (SELECT count(*)::int FROM file_links fl WHERE fl.owner_kind = 'activity' AND fl.owner_id = a.id AND fl.file_kind = 'photo') AS "photoCount"`;
const ITEM_FROM = sql`activities a JOIN activity_kinds k ON k.id = a.kind_id JOIN units u ON u.id = a.organizer_unit_id
  JOIN places pl ON pl.id = a.place_id LEFT JOIN regions rg ON rg.code = a.region_code`;

export interface ItemRow {
  id: number;
  title: string;
  state: string;
  onDate: string;
  theme: string | null;
  festival: string | null;
  regionCode: string;
  publicityUrl: string | null;
  residents: number;
  volunteers: number;
  cadres: number;
  coBuildingStaff: number;
  kindId: number;
  kindCode: string;
  kindName: string;
  unitId: number;
  unitName: string;
  unitKind: string;
  placeId: number;
  placeName: string;
  communityName: string | null;
  photoCount: number;
}

/**
 * One region prefix on alias `a`: an activity's region_code is always its
 * community (12 digits), so a community (or a grid, which matches nothing
 * finer) is an equality the (region_code, on_date, id) index serves; a town
 * is an equality on town_code; a county a prefix of town_code.
 */
function inRegionSql(r: string): SQL {
  if (r.length >= 12) return sql`a.region_code = ${r}`;
  if (r.length === 9) return sql`a.town_code = ${r}`;
  return sql`a.town_code LIKE ${r + '%'}`;
}
const inScopeSql = (scope: RegionScope): SQL =>
  scope === 'all' ? sql`true` : scope.length ? sql`(${sql.join(scope.map(inRegionSql), sql` OR `)})` : sql`false`;

/** The filter as SQL on alias `a` (the scope included): one definition for the list, the export and the figures' drill-down. */
export function filterSql(f: ListFilter, scope: RegionScope): SQL {
  const conds: SQL[] = [inScopeSql(scope)];
  if (f.regionCode) conds.push(inRegionSql(f.regionCode));
  if (f.unitId) conds.push(sql`a.organizer_unit_id = ${f.unitId}`);
  if (f.from) conds.push(sql`a.on_date >= ${f.from}::date`);
  if (f.to) conds.push(sql`a.on_date <= ${f.to}::date`);
  if (f.kinds?.length) conds.push(sql`a.kind_id IN (SELECT id FROM activity_kinds WHERE code = ANY(${sql.param(f.kinds)}::text[]))`);
  if (f.state) conds.push(sql`a.state = ${f.state}`);
  return sql.join(conds, sql` AND `);
}

/** One page, newest first, after the key (on_date, id) of the previous page's last row. */
export async function listPage(q: Q, f: ListFilter, scope: RegionScope, after: [string, number] | null, limit: number): Promise<ItemRow[]> {
  const keyset = after ? sql`AND (a.on_date, a.id) < (${after[0]}::date, ${after[1]})` : sql``;
  return (
    await q.execute<any>(sql`SELECT ${ITEM_COLS} FROM ${ITEM_FROM} WHERE ${filterSql(f, scope)} ${keyset}
    ORDER BY a.on_date DESC, a.id DESC LIMIT ${limit}`)
  ).rows.map((r: any) => ({ ...r, id: Number(r.id) }));
}

/** What the export adds to a page of rows: co-organisers' names (、-joined), the report, the cancel reason. */
export async function exportExtras(q: Q, ids: number[]): Promise<Map<number, { coUnits: string | null; report: string | null; cancelReason: string | null }>> {
  if (!ids.length) return new Map();
  const r = await q.execute<any>(sql`SELECT a.id, a.report, a.cancel_reason AS "cancelReason",
      (SELECT string_agg(u.name, '、' ORDER BY u.name) FROM activity_co_units c JOIN units u ON u.id = c.unit_id WHERE c.activity_id = a.id) AS "coUnits"
    FROM activities a WHERE a.id = ANY(${sql.param(ids)}::bigint[])`);
  return new Map(r.rows.map((x: any) => [Number(x.id), { coUnits: x.coUnits, report: x.report, cancelReason: x.cancelReason }]));
}

// ---- one activity ----

export async function getActivity(q: Q, id: number, scope: RegionScope) {
  const r = (
    await q.execute<any>(sql`SELECT ${ITEM_COLS}, a.town_code AS "townCode", a.cancel_reason AS "cancelReason", a.report, a.version,
      a.created_at AS "createdAt", a.held_at AS "heldAt", pe.name AS "createdByName"
    FROM ${ITEM_FROM} LEFT JOIN people pe ON pe.id = a.created_by
    WHERE a.id = ${id} AND ${inScopeSql(scope)}`)
  ).rows[0];
  return r
    ? ({ ...r, id: Number(r.id) } as ItemRow & {
        townCode: string;
        cancelReason: string | null;
        report: string | null;
        version: number;
        createdAt: Date;
        heldAt: Date | null;
        createdByName: string | null;
      })
    : null;
}

export async function coUnitsOf(q: Q, id: number): Promise<{ id: number; name: string; kind: string }[]> {
  return (
    await q.execute<any>(sql`SELECT u.id, u.name, u.kind FROM activity_co_units c JOIN units u ON u.id = c.unit_id WHERE c.activity_id = ${id} ORDER BY u.name`)
  ).rows;
}

// ---- writes (each with its audit row in the same transaction) ----

export interface NewActivity {
  townCode: string;
  regionCode: string;
  organizerUnitId: number;
  kindId: number;
  title: string;
  theme: string | null;
  festival: string | null;
  placeId: number;
  onDate: string;
  state: string;
  cancelReason: string | null;
  residents: number;
  volunteers: number;
  cadres: number;
  coBuildingStaff: number;
  report: string | null;
  publicityUrl: string | null;
  createdBy: number | null;
  heldAt: Date | null;
}

/** Insert activities (one statement per batch), returning their ids in order. */
export async function insertActivities(tx: Tx, rows: NewActivity[]): Promise<number[]> {
  if (!rows.length) return [];
  const r = await tx.execute<{ id: number }>(sql`INSERT INTO activities (town_code, region_code, organizer_unit_id, kind_id, title, theme, festival, place_id,
      on_date, state, cancel_reason, residents, volunteers, cadres, co_building_staff, report, publicity_url, created_by, held_at)
    SELECT town_code, region_code, organizer_unit_id, kind_id, title, theme, festival, place_id, on_date, state, cancel_reason, residents, volunteers, cadres,
      co_building_staff, report, publicity_url, created_by, held_at
    FROM json_to_recordset(${JSON.stringify(
      rows.map((x, n) => ({
        n,
        town_code: x.townCode,
        region_code: x.regionCode,
        organizer_unit_id: x.organizerUnitId,
        kind_id: x.kindId,
        title: x.title,
        theme: x.theme,
        festival: x.festival,
        place_id: x.placeId,
        on_date: x.onDate,
        state: x.state,
        cancel_reason: x.cancelReason,
        residents: x.residents,
        volunteers: x.volunteers,
        cadres: x.cadres,
        co_building_staff: x.coBuildingStaff,
        report: x.report,
        publicity_url: x.publicityUrl,
        created_by: x.createdBy,
        held_at: x.heldAt,
      })),
    )}::json) AS t(town_code varchar, region_code varchar, organizer_unit_id int, kind_id int, title text, theme text, festival text, place_id int,
      on_date date, state text, cancel_reason text, residents int, volunteers int, cadres int, co_building_staff int, report text, publicity_url text,
      created_by int, held_at timestamptz, n int)
    ORDER BY n RETURNING id`);
  return r.rows.map((x) => Number(x.id));
}

export async function insertCoUnits(tx: Tx, pairs: { activityId: number; unitId: number }[]) {
  if (!pairs.length) return;
  await tx.execute(sql`INSERT INTO activity_co_units (activity_id, unit_id) SELECT * FROM unnest(${sql.param(pairs.map((p) => p.activityId))}::bigint[],
    ${sql.param(pairs.map((p) => p.unitId))}::int[]) ON CONFLICT DO NOTHING`);
}

/** Audit rows (auditValues()) written in one statement per 5,000: an import's rows, in the import's transaction. */
export async function insertAudits(tx: Tx, rows: AuditRow[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    await tx.execute(sql`INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, region_code, before, after)
      SELECT at, "actorId", "actorName", action, entity, "entityId", "regionCode", before::jsonb, after::jsonb
      FROM json_to_recordset(${JSON.stringify(rows.slice(i, i + 5000))}::json) AS t(at timestamptz, "actorId" int, "actorName" text, action text, entity text,
        "entityId" text, "regionCode" text, before text, after text)`);
  }
}

export type Move =
  | {
      to: 'edit';
      title: string;
      kindId: number;
      organizerUnitId: number;
      placeId: number;
      townCode: string;
      regionCode: string;
      onDate: string;
      theme: string | null;
      festival: string | null;
    }
  | {
      to: 'held';
      onDate: string;
      residents: number;
      volunteers: number;
      cadres: number;
      coBuildingStaff: number;
      report: string | null;
      publicityUrl: string | null;
    }
  | { to: 'cancelled'; reason: string };

/** Compare-and-set one planned activity's change or move; null when its version or state moved on. */
export async function move(tx: Tx, id: number, version: number, m: Move): Promise<{ id: number; version: number } | null> {
  const set =
    m.to === 'edit'
      ? sql`title = ${m.title}, kind_id = ${m.kindId}, organizer_unit_id = ${m.organizerUnitId}, place_id = ${m.placeId}, town_code = ${m.townCode},
        region_code = ${m.regionCode}, on_date = ${m.onDate}::date, theme = ${m.theme}, festival = ${m.festival}`
      : m.to === 'held'
        ? sql`state = 'held', on_date = ${m.onDate}::date, held_at = now(), residents = ${m.residents}, volunteers = ${m.volunteers}, cadres = ${m.cadres},
          co_building_staff = ${m.coBuildingStaff}, report = ${m.report}, publicity_url = ${m.publicityUrl}`
        : sql`state = 'cancelled', cancel_reason = ${m.reason}`;
  const r = await tx.execute<any>(sql`UPDATE activities SET ${set}, version = version + 1, updated_at = now()
    WHERE id = ${id} AND version = ${version} AND state = 'planned' RETURNING id, version`);
  return r.rows[0] ?? null;
}

export async function setCoUnits(tx: Tx, id: number, unitIds: number[]) {
  await tx.execute(sql`DELETE FROM activity_co_units WHERE activity_id = ${id}`);
  await insertCoUnits(
    tx,
    unitIds.map((unitId) => ({ activityId: id, unitId })),
  );
}

// ---- figures ----

/** Held activities in a region over a period, all kinds and those of `featured` kinds (figures ⑮ ⑯). */
export async function heldCounts(q: Q, region: string, from: string, to: string, featured: readonly string[]): Promise<{ held: number; featured: number }> {
  const r = await q.execute<{ held: number; featured: number }>(sql`SELECT count(*)::int AS held,
      count(*) FILTER (WHERE a.kind_id IN (SELECT id FROM activity_kinds WHERE code = ANY(${sql.param([...featured])}::text[])))::int AS featured
    FROM activities a WHERE a.state = 'held' AND ${inRegionSql(region)}
      AND a.on_date BETWEEN ${from}::date AND ${to}::date`);
  return r.rows[0];
}

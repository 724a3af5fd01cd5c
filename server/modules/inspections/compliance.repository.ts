// SQL of cadence compliance. The slots (which days, weeks, months expect an
// inspection) are computed in TypeScript from the cadence history and the
// working calendar and arrive here as parallel arrays; each kind's subjects (a
// street chief's assignments, the communities, the town leaders, the demo
// points) are joined to them, and the finished inspections, grouped by
// subject, period and slot start, are joined by equality. A street chief owes
// a place's slot when an assignment row is in force on the slot's first day
// (valid_from ≤ s < valid_to), so the slots owed in a range depend only on
// the range's own days: two adjacent ranges add up to their union. One statement per use:
// aggregated figures, one person's slots, the misses to record.
// No domain rules here; every statement takes the region prefix it may touch.
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx, Q } from '../../db/pool.ts';
import type { CadencePeriod } from '../../../domain/inspections/cadence.ts';

/** The kinds with a cadence (mock evaluations have none). */
export const SCHEDULED_KINDS = ['patrol', 'supervision', 'unannounced_visit', 'demo_visit'] as const;
export type ScheduledKind = (typeof SCHEDULED_KINDS)[number];

/** Slots of one kind as parallel arrays (one entry per town × slot). */
export interface SlotArrays {
  town: string[];
  period: CadencePeriod[];
  key: string[];
  start: string[];
  end: string[];
  times: number[];
}
export const emptySlots = (): SlotArrays => ({ town: [], period: [], key: [], start: [], end: [], times: [] });

export interface SlotSource {
  kind: ScheduledKind;
  slots: SlotArrays;
  /** Region code prefix ('' = everywhere) the subjects and inspections are taken from. */
  prefix: string;
  /** Only this person's slots (patrol, unannounced visits). */
  personId?: number;
}

const like = (col: SQL, prefix: string): SQL => (prefix ? sql`${col} LIKE ${prefix + '%'}` : sql`true`);
// biome-ignore lint/complexity/useMathMinMax: ISO dates compared as strings (Math.min would make them NaN)
const bounds = (s: SlotArrays) => ({ lo: s.start.reduce((a, b) => (b < a ? b : a)), hi: s.end.reduce((a, b) => (b > a ? b : a)) });

interface Parts {
  /** The CTEs: slot, tp (each town's period), subj (who or what owes the kind), d (finished inspections per subject and slot start). */
  withs: SQL;
  /** subj × slot, left-joined to d. */
  from: SQL;
  town: SQL;
  community: SQL;
  person: SQL;
  place: SQL;
  /** The subject's part of slot_key, and the columns that identify a subject (integers where possible: cheap to group). */
  subject: SQL;
  group: SQL;
}

/** One kind's subjects joined to its slots and to the inspections done in them; null when the kind has no slots. */
function parts(src: SlotSource): Parts | null {
  const { kind, slots: a, prefix, personId } = src;
  if (!a.key.length) return null;
  const { lo, hi } = bounds(a);
  const slot = sql`slot AS (SELECT * FROM unnest(${sql.param(a.town)}::text[], ${sql.param(a.period)}::text[], ${sql.param(a.key)}::text[],
      ${sql.param(a.start)}::date[], ${sql.param(a.end)}::date[], ${sql.param(a.times)}::int[]) AS t(town, period, key, s, e, times)),
    tp AS (SELECT DISTINCT town, period FROM slot)`;
  // The first day of the slot an inspection falls in, for each period its town's cadence uses in the range
  // (a slot is identified by its period and start: the day, the Monday, the 1st). Dates join faster than keys.
  const startOf = sql`CASE tp.period WHEN 'day' THEN i.on_date WHEN 'week' THEN date_trunc('week', i.on_date::timestamp)::date
    ELSE date_trunc('month', i.on_date::timestamp)::date END`;
  const finished = sql`i.kind = ${kind} AND i.state = 'finished' AND i.on_date BETWEEN ${lo}::date AND ${hi}::date`;
  const person = (col: SQL) => (personId === undefined ? sql`` : sql`AND ${col} = ${personId}`);
  const chinaDay = (col: SQL) => sql`(${col} AT TIME ZONE 'Asia/Shanghai')::date`;
  const NULL_INT = sql`NULL::int`;
  // A town leader owes the weeks from their grant on, a demo point the months from its record on (neither is
  // versioned: a slot that ends on or after that day). A street chief owes what their assignment rows say.

  switch (kind) {
    case 'patrol':
      // Each street chief × each place, for the slots whose first day an assignment row of theirs covers
      // (rows of one person and place never overlap, so a slot is owed once). Deactivating a person closes
      // their rows; a past row keeps counting for its days.
      return {
        withs: sql`${slot},
          subj AS (SELECT pa.person_id, pa.place_id, pa.valid_from, pa.valid_to, substr(pl.region_code, 1, 12) AS community, substr(pl.region_code, 1, 9) AS town
            FROM place_assignments pa JOIN places pl ON pl.id = pa.place_id
            WHERE pa.valid_from <= ${hi}::date AND (pa.valid_to IS NULL OR pa.valid_to > ${lo}::date)
              AND ${like(sql`pl.region_code`, prefix)} ${person(sql`pa.person_id`)}
              AND EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = pa.person_id AND g.role = 'street_chief')),
          d AS (SELECT i.inspector_id AS person_id, i.place_id, tp.period, ${startOf} AS s, count(*)::int AS n FROM inspections i JOIN tp ON tp.town = i.town_code
            WHERE ${finished} AND ${like(sql`i.region_code`, prefix)} ${person(sql`i.inspector_id`)} GROUP BY 1, 2, 3, 4)`,
        from: sql`subj JOIN slot ON slot.town = subj.town AND slot.s >= subj.valid_from AND (subj.valid_to IS NULL OR slot.s < subj.valid_to)
          LEFT JOIN d ON d.person_id = subj.person_id AND d.place_id = subj.place_id AND d.period = slot.period AND d.s = slot.s`,
        town: sql`subj.town`,
        community: sql`subj.community`,
        person: sql`subj.person_id`,
        place: sql`subj.place_id`,
        subject: sql`subj.person_id || ':' || subj.place_id`,
        group: sql`subj.person_id, subj.place_id`,
      };
    case 'supervision':
      // Each community × each week, done by any finished supervision in the community.
      return {
        withs: sql`${slot},
          subj AS (SELECT r.code AS community, substr(r.code, 1, 9) AS town FROM regions r WHERE r.level = 'community' AND ${like(sql`r.code`, prefix)}),
          d AS (SELECT substr(i.region_code, 1, 12) AS community, tp.period, ${startOf} AS s, count(*)::int AS n FROM inspections i JOIN tp ON tp.town = i.town_code
            WHERE ${finished} AND ${like(sql`i.region_code`, prefix)} GROUP BY 1, 2, 3)`,
        from: sql`subj JOIN slot ON slot.town = subj.town LEFT JOIN d ON d.community = subj.community AND d.period = slot.period AND d.s = slot.s`,
        town: sql`subj.town`,
        community: sql`subj.community`,
        person: NULL_INT,
        place: NULL_INT,
        subject: sql`subj.community`,
        group: sql`subj.community`,
      };
    case 'unannounced_visit': {
      // Each town leader × each week, from the day they became leader; the region of the row is the town.
      const town = prefix.slice(0, 9);
      return {
        withs: sql`${slot},
          subj AS (SELECT g.person_id, g.scope_region_code AS town, g.scope_region_code AS community, min(${chinaDay(sql`g.created_at`)}) AS since
            FROM role_grants g JOIN people pe ON pe.id = g.person_id
            WHERE g.role = 'town_leader' AND pe.active AND length(g.scope_region_code) = 9 AND ${like(sql`g.scope_region_code`, town)} ${person(sql`g.person_id`)}
            GROUP BY 1, 2, 3),
          d AS (SELECT i.inspector_id AS person_id, i.town_code AS town, tp.period, ${startOf} AS s, count(*)::int AS n FROM inspections i JOIN tp ON tp.town = i.town_code
            WHERE ${finished} AND ${like(sql`i.town_code`, town)} ${person(sql`i.inspector_id`)} GROUP BY 1, 2, 3, 4)`,
        from: sql`subj JOIN slot ON slot.town = subj.town AND slot.e >= subj.since
          LEFT JOIN d ON d.person_id = subj.person_id AND d.town = subj.town AND d.period = slot.period AND d.s = slot.s`,
        town: sql`subj.town`,
        community: sql`subj.town`,
        person: sql`subj.person_id`,
        place: NULL_INT,
        subject: sql`subj.person_id`,
        group: sql`subj.person_id, subj.town`,
      };
    }
    case 'demo_visit':
      // Each demo point × each month, done by any finished demo-point visit there.
      return {
        withs: sql`${slot},
          subj AS (SELECT pl.id AS place_id, substr(pl.region_code, 1, 12) AS community, substr(pl.region_code, 1, 9) AS town, ${chinaDay(sql`pl.created_at`)} AS since
            FROM places pl WHERE pl.is_demo_point AND ${like(sql`pl.region_code`, prefix)}),
          d AS (SELECT i.place_id, tp.period, ${startOf} AS s, count(*)::int AS n FROM inspections i JOIN tp ON tp.town = i.town_code
            WHERE ${finished} AND ${like(sql`i.region_code`, prefix)} GROUP BY 1, 2, 3)`,
        from: sql`subj JOIN slot ON slot.town = subj.town AND slot.e >= subj.since
          LEFT JOIN d ON d.place_id = subj.place_id AND d.period = slot.period AND d.s = slot.s`,
        town: sql`subj.town`,
        community: sql`subj.community`,
        person: NULL_INT,
        place: sql`subj.place_id`,
        subject: sql`subj.place_id`,
        group: sql`subj.place_id`,
      };
  }
}

/**
 * The rows of one kind: one per subject × slot, with the number of finished
 * inspections that fall in the slot (n). Columns: kind, town, community,
 * person_id, place_id, period, key, s, e, times, n, slot_key.
 */
function slotRows(src: SlotSource): SQL | null {
  const p = parts(src);
  if (!p) return null;
  return sql`WITH ${p.withs}
    SELECT ${src.kind}::text AS kind, ${p.town} AS town, ${p.community} AS community, ${p.person} AS person_id, ${p.place} AS place_id,
      slot.period, slot.key, slot.s, slot.e, slot.times, coalesce(d.n, 0) AS n,
      ${src.kind}::text || ':' || slot.period || ':' || ${p.subject} || ':' || slot.key AS slot_key
    FROM ${p.from}`;
}

/**
 * One kind's figures per subject: expected (slots started, or done), done,
 * missed (ended before today without enough inspections), due (running).
 * Grouped inside the kind, by the subject's own columns.
 */
function figureRows(src: SlotSource, today: string): SQL | null {
  const p = parts(src);
  if (!p) return null;
  const done = sql`coalesce(d.n, 0) >= slot.times`;
  return sql`WITH ${p.withs}
    SELECT ${src.kind}::text AS kind, min(${p.town}) AS town, min(${p.community}) AS community, ${p.person} AS person_id, ${p.place} AS place_id,
      count(*) FILTER (WHERE ${done} OR slot.s <= ${today}::date)::int AS expected,
      count(*) FILTER (WHERE ${done})::int AS done,
      count(*) FILTER (WHERE NOT ${done} AND slot.e < ${today}::date)::int AS missed,
      count(*) FILTER (WHERE NOT ${done} AND slot.s <= ${today}::date AND slot.e >= ${today}::date)::int AS due
    FROM ${p.from} GROUP BY ${p.group}`;
}

/** Several kinds as one relation (each part in parentheses, its WITH kept inside). */
function union(sources: SlotSource[], each: (s: SlotSource) => SQL | null = slotRows): SQL | null {
  const list = sources.map(each).filter((x): x is SQL => x !== null);
  if (!list.length) return null;
  return sql.join(
    list.map((p) => sql`(${p})`),
    sql` UNION ALL `,
  );
}

export type FigureRow = {
  kind: ScheduledKind;
  town: string;
  community: string;
  personId: number | null;
  placeId: number | null;
  expected: number;
  done: number;
  missed: number;
  due: number;
  personName: string | null;
  placeName: string | null;
  communityName: string | null;
};

/**
 * Figures per kind × subject (see figureRows), with the names the page shows.
 * One statement per kind, side by side on the pool: the kinds are independent.
 */
export async function figures(q: Db, sources: SlotSource[], today: string): Promise<FigureRow[]> {
  const parts = await Promise.all(
    sources.map(async (src) => {
      const rows = figureRows(src, today);
      if (!rows) return [];
      return (
        await q.execute<FigureRow>(sql`
      SELECT a.kind, a.town, a.community, a.person_id AS "personId", a.place_id AS "placeId", a.expected, a.done, a.missed, a.due,
        pe.name AS "personName", pl.name AS "placeName", r.name AS "communityName"
      FROM (${rows}) a LEFT JOIN people pe ON pe.id = a.person_id LEFT JOIN places pl ON pl.id = a.place_id LEFT JOIN regions r ON r.code = a.community`)
      ).rows;
    }),
  );
  return parts.flat();
}

export type SlotRow = {
  kind: ScheduledKind;
  period: CadencePeriod;
  key: string;
  start: string;
  end: string;
  times: number;
  n: number;
  town: string;
  community: string;
  placeId: number | null;
  placeName: string | null;
};

/** Every slot of one person (their patrols and, for a town leader, their weekly visits). */
export async function personSlots(q: Q, sources: SlotSource[]): Promise<SlotRow[]> {
  const rows = union(sources);
  if (!rows) return [];
  const r = await q.execute<SlotRow>(sql`SELECT x.kind, x.period, x.key, x.s::text AS start, x.e::text AS "end", x.times, x.n, x.town, x.community,
      x.place_id AS "placeId", pl.name AS "placeName"
    FROM (${rows}) x LEFT JOIN places pl ON pl.id = x.place_id ORDER BY x.s, x.kind, pl.name, x.place_id`);
  return r.rows;
}

/** The towns a person owes inspections in over a range: their assigned places' (rows in force then) and their leader grants'. */
export async function personTowns(q: Q, personId: number, range: { from: string; to: string }): Promise<string[]> {
  const r = await q.execute<{ town: string }>(sql`
    SELECT substr(pl.region_code, 1, 9) AS town FROM place_assignments pa JOIN places pl ON pl.id = pa.place_id
    WHERE pa.person_id = ${personId} AND pa.valid_from <= ${range.to}::date AND (pa.valid_to IS NULL OR pa.valid_to > ${range.from}::date)
    UNION SELECT g.scope_region_code FROM role_grants g WHERE g.person_id = ${personId} AND g.role = 'town_leader' AND length(g.scope_region_code) = 9
    ORDER BY 1`);
  return r.rows.map((x) => x.town);
}

export type PersonRow = { id: number; name: string; regionCode: string; active: boolean; roles: string[] };
export async function person(q: Q, id: number): Promise<PersonRow | null> {
  const r = await q.execute<PersonRow>(sql`SELECT p.id, p.name, p.region_code AS "regionCode", p.active,
      coalesce((SELECT array_agg(DISTINCT g.role ORDER BY g.role) FROM role_grants g WHERE g.person_id = p.id), '{}') AS roles
    FROM people p WHERE p.id = ${id}`);
  return r.rows[0] ?? null;
}

/** The places a person was assigned over a range, each with the stretch it held (validTo exclusive, null = still holds). */
export async function personPlaces(
  q: Q,
  personId: number,
  range: { from: string; to: string },
): Promise<{ id: number; name: string; kind: string; regionCode: string; validFrom: string; validTo: string | null }[]> {
  return (
    await q.execute<any>(sql`SELECT pl.id, pl.name, pl.kind, pl.region_code AS "regionCode", pa.valid_from::text AS "validFrom", pa.valid_to::text AS "validTo"
    FROM place_assignments pa JOIN places pl ON pl.id = pa.place_id
    WHERE pa.person_id = ${personId} AND pa.valid_from <= ${range.to}::date AND (pa.valid_to IS NULL OR pa.valid_to > ${range.from}::date)
    ORDER BY pl.region_code, pl.name, pa.valid_from`)
  ).rows;
}

/** Finished inspections of a person per day (any kind), for the calendar. */
export async function inspectionsPerDay(q: Q, personId: number, from: string, to: string): Promise<Map<string, number>> {
  const r = await q.execute<{ d: string; n: number }>(sql`SELECT on_date::text AS d, count(*)::int AS n FROM inspections
    WHERE inspector_id = ${personId} AND state = 'finished' AND on_date BETWEEN ${from}::date AND ${to}::date GROUP BY 1`);
  return new Map(r.rows.map((x) => [x.d, x.n]));
}

export async function region(q: Q, code: string): Promise<{ code: string; name: string; level: string } | null> {
  return (await q.execute<any>(sql`SELECT code, name, level FROM regions WHERE code = ${code}`)).rows[0] ?? null;
}

/** Towns under a county (or the town itself). */
export async function townsOf(q: Q, prefix: string): Promise<{ code: string; name: string }[]> {
  if (prefix.length >= 9) return (await q.execute<any>(sql`SELECT code, name FROM regions WHERE code = ${prefix.slice(0, 9)}`)).rows;
  return (await q.execute<any>(sql`SELECT code, name FROM regions WHERE level = 'town' AND ${like(sql`code`, prefix)} ORDER BY code`)).rows;
}

// ---- the misses the daily job records ----

/**
 * Make the recorded misses of [from, to] (by period start) exactly the owed
 * slots that ended before `today` without their inspections: record the new
 * ones, and drop those no longer missed, because the inspection arrived late
 * (an offline phone that synced after the job ran) or the slot is no longer
 * owed (an assignment changed from an earlier date). Keyed by slot_key, so a
 * second run with the same data writes nothing. The slots are computed once,
 * into a temporary table.
 */
export async function recordMisses(
  tx: Tx,
  sources: SlotSource[],
  today: string,
  range: { from: string; to: string },
): Promise<{ recorded: number; cleared: number }> {
  const rows = union(sources);
  if (!rows) return { recorded: 0, cleared: 0 };
  await tx.execute(sql`CREATE TEMP TABLE missed_slots ON COMMIT DROP AS
    SELECT x.kind, x.town, x.community, x.person_id, x.place_id, x.s, x.e, x.slot_key FROM (${rows}) x WHERE x.n < x.times AND x.e < ${today}::date`);
  await tx.execute(sql`CREATE UNIQUE INDEX ON missed_slots (slot_key)`);
  const ins = await tx.execute(sql`INSERT INTO inspection_misses (kind, town_code, region_code, person_id, place_id, period_start, period_end, slot_key)
    SELECT kind, town, community, person_id, place_id, s, e, slot_key FROM missed_slots ORDER BY s, slot_key
    ON CONFLICT (slot_key) DO NOTHING`);
  const kinds = [...new Set(sources.map((x) => x.kind))];
  const del = await tx.execute(sql`DELETE FROM inspection_misses m
    WHERE m.kind = ANY(${sql.param(kinds)}::text[]) AND m.period_start BETWEEN ${range.from}::date AND ${range.to}::date
      AND NOT EXISTS (SELECT 1 FROM missed_slots x WHERE x.slot_key = m.slot_key)`);
  await tx.execute(sql`DROP TABLE missed_slots`);
  return { recorded: ins.rowCount ?? 0, cleared: del.rowCount ?? 0 };
}

export type MissRow = {
  id: number;
  kind: ScheduledKind;
  townCode: string;
  regionCode: string;
  communityName: string | null;
  personId: number | null;
  personName: string | null;
  placeId: number | null;
  placeName: string | null;
  periodStart: string;
  periodEnd: string;
  slotKey: string;
  recordedAt: string;
};

/** A miss's place in the list: period start (newest first), then region and id. */
export type MissKey = [periodStart: string, regionCode: string, id: number];

/** The recorded misses of a region whose period starts in [from, to], newest first: `limit + 1` rows after `after`. */
export async function listMisses(
  q: Q,
  prefix: string,
  f: { from: string; to: string; kind?: string; after: MissKey | null; limit: number },
): Promise<MissRow[]> {
  const after = f.after
    ? sql`AND (m.period_start < ${f.after[0]}::date OR (m.period_start = ${f.after[0]}::date AND (m.region_code, m.id) > (${f.after[1]}, ${f.after[2]})))`
    : sql``;
  return (
    await q.execute<MissRow>(sql`SELECT m.id, m.kind, m.town_code AS "townCode", m.region_code AS "regionCode", r.name AS "communityName",
      m.person_id AS "personId", pe.name AS "personName", m.place_id AS "placeId", pl.name AS "placeName",
      m.period_start::text AS "periodStart", m.period_end::text AS "periodEnd", m.slot_key AS "slotKey",
      to_char(m.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt"
    FROM inspection_misses m LEFT JOIN regions r ON r.code = m.region_code LEFT JOIN people pe ON pe.id = m.person_id LEFT JOIN places pl ON pl.id = m.place_id
    WHERE ${like(sql`m.region_code`, prefix)} AND m.period_start BETWEEN ${f.from}::date AND ${f.to}::date ${f.kind ? sql`AND m.kind = ${f.kind}` : sql``} ${after}
    ORDER BY m.period_start DESC, m.region_code, m.id LIMIT ${f.limit + 1}`)
  ).rows;
}

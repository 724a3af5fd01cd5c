// SQL of the publicity output registers: articles, LED programmes, handouts
// and 入户宣传 sessions. Each register is one table with a town, a region and
// a day; the list (keyset on the day and id, newest first), one record, the
// writes, and the figures' counts. Every list takes the caller's scope.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { inRegion, inScope, type RegionScope } from '../../db/scope.ts';

export const REGISTERS = {
  articles: { table: 'publicity_articles', day: 'published_on' },
  led: { table: 'publicity_led_programmes', day: 'from_date' },
  handouts: { table: 'publicity_handouts', day: 'handed_on' },
  door: { table: 'publicity_door_sessions', day: 'on_date' },
} as const;
export type Register = keyof typeof REGISTERS;

const COMMON = (day: string) =>
  sql.raw(
    `x.id, x.town_code AS "townCode", x.region_code AS "regionCode", r.name AS "regionName", x.version, x.created_at AS "createdAt", x.${day}::text AS "day"`,
  );

/** Each register's own columns (the common ones come first). */
const COLS: Record<Register, SQL> = {
  articles: sql`x.channel, x.channel_name AS "channelName", x.title, x.url, x.featured, x.carried_by AS "carriedBy",
    CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS "authorUnit"`,
  led: sql`x.screen, x.content, x.from_date::text AS "fromDate", x.to_date::text AS "toDate",
    CASE WHEN f.id IS NULL THEN NULL ELSE json_build_object('id', f.id, 'name', f.name) END AS facility`,
  handouts: sql`x.kind, x.title, x.quantity, x.location, x.campaign_id AS "campaignId",
    CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS unit,
    CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('id', a.id, 'name', a.title) END AS activity`,
  door: sql`x.households, x.note,
    coalesce((SELECT json_agg(json_build_object('id', du.id, 'name', du.name) ORDER BY du.name) FROM publicity_door_session_units s
      JOIN units du ON du.id = s.unit_id WHERE s.session_id = x.id), '[]'::json) AS units`,
};
const JOINS: Record<Register, SQL> = {
  articles: sql`LEFT JOIN units u ON u.id = x.author_unit_id`,
  led: sql`LEFT JOIN publicity_facilities f ON f.id = x.facility_id`,
  handouts: sql`LEFT JOIN units u ON u.id = x.unit_id LEFT JOIN activities a ON a.id = x.activity_id`,
  door: sql``,
};

export interface ListFilter {
  regionCode?: string;
  from?: string;
  to?: string;
  channel?: string;
  featured?: boolean;
  kind?: string;
}

function where(reg: Register, f: ListFilter, scope: RegionScope): SQL {
  const day = sql.raw(`x.${REGISTERS[reg].day}`);
  const c: SQL[] = [inScope(sql`x.region_code`, scope)];
  if (f.regionCode) c.push(inRegion(f.regionCode, { town: sql`x.town_code`, region: sql`x.region_code` }));
  if (f.from) c.push(sql`${day} >= ${f.from}::date`);
  if (f.to) c.push(sql`${day} <= ${f.to}::date`);
  if (reg === 'articles' && f.channel) c.push(sql`x.channel = ${f.channel}`);
  if (reg === 'articles' && f.featured != null) c.push(sql`x.featured = ${f.featured}`);
  if (reg === 'handouts' && f.kind) c.push(sql`x.kind = ${f.kind}`);
  return sql.join(c, sql` AND `);
}

const FROM = (reg: Register) => sql.raw(`${REGISTERS[reg].table} x`);

export async function listPage(q: Q, reg: Register, f: ListFilter, scope: RegionScope, after: [string, number] | null, limit: number) {
  const day = sql.raw(`x.${REGISTERS[reg].day}`);
  const keyset = after ? sql`AND (${day}, x.id) < (${after[0]}::date, ${after[1]})` : sql``;
  return (
    await q.execute<any>(sql`SELECT ${COMMON(REGISTERS[reg].day)}, ${COLS[reg]} FROM ${FROM(reg)}
    LEFT JOIN regions r ON r.code = x.region_code ${JOINS[reg]}
    WHERE ${where(reg, f, scope)} ${keyset} ORDER BY ${day} DESC, x.id DESC LIMIT ${limit}`)
  ).rows;
}

export async function getOne(q: Q, reg: Register, id: number, scope: RegionScope) {
  return (
    (
      await q.execute<any>(sql`SELECT ${COMMON(REGISTERS[reg].day)}, ${COLS[reg]} FROM ${FROM(reg)}
    LEFT JOIN regions r ON r.code = x.region_code ${JOINS[reg]}
    WHERE x.id = ${id} AND ${inScope(sql`x.region_code`, scope)}`)
    ).rows[0] ?? null
  );
}

/** Insert rows of one register (column names as the table's); ids in order. */
export async function insertRows(q: Q, reg: Register, rows: Record<string, unknown>[]): Promise<number[]> {
  if (!rows.length) return [];
  const cols = Object.keys(rows[0]);
  const values = rows.map(
    (r) =>
      sql`(${sql.join(
        cols.map((c) => sql`${r[c] ?? null}`),
        sql`, `,
      )})`,
  );
  const r = await q.execute<{ id: number }>(
    sql`INSERT INTO ${sql.raw(REGISTERS[reg].table)} (${sql.raw(cols.join(', '))}) VALUES ${sql.join(values, sql`, `)} RETURNING id`,
  );
  return r.rows.map((x) => Number(x.id));
}

/** Update one record at its version (null: changed meanwhile or gone). */
export async function updateRow(q: Q, reg: Register, id: number, version: number, set: Record<string, unknown>): Promise<boolean> {
  const parts = Object.entries(set).map(([c, v]) => sql`${sql.raw(c)} = ${v ?? null}`);
  const r = await q.execute(
    sql`UPDATE ${sql.raw(REGISTERS[reg].table)} SET ${sql.join(parts, sql`, `)}, version = version + 1, updated_at = now() WHERE id = ${id} AND version = ${version} RETURNING id`,
  );
  return r.rows.length > 0;
}

export async function deleteRow(q: Q, reg: Register, id: number, version: number): Promise<boolean> {
  return (await q.execute(sql`DELETE FROM ${sql.raw(REGISTERS[reg].table)} WHERE id = ${id} AND version = ${version} RETURNING id`)).rows.length > 0;
}

export async function setDoorUnits(q: Q, sessionId: number, unitIds: number[]) {
  await q.execute(sql`DELETE FROM publicity_door_session_units WHERE session_id = ${sessionId}`);
  if (unitIds.length)
    await q.execute(
      sql`INSERT INTO publicity_door_session_units (session_id, unit_id) SELECT ${sessionId}, unnest(${sql.param(unitIds)}::int[]) ON CONFLICT DO NOTHING`,
    );
}

// ---- what records name ----

export async function regionName(q: Q, code: string): Promise<string | null> {
  return (await q.execute<{ name: string }>(sql`SELECT name FROM regions WHERE code = ${code}`)).rows[0]?.name ?? null;
}

export async function activityOf(q: Q, id: number): Promise<{ id: number; title: string; townCode: string } | null> {
  return (await q.execute<any>(sql`SELECT id, title, town_code AS "townCode" FROM activities WHERE id = ${id}`)).rows[0] ?? null;
}

export async function campaignOf(q: Q, id: number): Promise<{ id: number; townCode: string } | null> {
  return (await q.execute<any>(sql`SELECT id, town_code AS "townCode" FROM campaigns WHERE id = ${id}`)).rows[0] ?? null;
}

// ---- the figures ----

export interface OutputCounts {
  wechat: number;
  featured: number;
  led: number;
  flyers: number;
  items: number;
  sessions: number;
  households: number;
}

/** Every output count of a region (county, town or community prefix) over inclusive days, in one statement. */
export async function outputCounts(q: Q, region: string, from: string, to: string): Promise<OutputCounts> {
  const inR = inRegion(region, { town: sql`town_code`, region: sql`region_code` });
  const r = await q.execute<any>(sql`SELECT
    (SELECT count(*) FROM publicity_articles WHERE ${inR} AND published_on BETWEEN ${from}::date AND ${to}::date AND channel = 'wechat')::int AS wechat,
    (SELECT count(*) FROM publicity_articles WHERE ${inR} AND published_on BETWEEN ${from}::date AND ${to}::date AND featured)::int AS featured,
    (SELECT count(*) FROM publicity_led_programmes WHERE ${inR} AND from_date BETWEEN ${from}::date AND ${to}::date)::int AS led,
    (SELECT coalesce(sum(quantity), 0) FROM publicity_handouts WHERE ${inR} AND handed_on BETWEEN ${from}::date AND ${to}::date AND kind = 'flyer')::bigint AS flyers,
    (SELECT coalesce(sum(quantity), 0) FROM publicity_handouts WHERE ${inR} AND handed_on BETWEEN ${from}::date AND ${to}::date AND kind = 'item')::bigint AS items,
    (SELECT count(*) FROM publicity_door_sessions WHERE ${inR} AND on_date BETWEEN ${from}::date AND ${to}::date)::int AS sessions,
    (SELECT coalesce(sum(households), 0) FROM publicity_door_sessions WHERE ${inR} AND on_date BETWEEN ${from}::date AND ${to}::date)::bigint AS households`);
  const x = r.rows[0];
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, Number(v)])) as unknown as OutputCounts;
}

// SQL of campaigns: the list (keyset pages), one campaign with its areas and
// target categories, the problems a campaign closed (one definition: live
// while it runs, frozen into campaign_problems when it closes), and the sums
// the figures and the period totals read. Every read takes the caller's
// region scope. Daily records, their tallies and photos:
// campaigns.days.repository.ts.
import { sql, type SQL } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';
import type { RegionScope } from '../../db/scope.ts';

// ---- scope ----

/**
 * One region prefix on campaign alias `c`: a county or a town by its
 * town_code; a community (or a grid in it) by the campaign's areas.
 */
export function inRegionSql(r: string): SQL {
  if (r.length === 9) return sql`c.town_code = ${r}`;
  if (r.length < 9) return sql`c.town_code LIKE ${r + '%'}`;
  return sql`EXISTS (SELECT 1 FROM campaign_areas ca WHERE ca.campaign_id = c.id AND (ca.community_code LIKE ${r + '%'} OR ${r} LIKE ca.community_code || '%'))`;
}
const inScopeSql = (scope: RegionScope): SQL =>
  scope === 'all' ? sql`true` : scope.length ? sql`(${sql.join(scope.map(inRegionSql), sql` OR `)})` : sql`false`;

// ---- reference data of a town ----

export async function communitiesOf(q: Q, town: string): Promise<{ code: string; name: string }[]> {
  return (await q.execute<any>(sql`SELECT code, name FROM regions WHERE parent_code = ${town} AND level = 'community' ORDER BY code`)).rows;
}

export async function placesOf(q: Q, town: string) {
  return (
    await q.execute<any>(sql`SELECT id, name, region_code AS "regionCode", kind FROM places WHERE region_code LIKE ${town + '%'}
      ORDER BY region_code, kind, name LIMIT 5000`)
  ).rows as { id: number; name: string; regionCode: string; kind: string }[];
}

export async function placesByIds(q: Q, ids: number[]) {
  if (!ids.length) return [];
  return (await q.execute<any>(sql`SELECT id, name, region_code AS "regionCode" FROM places WHERE id = ANY(${sql.param(ids)}::int[])`)).rows as {
    id: number;
    name: string;
    regionCode: string;
  }[];
}

export async function regionsByCodes(q: Q, codes: string[]) {
  if (!codes.length) return [];
  return (await q.execute<any>(sql`SELECT code, name, level, parent_code AS "parentCode" FROM regions WHERE code = ANY(${sql.param(codes)}::text[])`)).rows as {
    code: string;
    name: string;
    level: string;
    parentCode: string | null;
  }[];
}

export async function categories(q: Q) {
  return (await q.execute<any>(sql`SELECT id, name, parent_id AS "parentId", level FROM categories WHERE active ORDER BY kind, level, sort, id`)).rows as {
    id: number;
    name: string;
    parentId: number | null;
    level: number;
  }[];
}

export async function categoriesByIds(q: Q, ids: number[]) {
  if (!ids.length) return [];
  return (await q.execute<any>(sql`SELECT id, name FROM categories WHERE id = ANY(${sql.param(ids)}::int[])`)).rows as { id: number; name: string }[];
}

// ---- the list ----

export interface ListFilter {
  regionCode?: string;
  from?: string;
  to?: string;
  state?: string;
  kindId?: number;
  kindCode?: string;
  /** from/to bound the start date (the campaigns figure ㉒ counts) instead of overlapping the dates. */
  started?: boolean;
}

/** The filter as SQL on alias `c` (scope included): a campaign is in a period when its dates overlap it. */
export function filterSql(f: ListFilter, scope: RegionScope): SQL {
  const conds: SQL[] = [inScopeSql(scope)];
  if (f.regionCode) conds.push(inRegionSql(f.regionCode));
  if (f.from) conds.push(f.started ? sql`c.start_date >= ${f.from}::date` : sql`c.end_date >= ${f.from}::date`);
  if (f.to) conds.push(sql`c.start_date <= ${f.to}::date`);
  if (f.state) conds.push(sql`c.state = ${f.state}`);
  if (f.kindId) conds.push(sql`c.kind_id = ${f.kindId}`);
  if (f.kindCode) conds.push(sql`c.kind_id IN (SELECT id FROM campaign_kinds WHERE code = ${f.kindCode})`);
  return sql.join(conds, sql` AND `);
}

export const ITEM_COLS = sql`c.id, c.town_code AS "townCode", c.theme, c.start_date::text AS "startDate", c.end_date::text AS "endDate", c.state,
  k.id AS "kindId", k.code AS "kindCode", k.name AS "kindName",
  (SELECT coalesce(array_agg(coalesce(pl.name, rg.name, ca.community_code) ORDER BY ca.id), '{}') FROM campaign_areas ca
    LEFT JOIN places pl ON pl.id = ca.place_id LEFT JOIN regions rg ON rg.code = ca.community_code WHERE ca.campaign_id = c.id) AS "areaNames",
  (SELECT count(*)::int FROM campaign_days d WHERE d.campaign_id = c.id) AS days,
  (SELECT coalesce(sum(v.value), 0)::int FROM campaign_days d JOIN campaign_day_counts v ON v.day_id = d.id
    JOIN campaign_tally_kinds tk ON tk.id = v.kind_id AND tk.measure = 'staff' WHERE d.campaign_id = c.id) AS "staffTotal"`;
const ITEM_FROM = sql`campaigns c JOIN campaign_kinds k ON k.id = c.kind_id`;

export interface ItemRow {
  id: number;
  townCode: string;
  theme: string;
  startDate: string;
  endDate: string;
  state: string;
  kindId: number;
  kindCode: string;
  kindName: string;
  areaNames: string[];
  days: number;
  staffTotal: number;
}

export async function listPage(q: Q, f: ListFilter, scope: RegionScope, after: [string, number] | null, limit: number): Promise<ItemRow[]> {
  const keyset = after ? sql`AND (c.start_date, c.id) < (${after[0]}::date, ${after[1]})` : sql``;
  return (
    await q.execute<any>(sql`SELECT ${ITEM_COLS} FROM ${ITEM_FROM} WHERE ${filterSql(f, scope)} ${keyset} ORDER BY c.start_date DESC, c.id DESC LIMIT ${limit}`)
  ).rows.map((r: any) => ({ ...r, id: Number(r.id) }));
}

// ---- one campaign ----

export type CampaignRow = ItemRow & {
  summary: string | null;
  version: number;
  createdAt: Date;
  closedAt: Date | null;
  createdByName: string | null;
};

export async function getCampaign(q: Q, id: number, scope: RegionScope, forUpdate = false): Promise<CampaignRow | null> {
  const r = (
    await q.execute<any>(sql`SELECT ${ITEM_COLS}, c.summary, c.version, c.created_at AS "createdAt", c.closed_at AS "closedAt",
      (SELECT name FROM people WHERE id = c.created_by) AS "createdByName"
    FROM ${ITEM_FROM} WHERE c.id = ${id} AND ${inScopeSql(scope)} ${forUpdate ? sql`FOR UPDATE OF c` : sql``}`)
  ).rows[0];
  return r ? { ...r, id: Number(r.id) } : null;
}

export async function areasOf(q: Q, id: number) {
  return (
    await q.execute<any>(sql`SELECT ca.community_code AS "communityCode", rg.name AS "communityName", pl.id AS "placeId", pl.name AS "placeName"
    FROM campaign_areas ca LEFT JOIN regions rg ON rg.code = ca.community_code LEFT JOIN places pl ON pl.id = ca.place_id
    WHERE ca.campaign_id = ${id} ORDER BY ca.id`)
  ).rows as { communityCode: string; communityName: string | null; placeId: number | null; placeName: string | null }[];
}

export async function categoriesOf(q: Q, id: number): Promise<{ id: number; name: string }[]> {
  return (
    await q.execute<any>(
      sql`SELECT k.id, k.name FROM campaign_categories cc JOIN categories k ON k.id = cc.category_id WHERE cc.campaign_id = ${id} ORDER BY k.id`,
    )
  ).rows;
}

export interface CampaignFields {
  townCode: string;
  kindId: number;
  theme: string;
  startDate: string;
  endDate: string;
  summary: string | null;
}

export async function insertCampaign(tx: Tx, f: CampaignFields, createdBy: number): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`INSERT INTO campaigns (town_code, kind_id, theme, start_date, end_date, summary, created_by)
    VALUES (${f.townCode}, ${f.kindId}, ${f.theme}, ${f.startDate}::date, ${f.endDate}::date, ${f.summary}, ${createdBy}) RETURNING id`);
  return Number(r.rows[0].id);
}

/** Compare-and-set a running campaign's fields; false when its version or state moved on. */
export async function updateCampaign(tx: Tx, id: number, version: number, f: Omit<CampaignFields, 'townCode'>): Promise<boolean> {
  const r =
    await tx.execute(sql`UPDATE campaigns SET kind_id = ${f.kindId}, theme = ${f.theme}, start_date = ${f.startDate}::date, end_date = ${f.endDate}::date,
    summary = ${f.summary}, version = version + 1, updated_at = now() WHERE id = ${id} AND version = ${version} AND state = 'running' RETURNING id`);
  return r.rows.length > 0;
}

export async function setAreas(tx: Tx, id: number, areas: { communityCode: string; placeId: number | null }[]) {
  await tx.execute(sql`DELETE FROM campaign_areas WHERE campaign_id = ${id}`);
  if (!areas.length) return;
  await tx.execute(sql`INSERT INTO campaign_areas (campaign_id, community_code, place_id)
    SELECT ${id}, c, p FROM unnest(${sql.param(areas.map((a) => a.communityCode))}::text[], ${sql.param(areas.map((a) => a.placeId))}::int[]) AS t(c, p)`);
}

export async function setCategories(tx: Tx, id: number, categoryIds: number[]) {
  await tx.execute(sql`DELETE FROM campaign_categories WHERE campaign_id = ${id}`);
  if (!categoryIds.length) return;
  await tx.execute(
    sql`INSERT INTO campaign_categories (campaign_id, category_id) SELECT ${id}, unnest(${sql.param(categoryIds)}::int[]) ON CONFLICT DO NOTHING`,
  );
}

/** Close a running campaign and freeze the problems it closed, in one statement pair (inside the caller's transaction). */
export async function close(tx: Tx, id: number, version: number, by: number, summary: string | null): Promise<number | null> {
  const r = await tx.execute(sql`UPDATE campaigns SET state = 'closed', closed_at = now(), closed_by = ${by}, summary = coalesce(${summary}, summary),
    version = version + 1, updated_at = now() WHERE id = ${id} AND version = ${version} AND state = 'running' RETURNING id`);
  if (!r.rows.length) return null;
  const f = await tx.execute(sql`INSERT INTO campaign_problems (campaign_id, problem_id) SELECT ${id}, p.id ${liveFrom(id)} ON CONFLICT DO NOTHING`);
  return f.rowCount ?? 0;
}

// ---- the problems a campaign closed ----

/**
 * FROM … WHERE of the problems a running campaign closed (alias `p`): closed
 * between its first and last day (China time), in one of its areas (a whole
 * community, or one place), of a target category (a 大类 covers its 小类;
 * no target: every category). The one definition; close() freezes it.
 * The subqueries name the campaign by its id, not by `c`, so they are
 * uncorrelated: planned once (the dates as constants for the closed_at index,
 * a hashed set of categories), not once per problem.
 */
function liveFrom(id: number): SQL {
  const one = (col: SQL) => sql`(SELECT ${col} FROM campaigns WHERE id = ${id})`;
  return sql`FROM campaigns c JOIN problems p ON p.town_code = c.town_code AND p.state = 'closed'
      AND p.closed_at >= ${one(sql`start_date::timestamp AT TIME ZONE 'Asia/Shanghai'`)}
      AND p.closed_at < ${one(sql`(end_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`)}
    WHERE c.id = ${id}
      AND EXISTS (SELECT 1 FROM campaign_areas a WHERE a.campaign_id = ${id}
        AND ((a.place_id IS NULL AND p.region_code LIKE a.community_code || '%') OR a.place_id = p.place_id))
      AND (NOT EXISTS (SELECT 1 FROM campaign_categories cc WHERE cc.campaign_id = ${id})
        OR p.category_id IN (SELECT k.id FROM campaign_categories cc JOIN categories k ON k.id = cc.category_id OR k.parent_id = cc.category_id
          WHERE cc.campaign_id = ${id}))`;
}

/** The linked problems' ids as a subquery: frozen rows once closed, else the live definition. */
const linkedIds = (id: number, frozen: boolean): SQL =>
  frozen ? sql`SELECT problem_id FROM campaign_problems WHERE campaign_id = ${id}` : sql`SELECT p.id ${liveFrom(id)}`;

export async function linkedCount(q: Q, id: number, frozen: boolean): Promise<number> {
  return Number((await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (${linkedIds(id, frozen)}) x`)).rows[0].n);
}

export async function linkedBreakdown(q: Q, id: number, frozen: boolean) {
  const r =
    await q.execute<any>(sql`WITH l AS (SELECT p.id, p.category_id, p.region_code, p.closed_on_time FROM problems p WHERE p.id IN (${linkedIds(id, frozen)}))
    SELECT 'category' AS by, k.name, count(*)::int AS count FROM l JOIN categories k ON k.id = l.category_id GROUP BY k.name
    UNION ALL SELECT 'community', coalesce(rg.name, substr(l.region_code, 1, 12)), count(*)::int FROM l LEFT JOIN regions rg ON rg.code = substr(l.region_code, 1, 12)
      GROUP BY 2
    UNION ALL SELECT 'total', 'on_time', count(*) FILTER (WHERE closed_on_time)::int FROM l
    UNION ALL SELECT 'total', 'all', count(*)::int FROM l`);
  return r.rows as { by: string; name: string; count: number }[];
}

export async function linkedPage(q: Q, id: number, frozen: boolean, after: [string, number] | null, limit: number, on?: string) {
  const keyset = after ? sql`AND (p.closed_at, p.id) < (${after[0]}::timestamptz, ${after[1]})` : sql``;
  const day = on
    ? sql`AND p.closed_at >= ${on}::date::timestamp AT TIME ZONE 'Asia/Shanghai' AND p.closed_at < (${on}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`
    : sql``;
  return (
    await q.execute<any>(sql`SELECT p.id, p.code, p.description, k.name AS "categoryName", rg.name AS "communityName", pl.name AS "placeName",
      p.closed_at AS "closedAt", to_char(p.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "closedKey"
    FROM problems p JOIN categories k ON k.id = p.category_id LEFT JOIN regions rg ON rg.code = substr(p.region_code, 1, 12) LEFT JOIN places pl ON pl.id = p.place_id
    WHERE p.id IN (${linkedIds(id, frozen)}) ${day} ${keyset} ORDER BY p.closed_at DESC, p.id DESC LIMIT ${limit}`)
  ).rows.map((r: any) => ({ ...r, id: Number(r.id) }));
}

// ---- figures and period totals ----

/** Sum of each tally kind code over the daily records dated in the period, of campaigns in the region. */
export async function tallySums(q: Q, region: string, from: string, to: string): Promise<Map<string, number>> {
  const r = await q.execute<{ code: string; value: number }>(sql`SELECT k.code, sum(v.value)::int AS value
    FROM campaigns c JOIN campaign_days d ON d.campaign_id = c.id JOIN campaign_day_counts v ON v.day_id = d.id JOIN campaign_tally_kinds k ON k.id = v.kind_id
    WHERE ${inRegionSql(region)} AND d.on_date BETWEEN ${from}::date AND ${to}::date GROUP BY k.code`);
  return new Map(r.rows.map((x) => [x.code, Number(x.value)]));
}

/** Campaigns in the region that started in the period, by kind. */
export async function startedByKind(q: Q, region: string, from: string, to: string) {
  return (
    await q.execute<any>(sql`SELECT k.id AS "kindId", k.code, k.name, count(*)::int AS campaigns FROM campaigns c JOIN campaign_kinds k ON k.id = c.kind_id
    WHERE ${inRegionSql(region)} AND c.start_date BETWEEN ${from}::date AND ${to}::date GROUP BY k.id ORDER BY k.sort, k.id`)
  ).rows as { kindId: number; code: string; name: string; campaigns: number }[];
}

/** Per month of the period: campaigns started and each tally code's sum over the month's daily records. */
export async function byMonth(q: Q, region: string, from: string, to: string) {
  const r = await q.execute<any>(sql`SELECT to_char(d.on_date, 'YYYY-MM') AS month, k.code, sum(v.value)::int AS value
    FROM campaigns c JOIN campaign_days d ON d.campaign_id = c.id JOIN campaign_day_counts v ON v.day_id = d.id JOIN campaign_tally_kinds k ON k.id = v.kind_id
    WHERE ${inRegionSql(region)} AND d.on_date BETWEEN ${from}::date AND ${to}::date GROUP BY 1, 2 ORDER BY 1`);
  const started = await q.execute<any>(sql`SELECT to_char(c.start_date, 'YYYY-MM') AS month, count(*)::int AS n FROM campaigns c
    WHERE ${inRegionSql(region)} AND c.start_date BETWEEN ${from}::date AND ${to}::date GROUP BY 1`);
  return { values: r.rows as { month: string; code: string; value: number }[], started: started.rows as { month: string; n: number }[] };
}

/** The town's 创城办 unit name (the document's issuer). */
export async function townOfficeName(q: Q, townCode: string): Promise<string | null> {
  return (
    (await q.execute<{ name: string }>(sql`SELECT name FROM units WHERE kind = 'town_office' AND region_code = ${townCode} ORDER BY id LIMIT 1`)).rows[0]
      ?.name ?? null
  );
}

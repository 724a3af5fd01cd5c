// SQL of the 大屏: its display tokens (only their SHA-256 is kept), and the
// reads of the screen no other page makes: the points with their latest
// evaluation score, the open problems' heat, the top categories, the live
// feed of problem events and the latest published red/black list. Every read
// is bounded to one region (a county, town or community code prefix).
import { sql } from 'drizzle-orm';
import type { Db, Q, Tx } from '../../db/pool.ts';
import { inRegion, inScope, type RegionScope } from '../../db/scope.ts';
import { OPEN_STATES } from '../../../domain/problems/vocab.ts';
import { SCORED_KINDS } from '../../../domain/inspections/vocab.ts';

const list = (xs: readonly string[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );
const problemsIn = (region: string) => inRegion(region, { town: sql`p.town_code`, region: sql`p.region_code` });
const chinaStart = (d: string) => sql`(${d}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;

// ---- display tokens ----

export interface TokenRow {
  id: number;
  name: string;
  regionCode: string;
  regionName: string;
  createdByName: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}
const TOKEN_COLS = sql`t.id, t.name, t.region_code AS "regionCode", coalesce(r.name, t.region_code) AS "regionName", pe.name AS "createdByName",
  t.created_at AS "createdAt", t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt"`;
const TOKEN_FROM = sql`display_tokens t LEFT JOIN regions r ON r.code = t.region_code LEFT JOIN people pe ON pe.id = t.created_by`;

export async function insertToken(tx: Tx, t: { hash: string; name: string; regionCode: string; by: number }): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`INSERT INTO display_tokens (token_hash, name, region_code, created_by)
    VALUES (${t.hash}, ${t.name}, ${t.regionCode}, ${t.by}) RETURNING id`);
  return Number(r.rows[0].id);
}

/** A page of the tokens of regions within `scope`, newest first, after the row `before` (an id). */
export async function tokenPage(q: Q, scope: RegionScope, before: number | null, limit: number): Promise<TokenRow[]> {
  return (
    await q.execute<any>(sql`SELECT ${TOKEN_COLS} FROM ${TOKEN_FROM}
    WHERE ${inScope(sql`t.region_code`, scope)} ${before ? sql`AND t.id < ${before}` : sql``}
    ORDER BY t.id DESC LIMIT ${limit}`)
  ).rows;
}

export async function tokenById(q: Q, id: number, lock = false): Promise<TokenRow | null> {
  return (await q.execute<any>(sql`SELECT ${TOKEN_COLS} FROM ${TOKEN_FROM} WHERE t.id = ${id} ${lock ? sql`FOR UPDATE OF t` : sql``}`)).rows[0] ?? null;
}

export async function revokeToken(tx: Tx, id: number, by: number): Promise<void> {
  await tx.execute(sql`UPDATE display_tokens SET revoked_at = now(), revoked_by = ${by} WHERE id = ${id} AND revoked_at IS NULL`);
}

/** The live token with this hash (revoked ones answer null). */
export async function liveToken(q: Q, hash: string): Promise<{ id: number; name: string; regionCode: string; stale: boolean } | null> {
  const r = await q.execute<{ id: number; name: string; region_code: string; stale: boolean }>(sql`SELECT id, name, region_code,
      (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
    FROM display_tokens WHERE token_hash = ${hash} AND revoked_at IS NULL`);
  const t = r.rows[0];
  return t ? { id: t.id, name: t.name, regionCode: t.region_code, stale: t.stale } : null;
}

/** Note the display's last read (at most once a minute: reads stay reads). */
export async function touchToken(q: Db, id: number): Promise<void> {
  await q.execute(sql`UPDATE display_tokens SET last_used_at = now() WHERE id = ${id}`);
}

export async function region(q: Q, code: string): Promise<{ name: string; level: string } | null> {
  return (await q.execute<{ name: string; level: string }>(sql`SELECT name, level FROM regions WHERE code = ${code}`)).rows[0] ?? null;
}

// ---- the screen's reads ----

/** Problems reported per 小类 since `from`, most first. */
export async function topCategories(q: Q, region: string, from: string, limit: number) {
  const r = await q.execute<{ name: string; count: number }>(sql`SELECT c.name, x.n AS count FROM (
      SELECT p.category_id, count(*)::int AS n FROM problems p WHERE ${problemsIn(region)} AND p.created_at >= ${chinaStart(from)}
      GROUP BY p.category_id ORDER BY n DESC, p.category_id LIMIT ${limit}) x
    JOIN categories c ON c.id = x.category_id ORDER BY x.n DESC, c.name`);
  return r.rows.map((x) => ({ name: x.name, count: Number(x.count) }));
}

/** The region's points (evaluation points, and streets or compounds that have a score) with their latest scored inspection. */
export async function pointScores(q: Q, region: string, limit: number) {
  const r = await q.execute<{ id: number; name: string; lng: number; lat: number; score: number | null; on_date: string | null }>(sql`
    SELECT pl.id, pl.name, pl.lng, pl.lat, s.score, s.on_date FROM places pl
    LEFT JOIN LATERAL (
      SELECT round((i.score / i.max_score * 100)::numeric, 1)::float8 AS score, i.on_date::text AS on_date FROM inspections i
      WHERE i.place_id = pl.id AND i.state = 'finished' AND i.kind IN (${list(SCORED_KINDS)}) AND i.score IS NOT NULL AND i.max_score > 0
      ORDER BY i.on_date DESC, i.id DESC LIMIT 1) s ON true
    WHERE pl.region_code LIKE ${region + '%'} AND pl.lat IS NOT NULL AND pl.lng IS NOT NULL AND (pl.kind = 'point' OR s.score IS NOT NULL)
    ORDER BY pl.id LIMIT ${limit}`);
  return r.rows.map((x) => ({ id: x.id, name: x.name, lng: x.lng, lat: x.lat, score: x.score === null ? null : Number(x.score), onDate: x.on_date }));
}

/** Open problems per cell of about 100 m (their own point, or their place's): [lng, lat, count]. */
export async function openHeat(q: Q, region: string, limit: number): Promise<[number, number, number][]> {
  const r = await q.execute<{ lng: number; lat: number; n: number }>(sql`
    SELECT round(coalesce(p.lng, pl.lng)::numeric, 3)::float8 AS lng, round(coalesce(p.lat, pl.lat)::numeric, 3)::float8 AS lat, count(*)::int AS n
    FROM problems p LEFT JOIN places pl ON pl.id = p.place_id AND (p.lat IS NULL OR p.lng IS NULL)
    WHERE ${problemsIn(region)} AND p.state IN (${list(OPEN_STATES)}) AND coalesce(p.lng, pl.lng) IS NOT NULL AND coalesce(p.lat, pl.lat) IS NOT NULL
    GROUP BY 1, 2 ORDER BY 3 DESC LIMIT ${limit}`);
  return r.rows.map((x) => [Number(x.lng), Number(x.lat), Number(x.n)]);
}

export type FeedRow = {
  id: number;
  at: Date;
  action: string;
  to_state: string | null;
  code: string;
  community: string | null;
  category: string | null;
};

/**
 * The latest problem events of the region (after `after`), newest first. Only the last `window` events of the whole
 * table are looked at, so a quiet region costs a bounded scan, never the history.
 */
export async function feed(q: Q, region: string, after: number, limit: number, window: number): Promise<FeedRow[]> {
  const r = await q.execute<FeedRow>(sql`
    SELECT e.id, e.at, e.action, e.to_state, p.code, rg.name AS community, c.name AS category
    FROM problem_events e JOIN problems p ON p.id = e.problem_id
    LEFT JOIN regions rg ON rg.code = left(p.region_code, 12) LEFT JOIN categories c ON c.id = p.category_id
    WHERE e.id > greatest(${after}::bigint, (SELECT coalesce(max(id), 0) FROM problem_events) - ${window}) AND ${problemsIn(region)}
    ORDER BY e.id DESC LIMIT ${limit}`);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}

/** The id of the latest problem event of all (0: none): the feed fetches only when it moved. */
export async function lastEventId(q: Q): Promise<number> {
  return Number((await q.execute<{ id: string }>(sql`SELECT coalesce(max(id), 0) AS id FROM problem_events`)).rows[0].id);
}

/** The towns and counties whose month ranking a live display token shows (a community's display shows its town's). */
export async function displayedRankingRegions(q: Q): Promise<string[]> {
  const r = await q.execute<{ code: string }>(sql`SELECT DISTINCT CASE WHEN length(region_code) = 6 THEN region_code ELSE left(region_code, 9) END AS code
    FROM display_tokens WHERE revoked_at IS NULL ORDER BY 1`);
  return r.rows.map((x) => x.code);
}

/** The latest published ranking of a town's communities or a county's towns. */
export async function latestPublishedRanking(q: Q, regionCode: string, level: 'community' | 'town') {
  const r = await q.execute<{ title: string; published_at: Date | null; rows: unknown }>(sql`SELECT title, published_at, rows FROM rankings
    WHERE region_code = ${regionCode} AND level = ${level} AND state = 'published' ORDER BY published_at DESC NULLS LAST, id DESC LIMIT 1`);
  return r.rows[0] ?? null;
}

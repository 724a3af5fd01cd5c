// SQL of a campaign's daily records: each day's note and tally counts, the
// totals over the campaign, and the photos the summary shows. Reached through
// a campaign the caller's scope has already found (campaigns.repository.ts).
import { sql } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';

export interface DayRow {
  id: number;
  onDate: string;
  note: string | null;
  version: number;
  counts: { kindId: number; value: number }[];
}

export async function daysOf(q: Q, campaignId: number): Promise<DayRow[]> {
  return (
    await q.execute<any>(sql`SELECT d.id, d.on_date::text AS "onDate", d.note, d.version,
      coalesce((SELECT json_agg(json_build_object('kindId', v.kind_id, 'value', v.value) ORDER BY v.kind_id) FROM campaign_day_counts v WHERE v.day_id = d.id), '[]') AS counts
    FROM campaign_days d WHERE d.campaign_id = ${campaignId} ORDER BY d.on_date`)
  ).rows.map((r: any) => ({ ...r, id: Number(r.id) }));
}

export async function dayOf(q: Q, campaignId: number, onDate: string): Promise<{ id: number; version: number } | null> {
  const r = (await q.execute<any>(sql`SELECT id, version FROM campaign_days WHERE campaign_id = ${campaignId} AND on_date = ${onDate}::date FOR UPDATE`))
    .rows[0];
  return r ? { id: Number(r.id), version: r.version } : null;
}

/** Write a day's record (new, or the stored one at `version`): its note and exactly these counts. Null when the version moved on. */
export async function saveDay(
  tx: Tx,
  campaignId: number,
  onDate: string,
  existing: { id: number; version: number } | null,
  note: string | null,
  counts: { kindId: number; value: number }[],
  by: number,
): Promise<number> {
  let id: number;
  if (existing) {
    await tx.execute(sql`UPDATE campaign_days SET note = ${note}, version = version + 1, updated_at = now() WHERE id = ${existing.id}`);
    id = existing.id;
  } else {
    const r = await tx.execute<{ id: number }>(
      sql`INSERT INTO campaign_days (campaign_id, on_date, note, created_by) VALUES (${campaignId}, ${onDate}::date, ${note}, ${by}) RETURNING id`,
    );
    id = Number(r.rows[0].id);
  }
  await tx.execute(sql`DELETE FROM campaign_day_counts WHERE day_id = ${id}`);
  const nonZero = counts.filter((c) => c.value > 0);
  if (nonZero.length)
    await tx.execute(sql`INSERT INTO campaign_day_counts (day_id, kind_id, value)
      SELECT ${id}, k, v FROM unnest(${sql.param(nonZero.map((c) => c.kindId))}::int[], ${sql.param(nonZero.map((c) => c.value))}::int[]) AS t(k, v)`);
  return id;
}

export async function campaignOfDay(q: Q, dayId: number): Promise<number | null> {
  const r = (await q.execute<any>(sql`SELECT campaign_id FROM campaign_days WHERE id = ${dayId}`)).rows[0];
  return r ? Number(r.campaign_id) : null;
}

/** Each day's counts by tally code (the summary's table). */
export async function dayValues(q: Q, campaignId: number) {
  return (
    await q.execute<any>(sql`SELECT d.on_date::text AS "onDate", coalesce(json_object_agg(k.code, v.value) FILTER (WHERE k.code IS NOT NULL), '{}') AS values
    FROM campaign_days d LEFT JOIN campaign_day_counts v ON v.day_id = d.id LEFT JOIN campaign_tally_kinds k ON k.id = v.kind_id
    WHERE d.campaign_id = ${campaignId} GROUP BY d.on_date ORDER BY d.on_date`)
  ).rows as { onDate: string; values: Record<string, number> }[];
}

/** Each tally kind's total over a campaign (every kind, zero included; retired kinds only when counted). */
export async function totalsOf(q: Q, campaignId: number) {
  return (
    await q.execute<any>(sql`SELECT k.id AS "kindId", k.code, k.name, k.measure, k.unit, coalesce(s.value, 0)::int AS value
    FROM campaign_tally_kinds k LEFT JOIN (SELECT v.kind_id, sum(v.value) AS value FROM campaign_day_counts v JOIN campaign_days d ON d.id = v.day_id
      WHERE d.campaign_id = ${campaignId} GROUP BY v.kind_id) s ON s.kind_id = k.id
    WHERE k.active OR s.value IS NOT NULL ORDER BY k.measure DESC, k.sort, k.id`)
  ).rows as { kindId: number; code: string; name: string; measure: string; unit: string; value: number }[];
}

// ---- the summary's photos ----

/**
 * The thumbnails of the daily records' before/after photos: per day at most
 * `perDay` of each side (the first uploaded), by day then side then upload order.
 */
export async function dayPhotoPaths(q: Q, campaignId: number, perDay: number) {
  return (
    await q.execute<any>(sql`
    SELECT "onDate", after, path FROM (
      SELECT d.on_date::text AS "onDate", l.owner_kind = 'campaign_after' AS after, p.thumb_path AS path, l.id AS link,
        row_number() OVER (PARTITION BY d.id, l.owner_kind ORDER BY l.id) AS k
      FROM campaign_days d
      JOIN file_links l ON l.owner_id = d.id AND l.owner_kind IN ('campaign_before', 'campaign_after') AND l.file_kind = 'photo'
      JOIN problem_photos p ON p.id = l.file_id
      WHERE d.campaign_id = ${campaignId}
    ) x WHERE k <= ${perDay}
    ORDER BY "onDate", after, link`)
  ).rows as { onDate: string; after: boolean; path: string }[];
}

/** How many before/after photos the daily records hold in all. */
export async function dayPhotoCount(q: Q, campaignId: number): Promise<number> {
  return (
    await q.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM campaign_days d
    JOIN file_links l ON l.owner_id = d.id AND l.owner_kind IN ('campaign_before', 'campaign_after') AND l.file_kind = 'photo'
    WHERE d.campaign_id = ${campaignId}`)
  ).rows[0].n;
}

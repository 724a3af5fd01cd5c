// The SQL of duplicate hints and followers: open problems of a category near
// a point, and the people who follow a problem instead of reporting it again.
import { sql } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';
import { TERMINAL_STATES, type ProblemState } from '../../../domain/problems/vocab.ts';
import type { problemScope } from './parties.ts';
import { RESIDENT_VISIBLE, scopeSql } from './problems.scope.repository.ts';

export interface DupConfig {
  dupMeters: number;
  dupDays: number;
}

const DIST = (lat: number, lng: number) => sql`(6371000 * 2 * asin(sqrt(
  power(sin(radians(p.lat - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(p.lat)) * power(sin(radians(p.lng - ${lng}) / 2), 2))))`;

export type DupRow = {
  id: number;
  code: string;
  state: ProblemState;
  description: string;
  category_name: string;
  region_name: string | null;
  created_at: Date;
  distance: number;
  photo_ids: number[] | null;
  follower_count: number;
};

/**
 * Nearby open problems of the category. `scope` null: the public channel,
 * which sees only problems residents are tied to (and no personal data);
 * else the caller's scope.
 */
export async function findDuplicates(
  q: Q,
  cfg: DupConfig,
  input: { categoryId: number; lat: number; lng: number },
  scope: ReturnType<typeof problemScope> | null,
) {
  const { lat, lng } = input;
  const m = cfg.dupMeters;
  const dLat = m / 111_000;
  const dLng = m / (111_000 * Math.max(0.2, Math.cos((lat * Math.PI) / 180)));
  const r = await q.execute<DupRow>(sql`
    SELECT p.id, p.code, p.state, p.description, c.name AS category_name, rg.name AS region_name, p.created_at, ${DIST(lat, lng)} AS distance,
      (SELECT array_agg(ph.id ORDER BY ph.id) FROM problem_photos ph WHERE ph.problem_id = p.id AND ph.kind = 'before') AS photo_ids,
      (SELECT count(*)::int FROM problem_followers pf WHERE pf.problem_id = p.id) AS follower_count
    FROM problems p LEFT JOIN categories c ON c.id = p.category_id LEFT JOIN regions rg ON rg.code = p.region_code
    WHERE p.category_id = ${input.categoryId}
      AND point(p.lng, p.lat) <@ box(point(${lng - dLng}, ${lat - dLat}), point(${lng + dLng}, ${lat + dLat}))
      AND p.lat IS NOT NULL AND p.lng IS NOT NULL
      AND p.created_at >= now() - make_interval(days => ${cfg.dupDays})
      AND p.state <> ALL(${sql.param(TERMINAL_STATES)}::text[])
      AND ${scope ? scopeSql(scope) : RESIDENT_VISIBLE}
      AND ${DIST(lat, lng)} <= ${m}
    ORDER BY distance, p.id LIMIT 10`);
  return r.rows;
}

/** Add a follower; false when the key already follows the problem. */
export async function insertFollower(tx: Tx, problemId: number, key: string): Promise<boolean> {
  const r = await tx.execute(sql`INSERT INTO problem_followers (problem_id, key) VALUES (${problemId}, ${key}) ON CONFLICT DO NOTHING`);
  return !!r.rowCount;
}

export async function followerCount(q: Q, problemId: number) {
  return Number((await q.execute<{ n: number }>(sql`SELECT count(*) AS n FROM problem_followers WHERE problem_id = ${problemId}`)).rows[0].n);
}

// Duplicate hints while a problem is entered: open problems of the same
// category within DUP_METERS and reported in the last DUP_DAYS, nearest
// first, with thumbnails. Choosing one adds the reporter as a follower
// (problem_followers) instead of creating a new problem.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/pool.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { iso } from '../../platform/time.ts';
import { authorize } from '../../platform/session.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { PROBLEM_STATE_LABELS, TERMINAL_STATES, type ProblemState } from '../../../domain/problems/vocab.ts';
import { problemScope } from './parties.ts';
import { RESIDENT_VISIBLE, scopeSql } from './problems.repository.ts';
import * as repo from './problems.repository.ts';

export interface DupConfig { dupMeters: number; dupDays: number }

const DIST = (lat: number, lng: number) => sql`(6371000 * 2 * asin(sqrt(
  power(sin(radians(p.lat - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(p.lat)) * power(sin(radians(p.lng - ${lng}) / 2), 2))))`;

export type DupRow = {
  id: number; code: string; state: ProblemState; description: string; category_name: string; region_name: string | null;
  created_at: Date; distance: number; photo_ids: number[] | null; follower_count: number;
};

/**
 * Nearby open problems of the category. `scope` null: the public channel,
 * which sees only problems residents are tied to (and no personal data);
 * else the caller's scope.
 */
export async function findDuplicates(q: Db | Tx, cfg: DupConfig, input: { categoryId: number; lat: number; lng: number }, scope: ReturnType<typeof problemScope> | null) {
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

export async function duplicates(db: Db, actor: Actor, cfg: DupConfig, input: { categoryId: number; lat: number; lng: number }) {
  authorize(actor, 'problem.report');
  const rows = await findDuplicates(db, cfg, input, problemScope(actor));
  return {
    meters: cfg.dupMeters, days: cfg.dupDays,
    items: rows.map((p) => ({
      id: p.id, code: p.code, state: p.state, stateLabel: PROBLEM_STATE_LABELS[p.state as ProblemState], categoryName: p.category_name,
      regionName: p.region_name, description: p.description, createdAt: iso(p.created_at), distanceM: Math.round(Number(p.distance)),
      followerCount: p.follower_count,
      photos: (p.photo_ids ?? []).map((id) => ({ id, url: `/api/photos/${id}`, thumbUrl: `/api/photos/${id}?thumb=1` })),
    })),
  };
}

/** Add a follower (the caller, or a resident's phone number given by staff) to an open problem. */
export async function follow(db: Db, actor: Actor, problemId: number, phone: string | null) {
  authorize(actor, 'problem.report');
  return db.transaction(async (tx) => {
    const p = await repo.getProblem(tx, problemId, problemScope(actor));
    if (!p) throw notFound('该问题不存在或不在您的管辖范围内');
    authorize(actor, 'problem.report', { regionCode: p.region_code });
    if (TERMINAL_STATES.includes(p.state as ProblemState)) throw new AppError('INVALID_STATE', '该问题已结束，不能再关注，请上报新问题');
    const key = phone ? `phone:${phone}` : `person:${actor.personId}`;
    await addFollowerWithEvent(tx, p.id, p.state, key, actor, p.region_code);
    return { problemId: p.id, code: p.code, followed: true as const, followers: await followerCount(tx, p.id) };
  });
}

export async function addFollowerWithEvent(tx: Tx, problemId: number, state: string, key: string, actor: Actor | null, regionCode: string) {
  const r = await tx.execute(sql`INSERT INTO problem_followers (problem_id, key) VALUES (${problemId}, ${key}) ON CONFLICT DO NOTHING`);
  if (!r.rowCount) return false;
  await repo.insertEvent(tx, { problemId, actorId: actor?.personId ?? null, actorName: actor?.name ?? null, action: 'follow', fromState: state, toState: state, note: '同一问题的上报人加入关注，未重复立案' });
  // The key may hold a phone number: the audit row records only that one was added.
  await audit(tx, { actor, action: 'problem.follow', entity: 'problem', entityId: problemId, regionCode, after: { follower: key.startsWith('phone:') ? 'phone' : key } });
  return true;
}

export async function followerCount(q: Db | Tx, problemId: number) {
  return Number((await q.execute<{ n: number }>(sql`SELECT count(*) AS n FROM problem_followers WHERE problem_id = ${problemId}`)).rows[0].n);
}

// Sessions: an opaque random token in an HttpOnly SameSite=Lax cookie; the
// database keeps only its SHA-256. One query per request resolves the token
// to the person and their role grants (unit-scoped roles resolved to the
// unit's region), which become `req.actor`.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/pool.ts';
import type { Actor, Action, EffectiveGrant, Target } from '../../domain/permissions.ts';
import { can } from '../../domain/permissions.ts';
import type { Role } from '../../domain/roles.ts';
import { AppError } from './errors.ts';
import { executePrepared } from '../db/prepared.ts';

export const COOKIE = 'cc_sid';

export interface SessionActor extends Actor {
  sessionId: string;
  homeRegionCode: string;
  unitId: number | null;
  mustChangePassword: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: SessionActor | null;
  }
}

export const tokenId = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
export const newToken = () => crypto.randomBytes(32).toString('base64url');

// A short-lived in-process cache of resolved sessions: most requests then
// cost no database round trip for authentication. Every change to people,
// grants or sessions made by this process clears it (invalidateSessions);
// another process sees such a change within SESSION_CACHE_MS.
const SESSION_CACHE_MS = 5000;
const SESSION_CACHE_MAX = 20000;
interface CacheEntry {
  actor: SessionActor | null;
  at: number;
  memo: Map<string, unknown>;
}
const cache = new Map<string, CacheEntry>();

export function invalidateSessions() {
  cache.clear();
}

/** Memoise a per-session value (e.g. the /api/me payload) for the cache's lifetime. */
export async function sessionMemo<T>(actor: SessionActor, key: string, fn: () => Promise<T>): Promise<T> {
  const e = cache.get(actor.sessionId);
  if (e?.memo.has(key)) return e.memo.get(key) as T;
  const v = await fn();
  e?.memo.set(key, v);
  return v;
}

export async function loadActor(db: Db, sid: string): Promise<SessionActor | null> {
  const hit = cache.get(sid);
  if (hit && Date.now() - hit.at < SESSION_CACHE_MS) return hit.actor;
  const actor = await queryActor(db, sid);
  if (cache.size >= SESSION_CACHE_MAX) cache.clear();
  cache.set(sid, { actor, at: Date.now(), memo: new Map() });
  return actor;
}

async function queryActor(db: Db, sid: string): Promise<SessionActor | null> {
  // Prepared (server/db/prepared.ts): every signed-in request runs it.
  const r = await executePrepared<any>(
    db,
    'session_actor',
    sql`
    SELECT s.id AS sid, (s.last_seen_at < now() - interval '1 minute') AS stale,
           p.id, p.name, p.region_code, p.unit_id, p.must_change_password,
           COALESCE((SELECT json_agg(json_build_object(
                'role', g.role,
                'regionCode', CASE WHEN g.scope_unit_id IS NOT NULL THEN u.region_code ELSE g.scope_region_code END,
                'unitId', g.scope_unit_id))
              FROM role_grants g LEFT JOIN units u ON u.id = g.scope_unit_id
              WHERE g.person_id = p.id), '[]') AS grants
    FROM sessions s JOIN people p ON p.id = s.person_id
    WHERE s.id = ${sid} AND s.revoked_at IS NULL AND s.expires_at > now() AND p.active`,
  );
  const row = r.rows[0];
  if (!row) return null;
  if (row.stale) {
    // Touch at most once a minute: reads stay reads.
    db.execute(sql`UPDATE sessions SET last_seen_at = now() WHERE id = ${sid}`).catch(() => {});
  }
  return {
    sessionId: sid,
    personId: row.id,
    name: row.name,
    homeRegionCode: row.region_code,
    unitId: row.unit_id,
    mustChangePassword: row.must_change_password,
    grants: (row.grants as { role: Role; regionCode: string | null; unitId: number | null }[]).map(
      (g): EffectiveGrant => ({ role: g.role, regionCode: g.regionCode ?? null, unitId: g.unitId ?? null }),
    ),
  };
}

// What a session whose password must change may still do: see who it is,
// change the password, sign out (or in again). Public routes need no session.
const OPEN_TO_PASSWORD_CHANGE = new Set(['GET /api/me', 'POST /api/auth/password', 'POST /api/auth/logout', 'POST /api/auth/login']);
const passwordChangeAllows = (method: string, route: string | undefined) =>
  !route || OPEN_TO_PASSWORD_CHANGE.has(`${method} ${route}`) || route.startsWith('/api/public/') || route === '/api/health';

export function registerSessions(app: FastifyInstance, db: Db) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies?.[COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    req.actor = await loadActor(db, tokenId(token));
    // The one gate for "must change password" (one-time or reset passwords): every other route answers 409.
    if (req.actor?.mustChangePassword && !passwordChangeAllows(req.method, req.routeOptions.url)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
  });
  // A write that may change who someone is or what they hold (people, role
  // grants, units behind unit-scoped roles, sessions) has committed by the
  // time its reply is sent: drop the cache before the client can ask again.
  app.addHook('onSend', async (req) => {
    if (req.method !== 'GET' && /^\/api\/(people|auth|units|sessions)/.test(req.url)) invalidateSessions();
  });
}

/**
 * The route needs a signed-in user. Registered as an onRequest hook (per
 * plugin, or per route), never preHandler: it runs before the body is parsed
 * and validated, so an anonymous caller gets 401 AUTH_REQUIRED, never a 400
 * that names a staff route's fields.
 */
export async function requireAuth(req: FastifyRequest, _reply: FastifyReply) {
  if (!req.actor) throw new AppError('AUTH_REQUIRED');
}

export function actorOf(req: FastifyRequest): SessionActor {
  if (!req.actor) throw new AppError('AUTH_REQUIRED');
  return req.actor;
}

/** Throw 403 unless the actor may do `action` on `target`. */
export function authorize(actor: Actor, action: Action, target?: Target) {
  if (!can(actor, action, target)) throw new AppError('FORBIDDEN');
}

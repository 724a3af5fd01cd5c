import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { verifyAudit } from '../../platform/audit-verify.ts';
import type { AuditChain } from '../../platform/audit-key.ts';
import { regionScope } from '../../../domain/permissions.ts';
import { inScope } from '../../db/scope.ts';
import { idParam, rawText } from '../../../domain/input.ts';
import { cursorParam, idCursor, limitParam, pageOf } from '../../platform/cursor.ts';
import { AUDIT_PAGE_MAX, auditPage, auditVerify } from '../../../domain/api/audit.ts';

export function auditRoutes(db: Db, chain: AuditChain): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get('/audit', { schema: { querystring: z.object({
      entity: rawText(40).optional(), entityId: rawText(80).optional(), actorId: idParam.optional(),
      cursor: cursorParam.optional(), limit: limitParam(AUDIT_PAGE_MAX, 50),
    }), response: { 200: auditPage } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'audit.read');
      const q = req.query;
      const scope = regionScope(actor, 'audit.read');
      const conds = [scope === 'all' ? sql`true` : sql`(region_code IS NULL OR ${inScope(sql`region_code`, scope)})`];
      if (q.entity) conds.push(sql`entity = ${q.entity}`);
      if (q.entityId) conds.push(sql`entity_id = ${q.entityId}`);
      if (q.actorId) conds.push(sql`actor_id = ${q.actorId}`);
      if (q.cursor) conds.push(sql`id < ${idCursor.decode(q.cursor)}`);
      const limit = q.limit ?? 50;
      const r = await db.execute<any>(sql`SELECT id, at, actor_id, actor_name, action, entity, entity_id, region_code, before, after, hash
        FROM audit_log WHERE ${sql.join(conds, sql` AND `)} ORDER BY id DESC LIMIT ${limit + 1}`);
      const rows = r.rows.map((x) => ({ id: x.id as number, at: x.at as Date, actorId: x.actor_id, actorName: x.actor_name, action: x.action, entity: x.entity, entityId: x.entity_id, regionCode: x.region_code, before: x.before, after: x.after, hash: x.hash }));
      return pageOf(rows, limit, (last) => idCursor.encode(last.id));
    });
    app.get('/audit/verify', { schema: { response: { 200: auditVerify } } }, async (req) => {
      authorize(actorOf(req), 'audit.read');
      return verifyAudit(db, chain);
    });
  };
}

// HTTP contract of the audit log: GET /api/audit (keyset pages, newest first, audit.read within the reader's regions)
// and GET /api/audit/verify (the hash chain checked).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { verifyAudit } from '../../platform/audit-verify.ts';
import type { AuditChain } from '../../platform/audit-key.ts';
import { regionScope } from '../../../domain/permissions.ts';
import * as repo from './audit.repository.ts';
import { idParam, rawText } from '../../../domain/input.ts';
import { cursorParam, idCursor, limitParam, pageOf } from '../../platform/cursor.ts';
import { AUDIT_PAGE_MAX, auditPage, auditVerify } from '../../../domain/api/audit.ts';

export function auditRoutes(db: Db, chain: AuditChain): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get(
      '/audit',
      {
        schema: {
          querystring: z.object({
            entity: rawText(40).optional(),
            entityId: rawText(80).optional(),
            actorId: idParam.optional(),
            cursor: cursorParam.optional(),
            limit: limitParam(AUDIT_PAGE_MAX, 50),
          }),
          response: { 200: auditPage },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'audit.read');
        const q = req.query;
        const limit = q.limit ?? 50;
        const found = await repo.listRows(db, regionScope(actor, 'audit.read'), { ...q, before: q.cursor ? idCursor.decode(q.cursor) : null, limit });
        const rows = found.map((x) => ({
          id: x.id,
          at: x.at,
          actorId: x.actor_id,
          actorName: x.actor_name,
          action: x.action,
          entity: x.entity,
          entityId: x.entity_id,
          regionCode: x.region_code,
          before: x.before,
          after: x.after,
          hash: x.hash,
        }));
        return pageOf(rows, limit, (last) => idCursor.encode(last.id));
      },
    );
    app.get('/audit/verify', { schema: { response: { 200: auditVerify } } }, async (req) => {
      authorize(actorOf(req), 'audit.read');
      return verifyAudit(db, chain);
    });
  };
}

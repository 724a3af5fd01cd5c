// Bulk 立案 / 立案并派遣 from the problem list: each problem moves on its own
// through transition() (its own savepoint), so one that changed meanwhile or
// cannot move answers its own 4xx while the others are done; nothing is half
// applied. The answer lists every item with its outcome; when none could
// move, the request itself fails with the first item's reason.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { id, isoDate } from '../../../domain/input.ts';
import { bulkMoveResult } from '../../../domain/api/dispatch.ts';
import { transition } from './transition.ts';

export const BULK_MAX = 200;

export interface BulkInput {
  action: 'file' | 'dispatch';
  items: { id: number; version: number }[];
  unitId?: number | null;
  dueDate?: string | null;
}

export async function bulkMove(db: Db, actor: Actor, input: BulkInput) {
  authorize(actor, 'problem.office');
  const results: z.infer<typeof bulkMoveResult>['results'] = [];
  let firstError: AppError | null = null;
  for (const it of input.items) {
    try {
      let version = it.version;
      let state = '';
      // 立案并派遣 takes a reported problem through 立案 first, in the same savepoint.
      const moved = await db.transaction(async (tx) => {
        const cur = await transition(tx, actor, it.id, 'file', { version }).catch(async (e) => {
          // Already filed: go straight to dispatch.
          if (input.action === 'dispatch' && e instanceof AppError && e.code === 'INVALID_STATE') return null;
          throw e;
        });
        if (cur) ({ version, state } = cur);
        if (input.action === 'dispatch')
          ({ version, state } = await transition(tx, actor, it.id, 'dispatch', { version, unitId: input.unitId ?? null, dueDate: input.dueDate ?? null }));
        return { version, state };
      });
      results.push({ id: it.id, ok: true, state: moved.state, version: moved.version, error: null });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      firstError ??= e;
      results.push({ id: it.id, ok: false, state: null, version: null, error: { code: e.code, message: e.fields?.[0]?.message ?? e.message } });
    }
  }
  // Nothing done at all: the request itself failed, with the first item's reason.
  if (!results.some((r) => r.ok)) throw firstError!;
  return { done: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
}

export function bulkRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.post(
      '/problems/bulk',
      {
        schema: {
          body: z.object({
            action: z.enum(['file', 'dispatch'], '请选择批量立案或批量立案并派遣'),
            items: z
              .array(z.object({ id, version: z.number().int().min(1) }), '请选择问题')
              .min(1, '请至少选择一个问题')
              .max(BULK_MAX, `一次最多处理 ${BULK_MAX} 个问题`),
            unitId: id.nullish(),
            dueDate: isoDate.nullish(),
          }),
          response: { 200: bulkMoveResult },
        },
      },
      async (req) => bulkMove(db, actorOf(req), req.body),
    );
  };
}

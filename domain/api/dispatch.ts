// POST /api/problems/bulk: every selected problem with its own outcome.
import { z } from 'zod';
import { rowId } from './common.ts';

export const bulkMoveResult = z.object({
  done: z.number().int(),
  failed: z.number().int(),
  results: z.array(
    z.object({
      id: rowId,
      ok: z.boolean(),
      state: z.string().nullable(),
      version: z.number().int().nullable(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
});
export type BulkMoveResult = z.infer<typeof bulkMoveResult>;

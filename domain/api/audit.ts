// /api/audit: the audit log, newest first, in keyset pages; /api/audit/verify:
// the chain check, every check reported.
import { z } from 'zod';
import { instant, page, rowId, type Wire } from './common.ts';

/** The most audit rows one page holds. */
export const AUDIT_PAGE_MAX = 200;

export const auditRow = z.object({
  id: rowId,
  at: instant,
  actorId: rowId.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  regionCode: z.string().nullable(),
  before: z.unknown().describe('变更前（JSON）'),
  after: z.unknown().describe('变更后（JSON）'),
  hash: z.string().nullable().describe('封存后的链式哈希；尚未封存为 null'),
});
export const auditPage = page(auditRow);

export const auditVerify = z.object({
  ok: z.boolean(),
  rows: z.number().int().describe('校验的已封存行数'),
  sealed: z.number().int().describe('校验前先封存的行数'),
  keyedFromSeq: z.number().int(),
  checks: z.array(
    z.object({
      name: z.enum(['sequence', 'plain_chain', 'keyed_chain', 'checkpoint']),
      ok: z.boolean(),
      detail: z.string(),
    }),
  ),
  brokenId: rowId.optional(),
  brokenSeq: z.number().int().optional(),
  reason: z.string().optional(),
});

export type AuditRow = Wire<typeof auditRow>;
export type AuditPage = Wire<typeof auditPage>;
export type AuditVerify = Wire<typeof auditVerify>;

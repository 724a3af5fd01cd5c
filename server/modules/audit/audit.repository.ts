// SQL of reading the audit log (audit_log): newest first, within the
// reader's regions (rows without a region, such as system settings, are
// everyone's who may read the log). The log is written only by
// server/platform/audit.ts, in the transaction of each change.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { inScope, type RegionScope } from '../../db/scope.ts';

export type AuditRow = {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  region_code: string | null;
  before: unknown;
  after: unknown;
  hash: string | null;
};

/** `limit + 1` rows with ids below `before`, newest first. */
export async function listRows(
  q: Q,
  scope: RegionScope,
  f: { entity?: string; entityId?: string; actorId?: number; before: number | null; limit: number },
): Promise<AuditRow[]> {
  const conds = [scope === 'all' ? sql`true` : sql`(region_code IS NULL OR ${inScope(sql`region_code`, scope)})`];
  if (f.entity) conds.push(sql`entity = ${f.entity}`);
  if (f.entityId) conds.push(sql`entity_id = ${f.entityId}`);
  if (f.actorId) conds.push(sql`actor_id = ${f.actorId}`);
  if (f.before) conds.push(sql`id < ${f.before}`);
  return (
    await q.execute<AuditRow>(sql`SELECT id, at, actor_id, actor_name, action, entity, entity_id, region_code, before, after, hash
    FROM audit_log WHERE ${sql.join(conds, sql` AND `)} ORDER BY id DESC LIMIT ${f.limit + 1}`)
  ).rows;
}

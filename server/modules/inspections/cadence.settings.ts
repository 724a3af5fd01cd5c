// Cadence settings (DOMAIN.md §4, issue 5 "cadence is configurable per
// kind"): stored per town in the settings table, like the assessment config.
// A town without its own settings inherits its county's, then the global
// ones, then DEFAULT_CADENCE. Reading needs inspection.read over the region,
// changing needs inspection.manage there.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { setSetting } from '../../platform/bootstrap.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { CADENCE_PERIOD_LABELS, CADENCE_PERIODS, DEFAULT_CADENCE, type CadenceConfig } from '../../../domain/inspections/cadence.ts';
import { INSPECTION_KINDS, INSPECTION_KIND_LABELS, type InspectionKind } from '../../../domain/inspections/vocab.ts';

const keyOf = (region: string) => (region ? `inspections.cadence:${region}` : 'inspections.cadence');

export const cadenceSchema = z.object({
  period: z.enum(CADENCE_PERIODS, '周期应为每日、每周、每月或不定期'),
  times: z.number().int('次数须为整数').min(0).max(10, '每个周期最多 10 次'),
  countWeekends: z.boolean(),
  countHolidays: z.boolean(),
}).refine((c) => c.period === 'none' || c.times >= 1, { message: '每个周期至少 1 次', path: ['times'] });
/** PUT body: any subset of the kinds; the others keep their current setting. */
export const cadenceBody = z.object(Object.fromEntries(INSPECTION_KINDS.map((k) => [k, cadenceSchema.optional()])) as Record<InspectionKind, z.ZodOptional<typeof cadenceSchema>>)
  .strict();

type Stored = Partial<CadenceConfig>;
const merge = (v: Stored | null | undefined): CadenceConfig =>
  Object.fromEntries(INSPECTION_KINDS.map((k) => [k, { ...DEFAULT_CADENCE[k], ...(v?.[k] ?? {}) }])) as CadenceConfig;

/**
 * The cadence of each town (9-digit codes), in one query: each town's own
 * settings, else its county's, else the global ones, else the defaults.
 */
export async function cadencesOf(db: Db, towns: string[]): Promise<Map<string, CadenceConfig>> {
  const keys = [...new Set([...towns, ...towns.map((t) => t.slice(0, 6)), ''])].map(keyOf);
  const r = await db.execute<{ key: string; value: Stored }>(sql`SELECT key, value FROM settings WHERE key = ANY(${sql.param(keys)}::text[])`);
  const byKey = new Map(r.rows.map((x) => [x.key, x.value]));
  return new Map(towns.map((t) => [t, merge(byKey.get(keyOf(t)) ?? byKey.get(keyOf(t.slice(0, 6))) ?? byKey.get(keyOf('')))]));
}

/** Where a region's cadence comes from (the page says "沿用县级设置" etc.). */
async function sourceOf(db: Db, region: string): Promise<{ cadence: CadenceConfig; inheritedFrom: 'own' | 'county' | 'global' | 'default' }> {
  const chain: [string, 'own' | 'county' | 'global'][] = region.length === 9 ? [[region, 'own'], [region.slice(0, 6), 'county'], ['', 'global']] : [[region, 'own'], ['', 'global']];
  const r = await db.execute<{ key: string; value: Stored }>(sql`SELECT key, value FROM settings WHERE key = ANY(${sql.param(chain.map(([c]) => keyOf(c)))}::text[])`);
  const byKey = new Map(r.rows.map((x) => [x.key, x.value]));
  for (const [code, from] of chain) {
    const v = byKey.get(keyOf(code));
    if (v) return { cadence: merge(v), inheritedFrom: from };
  }
  return { cadence: merge(null), inheritedFrom: 'default' };
}

function view(region: string, s: Awaited<ReturnType<typeof sourceOf>>, actor: Actor) {
  return {
    regionCode: region,
    cadence: s.cadence,
    inheritedFrom: s.inheritedFrom,
    labels: { kinds: INSPECTION_KIND_LABELS, periods: CADENCE_PERIOD_LABELS },
    can: { manage: can(actor, 'inspection.manage', { regionCode: region }) },
  };
}

/** Settings live on towns (9 digits) or counties (6: the default of their towns). */
function checkRegion(region: string) {
  if (region.length !== 9 && region.length !== 6) throw new AppError('VALIDATION_FAILED', '巡查频次按乡镇（或县）设置', [{ path: 'regionCode', message: '请选择乡镇（街道）' }]);
}

export async function getCadence(db: Db, actor: Actor, region: string) {
  checkRegion(region);
  authorize(actor, 'inspection.read', { regionCode: region });
  return view(region, await sourceOf(db, region), actor);
}

export async function setCadence(db: Db, actor: Actor, region: string, body: Stored) {
  checkRegion(region);
  authorize(actor, 'inspection.manage', { regionCode: region });
  const before = await sourceOf(db, region);
  const next = merge({ ...before.cadence, ...body });
  await setSetting(db, keyOf(region), next);
  await audit(db, { actor, action: 'update', entity: 'inspection_cadence', entityId: region, regionCode: region, before: before.cadence, after: next });
  return view(region, { cadence: next, inheritedFrom: 'own' }, actor);
}

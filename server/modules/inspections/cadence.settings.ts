// Cadence settings (DOMAIN.md §4, issue 5 "cadence is configurable per
// kind"), versioned by effective date like the assessment rules (issue 12:
// settings that change counts are versioned): each change is a new version of
// the town's (or county's) cadence from a date, today or later, so a past
// period is computed with the cadence it had. A town without its own version
// in force inherits its county's, then the global one, then DEFAULT_CADENCE
// (domain/inspections/cadence.ts cadenceOn). Reading needs inspection.read
// over the region, changing needs inspection.manage there.
import { z } from 'zod';
import type { Db } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { isoDate, rawText } from '../../../domain/input.ts';
import {
  CADENCE_PERIOD_LABELS,
  CADENCE_PERIODS,
  cadenceChain,
  cadenceOn,
  completeCadence,
  type CadenceConfig,
  type CadenceVersion,
} from '../../../domain/inspections/cadence.ts';
import { INSPECTION_KINDS, INSPECTION_KIND_LABELS, type InspectionKind } from '../../../domain/inspections/vocab.ts';
import { todayChina } from '../calendar/index.ts';
import * as repo from './cadence.repository.ts';

export const cadenceSchema = z
  .object({
    period: z.enum(CADENCE_PERIODS, '周期应为每日、每周、每月或不定期'),
    times: z.number().int('次数须为整数').min(0).max(10, '每个周期最多 10 次'),
    countWeekends: z.boolean(),
    countHolidays: z.boolean(),
  })
  .refine((c) => c.period === 'none' || c.times >= 1, { message: '每个周期至少 1 次', path: ['times'] });
/** PUT body: any subset of the kinds (the others keep the setting in force on the date), from a date (default today). */
export const cadenceBody = z
  .object({
    ...(Object.fromEntries(INSPECTION_KINDS.map((k) => [k, cadenceSchema.optional()])) as Record<InspectionKind, z.ZodOptional<typeof cadenceSchema>>),
    effectiveFrom: isoDate.optional(),
    note: rawText(200).nullish(),
  })
  .strict();
type Body = z.infer<typeof cadenceBody>;

/** The versions that decide these towns' cadences (their own, their counties', the global ones). */
export async function cadenceHistoryOf(db: Db, towns: string[]): Promise<CadenceVersion[]> {
  return repo.versionsOf(db, towns.flatMap(cadenceChain));
}

/** The cadence of each town (9-digit codes) in force on a date (default today), in one query. */
export async function cadencesOf(db: Db, towns: string[], date = todayChina()): Promise<Map<string, CadenceConfig>> {
  const versions = await cadenceHistoryOf(db, towns);
  return new Map(towns.map((t) => [t, cadenceOn(versions, t, date).cadence]));
}

async function view(db: Db, region: string, actor: Actor) {
  const today = todayChina();
  const versions = await repo.versionsOf(db, cadenceChain(region));
  const now = cadenceOn(versions, region, today);
  return {
    regionCode: region,
    today,
    cadence: now.cadence,
    inheritedFrom: now.inheritedFrom,
    /** The version in force today (own or inherited), null for the defaults. */
    effectiveFrom: now.version?.effectiveFrom ?? null,
    /** The region's own versions, newest first; those from a later date are scheduled. */
    versions: versions
      .filter((v) => v.regionCode === region)
      .reverse()
      .map((v) => ({
        version: v.version,
        effectiveFrom: v.effectiveFrom,
        cadence: completeCadence(v.cadence),
        note: v.note,
        createdByName: v.createdByName,
        createdAt: v.createdAt,
        inForce: v === now.version,
        scheduled: v.effectiveFrom > today,
      })),
    labels: { kinds: INSPECTION_KIND_LABELS, periods: CADENCE_PERIOD_LABELS },
    can: { manage: can(actor, 'inspection.manage', { regionCode: region }) },
  };
}

/** Settings live on towns (9 digits) or counties (6: the default of their towns). */
function checkRegion(region: string) {
  if (region.length !== 9 && region.length !== 6)
    throw new AppError('VALIDATION_FAILED', '巡查频次按乡镇（或县）设置', [{ path: 'regionCode', message: '请选择乡镇（街道）' }]);
}

export async function getCadence(db: Db, actor: Actor, region: string) {
  checkRegion(region);
  authorize(actor, 'inspection.read', { regionCode: region });
  return view(db, region, actor);
}

/**
 * A new version of the region's cadence from `effectiveFrom` (default today):
 * the cadence in force on that date, with the kinds the body gives replaced.
 * Never before today (a past period keeps its cadence) nor before the
 * region's latest version (versions stay in date order; the same date
 * supersedes it).
 */
export async function setCadence(db: Db, actor: Actor, region: string, body: Body) {
  checkRegion(region);
  authorize(actor, 'inspection.manage', { regionCode: region });
  const today = todayChina();
  const from = body.effectiveFrom ?? today;
  if (from < today)
    throw new AppError('VALIDATION_FAILED', '生效日期不能早于今天：已过去的统计期按当时的频次计算，不再改写', [
      { path: 'effectiveFrom', message: '不能早于今天' },
    ]);
  const versions = await repo.versionsOf(db, cadenceChain(region));
  const latest = versions
    .filter((v) => v.regionCode === region)
    .map((v) => v.effectiveFrom)
    .sort()
    .at(-1);
  if (latest && from < latest) {
    throw new AppError('VALIDATION_FAILED', `生效日期不能早于已排定的版本（${latest} 起生效）`, [{ path: 'effectiveFrom', message: `不能早于 ${latest}` }]);
  }
  const before = cadenceOn(versions, region, from).cadence;
  const changes = Object.fromEntries(INSPECTION_KINDS.filter((k) => body[k]).map((k) => [k, body[k]])) as Partial<CadenceConfig>;
  const next = completeCadence({ ...before, ...changes });
  await db.transaction(async (tx) => {
    const r = await repo
      .insertVersion(tx, { regionCode: region, cadence: next, effectiveFrom: from, note: body.note ?? null, createdBy: actor.personId })
      .catch((e) => {
        if ((e as any)?.cause?.code === '23505' || (e as any)?.code === '23505') throw new AppError('CONFLICT', '巡查频次刚被他人修改，请刷新后重试');
        throw e;
      });
    await audit(tx, {
      actor,
      action: 'update',
      entity: 'inspection_cadence',
      entityId: region,
      regionCode: region,
      before,
      after: { ...next, effectiveFrom: from, version: r.version },
    });
  });
  return view(db, region, actor);
}

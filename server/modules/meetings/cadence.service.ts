// The weekly 例会 cadence per town (like the inspection cadence): how many
// 每周例会 a week the town holds, from which day; a full week that ended with
// fewer is listed as missed (a week without a working day owes none). Missed
// weeks are derived at read time, never stored: the list, the assessment rule
// (weekly_meeting_missed) and the demo all read missedWeeksIn().
import type { Db } from '../../db/pool.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { missedWeeks, WEEKLY_KIND, type MissedWeek } from '../../../domain/meetings.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { audit } from '../../platform/audit.ts';
import { codeInScope, type RegionScope } from '../../db/scope.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import * as repo from './meetings.repository.ts';
import * as trepo from './trips.repository.ts';

/** Per town under `scope` (and `region`): its cadence and the weeks missed between `from` and `to`. */
async function townsWithMisses(db: Db, scope: RegionScope, region: string | undefined, from: string, to: string) {
  const towns = await trepo.cadences(db, scope === 'all' ? 'all' : scope.map((p) => p.slice(0, 9)), region);
  const set = towns.filter((t) => t.per_week > 0);
  const held = await repo.heldDays(
    db,
    set.map((t) => t.town_code),
    WEEKLY_KIND,
    from,
    to,
  );
  const cal = await getCalendar(db);
  const today = todayChina();
  return towns.map((t) => {
    const start = t.effective_from && t.effective_from > from ? t.effective_from : from;
    const days = held.filter((h) => h.town_code === t.town_code).map((h) => h.day);
    return { ...t, missed: t.per_week > 0 ? missedWeeks(start, to, today, t.per_week, days, cal) : [] };
  });
}

export async function get(db: Db, actor: Actor, q: { region?: string; year: number }) {
  authorize(actor, 'meeting.read');
  const scope = regionScope(actor, 'meeting.read');
  const towns = await townsWithMisses(db, scope, q.region, `${q.year}-01-01`, `${q.year}-12-31`);
  return {
    year: q.year,
    towns: towns.map((t) => ({
      townCode: t.town_code,
      townName: t.town_name,
      perWeek: t.per_week,
      effectiveFrom: t.effective_from || null,
      version: t.version,
      updatedAt: t.updated_at,
      updatedByName: t.updated_by_name,
      missed: t.missed,
    })),
    can: { manage: can(actor, 'meeting.manage') },
  };
}

export async function set(db: Db, actor: Actor, b: { townCode: string; perWeek: number; effectiveFrom: string; version: number }) {
  authorize(actor, 'meeting.manage');
  if (!codeInScope(b.townCode, regionScope(actor, 'meeting.manage'))) throw notFound('乡镇不存在或不在您的管辖范围内（例会要求由镇创城办设置）');
  const [town] = await trepo.cadences(db, 'all', b.townCode);
  if (!town || town.town_code !== b.townCode) throw notFound('乡镇不存在');
  await db.transaction(async (tx) => {
    if (!(await trepo.setCadence(tx, b.townCode, { perWeek: b.perWeek, effectiveFrom: b.effectiveFrom, by: actor.personId, version: b.version })))
      throw new AppError('CONFLICT');
    await audit(tx, {
      actor,
      action: 'meeting_cadence.update',
      entity: 'meeting_cadence',
      entityId: b.townCode,
      regionCode: b.townCode,
      before: { perWeek: town.per_week, effectiveFrom: town.effective_from || null },
      after: { perWeek: b.perWeek, effectiveFrom: b.effectiveFrom },
    });
  });
  return get(db, actor, { region: b.townCode, year: Number(b.effectiveFrom.slice(0, 4)) });
}

/** The missed 例会 weeks of every town under `region` whose week lies in [from, to] (the assessment rule reads these). */
export async function missedWeeksIn(db: Db, region: string, from: string, to: string): Promise<(MissedWeek & { townCode: string; townName: string | null })[]> {
  const towns = await townsWithMisses(db, 'all', region, from, to);
  return towns.flatMap((t) => t.missed.map((w) => ({ ...w, townCode: t.town_code, townName: t.town_name })));
}

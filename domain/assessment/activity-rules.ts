// The activity rules of the 奖惩办法 (issue 16), applied by applyRules():
//   activity_held       each activity held in the month scores the rule's
//                       points once, by the version in force on the day it was
//                       held, to its community, its organiser (subject unit:
//                       the practice station or whichever unit organised it)
//                       or its town;
//   activity_shortfall  a finished month in which a subject held fewer
//                       activities than the rule's threshold scores the rule's
//                       points once, by the version in force on the month's
//                       last day: each community of the region, each practice
//                       institute/station (subject unit), or each town.
// Pure and deterministic like the rest of rules.ts.
import { versionOn, type EventKind, type LedgerEntry, type RuleVersion } from './rules.ts';

/** An activity held (state held, on its day). */
export interface HeldActivityFact {
  id: number;
  townCode: string;
  communityCode: string;
  unitId: number;
  unitName: string;
  title: string;
  on: string;
}

/** Who a shortfall rule counts: the region's communities, practice institute/stations and towns. */
export interface ActivitySubjects {
  communities: { code: string; name: string }[];
  stations: { id: number; name: string; regionCode: string }[];
  towns: { code: string; name: string }[];
}

export interface ActivityFacts {
  held: HeldActivityFact[];
  subjects: ActivitySubjects;
}
export const NO_ACTIVITIES: ActivityFacts = { held: [], subjects: { communities: [], stations: [], towns: [] } };

const round2 = (x: number) => Math.round(x * 100) / 100;

type Applicable = (kind: EventKind, region: string) => RuleVersion[][];

export function activityEntries(facts: ActivityFacts, applicable: Applicable, month: { start: string; end: string }, today: string): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  const held = facts.held.filter((a) => a.on >= month.start && a.on <= month.end && a.on <= today);
  for (const a of held) {
    for (const versions of applicable('activity_held', a.communityCode)) {
      const v = versionOn(versions, a.on);
      if (!v?.active) continue;
      const ref = v.subjectKind === 'community' ? a.communityCode : v.subjectKind === 'unit' ? String(a.unitId) : v.subjectKind === 'town' ? a.townCode : null;
      if (ref === null) continue;
      out.push({
        townCode: a.townCode,
        subjectKind: v.subjectKind,
        subjectRef: ref,
        onDate: a.on,
        points: round2(v.points),
        quantity: 1,
        eventKind: 'activity_held',
        ruleId: v.id,
        ruleKey: v.ruleKey,
        ruleVersion: v.version,
        causeKind: 'activity',
        causeId: a.id,
        causeRef: a.title,
        causeEventId: null,
        note: `${a.unitName}开展活动「${a.title}」`,
      });
    }
  }
  // A month is short only once it is over.
  if (month.end >= today) return out;
  const count = new Map<string, number>();
  const bump = (k: string) => count.set(k, (count.get(k) ?? 0) + 1);
  for (const a of held) {
    bump(`community|${a.communityCode}`);
    bump(`unit|${a.unitId}`);
    bump(`town|${a.townCode}`);
  }
  const { communities, stations, towns } = facts.subjects;
  const subjects = [
    ...communities.map((c) => ({ kind: 'community' as const, ref: c.code, region: c.code, town: c.code.slice(0, 9), name: c.name })),
    ...stations.map((s) => ({ kind: 'unit' as const, ref: String(s.id), region: s.regionCode, town: s.regionCode.slice(0, 9), name: s.name })),
    ...towns.map((t) => ({ kind: 'town' as const, ref: t.code, region: t.code, town: t.code, name: t.name })),
  ];
  const monthNo = Number(month.start.slice(0, 7).replace('-', ''));
  for (const s of subjects) {
    for (const versions of applicable('activity_shortfall', s.region)) {
      const v = versionOn(versions, month.end);
      if (!v?.active || v.subjectKind !== s.kind || !v.threshold) continue;
      const n = count.get(`${s.kind}|${s.ref}`) ?? 0;
      if (n >= v.threshold) continue;
      out.push({
        townCode: s.town,
        subjectKind: s.kind,
        subjectRef: s.ref,
        onDate: month.end,
        points: round2(v.points),
        quantity: 1,
        eventKind: 'activity_shortfall',
        ruleId: v.id,
        ruleKey: v.ruleKey,
        ruleVersion: v.version,
        causeKind: 'activity_month',
        causeId: monthNo,
        causeRef: s.name,
        causeEventId: null,
        note: `${s.name} ${month.start.slice(0, 7)} 开展活动 ${n} 场，少于每月最少 ${v.threshold} 场`,
      });
    }
  }
  return out;
}

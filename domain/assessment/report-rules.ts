// The daily-report rule of the 奖惩办法 (issue 19), applied by applyRules():
//   daily_report_missing  each community day a report was owed (a working day,
//                         or any day where the town says so), whose day is over
//                         and for which no community daily report exists,
//                         scores the rule's points once, by the version in force
//                         on that day, to the community or to its town. A late
//                         report is a report: it is marked late, not scored.
// Pure and deterministic like the rest of rules.ts.
import { versionOn, type EventKind, type LedgerEntry, type RuleVersion } from './rules.ts';

/** A community day with no daily report (server/modules/reports missingDailyReports). */
export interface DailyMissFact {
  townCode: string;
  communityCode: string;
  communityName: string | null;
  day: string;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function dailyReportEntries(
  misses: DailyMissFact[],
  applicable: (kind: EventKind, region: string) => RuleVersion[][],
  month: { start: string; end: string },
  today: string,
): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (const m of misses) {
    if (m.day < month.start || m.day > month.end || m.day >= today) continue;
    for (const versions of applicable('daily_report_missing', m.communityCode)) {
      const v = versionOn(versions, m.day);
      if (!v || !v.active || (v.subjectKind !== 'community' && v.subjectKind !== 'town')) continue;
      out.push({
        townCode: m.townCode,
        subjectKind: v.subjectKind,
        subjectRef: v.subjectKind === 'town' ? m.townCode : m.communityCode,
        onDate: m.day,
        points: round2(v.points),
        quantity: 1,
        eventKind: 'daily_report_missing',
        ruleId: v.id,
        ruleKey: v.ruleKey,
        ruleVersion: v.version,
        causeKind: 'daily_report',
        causeId: Number(m.communityCode.slice(9) + m.day.replaceAll('-', '')),
        causeRef: `${m.communityName ?? m.communityCode} ${m.day}`,
        causeEventId: null,
        note: `${m.communityName ?? m.communityCode} ${m.day} 未报送社区每日创城情况汇报`,
      });
    }
  }
  return out;
}

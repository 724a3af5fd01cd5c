// The demo town's 奖惩办法 (seed 一(四): 《创建全国文明城市工作奖惩办法》 and the
// 街巷长负责制考核奖惩办法): the rules a town office typically starts from, in
// force from the first day of the year, so the ranking and "why" pages of a
// fresh demo show how points arise. Written through the assessment service.
import type { Db } from '../db/pool.ts';
import type { Actor } from '../../domain/permissions.ts';
import type { EventKind, SubjectKind } from '../../domain/assessment/rules.ts';
import { createRule } from '../modules/assessment/rules.service.ts';

const RULES: { name: string; eventKind: EventKind; subjectKind: SubjectKind; points: number; capPerPeriod: number | null }[] = [
  { name: '问题超期未整改，每超1个工作日扣0.5分', eventKind: 'problem_overdue_day', subjectKind: 'community', points: -0.5, capPerPeriod: 10 },
  { name: '整改不到位被退回返工，每次扣1分', eventKind: 'rework', subjectKind: 'community', points: -1, capPerPeriod: 10 },
  { name: '被县、省检查通报问题，每个扣1分', eventKind: 'found_by_higher', subjectKind: 'community', points: -1, capPerPeriod: 15 },
  { name: '问题按期办结，每个加0.2分', eventKind: 'on_time_closure', subjectKind: 'community', points: 0.2, capPerPeriod: 5 },
  { name: '上红榜加2分', eventKind: 'red_list', subjectKind: 'community', points: 2, capPerPeriod: null },
  { name: '上黑榜扣2分', eventKind: 'black_list', subjectKind: 'community', points: -2, capPerPeriod: null },
  { name: '街巷长未按要求每日巡查，每次扣0.5分', eventKind: 'missed_patrol', subjectKind: 'street_chief', points: -0.5, capPerPeriod: 10 },
  { name: '辖区街巷长漏巡，每次扣0.2分', eventKind: 'missed_patrol', subjectKind: 'community', points: -0.2, capPerPeriod: 5 },
];

export async function loadDemoRules(q: Db, actor: Actor, townCode: string, year: number): Promise<number> {
  for (const r of RULES)
    await createRule(q, actor, { ...r, regionCode: townCode, effectiveFrom: `${year}-01-01`, note: '演示：镇创建全国文明城市工作奖惩办法（暂行）' });
  return RULES.length;
}

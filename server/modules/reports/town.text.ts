// The default text of a town report's draft, written from its figures: the
// office edits it before publishing. Pure.
import type { ReportBody, TownReportKind } from '../../../domain/reports.ts';

interface Facts {
  problems: { found: number; closed: number; overdue: number };
  byCommunity: { name: string; found: number; closed: number; overdue: number }[];
  byCategory: { name: string; found: number }[];
  worstPlaces: { name: string; communityName: string | null; problems: number }[];
  patrols: { done: number; missed: number; rate: number | null };
  supervision: { done: number; missed: number; rate: number | null };
  noticesIssued: number;
  ranking: { period: string; red: string[]; black: string[] } | null;
  communityReports: { owed: number; submitted: number; late: number; missing: string[] };
}

const rate = (r: number | null) => (r === null ? '无应巡任务' : `完成率${r}%`);

export function townFactsText(kind: TownReportKind, townName: string, from: string, to: string, f: Facts): ReportBody {
  const span = kind === 'daily' ? `${from}` : `${from}至${to}`;
  const opening =
    kind === 'daily'
      ? `${span}，${townName}各社区按要求开展创城工作，现将当日工作情况汇报如下。`
      : `${span}，${townName}聚焦问题整改和常态长效，扎实推进创建全国文明城市各项工作，现将本周情况通报如下。`;
  const lines: string[] = [];
  lines.push(`发现问题${f.problems.found}个，办结${f.problems.closed}个，超期未办结${f.problems.overdue}个。`);
  const top = f.byCommunity.filter((c) => c.found || c.overdue).slice(0, 5);
  if (top.length) lines.push(`分社区看：${top.map((c) => `${c.name}新增${c.found}个、超期${c.overdue}个`).join('；')}。`);
  const cats = f.byCategory.filter((c) => c.found).slice(0, 3);
  if (cats.length) lines.push(`问题主要集中在${cats.map((c) => `${c.name}（${c.found}个）`).join('、')}。`);
  if (f.worstPlaces.length)
    lines.push(
      `问题较多的点位：${f.worstPlaces
        .slice(0, 3)
        .map((p) => `${p.communityName ?? ''}${p.name}（${p.problems}个）`)
        .join('、')}。`,
    );
  lines.push(
    `街巷长巡查${f.patrols.done}次、漏巡${f.patrols.missed}次（${rate(f.patrols.rate)}）；督查${f.supervision.done}次（${rate(f.supervision.rate)}）。`,
  );
  if (kind === 'weekly') lines.push(`本周印发《督查通报》《暗访情况通报》${f.noticesIssued}期。`);
  const r = f.communityReports;
  lines.push(`社区每日创城情况汇报应报${r.owed}篇，已报${r.submitted}篇（迟报${r.late}篇）${r.missing.length ? `，${r.missing.join('、')}有缺报` : ''}。`);
  if (kind === 'weekly' && f.ranking) lines.push(`${f.ranking.period}：红榜${f.ranking.red.join('、') || '无'}；黑榜${f.ranking.black.join('、') || '无'}。`);
  const closing =
    kind === 'daily'
      ? '下一步，各社区要对当日发现的问题及时整改，确保问题不过夜。'
      : '请各社区对照本周存在问题逐项整改，超期问题限期办结，并将整改情况报镇创城办。';
  return { opening, body: lines.join(''), closing };
}

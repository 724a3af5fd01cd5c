// A campaign's summary (tallies, each day's record, the problems it closed by
// category and community) and its .docx in the GB/T 9704 layout the notices
// use; and the totals over a period (campaigns by kind, every tally, by month)
// the year-end report reads. The same repository sums serve the figures.
import type { Db } from '../../db/pool.ts';
import { fieldError, notFound } from '../../platform/errors.ts';
import { todayChina } from '../../platform/clock.ts';
import { codeInScope } from '../../db/scope.ts';
import { authorize } from '../../platform/session.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { parsePeriod } from '../../../domain/figures.ts';
import type { TallyMeasure } from '../../../domain/campaigns.ts';
import { buildOfficialDoc, chineseDate, storedThumbnail, type DocBlock, type DocTable } from '../notices/index.ts';
import { listKinds } from './kinds.service.ts';
import { itemView, readScope } from './campaigns.service.ts';
import * as repo from './campaigns.repository.ts';
import * as dayRepo from './campaigns.days.repository.ts';
import { readAll } from '../../db/reads.ts';

export async function summary(db: Db, actor: Actor, id: number) {
  const c = await repo.getCampaign(db, id, readScope(actor));
  if (!c) throw notFound('该专项行动不存在或不在您的管辖范围内');
  const frozen = c.state === 'closed';
  const [totals, byDay, breakdown] = await readAll(db, [
    () => dayRepo.totalsOf(db, id),
    () => dayRepo.dayValues(db, id),
    () => repo.linkedBreakdown(db, id, frozen),
  ]);
  const of = (by: string) => breakdown.filter((b) => b.by === by).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'));
  const total = (name: string) => breakdown.find((b) => b.by === 'total' && b.name === name)?.count ?? 0;
  return {
    campaign: itemView(c),
    totals: totals.map((t) => ({ ...t, measure: t.measure as TallyMeasure })),
    byDay,
    linked: {
      total: total('all'),
      frozen,
      onTime: total('on_time'),
      byCategory: of('category').map(({ name, count }) => ({ name, count })),
      byCommunity: of('community').map(({ name, count }) => ({ name, count })),
    },
  };
}

const CN_NUM = ['一', '二', '三', '四', '五', '六'];

/** At most this many rows of before/after photo pairs in the .docx (80 thumbnails of ~15 KB: the file stays near 1 MB). */
export const DOCX_PHOTO_ROWS = 40;

/**
 * The before/after photos as a table: one row per pair on a day (整治前 beside
 * 整治后), two pairs a day (one when the campaign has more than 20 days of
 * records), at most DOCX_PHOTO_ROWS rows in all, with a note when some are left out.
 */
async function photoTable(db: Db, id: number, days: number, storageDir: string) {
  const perDay = days > DOCX_PHOTO_ROWS / 2 ? 1 : 2;
  const [rows, total] = await readAll(db, [() => dayRepo.dayPhotoPaths(db, id, perDay), () => dayRepo.dayPhotoCount(db, id)]);
  if (!rows.length) return null;
  const byDay = new Map<string, { before: string[]; after: string[] }>();
  for (const r of rows) {
    const d = byDay.get(r.onDate) ?? { before: [], after: [] };
    (r.after ? d.after : d.before).push(r.path);
    byDay.set(r.onDate, d);
  }
  const pairs: { onDate: string; before?: string; after?: string }[] = [];
  for (const [onDate, d] of byDay) {
    for (let i = 0; i < Math.max(d.before.length, d.after.length); i++) pairs.push({ onDate, before: d.before[i], after: d.after[i] });
  }
  const shown = pairs.slice(0, DOCX_PHOTO_ROWS);
  const cell = async (p?: string) => ({ image: await storedThumbnail(storageDir, p), width: 200, height: 150 });
  const table: DocTable = {
    columns: [
      { title: '日期', width: 20 },
      { title: '整治前', width: 40 },
      { title: '整治后', width: 40 },
    ],
    rows: await Promise.all(shown.map(async (p) => [p.onDate, await cell(p.before), await cell(p.after)])),
  };
  const printed = shown.reduce((n, p) => n + (p.before ? 1 : 0) + (p.after ? 1 : 0), 0);
  return { title: '整治前后对比照片', note: printed < total ? `每日登记照片共${total}张，本表选印${printed}张，其余见系统。` : undefined, table };
}

/** The summary as an official document (GB/T 9704): what was done, people mobilised, results, the problems closed, the daily table, the before/after photos. */
export async function summaryDocx(db: Db, actor: Actor, id: number, storageDir: string): Promise<{ buf: Buffer; filename: string }> {
  const s = await summary(db, actor, id);
  const photos = await photoTable(db, id, s.byDay.length, storageDir);
  const c = s.campaign;
  const issuer = (await repo.townOfficeName(db, c.townCode)) ?? '镇创城办';
  const staff = s.totals.filter((t) => t.measure === 'staff' && t.value > 0);
  const results = s.totals.filter((t) => t.measure === 'result' && t.value > 0);
  const people = staff.reduce((n, t) => n + t.value, 0);
  const list = (ts: typeof staff) => ts.map((t) => `${t.name}${t.value}${t.unit}`).join('，');
  const blocks: DocBlock[] = [
    {
      kind: 'p',
      text: `${chineseDate(c.startDate)}至${chineseDate(c.endDate)}，${issuer}在${c.areaNames.join('、')}开展“${c.theme}”${c.kind.name}专项行动，现将有关情况总结如下。`,
    },
    { kind: 'h1', text: `${CN_NUM[0]}、投入力量` },
    { kind: 'p', text: people ? `专项行动共登记${s.byDay.length}天，累计投入${people}人次，其中${list(staff)}。` : '专项行动尚未登记投入人次。' },
    { kind: 'h1', text: `${CN_NUM[1]}、整治成效` },
    { kind: 'p', text: results.length ? `累计${list(results)}。` : '专项行动尚未登记整治成效。' },
    { kind: 'h1', text: `${CN_NUM[2]}、问题整改` },
    {
      kind: 'p',
      text: s.linked.total
        ? `行动期间，整治区域内结案问题${s.linked.total}个，其中按期结案${s.linked.onTime}个。按类别：${s.linked.byCategory
            .slice(0, 8)
            .map((b) => `${b.name}${b.count}个`)
            .join(
              '，',
            )}；按社区：${s.linked.byCommunity.map((b) => `${b.name}${b.count}个`).join('，')}。${s.linked.frozen ? '' : '（行动进行中，数字为截至目前的统计。）'}`
        : '行动期间，整治区域内暂无结案问题。',
    },
  ];
  const kinds = s.totals;
  const buf = await buildOfficialDoc({
    issuerMark: issuer,
    docNumber: null,
    title: `关于${c.theme}专项行动开展情况的总结`,
    addressee: null,
    blocks,
    tableTitle: '专项行动每日情况统计表',
    table: {
      columns: [{ title: '日期', width: 16 }, ...kinds.map((k) => ({ title: `${k.name}（${k.unit}）`, width: Math.floor(84 / Math.max(1, kinds.length)) }))],
      rows: [...s.byDay.map((d) => [d.onDate, ...kinds.map((k) => String(d.values[k.code] ?? 0))]), ['合计', ...kinds.map((k) => String(k.value))]],
    },
    moreTables: photos ? [photos] : [],
    signature: issuer,
    date: c.state === 'closed' ? c.endDate : todayChina(),
  });
  return { buf, filename: `${c.theme}专项行动总结.docx` };
}

/** Totals over a period for a region the caller covers: campaigns started by kind, each tally, by month. */
export async function totals(db: Db, actor: Actor, region: string | undefined, periodText: string | undefined) {
  authorize(actor, 'campaign.read');
  const scope = readScope(actor);
  if (!region) {
    if (scope === 'all' || scope.length !== 1) throw fieldError('querystring.regionCode', '请选择区划');
    region = scope[0];
  }
  if (!codeInScope(region, scope)) throw notFound('区划不存在或不在您的管辖范围内');
  const period = parsePeriod(periodText ?? todayChina().slice(0, 4));
  if (!period) throw fieldError('querystring.period', '期间格式应为 2026、2026-03 或 2026-01-01..2026-06-30');
  const [tallies, sums, started, months] = await readAll(db, [
    () => listKinds(db, 'tally'),
    () => repo.tallySums(db, region, period.from, period.to),
    () => repo.startedByKind(db, region, period.from, period.to),
    () => repo.byMonth(db, region, period.from, period.to),
  ]);
  const monthNames = [...new Set([...months.values.map((m) => m.month), ...months.started.map((m) => m.month)])].sort();
  return {
    from: period.from,
    to: period.to,
    region,
    campaigns: started.reduce((n, k) => n + k.campaigns, 0),
    byKind: started.map(({ kindId, name, campaigns }) => ({ kindId, name, campaigns })),
    totals: tallies
      .filter((t) => t.active || sums.has(t.code))
      .map((t) => ({ kindId: t.id, code: t.code, name: t.name, measure: t.measure as TallyMeasure, unit: t.unit ?? '', value: sums.get(t.code) ?? 0 })),
    byMonth: monthNames.map((month) => ({
      month,
      campaigns: months.started.find((m) => m.month === month)?.n ?? 0,
      values: Object.fromEntries(months.values.filter((m) => m.month === month).map((m) => [m.code, m.value])),
    })),
  };
}

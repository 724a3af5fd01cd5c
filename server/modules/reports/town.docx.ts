// A town report as .docx in the GB/T 9704 layout the notices use
// (notices' buildOfficialDoc): red issuer header, the 期数 where a notice has
// its 文号 (a town report has none), the office's text, the figures, and for
// the weekly report the typical problems with their photos.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/pool.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { chinaDate } from '../../../domain/dates.ts';
import { now } from '../../platform/clock.ts';
import { issueLabel, TOWN_REPORT_KIND_LABELS, type ReportBody, type TownReportKind } from '../../../domain/reports.ts';
import { buildOfficialDoc, thumbnail, type DocBlock } from '../notices/index.ts';
import * as repo from './town.repository.ts';
import { get, type TownFacts } from './town.service.ts';

async function photo(storageDir: string, rel: string | undefined): Promise<Buffer | null> {
  if (!rel) return null;
  try {
    return await thumbnail(await fs.readFile(path.join(storageDir, rel)));
  } catch {
    return null; // a lost file prints as "—" rather than failing the document
  }
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八'];

export function blocksOf(kind: TownReportKind, body: ReportBody, f: TownFacts): DocBlock[] {
  const b: DocBlock[] = [{ kind: 'p', text: body.opening }];
  let n = 0;
  const h1 = (t: string) => b.push({ kind: 'h1', text: `${CN[n++]}、${t}` });
  h1('工作情况');
  for (const p of body.body.split('\n').filter((x) => x.trim())) b.push({ kind: 'p', text: p.trim() });
  h1('问题分布');
  b.push({ kind: 'h2', text: '（一）分社区' });
  for (const c of f.byCommunity) b.push({ kind: 'p', text: `${c.name}：新增${c.found}个，办结${c.closed}个，超期${c.overdue}个。` });
  if (!f.byCommunity.length) b.push({ kind: 'p', text: '本期无问题记录。' });
  b.push({ kind: 'h2', text: '（二）分类别' });
  for (const c of f.byCategory) b.push({ kind: 'p', text: `${c.name}：新增${c.found}个，办结${c.closed}个，超期${c.overdue}个。` });
  if (f.worstPlaces.length) {
    b.push({ kind: 'h2', text: '（三）问题较多的点位' });
    f.worstPlaces.forEach((p, i) => {
      b.push({ kind: 'h3', text: `${i + 1}. ${p.communityName ?? ''}${p.name}：${p.problems}个` });
    });
  }
  h1('巡查督查');
  const rate = (r: number | null) => (r === null ? '—' : `${r}%`);
  b.push({
    kind: 'p',
    text: `街巷长巡查${f.patrols.done}次，漏巡${f.patrols.missed}次，完成率${rate(f.patrols.rate)}；督查${f.supervision.done}次，漏督${f.supervision.missed}次，完成率${rate(f.supervision.rate)}。`,
  });
  if (kind === 'weekly') {
    b.push({ kind: 'p', text: `印发镇级《督查通报》《暗访情况通报》${f.noticesIssued}期。` });
    if (f.ranking) b.push({ kind: 'p', text: `${f.ranking.period}：红榜${f.ranking.red.join('、') || '无'}；黑榜${f.ranking.black.join('、') || '无'}。` });
  }
  h1('下一步工作');
  b.push({ kind: 'p', text: body.closing });
  return b;
}

export async function townReportDocx(db: Db, actor: Actor, id: number, storageDir: string): Promise<{ buf: Buffer; filename: string }> {
  const r = await get(db, actor, id);
  const kind = r.kind;
  const town = r.townName ?? r.townCode;
  const issuer = `${town}创建全国文明城市工作办公室`;
  const typical = r.facts.typicalProblems ?? [];
  const paths = await repo.photoPaths(
    db,
    typical.map((p) => p.photoIds[0]).filter((x): x is number => !!x),
  );
  const photos = await Promise.all(typical.map((p) => photo(storageDir, paths.get(p.photoIds[0]))));
  const label = TOWN_REPORT_KIND_LABELS[kind];
  const buf = await buildOfficialDoc({
    issuerMark: issuer,
    docNumber: r.seq ? `${label}${issueLabel(r.year, r.seq)}${r.revision > 1 ? `（更正）` : ''}` : `${label}（草稿）`,
    title: r.title,
    addressee: kind === 'weekly' ? '各社区居委会、镇直有关单位：' : null,
    blocks: [...blocksOf(kind, r.body, r.facts), ...(r.correctionReason ? [{ kind: 'p' as const, text: `更正说明：${r.correctionReason}` }] : [])],
    tableTitle: typical.length ? '典型问题' : null,
    table: typical.length
      ? {
          columns: [
            { title: '序号', width: 8 },
            { title: '编号', width: 16 },
            { title: '地点', width: 20 },
            { title: '问题描述', width: 34 },
            { title: '照片', width: 22 },
          ],
          rows: typical.map((p, i) => [String(i + 1), p.code, p.address ?? '', p.description, { image: photos[i] }]),
        }
      : null,
    signature: issuer,
    date: chinaDate(r.publishedAt ? new Date(r.publishedAt) : now()),
  });
  return { buf, filename: `${r.title}${r.seq ? `（${issueLabel(r.year, r.seq)}）` : ''}.docx` };
}

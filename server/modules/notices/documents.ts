// The documents of a notice: the notice itself (with its 问题反馈清单 table)
// and, once every item is closed, the rectification feedback (整改情况反馈 /
// 书面反馈 to the county), each an official .docx (docx.ts).
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { issueLabel, NOTICE_KIND_LABELS, type NoticeKind } from '../../../domain/notices/vocab.ts';
import { TERMINAL_STATES, type ProblemState } from '../../../domain/problems/vocab.ts';
import { todayChina } from '../calendar/index.ts';
import { buildOfficialDoc, chineseDate, storedThumbnail as photo, type DocBlock } from './docx.ts';
import * as repo from './notices.repository.ts';
import { load } from './notices.service.ts';
import { closedOnTime } from '../../../domain/problems/overdue.ts';

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

/** Items grouped by community, in their printed order. */
function groups(items: repo.ItemRow[]) {
  const m = new Map<string, repo.ItemRow[]>();
  for (const i of items) {
    const k = i.community_name ?? i.region_code;
    m.set(k, [...(m.get(k) ?? []), i]);
  }
  return [...m.entries()];
}

export async function noticeDocx(db: Db, actor: Actor, id: number, storageDir: string): Promise<{ buf: Buffer; filename: string }> {
  const n = await load(db, actor, id);
  const items = await repo.items(db, id);
  const kindLabel = NOTICE_KIND_LABELS[n.kind as NoticeKind];
  const blocks: DocBlock[] = [];
  const g = groups(items);
  blocks.push({
    kind: 'p',
    text:
      n.intro?.trim() || `${chineseDate(n.issue_date)}前，${n.issuer}对全镇创建全国文明城市工作开展了${kindLabel.replace(/通报$/, '')}，现将有关情况通报如下。`,
  });
  blocks.push({ kind: 'h1', text: '一、基本情况' });
  blocks.push({ kind: 'p', text: `本期共发现问题${items.length}个，涉及${g.length}个社区。具体问题见附表《问题反馈清单》。` });
  blocks.push({ kind: 'h1', text: '二、存在的问题' });
  g.forEach(([community, list], gi) => {
    blocks.push({ kind: 'h2', text: `（${CN_NUM[gi] ?? gi + 1}）${community}（${list.length}个）` });
    list.forEach((i, k) => {
      blocks.push({ kind: 'h3', text: `${k + 1}. ${i.place_name ?? i.address ?? ''}${i.place_name || i.address ? '：' : ''}${i.description}` });
    });
  });
  blocks.push({ kind: 'h1', text: '三、整改要求' });
  blocks.push({
    kind: 'p',
    text: `请各社区对照问题反馈清单逐项整改，${n.due_date ? `于${chineseDate(n.due_date)}前` : '按期'}完成，并将整改情况（附整改前后照片）书面反馈${n.issuer}。逾期未整改的，按考核办法扣分。`,
  });
  const photos = await Promise.all(items.map((i) => photo(storageDir, i.before_photo)));
  const buf = await buildOfficialDoc({
    issuerMark: n.issuer,
    docNumber: n.doc_number ?? `${n.issuer}〔${n.year}〕　号`,
    title: n.title,
    addressee: '各社区居委会、镇直有关单位：',
    blocks,
    tableTitle: `问题反馈清单（${n.seq ? issueLabel(n.year, n.seq) : '草稿'}）`,
    table: {
      columns: [
        { title: '序号', width: 7 },
        { title: '社区', width: 15 },
        { title: '点位', width: 14 },
        { title: '问题描述', width: 30 },
        { title: '整改期限', width: 16 },
        { title: '照片', width: 18 },
      ],
      rows: items.map((i, k) => [
        String(k + 1),
        i.community_name ?? '',
        i.place_name ?? i.address ?? '',
        i.description,
        i.due_date ?? n.due_date ?? '',
        { image: photos[k] },
      ]),
    },
    signature: n.issuer,
    date: n.issue_date,
  });
  return { buf, filename: `${n.doc_number ?? n.title}.docx` };
}

/** 整改情况反馈 (issued) or 书面反馈 to the county (received): each item, what was done, when, the after photo. */
export async function feedbackDocx(db: Db, actor: Actor, id: number, storageDir: string): Promise<{ buf: Buffer; filename: string }> {
  const n = await load(db, actor, id);
  if (!['published', 'recorded'].includes(n.state)) throw new AppError('INVALID_STATE', '通报尚未印发');
  const items = await repo.items(db, id);
  const open = items.filter((i) => !TERMINAL_STATES.includes(i.state as ProblemState));
  if (!items.length || open.length) throw new AppError('INVALID_STATE', `还有 ${open.length} 个问题未整改完毕，整改完毕后才能生成整改情况反馈`);
  const received = n.direction === 'received';
  const issuer = received ? await ownOffice(db, n.town_code) : n.issuer;
  const ref = n.doc_number ?? n.title;
  const onTime = items.filter((i) => i.closed_at && closedOnTime(i.due_date, dateCN(i.closed_at))).length;
  const blocks: DocBlock[] = [
    {
      kind: 'p',
      text: `${received ? `${n.issuer}${ref}` : `${ref}`}《${n.title}》所列${items.length}个问题，已全部整改完毕，其中按期完成${onTime}个。现将整改情况反馈如下。`,
    },
    { kind: 'h1', text: '一、整改情况' },
    ...items.map((i, k) => ({
      kind: 'h3' as const,
      text: `${k + 1}. ${i.community_name ?? ''}${i.place_name ? ' ' + i.place_name : ''}：${i.description}。整改情况：${i.rectify_note ?? '已整改'}（${i.closed_at ? chineseDate(dateCN(i.closed_at)) : ''}完成，经核查合格）。`,
    })),
    { kind: 'h1', text: '二、下一步工作' },
    { kind: 'p', text: '我们将加强日常巡查和回头看，防止问题反弹，巩固整改成果。' },
  ];
  const photos = await Promise.all(items.map((i) => photo(storageDir, i.after_photo)));
  const buf = await buildOfficialDoc({
    issuerMark: issuer,
    docNumber: null,
    title: `关于${ref}通报问题整改情况的${received ? '书面' : ''}反馈`,
    addressee: received ? `${n.issuer}：` : null,
    blocks,
    tableTitle: '问题整改情况表',
    table: {
      columns: [
        { title: '序号', width: 7 },
        { title: '社区', width: 15 },
        { title: '问题描述', width: 24 },
        { title: '整改情况', width: 20 },
        { title: '完成时间', width: 16 },
        { title: '整改后照片', width: 18 },
      ],
      rows: items.map((i, k) => [
        String(k + 1),
        i.community_name ?? '',
        i.description,
        i.rectify_note ?? '已整改',
        i.closed_at ? dateCN(i.closed_at) : '',
        { image: photos[k] },
      ]),
    },
    signature: issuer,
    date: todayChina(),
  });
  return { buf, filename: `${ref}整改情况反馈.docx` };
}

const dateCN = (d: Date) => new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function ownOffice(db: Db, townCode: string) {
  return (await repo.townOfficeName(db, townCode)) ?? '镇创城办';
}

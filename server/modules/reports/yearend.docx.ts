// The year-end summary as .docx in the GB/T 9704 layout (the notices'
// builder): the text with its figures filled in, missing ones saying so, and
// the appendix table of every figure with its value and definition.
import type { Db } from '../../db/pool.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { plain, shown, type YearendStyle } from '../../../domain/yearend.ts';
import { todayChina } from '../../platform/clock.ts';
import { buildOfficialDoc, type DocBlock } from '../notices/index.ts';
import { yearend } from './yearend.service.ts';

const SEQ = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗';

export async function yearendDocx(db: Db, actor: Actor, q: { region: string; year: number; style?: YearendStyle }) {
  const d = await yearend(db, actor, q);
  const blocks: DocBlock[] = [];
  if (d.empty) blocks.push({ kind: 'p', text: `（${d.year}年度尚无记录：以下各项数字均为0或暂无数据。）` });
  for (const s of d.sections) {
    if (s.heading) blocks.push({ kind: /^[一二三四五]、/.test(s.heading) ? 'h1' : 'h2', text: s.heading });
    const text = plain(s.segments);
    if (text) blocks.push({ kind: 'p', text });
  }
  const issuer = `${d.regionName}创建全国文明城市工作办公室`;
  const buf = await buildOfficialDoc({
    issuerMark: issuer,
    title: d.title,
    blocks,
    tableTitle: '附表：年度数字一览',
    table: {
      columns: [
        { title: '序号', width: 8 },
        { title: '数字', width: 24 },
        { title: '数值', width: 14 },
        { title: '单位', width: 8 },
        { title: '统计口径', width: 46 },
      ],
      rows: d.figures.map((f, i) => [f.seq ? SEQ[f.seq - 1] : String(i + 1), f.name, shown(f.value, 'exact'), f.unit, f.definition]),
    },
    signature: issuer,
    date: todayChina(),
  });
  return { buf, filename: `${d.title}.docx` };
}

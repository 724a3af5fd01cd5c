// The official document's text-only table is written as markup directly
// (server/modules/notices/docx.ts textTableXml, for long registers such as a
// volunteer's certificate); it must be the very markup docx's Table builds,
// so notices, reports and certificates look the same whichever path drew them.
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { buildOfficialDoc, type DocTable } from '../../server/modules/notices/docx.ts';

const columns = [
  { title: '序号', width: 8 },
  { title: '服务日期', width: 18 },
  { title: '活动名称', width: 38 },
  { title: '组织单位', width: 24 },
  { title: '时长（小时）', width: 12 },
];
const doc = (rows: DocTable['rows']) => ({
  issuerMark: '汀州镇',
  title: '志愿服务记录证明',
  blocks: [],
  tableTitle: '明细',
  table: { columns, rows },
  signature: '汀州镇',
  date: '2026-12-06',
});
const tableOf = async (buf: Buffer) => {
  const xml = await (await JSZip.loadAsync(buf, { checkCRC32: true })).file('word/document.xml')!.async('string');
  expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
  expect(xml).not.toContain('CCT-TABLE-');
  return xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>') + '</w:tbl>'.length);
};

describe('a text-only table in an official document', () => {
  it('is the markup docx writes for the same table (escaping and line breaks included)', async () => {
    const rows = [
      ['1', '2026-06-01', '学雷锋 & <文明> "劝导"', '水东街社区新时代文明实践站', '1.5'],
      ['2', '2026-06-02', '第一行\n第二行', '组织', '2'],
    ];
    const fast = await tableOf(await buildOfficialDoc(doc(rows)));
    // a photo cell sends the table through docx's builder; its last row (the photo's) is dropped to compare
    const slow = await tableOf(await buildOfficialDoc(doc([...rows, ['3', '', '', '', { image: null }]])));
    expect(fast).toBe(`${slow.slice(0, slow.lastIndexOf('<w:tr>'))}</w:tbl>`);
    expect(fast).toContain('学雷锋 &amp; &lt;文明&gt; &quot;劝导&quot;');
  });
});

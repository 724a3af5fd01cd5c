// The official document builder: GB/T 9704-2012 layout (domain/notices/layout.ts)
// for notices and feedback reports. Pure in, Buffer out: the service gathers
// the rows and photos, this file only lays them out.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { image, imageWork } from '../../platform/photos.ts';
import { entryBytes, zipEntries } from '../../platform/zip.ts';
import { zipWriter, type ZipSource } from '../../platform/zip-writer.ts';
import {
  BODY_PT,
  CHAR_SPACING_TWIPS,
  FONT,
  FONT_FALLBACK,
  HEADER_PT,
  LATIN_FONT,
  LINE_PITCH_TWIPS,
  MARGIN,
  PAGE,
  PAGE_NUMBER_PT,
  RED,
  TABLE_PT,
  TITLE_PT,
} from '../../../domain/notices/layout.ts';

export interface DocBlock {
  kind: 'h1' | 'h2' | 'h3' | 'p';
  text: string;
}
/** A table cell: text, or one photo (shown 80 × 60 px unless `width`/`height` say otherwise). */
export type Cell = string | { image: Buffer | null; width?: number; height?: number };
export interface DocTable {
  columns: { title: string; width: number }[]; // widths in percent of the text block
  rows: Cell[][];
}
export interface OfficialDoc {
  issuerMark: string; // 发文机关标志, e.g. 汀州镇创建全国文明城市工作办公室文件
  docNumber?: string | null; // 汀州镇创城办〔2026〕5号
  title: string;
  addressee?: string | null; // 主送机关
  blocks: DocBlock[];
  table?: DocTable | null;
  tableTitle?: string | null;
  /** Further tables after the first, each under its own title and an optional note. */
  moreTables?: { title: string; note?: string; table: DocTable }[];
  signature: string; // 发文机关署名
  date: string; // YYYY-MM-DD, printed 2026年11月25日
}

const half = (pt: number) => pt * 2;
const font = (name: string) => ({ ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: name, cs: LATIN_FONT });
const exact = { line: LINE_PITCH_TWIPS, lineRule: LineRuleType.EXACT } as const;
const INDENT_2 = BODY_PT * 20 * 2; // 首行缩进两字

const run = (text: string, fontName: string, pt = BODY_PT, extra: Partial<IRunOptions> = {}) =>
  new TextRun({ text, font: font(fontName), size: half(pt), characterSpacing: CHAR_SPACING_TWIPS, ...extra } as IRunOptions);

const bodyPara = (text: string, fontName: string = FONT.body, indent = true) =>
  new Paragraph({ children: [run(text, fontName)], spacing: exact, indent: indent ? { firstLine: INDENT_2 } : undefined, alignment: AlignmentType.JUSTIFIED });

const blank = () => new Paragraph({ children: [run('', FONT.body)], spacing: exact });

/** 2026-11-25 → 2026年11月25日 (成文日期 in Arabic numerals, GB/T 9704 §7.3.5.1). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A photo for a table cell: small, re-encoded JPEG (keeps a 30-item notice small and fast). */
export async function thumbnail(buf: Buffer): Promise<Buffer> {
  return imageWork.run(() => image(buf).rotate().resize(240, 180, { fit: 'cover' }).jpeg({ quality: 60, mozjpeg: false }).toBuffer());
}

/** A stored photo (path under STORAGE_DIR) as a table-cell thumbnail; a lost or unreadable file is null and prints as "—". */
export async function storedThumbnail(storageDir: string, rel: string | null | undefined): Promise<Buffer | null> {
  if (!rel) return null;
  try {
    return await thumbnail(await fs.readFile(path.join(storageDir, rel)));
  } catch {
    return null; // a lost file prints as "—" rather than failing the document
  }
}

function tableCell(c: Cell, width: number, header: boolean) {
  const children =
    typeof c === 'string'
      ? c.split('\n').map(
          (line) =>
            new Paragraph({
              children: [run(line, header ? FONT.heading1 : FONT.body, TABLE_PT, { characterSpacing: 0 })],
              alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
              spacing: { line: TABLE_PT * 20 + 60, lineRule: LineRuleType.EXACT }, // table text: 小4号 at 15 pt pitch, not the body grid
            }),
        )
      : [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            // Single spacing grows with the picture; the body's exact line pitch (the default) would clip it to one text line.
            spacing: { line: 240, lineRule: LineRuleType.AUTO },
            children: c.image
              ? [new ImageRun({ type: 'jpg', data: c.image, transformation: { width: c.width ?? 80, height: c.height ?? 60 } })]
              : [run('—', FONT.body, TABLE_PT)],
          }),
        ];
  return new TableCell({
    children,
    width: { size: width, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
  });
}

/**
 * A table of text only, as WordprocessingML written directly: the same
 * markup docx's Table/TableRow/TableCell produce for tableCell() above (widths
 * in fiftieths of a percent, the grid in twips of the text block, 小4号 on its
 * own pitch), built as one string. A long register (a volunteer's 500
 * service records) costs docx seconds as objects; this costs milliseconds.
 */
const TEXT_WIDTH_TWIPS = PAGE.width - MARGIN.left - MARGIN.right;
const xmlText = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
function textTableXml(t: { columns: DocTable['columns']; rows: string[][] }): string {
  const rFonts = (east: string) => `<w:rFonts w:ascii="${LATIN_FONT}" w:cs="${LATIN_FONT}" w:eastAsia="${east}" w:hAnsi="${LATIN_FONT}"/>`;
  const size = `<w:sz w:val="${half(TABLE_PT)}"/><w:szCs w:val="${half(TABLE_PT)}"/>`;
  const spacing = `<w:spacing w:line="${TABLE_PT * 20 + 60}" w:lineRule="exact"/>`;
  const mar =
    '<w:tcMar><w:top w:type="dxa" w:w="40"/><w:left w:type="dxa" w:w="60"/><w:bottom w:type="dxa" w:w="40"/><w:right w:type="dxa" w:w="60"/></w:tcMar>';
  const head = { pPr: `<w:pPr>${spacing}<w:jc w:val="center"/></w:pPr>`, rPr: `<w:rPr>${rFonts(FONT.heading1)}${size}</w:rPr>` };
  const body = { pPr: `<w:pPr>${spacing}<w:jc w:val="left"/></w:pPr>`, rPr: `<w:rPr>${rFonts(FONT.body)}${size}</w:rPr>` };
  const tcPr = t.columns.map((c) => `<w:tcPr><w:tcW w:type="pct" w:w="${Math.round(c.width * 50)}"/>${mar}<w:vAlign w:val="center"/></w:tcPr>`);
  const cell = (text: string, i: number, f: typeof head) =>
    `<w:tc>${tcPr[i]}${text
      .split('\n')
      .map((line) => `<w:p>${f.pPr}<w:r>${f.rPr}<w:t xml:space="preserve">${xmlText(line)}</w:t></w:r></w:p>`)
      .join('')}</w:tc>`;
  const border = (side: string) => `<w:${side} w:val="single" w:color="auto" w:sz="4"/>`;
  const out = [
    `<w:tbl><w:tblPr><w:tblW w:type="pct" w:w="5000"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders></w:tblPr>`,
    `<w:tblGrid>${t.columns.map((c) => `<w:gridCol w:w="${Math.round((c.width * TEXT_WIDTH_TWIPS) / 100)}"/>`).join('')}</w:tblGrid>`,
    `<w:tr><w:trPr><w:tblHeader/></w:trPr>${t.columns.map((c, i) => cell(c.title, i, head)).join('')}</w:tr>`,
  ];
  for (const r of t.rows) out.push(`<w:tr><w:trPr><w:cantSplit/></w:trPr>${r.map((c, i) => cell(c, i, body)).join('')}</w:tr>`);
  out.push('</w:tbl>');
  return out.join('');
}
const textOnly = (t: DocTable): t is DocTable & { rows: string[][] } => t.rows.every((r) => r.every((c) => typeof c === 'string'));

function itemsTable(t: DocTable) {
  const header = new TableRow({ tableHeader: true, children: t.columns.map((col) => tableCell(col.title, col.width, true)) });
  const rows = t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => tableCell(c, t.columns[i].width, false)) }));
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] });
}

/** "— 1 —" in 4号 宋体; odd pages right, even pages left, each one character in from the edge. */
function pageFooter(align: (typeof AlignmentType)[keyof typeof AlignmentType]) {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align,
        indent: align === AlignmentType.RIGHT ? { right: PAGE_NUMBER_PT * 20 } : { left: PAGE_NUMBER_PT * 20 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONT.pageNumber), size: half(PAGE_NUMBER_PT) })],
      }),
    ],
  });
}

export async function buildOfficialDoc(d: OfficialDoc): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  // 版头: 发文机关标志 in red 小标宋, centred; 发文字号 centred; the red rule under it.
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: LINE_PITCH_TWIPS },
      children: [new TextRun({ text: d.issuerMark, font: font(FONT.title), size: half(HEADER_PT), color: RED })],
    }),
  );
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...exact, before: LINE_PITCH_TWIPS, after: 227 }, // rule 4 mm under the number
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 6 } },
      children: [run(d.docNumber ?? '', FONT.body)],
    }),
  );
  children.push(blank());
  // 标题: 2号 小标宋, centred.
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(TITLE_PT * 20 * 1.45), lineRule: LineRuleType.EXACT, after: LINE_PITCH_TWIPS },
      children: [new TextRun({ text: d.title, font: font(FONT.title), size: half(TITLE_PT) })],
    }),
  );
  if (d.addressee) children.push(bodyPara(d.addressee, FONT.body, false));
  for (const b of d.blocks) {
    if (b.kind === 'h1') children.push(bodyPara(b.text, FONT.heading1));
    else if (b.kind === 'h2') children.push(bodyPara(b.text, FONT.heading2));
    else children.push(bodyPara(b.text, FONT.body)); // h3 "1." and body text are both 仿宋
  }
  // a text-only table goes in as markup after packing (a marker paragraph holds its place); one with photos through docx
  let tableXml: { marker: string; xml: string } | null = null;
  if (d.table) {
    if (d.tableTitle) children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact, children: [run(d.tableTitle, FONT.heading1)] }));
    if (textOnly(d.table)) {
      tableXml = { marker: `CCT-TABLE-${randomUUID()}`, xml: textTableXml(d.table) };
      children.push(new Paragraph({ children: [new TextRun(tableXml.marker)] }));
    } else children.push(itemsTable(d.table));
  }
  for (const t of d.moreTables ?? []) {
    children.push(blank(), new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact, children: [run(t.title, FONT.heading1)] }));
    if (t.note) children.push(bodyPara(t.note));
    children.push(itemsTable(t.table));
  }
  children.push(blank(), blank());
  // 署名 and 成文日期: right, four characters in from the right edge (GB/T 9704 §7.3.5.2).
  const right = { right: BODY_PT * 20 * 4 };
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, indent: right, spacing: exact, children: [run(d.signature, FONT.body)] }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, indent: right, spacing: exact, children: [run(chineseDate(d.date), FONT.body)] }));

  const doc = new Document({
    creator: d.signature,
    title: d.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(FONT.body), size: half(BODY_PT) }, paragraph: { spacing: exact } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right, header: 851, footer: 794 },
          },
        },
        footers: { default: pageFooter(AlignmentType.RIGHT), even: pageFooter(AlignmentType.LEFT) },
        children,
      },
    ],
  });
  return withFontTable(await Packer.toBuffer(doc), tableXml);
}

/**
 * docx writes an empty font table. Word and LibreOffice substitute a missing
 * font by the table's altName and family, so an office without 方正小标宋简体
 * gets 宋体 (a serif), not a sans default: 仿宋/小标宋/楷体 are 'roman', 黑体 'swiss'.
 * The package is read back with our own reader (zip.ts) and written again with
 * our own writer (zip-writer.ts), every part deflated by node's zlib (native; a
 * long register's 1.4 MB document part costs milliseconds, not the hundreds a
 * pure-JS deflate takes).
 */
async function withFontTable(buf: Buffer, table: { marker: string; xml: string } | null = null): Promise<Buffer> {
  const fonts = Object.entries(FONT_FALLBACK)
    .map(
      ([name, f]) =>
        `<w:font w:name="${name}"><w:altName w:val="${f.altName}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  const fontTable = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`;
  const parts: ZipSource[] = [];
  for (const e of zipEntries(buf, 10_000)) {
    let data = e.name === 'word/fontTable.xml' ? Buffer.from(fontTable, 'utf8') : entryBytes(buf, e);
    if (table && e.name === 'word/document.xml') {
      const doc = data.toString('utf8');
      const at = doc.indexOf(table.marker);
      const start = doc.lastIndexOf('<w:p>', at);
      const end = doc.indexOf('</w:p>', at) + '</w:p>'.length;
      if (at < 0 || start < 0) throw new Error('docx: the table marker paragraph is missing');
      data = Buffer.from(doc.slice(0, start) + table.xml + doc.slice(end), 'utf8');
    }
    parts.push({ name: e.name, data, deflate: true });
  }
  if (!parts.some((p) => p.name === 'word/fontTable.xml')) parts.push({ name: 'word/fontTable.xml', data: Buffer.from(fontTable, 'utf8'), deflate: true });
  return buffer(zipWriter(parts));
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

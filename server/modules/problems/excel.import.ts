// Problem lists imported from Excel: the export's headers (excel.ts). The
// sheet is read within the import limits (server/platform/xlsx.ts: bytes,
// uncompressed size, at most 50,000 rows, streaming). Every row is checked
// first and any bad row rejects the whole file with {row, column, message}
// errors and an error report (.xlsx: the original rows plus 错误说明) inlined
// as base64 in the error body (details.report). A good file becomes problems
// in one transaction, inserted in batches, each with its history and audit
// rows: state reported, or filed when the importer is the town office of that
// community. One import runs at a time per process (importWork).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { importWork, IMPORT_MAX_ROWS, readXlsx } from '../../platform/xlsx.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { defaultTier, SOURCE_LABELS, SOURCE_REF_REQUIRED, SOURCES, TIER_LABELS, TIERS, type Source, type Tier } from '../../../domain/problems/vocab.ts';
import { inScope } from '../../db/scope.ts';
import { EXPORT_COLUMNS, EXPORT_WIDTHS, XLSX_TYPE } from './excel.ts';
import * as repo from './problems.repository.ts';
import { newProblemCode } from './code.ts';

export interface ImportError { row: number; column: string; message: string }

interface SheetRow { row: number; values: Record<string, string>; raw: string[] }

const INSERT_BATCH = 1000;

async function readSheet(buf: Buffer) {
  const sheet = await readXlsx(buf, {
    sheet: '问题清单', unit: '条', maxRows: IMPORT_MAX_ROWS,
    notXlsx: '无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先导出问题清单作为模板）',
  });
  const header = sheet.header.map((h) => h.replace(/[*＊\s]/g, ''));
  const rows: SheetRow[] = sheet.rows.map(({ row, cells }) => {
    const values: Record<string, string> = {};
    header.forEach((h, i) => { if (h) values[h] = cells[i]; });
    return { row, values, raw: cells };
  });
  return { header, rows };
}

/** The uploaded rows again, with 错误说明 per row (and the header row's problems on row 1), written streaming. */
async function errorReport(header: string[], rows: SheetRow[], errors: ImportError[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('错误清单');
  ws.columns = [...header, '错误说明'].map((_, i) => ({ width: i === header.length ? 50 : EXPORT_WIDTHS[i] ?? 14 }));
  const byRow = new Map<number, string[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), `【${e.column}】${e.message}`]);
  const head = ws.addRow([...header, byRow.get(1)?.join('；') ?? '错误说明']);
  head.font = { bold: true };
  head.commit();
  for (const r of rows) {
    const x = ws.addRow([...r.raw, (byRow.get(r.row) ?? []).join('；')]);
    if (byRow.has(r.row)) x.getCell(header.length + 1).font = { color: { argb: 'FFC00000' } };
    x.commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

const REQUIRED = ['来源', '问题类别', '所在社区', '问题描述'] as const;
const SOURCE_BY_TEXT = new Map<string, Source>([...SOURCES.map((s) => [s, s] as const), ...SOURCES.map((s) => [SOURCE_LABELS[s], s] as const)]);
const TIER_BY_TEXT = new Map<string, Tier>([
  ...TIERS.map((t) => [t, t] as const), ...TIERS.map((t) => [TIER_LABELS[t], t] as const), ...TIERS.map((t) => [TIER_LABELS[t].replace(/（.*）/, ''), t] as const),
]);

interface Good { row: number; source: Source; sourceRef: string | null; categoryId: number; tier: Tier; regionCode: string; placeId: number | null; address: string | null; description: string }

export async function importProblems(db: Db, actor: Actor, buf: Buffer) {
  authorize(actor, 'problem.report');
  return importWork.run(() => importSheet(db, actor, buf));
}

async function importSheet(db: Db, actor: Actor, buf: Buffer) {
  const { header, rows } = await readSheet(buf);
  const errors: ImportError[] = [];
  const have = new Set(header);
  for (const h of REQUIRED) if (!have.has(h)) errors.push({ row: 1, column: h, message: `缺少必需的表头“${h}”，请使用导出的问题清单作为模板` });
  if (!errors.length && !rows.length) errors.push({ row: 2, column: '问题描述', message: '文件中没有数据行' });
  if (errors.length) throw await invalid(header, rows, errors);

  // Reference data, read once: categories (小类), the communities and grids the importer may report in, their places.
  const cats = await db.execute<{ id: number; code: string; kind: string; name: string; default_tier: string }>(sql`
    SELECT id, code, kind, name, default_tier FROM categories WHERE level = 2 AND active`);
  const scope = regionScope(actor, 'problem.report');
  const regions = await db.execute<{ code: string; name: string }>(sql`
    SELECT code, name FROM regions WHERE level IN ('community', 'grid') AND ${inScope(sql`code`, scope)}`);
  const places = await db.execute<{ id: number; name: string; region_code: string }>(sql`
    SELECT id, name, region_code FROM places WHERE ${inScope(sql`region_code`, scope)} ORDER BY id`);
  const catBy = new Map<string, typeof cats.rows>();
  for (const c of cats.rows) for (const k of new Set([c.name, c.code, `${c.code} ${c.name}`])) catBy.set(k, [...(catBy.get(k) ?? []), c]);
  const regionBy = new Map<string, string[]>();
  for (const r of regions.rows) for (const k of new Set([r.name, r.code])) regionBy.set(k, [...(regionBy.get(k) ?? []), r.code]);
  const placesBy = new Map<string, typeof places.rows>();
  for (const p of places.rows) placesBy.set(p.name, [...(placesBy.get(p.name) ?? []), p]);

  const good: Good[] = [];
  for (const { row, values: v } of rows) {
    const err = (column: string, message: string) => errors.push({ row, column, message });
    const n0 = errors.length;
    const source = SOURCE_BY_TEXT.get(v['来源'] ?? '');
    if (!source) err('来源', v['来源'] ? `不认识的来源“${v['来源']}”，可填：${SOURCES.map((s) => SOURCE_LABELS[s]).join('、')}` : '来源不能为空');
    const sourceRef = (v['来源编号'] ?? '').trim() || null;
    if (source && SOURCE_REF_REQUIRED.includes(source) && !sourceRef) err('来源编号', `来源为“${SOURCE_LABELS[source]}”时须填写来源编号`);
    if (sourceRef && sourceRef.length > 100) err('来源编号', '来源编号最多 100 个字');
    const catText = v['问题类别'] ?? '';
    const catMatches = catBy.get(catText) ?? [];
    if (!catText) err('问题类别', '问题类别不能为空');
    else if (!catMatches.length) err('问题类别', `没有名为“${catText}”的问题小类（或已停用）`);
    else if (catMatches.length > 1) err('问题类别', `“${catText}”对应多个类别，请填写“编码 名称”`);
    // An imported row carries no photos: never 随手整, whatever the category usually is.
    let tier: Tier | undefined = catMatches.length === 1 ? defaultTier(catMatches[0].default_tier as Tier, false) : undefined;
    if (v['整改层级']) {
      tier = TIER_BY_TEXT.get(v['整改层级']);
      if (!tier) err('整改层级', `不认识的整改层级“${v['整改层级']}”，可填：社区整、集中整`);
      else if (tier === 'on_spot') err('整改层级', '随手整须现场拍整改前后照片，不能导入，请填社区整或集中整');
    }
    const regText = v['所在社区'] ?? '';
    const regMatches = regionBy.get(regText) ?? [];
    if (!regText) err('所在社区', '所在社区不能为空');
    else if (!regMatches.length) err('所在社区', `“${regText}”不是您管辖范围内的社区或网格`);
    else if (regMatches.length > 1) err('所在社区', `“${regText}”对应多个社区，请填写 12 位社区代码`);
    const regionCode = regMatches.length === 1 ? regMatches[0] : null;
    let placeId: number | null = null;
    if (v['点位'] && regionCode) {
      const pl = (placesBy.get(v['点位']) ?? []).filter((p) => p.region_code.startsWith(regionCode.slice(0, 12)));
      if (!pl.length) err('点位', `“${regText}”没有名为“${v['点位']}”的点位`);
      else placeId = pl[0].id;
    }
    const address = (v['地址'] ?? '').trim() || null;
    if (address && address.length > 200) err('地址', '地址最多 200 个字');
    const description = (v['问题描述'] ?? '').trim();
    if (description.length < 2) err('问题描述', '请描述问题（至少 2 个字）');
    else if (description.length > 2000) err('问题描述', '问题描述最多 2000 个字');
    if (errors.length === n0) good.push({ row, source: source!, sourceRef, categoryId: catMatches[0].id, tier: tier!, regionCode: regionCode!, placeId, address, description });
  }
  if (errors.length) throw await invalid(header, rows, errors);

  const created = await db.transaction(async (tx) => {
    const out: { row: number; id: number; code: string; state: string }[] = [];
    for (let i = 0; i < good.length; i += INSERT_BATCH) out.push(...(await insertBatch(tx, actor, good.slice(i, i + INSERT_BATCH))));
    return out;
  });
  return { imported: created.length, items: created };
}

/** A batch of rows in one statement; rows whose random code was taken draw another (up to five times). */
async function insertBatch(tx: Tx, actor: Actor, batch: Good[]) {
  const out: { row: number; id: number; code: string; state: string }[] = [];
  let todo = batch;
  for (let attempt = 0; attempt < 5 && todo.length; attempt++) {
    const codes = new Set<string>();
    const rows = todo.map((g) => {
      let code = newProblemCode();
      while (codes.has(code)) code = newProblemCode();
      codes.add(code);
      const state = can(actor, 'problem.office', { regionCode: g.regionCode }) ? 'filed' as const : 'reported' as const;
      return { ...g, code, state };
    });
    const inserted = new Map((await repo.insertImported(tx, rows, actor, new Date().toISOString())).map((x) => [x.code, x.id]));
    for (const r of rows) if (inserted.has(r.code)) out.push({ row: r.row, id: inserted.get(r.code)!, code: r.code, state: r.state });
    todo = todo.filter((_, i) => !inserted.has(rows[i].code));
  }
  if (todo.length) throw new AppError('INTERNAL');
  return out.sort((a, b) => a.row - b.row);
}

async function invalid(header: string[], rows: SheetRow[], errors: ImportError[]) {
  const report = await errorReport(header.length ? header : [...EXPORT_COLUMNS], rows, errors);
  return new AppError('IMPORT_INVALID', undefined, undefined, {
    errors,
    report: { filename: '问题导入错误清单.xlsx', contentType: XLSX_TYPE, base64: report.toString('base64') },
  });
}

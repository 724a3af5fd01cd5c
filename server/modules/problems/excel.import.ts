// Problem lists imported from Excel: the export's headers (excel.ts). The
// sheet is read within the import limits (server/platform/xlsx.ts: bytes,
// uncompressed size, at most 50,000 rows, streaming). Every row is checked
// first and any bad row rejects the whole file with {row, column, message}
// errors and an error report (.xlsx: the original rows plus 错误说明) inlined
// as base64 in the error body (details.report). A row with a 问题编号 edits
// that problem (excel.update.ts: what may change, the 版本 check, 409 when
// stale); a row without one is a new problem. A good file is written in one
// transaction: the edits, then the new problems inserted in batches, each with
// its history and audit rows: state reported, or filed when the importer is
// the town office of that community. One import runs at a time per process
// (importWork).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { importWork, IMPORT_MAX_ROWS, readXlsx } from '../../platform/xlsx.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { defaultTier, SOURCE_LABELS, SOURCE_REF_REQUIRED, SOURCES, type Tier } from '../../../domain/problems/vocab.ts';
import { EXPORT_COLUMNS, EXPORT_WIDTHS, HIDDEN_COLUMNS, XLSX_TYPE } from './excel.ts';
import { loadRefs, matchCategory, matchPlace, matchRegion, matchTier, SOURCE_BY_TEXT } from './excel.refs.ts';
import { applyEdits, CODE_COLUMN, planEdits, VERSION_COLUMN, type ImportError } from './excel.update.ts';
import { intakeBatch, type BatchRow } from './intake.ts';
import { errorsByRow } from '../../platform/xlsx-import.ts';

interface SheetRow {
  row: number;
  values: Record<string, string>;
  raw: string[];
}

const INSERT_BATCH = 1000;

async function readSheet(buf: Buffer) {
  const sheet = await readXlsx(buf, {
    sheet: '问题清单',
    unit: '条',
    maxRows: IMPORT_MAX_ROWS,
    notXlsx: '无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先导出问题清单作为模板）',
  });
  const rows: SheetRow[] = sheet.rows.map(({ row, cells, values }) => ({ row, values, raw: cells }));
  return { header: sheet.keys, rows };
}

/** The uploaded rows again, with 错误说明 per row (and the header row's problems on row 1), written streaming. */
async function errorReport(header: string[], rows: SheetRow[], errors: ImportError[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('错误清单');
  ws.columns = [...header, '错误说明'].map((h, i) => ({ width: i === header.length ? 50 : (EXPORT_WIDTHS[i] ?? 14), hidden: HIDDEN_COLUMNS.includes(h) }));
  const byRow = errorsByRow(errors);
  const head = ws.addRow([...header, byRow.get(1) ?? '错误说明']);
  head.font = { bold: true };
  head.commit();
  for (const r of rows) {
    const x = ws.addRow([...r.raw, byRow.get(r.row) ?? '']);
    if (byRow.has(r.row)) x.getCell(header.length + 1).font = { color: { argb: 'FFC00000' } };
    x.commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

const REQUIRED = ['来源', '问题类别', '所在社区', '问题描述'] as const;

type Good = BatchRow;

export async function importProblems(db: Db, actor: Actor, buf: Buffer) {
  authorize(actor, 'problem.report');
  return importWork.run(() => importSheet(db, actor, buf));
}

async function importSheet(db: Db, actor: Actor, buf: Buffer) {
  const { header, rows } = await readSheet(buf);
  const errors: ImportError[] = [];
  const have = new Set(header);
  // A row with a 问题编号 edits that problem (excel.update.ts); a row without one is a new problem.
  const edits = rows.filter((r) => (r.values[CODE_COLUMN] ?? '').trim());
  const news = rows.filter((r) => !(r.values[CODE_COLUMN] ?? '').trim());
  if (news.length || !rows.length) {
    for (const h of REQUIRED) if (!have.has(h)) errors.push({ row: 1, column: h, message: `缺少必需的表头“${h}”，请使用导出的问题清单作为模板` });
  }
  if (edits.length && !have.has(VERSION_COLUMN))
    errors.push({ row: 1, column: VERSION_COLUMN, message: '有问题编号的行会修改该问题，须带导出时的“版本”列：请在本系统导出的问题清单上修改后导入' });
  if (!errors.length && !rows.length) errors.push({ row: 2, column: '问题描述', message: '文件中没有数据行' });
  if (errors.length) throw await invalid(header, rows, errors);

  const refs = await loadRefs(db, actor);

  const good: Good[] = [];
  for (const { row, values: v } of news) {
    const err = (column: string, message: string) => errors.push({ row, column, message });
    const n0 = errors.length;
    const source = SOURCE_BY_TEXT.get(v['来源'] ?? '');
    if (!source) err('来源', v['来源'] ? `不认识的来源“${v['来源']}”，可填：${SOURCES.map((s) => SOURCE_LABELS[s]).join('、')}` : '来源不能为空');
    const sourceRef = (v['来源编号'] ?? '').trim() || null;
    if (source && SOURCE_REF_REQUIRED.includes(source) && !sourceRef) err('来源编号', `来源为“${SOURCE_LABELS[source]}”时须填写来源编号`);
    if (sourceRef && sourceRef.length > 100) err('来源编号', '来源编号最多 100 个字');
    const category = matchCategory(refs, v['问题类别'] ?? '', err);
    // An imported row carries no photos: never 随手整, whatever the category usually is.
    const tier = v['整改层级'] ? matchTier(v['整改层级'], err) : category && defaultTier(category.default_tier as Tier, false);
    const regText = v['所在社区'] ?? '';
    const regionCode = matchRegion(refs, regText, err);
    const placeId = v['点位'] && regionCode ? (matchPlace(refs, v['点位'], regionCode, regText, err) ?? null) : null;
    const address = (v['地址'] ?? '').trim() || null;
    if (address && address.length > 200) err('地址', '地址最多 200 个字');
    const description = (v['问题描述'] ?? '').trim();
    if (description.length < 2) err('问题描述', '请描述问题（至少 2 个字）');
    else if (description.length > 2000) err('问题描述', '问题描述最多 2000 个字');
    if (errors.length === n0)
      good.push({ row, source: source!, sourceRef, categoryId: category!.id, tier: tier!, regionCode: regionCode!, placeId, address, description });
  }
  // Edits are decided under lock, inside the transaction that writes them; a refused row rolls everything back.
  const done = await db.transaction(async (tx) => {
    const plan = await planEdits(tx, actor, edits, refs);
    if (errors.length || plan.errors.length) return { refused: [...errors, ...plan.errors].sort((a, b) => a.row - b.row), stale: plan.stale } as const;
    const updated = await applyEdits(tx, actor, plan.edits);
    const created: Awaited<ReturnType<typeof intakeBatch>> = [];
    for (let i = 0; i < good.length; i += INSERT_BATCH) created.push(...(await intakeBatch(tx, actor, good.slice(i, i + INSERT_BATCH))));
    return { refused: null, created, updated, unchanged: plan.unchanged } as const;
  });
  if (done.refused) throw await invalid(header, rows, done.refused, done.stale);
  const { created, updated, unchanged } = done;
  return { imported: created.length, created: created.length, updated: updated.length, unchanged, items: created, updatedItems: updated };
}

/** The refusal: 409 when rows are stale (their problems moved on since the export), else IMPORT_INVALID; both with the report. */
async function invalid(header: string[], rows: SheetRow[], errors: ImportError[], stale: number[] = []) {
  const report = await errorReport(header.length ? header : [...EXPORT_COLUMNS], rows, errors);
  const named = stale.length > 10 ? `${stale.slice(0, 10).join('、')} 等 ${stale.length} 行` : `${stale.join('、')} 行`;
  return new AppError(
    stale.length ? 'CONFLICT' : 'IMPORT_INVALID',
    stale.length ? `第 ${named}的问题在导出后已被修改（版本已变），整个文件未导入：请重新导出问题清单，把修改做在新文件上再导入` : undefined,
    undefined,
    {
      errors,
      report: { filename: '问题导入错误清单.xlsx', contentType: XLSX_TYPE, base64: report.toString('base64') },
    },
  );
}

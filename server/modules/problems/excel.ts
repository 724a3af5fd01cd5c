// Problem lists as Excel, the way county offices exchange them.
// Export: the filtered list streamed as .xlsx (exceljs WorkbookWriter straight
// to the reply), read in keyset batches so memory stays flat for any size.
// Import: the same headers; every row is checked first and any bad row rejects
// the whole file with {row, column, message} errors and an error report
// (.xlsx: the original rows plus 错误说明) inlined as base64 in the error body
// (details.report). A good file becomes problems in one transaction, each with
// its history and audit rows: state reported, or filed when the importer is
// the town office of that community.
import crypto from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { auditValues } from '../../platform/audit.ts';
import { authorize } from '../../platform/session.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { maskPhone } from '../../../domain/people.ts';
import {
  PROBLEM_STATE_LABELS, SOURCE_LABELS, SOURCE_REF_REQUIRED, SOURCES, TIER_LABELS, TIERS,
  type ProblemState, type Source, type Tier,
} from '../../../domain/problems/vocab.ts';
import { inScope } from '../../db/scope.ts';
import { getCalendar, todayChina } from '../calendar/calendar.service.ts';
import { overdueOf, pageRows, type FilterQuery } from './list.ts';
import * as repo from './problems.repository.ts';

export const EXPORT_COLUMNS = [
  '问题编号', '来源', '来源编号', '问题类别', '整改层级', '所在社区', '点位', '地址', '问题描述', '责任单位', '状态', '整改期限',
  '是否超期', '超期工作日', '返工次数', '上报时间', '结案时间', '照片', '上报人电话',
] as const;
const WIDTHS = [14, 12, 14, 16, 16, 16, 18, 24, 48, 22, 10, 12, 10, 10, 10, 18, 18, 40, 14];
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BATCH = 2000;
export const EXPORT_MAX_ROWS = 200_000;
const IMPORT_MAX_ROWS = 5000;

/** Only what the sheet shows, times already as China-time text: parsing is most of the cost per row. */
const EXPORT_SQL = sql`p.id, p.code, p.source, p.source_ref, c.name AS category_name, p.tier, p.region_code, rg.name AS region_name,
  pl.name AS place_name, p.address, p.description, u.name AS unit_name, p.state, p.due_date::text AS due_date, p.rework_count,
  p.reporter_phone, to_char(p.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS created,
  to_char(p.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS closed,
  (SELECT string_agg(ph.id::text, ',' ORDER BY ph.id) FROM problem_photos ph WHERE ph.problem_id = p.id) AS photo_ids`;
type ExportRow = {
  id: number; code: string; source: string; source_ref: string | null; category_name: string; tier: string; region_code: string;
  region_name: string | null; place_name: string | null; address: string | null; description: string; unit_name: string | null;
  state: string; due_date: string | null; rework_count: number; reporter_phone: string | null; created: string | null;
  closed: string | null; photo_ids: string | null; sort_key: string;
};

/**
 * Write the export to a stream (the reply). Resolves when the workbook is
 * complete. Photo links point at `${baseUrl}/api/photos/:id`.
 */
export async function exportProblems(db: Db, actor: Actor, f: FilterQuery, out: PassThrough, baseUrl: string, maxRows = EXPORT_MAX_ROWS) {
  authorize(actor, 'problem.read');
  const today = todayChina();
  const cal = await getCalendar(db);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '创城通';
  const ws = wb.addWorksheet('问题清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = EXPORT_COLUMNS.map((h, i) => ({ header: h, key: h, width: WIDTHS[i] }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let after: { key: string; id: number } | null = null;
  let written = 0;
  // Read the next batch while this one is written (the database works while Node builds XML).
  const fetch = (a: typeof after) => pageRows<ExportRow>(db, actor, f, 'created', a, Math.min(BATCH, maxRows - written), today, EXPORT_SQL);
  let next: Promise<ExportRow[]> | null = fetch(after);
  while (next) {
    const rows: ExportRow[] = await next;
    next = null;
    if (!rows.length) break;
    written += rows.length;
    const last = rows[rows.length - 1];
    after = { key: last.sort_key, id: Number(last.id) };
    if (rows.length === BATCH && written < maxRows) next = fetch(after);
    for (const p of rows) {
      const overdueDays = overdueOf(p, today, cal);
      const links = p.photo_ids ? p.photo_ids.split(',').map((id) => `${baseUrl}/api/photos/${id}`) : [];
      const phone = p.reporter_phone && !can(actor, 'problem.office', { regionCode: p.region_code }) ? maskPhone(p.reporter_phone) : p.reporter_phone;
      ws.addRow([
        p.code, SOURCE_LABELS[p.source as Source] ?? p.source, p.source_ref ?? '', p.category_name, TIER_LABELS[p.tier as Tier] ?? p.tier,
        p.region_name ?? p.region_code, p.place_name ?? '', p.address ?? '', p.description, p.unit_name ?? '',
        PROBLEM_STATE_LABELS[p.state as ProblemState] ?? p.state, p.due_date ?? '', overdueDays > 0 ? '是' : '否', overdueDays,
        p.rework_count, p.created ?? '', p.closed ?? '',
        links.length ? { text: links.join('\n'), hyperlink: links[0] } : '', phone ?? '',
      ]).commit();
    }
    // Let the client catch up before writing the next batch: memory stays bounded.
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  ws.commit();
  await wb.commit();
  return written;
}

// ---------------- import ----------------

export interface ImportError { row: number; column: string; message: string }

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v) return String((v as any).text).trim();
    if ('result' in v) return String((v as any).result ?? '').trim();
  }
  return String(v).trim();
}

interface SheetRow { row: number; values: Record<string, string>; raw: string[] }

async function readSheet(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as any);
  } catch {
    throw new AppError('UNSUPPORTED_FILE', '无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先导出问题清单作为模板）');
  }
  const ws = wb.getWorksheet('问题清单') ?? wb.worksheets[0];
  if (!ws) throw new AppError('IMPORT_INVALID', '文件中没有工作表');
  const header: string[] = [];
  ws.getRow(1).eachCell((c, col) => { header[col - 1] = cellText(c.value).replace(/[*＊\s]/g, ''); });
  const rows: SheetRow[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const raw = header.map((_, i) => cellText(r.getCell(i + 1).value));
    if (raw.every((x) => x === '')) return;
    const values: Record<string, string> = {};
    header.forEach((h, i) => { if (h) values[h] = raw[i]; });
    rows.push({ row: n, values, raw });
  });
  return { header, rows };
}

/** The uploaded rows again, with 错误说明 per row (and the header row's problems on row 1). */
async function errorReport(header: string[], rows: SheetRow[], errors: ImportError[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误清单');
  const byRow = new Map<number, string[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), `【${e.column}】${e.message}`]);
  const head = ws.addRow([...header, '错误说明']);
  head.font = { bold: true };
  if (byRow.get(1)) head.getCell(header.length + 1).value = byRow.get(1)!.join('；');
  for (const r of rows) {
    const x = ws.addRow([...r.raw, (byRow.get(r.row) ?? []).join('；')]);
    if (byRow.has(r.row)) x.getCell(header.length + 1).font = { color: { argb: 'FFC00000' } };
  }
  ws.columns.forEach((c, i) => { c.width = i === header.length ? 50 : WIDTHS[i] ?? 14; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const REQUIRED = ['来源', '问题类别', '所在社区', '问题描述'] as const;
const SOURCE_BY_TEXT = new Map<string, Source>([...SOURCES.map((s) => [s, s] as const), ...SOURCES.map((s) => [SOURCE_LABELS[s], s] as const)]);
const TIER_BY_TEXT = new Map<string, Tier>([
  ...TIERS.map((t) => [t, t] as const), ...TIERS.map((t) => [TIER_LABELS[t], t] as const), ...TIERS.map((t) => [TIER_LABELS[t].replace(/（.*）/, ''), t] as const),
]);

function newCode(): string {
  return todayChina().slice(2).replace(/-/g, '') + String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}

interface Good { row: number; source: Source; sourceRef: string | null; categoryId: number; tier: Tier; regionCode: string; placeId: number | null; address: string | null; description: string }

export async function importProblems(db: Db, actor: Actor, buf: Buffer) {
  authorize(actor, 'problem.report');
  const { header, rows } = await readSheet(buf);
  const errors: ImportError[] = [];
  const have = new Set(header);
  for (const h of REQUIRED) if (!have.has(h)) errors.push({ row: 1, column: h, message: `缺少必需的表头“${h}”，请使用导出的问题清单作为模板` });
  if (!errors.length && !rows.length) errors.push({ row: 2, column: '问题描述', message: '文件中没有数据行' });
  if (rows.length > IMPORT_MAX_ROWS) errors.push({ row: 1, column: '问题编号', message: `一次最多导入 ${IMPORT_MAX_ROWS} 条，请分批导入` });
  if (errors.length) throw await invalid(header, rows, errors);

  // Reference data, read once: categories (小类), the communities and grids the importer may report in, their places.
  const cats = await db.execute<{ id: number; code: string; kind: string; name: string; default_tier: string }>(sql`
    SELECT id, code, kind, name, default_tier FROM categories WHERE level = 2 AND active`);
  const scope = regionScope(actor, 'problem.report');
  const regions = await db.execute<{ code: string; name: string }>(sql`
    SELECT code, name FROM regions WHERE level IN ('community', 'grid') AND ${inScope(sql`code`, scope)}`);
  const places = await db.execute<{ id: number; name: string; region_code: string }>(sql`
    SELECT id, name, region_code FROM places WHERE ${inScope(sql`region_code`, scope)}`);
  const catBy = new Map<string, typeof cats.rows>();
  for (const c of cats.rows) for (const k of new Set([c.name, c.code, `${c.code} ${c.name}`])) catBy.set(k, [...(catBy.get(k) ?? []), c]);
  const regionBy = new Map<string, string[]>();
  for (const r of regions.rows) for (const k of new Set([r.name, r.code])) regionBy.set(k, [...(regionBy.get(k) ?? []), r.code]);

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
    let tier: Tier | undefined = catMatches.length === 1 ? (catMatches[0].default_tier as Tier) : undefined;
    if (v['整改层级']) {
      tier = TIER_BY_TEXT.get(v['整改层级']);
      if (!tier) err('整改层级', `不认识的整改层级“${v['整改层级']}”，可填：随手整、社区整、集中整`);
    }
    const regText = v['所在社区'] ?? '';
    const regMatches = regionBy.get(regText) ?? [];
    if (!regText) err('所在社区', '所在社区不能为空');
    else if (!regMatches.length) err('所在社区', `“${regText}”不是您管辖范围内的社区或网格`);
    else if (regMatches.length > 1) err('所在社区', `“${regText}”对应多个社区，请填写 12 位社区代码`);
    const regionCode = regMatches.length === 1 ? regMatches[0] : null;
    let placeId: number | null = null;
    if (v['点位'] && regionCode) {
      const pl = places.rows.filter((p) => p.name === v['点位'] && p.region_code.startsWith(regionCode.slice(0, 12)));
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
    for (const g of good) out.push({ row: g.row, ...(await insertImported(tx, actor, g)) });
    return out;
  });
  return { imported: created.length, items: created };
}

async function insertImported(tx: Tx, actor: Actor, g: Good) {
  const filed = can(actor, 'problem.office', { regionCode: g.regionCode });
  const state = filed ? 'filed' : 'reported';
  for (let i = 0; i < 5; i++) {
    const code = newCode();
    const au = auditValues({ actor, action: 'problem.import', entity: 'problem', regionCode: g.regionCode, after: { ...g, state, code } });
    const r = await repo.insertReported(tx, {
      code, townCode: g.regionCode.slice(0, 9), regionCode: g.regionCode, gridCode: g.regionCode.length === 15 ? g.regionCode : null,
      placeId: g.placeId, lat: null, lng: null, address: g.address, categoryId: g.categoryId, tier: g.tier, source: g.source,
      sourceRef: g.sourceRef, sourceId: null, description: g.description, state, responsibleUnitId: null, reporterId: actor.personId,
      reporterName: actor.name, reporterPhone: null, dueDate: null, dispatchedAt: null, closedAt: null, closedOnTime: null,
      recurrenceOfId: null, idempotencyKey: null,
    }, { actorId: actor.personId, actorName: actor.name, data: { imported: true, row: g.row } }, au);
    if (!r) continue; // code taken: draw another
    if (filed) await repo.insertEvent(tx, { problemId: r.id, actorId: actor.personId, actorName: actor.name, action: 'file', fromState: 'reported', toState: 'filed', note: 'Excel 导入时立案' });
    return { id: r.id, code, state };
  }
  throw new AppError('INTERNAL');
}

async function invalid(header: string[], rows: SheetRow[], errors: ImportError[]) {
  const report = await errorReport(header.length ? header : [...EXPORT_COLUMNS], rows, errors);
  return new AppError('IMPORT_INVALID', undefined, undefined, {
    errors,
    report: { filename: '问题导入错误清单.xlsx', contentType: XLSX_TYPE, base64: report.toString('base64') },
  });
}

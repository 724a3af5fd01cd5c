// Problem lists as Excel, the way county offices exchange them.
// Export: the filtered list streamed as .xlsx (exceljs WorkbookWriter straight
// to the reply), read in keyset batches so memory stays flat for any size.
// Import: the same headers, read back by excel.import.ts. The last column,
// 版本 (the problem's version, bumped by every write), is hidden: an edited
// export names the version each row was read at, so the import refuses a row
// whose problem changed since (409) instead of overwriting that change.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/pool.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { maskPhone } from '../../../domain/people.ts';
import { PROBLEM_STATE_LABELS, SOURCE_LABELS, TIER_LABELS, type ProblemState, type Source, type Tier } from '../../../domain/problems/vocab.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { overdueOf, type FilterQuery } from './list.ts';
import { pageRows } from './list.repository.ts';
import { EXPORT_SQL, type ExportRow } from './excel.repository.ts';
import { XLSX_TYPE } from '../../platform/xlsx-import.ts';

export const EXPORT_COLUMNS = [
  '问题编号',
  '来源',
  '来源编号',
  '问题类别',
  '整改层级',
  '所在社区',
  '点位',
  '地址',
  '问题描述',
  '责任单位',
  '状态',
  '整改期限',
  '是否超期',
  '超期工作日',
  '返工次数',
  '上报时间',
  '结案时间',
  '照片',
  '上报人电话',
  '版本',
] as const;
export const EXPORT_WIDTHS = [14, 12, 14, 16, 16, 16, 18, 24, 48, 22, 10, 12, 10, 10, 10, 18, 18, 40, 14, 8];
/** Columns the sheet carries for the import's sake, hidden from the reader. */
export const HIDDEN_COLUMNS: readonly string[] = ['版本'];
export { XLSX_TYPE };
const BATCH = 2000;
export const EXPORT_MAX_ROWS = 200_000;

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
  ws.columns = EXPORT_COLUMNS.map((h, i) => ({ header: h, key: h, width: EXPORT_WIDTHS[i], hidden: HIDDEN_COLUMNS.includes(h) }));
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
      const { overdue, overdueDays } = overdueOf(p, today, cal);
      const links = p.photo_ids ? p.photo_ids.split(',').map((id) => `${baseUrl}/api/photos/${id}`) : [];
      const phone = p.reporter_phone && !can(actor, 'problem.office', { regionCode: p.region_code }) ? maskPhone(p.reporter_phone) : p.reporter_phone;
      ws.addRow([
        p.code,
        SOURCE_LABELS[p.source as Source] ?? p.source,
        p.source_ref ?? '',
        p.category_name,
        TIER_LABELS[p.tier as Tier] ?? p.tier,
        p.region_name ?? p.region_code,
        p.place_name ?? '',
        p.address ?? '',
        p.description,
        p.unit_name ?? '',
        PROBLEM_STATE_LABELS[p.state as ProblemState] ?? p.state,
        p.due_date ?? '',
        overdue ? '是' : '否',
        overdueDays,
        p.rework_count,
        p.created ?? '',
        p.closed ?? '',
        links.length ? { text: links.join('\n'), hyperlink: links[0] } : '',
        phone ?? '',
        p.version,
      ]).commit();
    }
    // Let the client catch up before writing the next batch: memory stays bounded.
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  ws.commit();
  await wb.commit();
  return written;
}

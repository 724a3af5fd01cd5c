// Service records as Excel: the filtered register streamed as .xlsx (exceljs
// WorkbookWriter straight to the reply, read in keyset pages so memory stays
// flat), and the import template: the columns the import
// (service.import.ts) reads, with a sheet of instructions. The export's own
// columns are a superset the import reads back (记录编号 and the computed
// ones it refuses or ignores).
import type { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/pool.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { maskPhone } from '../../../domain/people.ts';
import { hoursOf, SERVICE_SOURCE_LABELS, SERVICE_STATUS_LABELS, type ServiceSource, type ServiceStatus } from '../../../domain/volunteers.ts';
import { readerScope } from './members.service.ts';
import { toFilter, type ListQuery } from './records.service.ts';
import * as srepo from './service.repository.ts';

export const EXPORT_MAX_ROWS = 200_000;
const BATCH = 2000;
export const SHEET = '志愿服务记录';

/** The export's columns; the import reads 活动编号, 姓名, 手机号, the hours or the times, 服务内容. */
export const COLUMNS = [
  '记录编号',
  '活动编号',
  '活动名称',
  '服务日期',
  '姓名',
  '手机号',
  '志愿服务队',
  '服务时长（小时）',
  '开始时间',
  '结束时间',
  '服务内容',
  '状态',
  '来源',
  '组织单位',
] as const;
export const WIDTHS = [10, 10, 30, 12, 10, 14, 26, 14, 10, 10, 30, 10, 12, 26];
const width = (h: string) => WIDTHS[COLUMNS.indexOf(h as (typeof COLUMNS)[number])];

/** The template's columns: what an organiser fills in (活动名称 only to help the eye: the 活动编号 decides). */
export const TEMPLATE_COLUMNS = ['活动编号', '活动名称', '姓名', '手机号', '服务时长（小时）', '开始时间', '结束时间', '服务内容'] as const;

/** China time of day of a stored instant (a Date, or the text the driver returns). */
const hhmm = (d: Date | string | null) => (d ? new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().slice(11, 16) : '');

export async function exportService(db: Db, actor: Actor, q: Omit<ListQuery, 'cursor' | 'limit'>, out: PassThrough, maxRows = EXPORT_MAX_ROWS) {
  const scope = await readerScope(db, actor);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '创城通';
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((h, i) => ({ header: h, key: h, width: WIDTHS[i] }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const filter = toFilter(q);
  let after: [string, number] | null = null;
  let written = 0;
  while (written < maxRows) {
    const rows = await srepo.listPage(db, filter, scope, after, Math.min(BATCH, maxRows - written));
    if (!rows.length) break;
    written += rows.length;
    after = [rows[rows.length - 1].onDate, rows[rows.length - 1].id];
    for (const r of rows) {
      ws.addRow([
        r.id,
        r.activityId,
        r.activityTitle,
        r.onDate,
        r.personName,
        (can(actor, 'volunteer.manage', { regionCode: r.regionCode }) ? r.phone : maskPhone(r.phone)) ?? '',
        r.teamName ?? '',
        hoursOf(r.minutes),
        hhmm(r.startedAt),
        hhmm(r.endedAt),
        r.content ?? '',
        SERVICE_STATUS_LABELS[r.status as ServiceStatus] ?? r.status,
        (SERVICE_SOURCE_LABELS[r.source as ServiceSource] ?? r.source) + (r.supersededBy ? '（已被更正）' : ''),
        r.organizerName,
      ]).commit();
    }
  }
  ws.commit();
  await wb.commit();
}

/** The import template: the columns to fill, and how to fill them (a second sheet). */
export async function serviceTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '创城通';
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = TEMPLATE_COLUMNS.map((h) => ({ header: h, key: h, width: width(h) }));
  ws.getRow(1).font = { bold: true };
  for (const c of ['手机号', '开始时间', '结束时间']) ws.getColumn(c).numFmt = '@';
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 18 }, { width: 90 }];
  help.addRow(['列', '怎么填']).font = { bold: true };
  for (const r of [
    ['活动编号', '必填。活动清单中的活动编号：只能导入本人所在社区（或乡镇）组织、已开展（日期不晚于今天）、未取消的活动（谁组织谁记录）'],
    ['活动名称', '可不填，仅供核对'],
    ['姓名', '必填。已登记的志愿者姓名'],
    ['手机号', '建议填写：按手机号找志愿者，并须与姓名一致；不填时按姓名查找（重名须填手机号）'],
    ['服务时长（小时）', '填写时长（0.1-24 小时），或填写开始时间和结束时间（二选一）'],
    ['开始时间 / 结束时间', '活动当天的时刻，如 09:00 和 11:30'],
    ['服务内容', '可不填，最多 200 个字'],
    ['说明', '同一志愿者在同一活动只能有一条记录；导入的记录直接为“已确认”。任何一行有错误，整个文件都不导入，请按错误清单修改后重新上传'],
  ])
    help.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

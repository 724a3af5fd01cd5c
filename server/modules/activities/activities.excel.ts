// Activities as Excel: the filtered list streamed as .xlsx (exceljs
// WorkbookWriter straight to the reply, read in keyset batches so memory
// stays flat), with the columns the import (activities.import.ts) reads back.
import { once } from 'node:events';
import type { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/pool.ts';
import { authorize } from '../../platform/session.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { ACTIVITY_STATE_LABELS, type ActivityState } from '../../../domain/activities.ts';
import { readScope, toFilter, type ListQuery } from './activities.service.ts';
import * as repo from './activities.repository.ts';
import { XLSX_TYPE } from '../../platform/xlsx-import.ts';

export { XLSX_TYPE };
export const EXPORT_MAX_ROWS = 200_000;
const BATCH = 2000;

/** The sheet's columns: the import reads the same headers (活动编号 and the computed ones it does not). */
export const COLUMNS = [
  '活动编号',
  '活动名称',
  '活动类别',
  '状态',
  '活动日期',
  '所在社区',
  '活动地点',
  '组织单位',
  '共建单位',
  '每月主题',
  '节日',
  '群众',
  '志愿者',
  '镇村干部',
  '共建单位人员',
  '参与人次合计',
  '活动简报',
  '宣传报道链接',
  '取消原因',
  '照片数',
] as const;
export const WIDTHS = [10, 28, 12, 10, 12, 14, 20, 24, 30, 20, 12, 8, 8, 10, 12, 12, 40, 36, 24, 8];
export const SHEET = '活动清单';

export async function exportActivities(db: Db, actor: Actor, f: Omit<ListQuery, 'cursor' | 'limit'>, out: PassThrough, maxRows = EXPORT_MAX_ROWS) {
  authorize(actor, 'activity.read');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '创城通';
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((h, i) => ({ header: h, key: h, width: WIDTHS[i] }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const filter = toFilter(f);
  const scope = readScope(actor);
  let after: [string, number] | null = null;
  let written = 0;
  while (written < maxRows) {
    const rows = await repo.listPage(db, filter, scope, after, Math.min(BATCH, maxRows - written));
    if (!rows.length) break;
    const extra = await repo.exportExtras(
      db,
      rows.map((r) => r.id),
    );
    written += rows.length;
    after = [rows[rows.length - 1].onDate, rows[rows.length - 1].id];
    for (const a of rows) {
      const detail = extra.get(a.id) ?? { coUnits: null, report: null, cancelReason: null };
      ws.addRow([
        a.id,
        a.title,
        a.kindName,
        ACTIVITY_STATE_LABELS[a.state as ActivityState] ?? a.state,
        a.onDate,
        a.communityName ?? a.regionCode,
        a.placeName,
        a.unitName,
        detail.coUnits ?? '',
        a.theme ?? '',
        a.festival ?? '',
        a.residents,
        a.volunteers,
        a.cadres,
        a.coBuildingStaff,
        a.residents + a.volunteers + a.cadres + a.coBuildingStaff,
        detail.report ?? '',
        a.publicityUrl ?? '',
        detail.cancelReason ?? '',
        a.photoCount,
      ]).commit();
    }
    if (out.writableNeedDrain) await once(out, 'drain');
    if (rows.length < BATCH) break;
  }
  ws.commit();
  await wb.commit();
  return written;
}

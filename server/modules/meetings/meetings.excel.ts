// Meetings as Excel: the filtered list exported (.xlsx), and an .xlsx of new
// meetings imported all or nothing. Every row is checked first; any bad row
// refuses the whole file with {row, column, message} errors (IMPORT_INVALID)
// and nothing is written. Limits are the platform's (server/platform/xlsx.ts):
// bytes, uncompressed size, at most 2,000 rows, one import at a time.
import ExcelJS from 'exceljs';
import type { Db } from '../../db/pool.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { textProblem } from '../../../domain/input.ts';
import { shortCommunityName } from '../../../domain/regions.ts';
import { authorize } from '../../platform/session.ts';
import { audit } from '../../platform/audit.ts';
import { importWork, readXlsx } from '../../platform/xlsx.ts';
import { todayChina } from '../calendar/index.ts';
import * as repo from './meetings.repository.ts';
import { filterOf, type ListQuery } from './meetings.service.ts';
import { importRefusal, XLSX_TYPE, type ImportError } from '../../platform/xlsx-import.ts';

export { XLSX_TYPE };
export const SHEET = '会议清单';
/** The columns a user fills (the import reads these); the export adds the ones after them. */
export const IMPORT_COLUMNS = ['会议类别', '会议名称', '召开时间', '召开单位', '地点', '主持人', '会议议程', '会议纪要', '传达精神'] as const;
const EXPORT_ONLY = ['编号', '出席', '缺席', '请假', '决定事项', '其中超期'] as const;
const REQUIRED = ['会议类别', '会议名称', '召开时间', '召开单位'];
export const IMPORT_MAX_ROWS = 2000;
export const EXPORT_MAX_ROWS = 20_000;
const LIMITS: Record<string, number> = { 会议名称: 200, 地点: 200, 主持人: 50, 会议议程: 4000, 会议纪要: 20000, 传达精神: 4000 };

const timeText = (d: Date | string) => new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export async function exportMeetings(db: Db, actor: Actor, f: Omit<ListQuery, 'cursor' | 'limit'>): Promise<Buffer> {
  authorize(actor, 'meeting.read');
  const rows = await repo.list(db, regionScope(actor, 'meeting.read'), { ...filterOf({ ...f, limit: EXPORT_MAX_ROWS }), limit: EXPORT_MAX_ROWS }, todayChina());
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.columns = [...IMPORT_COLUMNS, ...EXPORT_ONLY].map((h) => ({ header: h, width: ['会议名称', '会议议程', '会议纪要', '传达精神'].includes(h) ? 36 : 14 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows.slice(0, EXPORT_MAX_ROWS)) {
    ws.addRow([
      r.kind_name,
      r.title,
      timeText(r.starts_at),
      r.region_name ?? r.region_code,
      r.place ?? '',
      r.chair_name ?? '',
      r.agenda ?? '',
      r.minutes ?? '',
      r.relayed ?? '',
      r.id,
      r.present,
      r.absent,
      r.leave,
      r.decisions_open + r.decisions_done,
      r.decisions_overdue,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template: the import's columns and one example row. */
export async function template(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.columns = IMPORT_COLUMNS.map((h) => ({ header: h, width: 18 }));
  ws.getRow(1).font = { bold: true };
  ws.addRow([
    '每周例会',
    '第12周创城工作例会',
    '2026-03-16 09:00',
    '汀州镇',
    '镇政府三楼会议室',
    '王丽萍',
    '通报上周问题整改情况',
    '（纪要正文）',
    '传达县创城办周报精神',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 2026-03-16 09:00 (or 2026-03-16, as 09:00) in China time, as an instant; null when not a real time in 2000-2100. */
function parseTime(s: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(s.trim());
  if (!m) return null;
  const [y, mo, d, h = '9', mi = '00'] = m.slice(1);
  const t = new Date(Date.UTC(+y, +mo - 1, +d, +h - 8, +mi));
  const back = new Date(t.getTime() + 8 * 3600_000);
  if (+y < 2000 || +y > 2100 || back.getUTCMonth() !== +mo - 1 || back.getUTCDate() !== +d || +h > 23) return null;
  return t.toISOString();
}

export async function importMeetings(db: Db, actor: Actor, buf: Buffer) {
  authorize(actor, 'meeting.manage');
  return importWork.run(async () => {
    const sheet = await readXlsx(buf, {
      sheet: SHEET,
      unit: '场会议',
      maxRows: IMPORT_MAX_ROWS,
      notXlsx: '无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）',
    });
    const header = sheet.keys;
    const errors: ImportError[] = [];
    for (const h of REQUIRED) if (!header.includes(h)) errors.push({ row: 1, column: h, message: `缺少必需的表头“${h}”，请使用导入模板` });
    if (!errors.length && !sheet.rows.length) errors.push({ row: 2, column: '会议名称', message: '文件中没有数据行' });
    if (errors.length) throw await importRefusal(errors);
    const scope = regionScope(actor, 'meeting.manage');
    const kinds = new Map((await repo.kinds(db)).filter((k) => k.active).map((k) => [k.name, k.id]));
    // 召开单位: a name as the register has it (水东街社区居委会), without 居委会 (水东街社区), or a code.
    const regions = new Map<string, string>();
    for (const r of await repo.regionsIn(db, scope)) for (const k of [r.code, r.name, shortCommunityName(r.name)]) regions.set(k, r.code);
    const good: repo.MeetingValues[] = [];
    const goodRows: number[] = [];
    for (const { row, values: v } of sheet.rows) {
      const n0 = errors.length;
      const err = (column: string, message: string) => errors.push({ row, column, message });
      if (v['编号']) err('编号', '有编号的行是已导出的会议；导入只新增会议，请删除该行或清空编号');
      for (const [col, max] of Object.entries(LIMITS)) {
        const t = v[col] ?? '';
        const bad = textProblem(t);
        if (bad) err(col, bad);
        else if (t.length > max) err(col, `最多 ${max} 个字`);
      }
      const kindId = kinds.get(v['会议类别'] ?? '');
      if (!kindId) err('会议类别', v['会议类别'] ? `没有会议类别“${v['会议类别']}”，可填：${[...kinds.keys()].join('、')}` : '会议类别不能为空');
      if ((v['会议名称'] ?? '').length < 2) err('会议名称', '请填写会议名称（至少 2 个字）');
      const startsAt = parseTime(v['召开时间'] ?? '');
      if (!startsAt) err('召开时间', v['召开时间'] ? `“${v['召开时间']}”不是有效时间，格式如 2026-03-16 09:00` : '召开时间不能为空');
      const regionCode = regions.get(v['召开单位'] ?? '');
      if (!regionCode) err('召开单位', v['召开单位'] ? `“${v['召开单位']}”不是您管辖的乡镇或社区` : '召开单位不能为空（填乡镇或社区名称）');
      if (errors.length > n0) continue;
      const day = new Date(new Date(startsAt!).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
      good.push({
        townCode: regionCode!.slice(0, 9),
        regionCode: regionCode!,
        kindId: kindId!,
        title: v['会议名称'],
        startsAt: startsAt!,
        day,
        place: v['地点'] || null,
        chairPersonId: null,
        chairName: v['主持人'] || null,
        agenda: v['会议议程'] || null,
        minutes: v['会议纪要'] || null,
        relayed: v['传达精神'] || null,
      });
      goodRows.push(row);
    }
    if (errors.length) throw await importRefusal(errors);
    const ids = await db.transaction(async (tx) => {
      const ids: number[] = [];
      for (const m of good) ids.push(await repo.insert(tx, m, actor.personId));
      await audit(tx, { actor, action: 'meeting.import', entity: 'meeting', after: { rows: good.length, ids } });
      return ids;
    });
    return { imported: ids.length, ids };
  });
}

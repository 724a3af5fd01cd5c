// Campaigns as Excel: the filtered list with each tally kind's total (export),
// a campaign's daily records (export; the same sheet is the import's
// template), and the daily records' import: every row checked first (a real
// date inside the campaign and not in the future, not already recorded, not
// twice in the file; each count a non-negative integer), any bad row refuses
// the whole file with row-level errors; a good file is written in one
// transaction, each day with its audit row.
import type { Db } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, mapUnique, notFound } from '../../platform/errors.ts';
import { importWork, readXlsx } from '../../platform/xlsx.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { dateProblem } from '../../../domain/input.ts';
import { MAX_TALLY } from '../../../domain/campaigns.ts';
import { listKinds } from './kinds.service.ts';
import { DAY_TAKEN, dayProblem, itemView, mayRecord, readScope, type ListQuery } from './campaigns.service.ts';
import { countCell, importRefusal, workbook, type ImportError } from './import-report.ts';
import * as repo from './campaigns.repository.ts';
import * as dayRepo from './campaigns.days.repository.ts';

export const EXPORT_MAX_ROWS = 10_000;
const DAY_SHEET = '日记录';
const IMPORT_MAX_DAYS = 400;

const kindHeader = (k: { name: string; unit?: string }) => `${k.name}（${k.unit ?? ''}）`;

export async function exportCampaigns(db: Db, actor: Actor, f: Omit<ListQuery, 'cursor' | 'limit'>): Promise<Buffer> {
  const scope = readScope(actor);
  const kinds = (await listKinds(db, 'tally')).filter((k) => k.active);
  const rows: (string | number)[][] = [];
  let after: [string, number] | null = null;
  while (rows.length < EXPORT_MAX_ROWS) {
    const page = await repo.listPage(db, f, scope, after, 500);
    for (const c of page) {
      const v = itemView(c);
      const totals = new Map((await dayRepo.totalsOf(db, c.id)).map((t) => [t.kindId, t.value]));
      rows.push([c.id, c.kindName, c.theme, c.startDate, c.endDate, v.phaseLabel, c.areaNames.join('、'), c.days, ...kinds.map((k) => totals.get(k.id) ?? 0)]);
    }
    if (page.length < 500) break;
    after = [page[page.length - 1].startDate, page[page.length - 1].id];
  }
  return workbook(
    '专项行动',
    ['编号', '类别', '行动主题', '开始日期', '结束日期', '状态', '整治区域', '登记天数', ...kinds.map(kindHeader)],
    rows,
    [8, 18, 30, 12, 12, 8, 40, 8],
  );
}

async function readable(db: Db, actor: Actor, id: number) {
  const c = await repo.getCampaign(db, id, readScope(actor));
  if (!c) throw notFound('该专项行动不存在或不在您的管辖范围内');
  return c;
}

/** A campaign's daily records as the import reads them back (empty but for the header: the template). */
export async function exportDays(db: Db, actor: Actor, id: number): Promise<{ buf: Buffer; filename: string }> {
  const c = await readable(db, actor, id);
  const kinds = (await listKinds(db, 'tally')).filter((k) => k.active);
  const days = await dayRepo.daysOf(db, id);
  const rows = days.map((d) => [d.onDate, ...kinds.map((k) => d.counts.find((x) => x.kindId === k.id)?.value ?? 0), d.note ?? '']);
  const buf = await workbook(DAY_SHEET, ['日期', ...kinds.map(kindHeader), '备注'], rows, [12]);
  return { buf, filename: `${c.theme}-日记录.xlsx` };
}

export async function importDays(db: Db, actor: Actor, id: number, buf: Buffer) {
  const c = await readable(db, actor, id);
  if (!(await mayRecord(db, actor, c))) throw new AppError('FORBIDDEN', '只有该乡镇创城办或整治区域所在社区可以登记日记录');
  if (c.state !== 'running') throw new AppError('INVALID_STATE', '专项行动已结束，日记录不能再导入');
  return importWork.run(async () => {
    const sheet = await readXlsx(buf, {
      sheet: DAY_SHEET,
      unit: '天',
      maxRows: IMPORT_MAX_DAYS,
      notXlsx: '无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先下载日记录模板）',
    });
    const header = sheet.keys;
    const kinds = await listKinds(db, 'tally');
    const byHeader = new Map<string, (typeof kinds)[number]>();
    for (const k of kinds) {
      byHeader.set(kindHeader(k).replace(/\s/g, ''), k);
      byHeader.set(k.name, k);
    }
    const errors: ImportError[] = [];
    const rows = sheet.rows.map(({ row, cells, values }) => ({ row, raw: cells, values }));
    if (!header.includes('日期')) errors.push({ row: 1, column: '日期', message: '缺少必需的表头“日期”，请使用下载的日记录模板' });
    for (const h of header) {
      if (h && h !== '日期' && h !== '备注' && !byHeader.has(h)) errors.push({ row: 1, column: h, message: `不认识的统计项“${h}”` });
      else if (byHeader.has(h) && !byHeader.get(h)?.active) errors.push({ row: 1, column: h, message: `统计项“${h}”已停用` });
    }
    if (!errors.length && !rows.length) errors.push({ row: 2, column: '日期', message: '文件中没有数据行' });
    if (errors.length) throw await importRefusal(errors, { header, rows, filename: '日记录导入错误清单.xlsx' });
    const recorded = new Set((await dayRepo.daysOf(db, id)).map((d) => d.onDate));
    const seen = new Set<string>();
    const good: { day: string; note: string | null; counts: { kindId: number; value: number }[] }[] = [];
    for (const { row, values } of rows) {
      const cell = (h: string) => values[h] ?? '';
      const day = cell('日期');
      const why = !day
        ? '请填写日期'
        : (dateProblem(day) ?? dayProblem(c, day) ?? (recorded.has(day) ? '该日已有记录，请在系统中修改' : seen.has(day) ? '文件中该日期出现了两次' : null));
      if (why) errors.push({ row, column: '日期', message: why });
      seen.add(day);
      const counts: { kindId: number; value: number }[] = [];
      for (const h of header) {
        const k = byHeader.get(h);
        if (!k) continue;
        const v = countCell(cell(h), MAX_TALLY);
        if (typeof v === 'string') errors.push({ row, column: h, message: v });
        else counts.push({ kindId: k.id, value: v });
      }
      const note = cell('备注');
      if (note.length > 1000) errors.push({ row, column: '备注', message: '最多 1000 个字' });
      good.push({ day, note: note || null, counts });
    }
    if (errors.length) throw await importRefusal(errors, { header, rows, filename: '日记录导入错误清单.xlsx' });
    await db.transaction(async (tx) => {
      for (const g of good) {
        const dayId = await dayRepo.saveDay(tx, id, g.day, null, g.note, g.counts, actor.personId).catch((e) => mapUnique(e, DAY_TAKEN));
        await audit(tx, { actor, action: 'import', entity: 'campaign_day', entityId: dayId, regionCode: c.townCode, after: g });
      }
    });
    return { saved: good.length, days: good.map((g) => g.day).sort() };
  });
}

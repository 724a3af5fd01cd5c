// Publicity as Excel: articles, handouts and facilities exported (the filtered
// list, in keyset batches) with the columns the import reads back, and
// imported all or nothing. Every row of an import is turned into the form's
// input (names → ids: regions, units, kinds, themes, points) and checked by
// the form's own checks (output.service columns(), facilities.service
// resolve()); any bad row rejects the whole file with {row, column, message}
// errors and an error report (.xlsx: the rows plus 错误说明) in
// details.report. A good file is written in one transaction, each record
// with its audit row. Import only adds: a row naming a 编号 is refused.
import ExcelJS from 'exceljs';
import type { Db, Tx } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { importWork, IMPORT_MAX_ROWS, readXlsx } from '../../platform/xlsx.ts';
import { authorize } from '../../platform/session.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { dateProblem, textProblem } from '../../../domain/input.ts';
import { publicityUrlProblem } from '../../../domain/activities.ts';
import { CHANNEL_LABELS, CHANNELS, CONDITION_LABELS, CONDITIONS, HANDOUT_KIND_LABELS, HANDOUT_KINDS, MAX_QUANTITY } from '../../../domain/publicity.ts';
import { UNIT_KINDS } from '../../../domain/units.ts';
import { reachableUnitsOf } from '../units/index.ts';
import * as output from './output.service.ts';
import * as fac from './facilities.service.ts';
import { ensureSeeded } from './terms.service.ts';
import * as names from './names.repository.ts';
import { importRefusal, XLSX_TYPE, type ImportError, type ImportRow } from '../../platform/xlsx-import.ts';
import { readAll } from '../../db/reads.ts';

export { XLSX_TYPE };
export type Sheet = 'articles' | 'handouts' | 'facilities';

/** Each sheet: its name, columns (the import reads the same headers; 编号 it refuses), and widths. */
export const SHEETS: Record<Sheet, { name: string; what: string; columns: string[]; widths: number[]; required: string[] }> = {
  articles: {
    name: '稿件清单',
    what: '篇稿件',
    columns: ['编号', '所属区划', '渠道', '渠道名称', '标题', '链接', '发布日期', '作者单位', '特色供稿', '采用媒体'],
    widths: [8, 16, 10, 18, 40, 36, 12, 24, 10, 24],
    required: ['所属区划', '渠道', '标题', '发布日期'],
  },
  handouts: {
    name: '宣传品发放清单',
    what: '条发放记录',
    columns: ['编号', '所属区划', '种类', '名称', '数量', '发放日期', '发放地点', '发放单位'],
    widths: [8, 16, 10, 28, 10, 12, 24, 24],
    required: ['所属区划', '种类', '名称', '数量', '发放日期'],
  },
  facilities: {
    name: '宣传设施清单',
    what: '处设施',
    columns: ['编号', '设施名称', '设施类别', '内容主题', '所在社区', '所属点位', '管理单位', '设置日期', '状况', '纬度', '经度', '备注'],
    widths: [8, 28, 12, 18, 16, 24, 24, 12, 10, 12, 12, 30],
    required: ['设施名称', '设施类别', '所在社区', '状况', '纬度', '经度'],
  },
};

const EXPORT_MAX = 50_000;
const yes = (s: string) => ['是', 'Y', 'y', '1', 'TRUE', 'true'].includes(s);

/** The filtered list as rows of the sheet's columns. */
export async function exportRows(db: Db, actor: Actor, sheet: Sheet, filter: Record<string, unknown>): Promise<(string | number)[][]> {
  const rows: (string | number)[][] = [];
  let cursor: string | undefined;
  do {
    if (sheet === 'facilities') {
      const page = await fac.list(db, actor, { ...filter, cursor, limit: 200 });
      for (const f of page.items)
        rows.push([
          f.id,
          f.name,
          f.kind.name,
          f.theme?.name ?? '',
          f.regionName ?? f.regionCode,
          f.place?.name ?? '',
          f.ownerUnit?.name ?? '',
          f.installedOn ?? '',
          f.conditionLabel,
          f.lat,
          f.lng,
          f.note ?? '',
        ]);
      cursor = page.nextCursor ?? undefined;
    } else {
      const page = await output.list(db, actor, sheet, { ...filter, cursor, limit: 200 });
      for (const x of page.items as any[])
        rows.push(
          sheet === 'articles'
            ? [
                x.id,
                x.regionName ?? x.regionCode,
                x.channelLabel,
                x.channelName ?? '',
                x.title,
                x.url ?? '',
                x.publishedOn,
                x.authorUnit?.name ?? '',
                x.featured ? '是' : '否',
                x.carriedBy ?? '',
              ]
            : [x.id, x.regionName ?? x.regionCode, x.kindLabel, x.title, x.quantity, x.handedOn, x.location ?? '', x.unit?.name ?? ''],
        );
      cursor = page.nextCursor ?? undefined;
    }
  } while (cursor && rows.length < EXPORT_MAX);
  return rows;
}

export async function exportSheet(db: Db, actor: Actor, sheet: Sheet, filter: Record<string, unknown>): Promise<Buffer> {
  authorize(actor, 'publicity.read');
  const s = SHEETS[sheet];
  const wb = new ExcelJS.Workbook();
  wb.creator = '创城通';
  const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = s.columns.map((h, i) => ({ header: h, key: h, width: s.widths[i] }));
  ws.getRow(1).font = { bold: true };
  for (const r of await exportRows(db, actor, sheet, filter)) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function importSheet(db: Db, actor: Actor, sheet: Sheet, buf: Buffer) {
  authorize(actor, 'publicity.manage');
  await ensureSeeded(db);
  return importWork.run(() => importRows(db, actor, sheet, buf));
}

async function importRows(db: Db, actor: Actor, sheet: Sheet, buf: Buffer) {
  const s = SHEETS[sheet];
  const read = await readXlsx(buf, {
    sheet: s.name,
    unit: s.what,
    maxRows: IMPORT_MAX_ROWS,
    notXlsx: `无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先导出${s.name}作为模板）`,
  });
  const header = read.header.map((h) => h.replace(/[*＊\s]/g, ''));
  const rows = read.rows.map(({ row, cells }) => {
    const values: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h) values[h] = (cells[i] ?? '').trim();
    });
    return { row, values, raw: cells };
  });
  const errors: ImportError[] = [];
  for (const h of s.required) if (!header.includes(h)) errors.push({ row: 1, column: h, message: `缺少必需的表头“${h}”，请使用导出的${s.name}作为模板` });
  if (!errors.length && !rows.length) errors.push({ row: 2, column: s.required[0], message: '文件中没有数据行' });
  if (errors.length) throw await invalid(s, header, rows, errors);

  const idx = await nameIndex(db, actor);
  const look = fac.lookups(db, true);
  const good: { row: number; input: any }[] = [];
  for (const { row, values: v } of rows) {
    const n0 = errors.length;
    const err = (column: string, message: string) => errors.push({ row, column, message });
    const cell = (c: string) => v[c] ?? '';
    if (cell('编号')) err('编号', `已登记的记录（编号 ${cell('编号')}）不能重复导入：导入只新增，请删去该行或清空编号`);
    for (const c of s.columns) {
      const p = textProblem(cell(c));
      if (p) err(c, p);
    }
    const day = (c: string, required: boolean) => {
      const d = cell(c);
      if (!d) {
        if (required) err(c, `请填写${c}（YYYY-MM-DD）`);
        return null;
      }
      const p = dateProblem(d);
      if (p) err(c, p);
      return p ? null : d;
    };
    const text = (c: string, min: number, max: number, required = true) => {
      const t = cell(c);
      if (!t) {
        if (required) err(c, `请填写${c}`);
        return null;
      }
      if (t.length < min || t.length > max) err(c, `${c}应为 ${min}-${max} 个字`);
      return t;
    };
    let input: any = null;
    let columnOf: Record<string, string> = {};
    if (sheet === 'articles' || sheet === 'handouts') {
      const regionCode = idx.region(cell('所属区划'), (m) => err('所属区划', m));
      const town = regionCode?.slice(0, 9) ?? '';
      const unitCol = sheet === 'articles' ? '作者单位' : '发放单位';
      const unitId = cell(unitCol) && town ? await idx.unit(town, cell(unitCol), (m) => err(unitCol, m)) : null;
      if (sheet === 'articles') {
        const channel = CHANNELS.find((c) => CHANNEL_LABELS[c] === cell('渠道') || c === cell('渠道'));
        if (!channel) err('渠道', `渠道应为：${CHANNELS.map((c) => CHANNEL_LABELS[c]).join('、')}`);
        const url = cell('链接') || null;
        if (url && publicityUrlProblem(url)) err('链接', publicityUrlProblem(url)!);
        input = {
          regionCode,
          channel,
          channelName: text('渠道名称', 1, 50, false),
          title: text('标题', 2, 200),
          url,
          publishedOn: day('发布日期', true),
          authorUnitId: unitId,
          featured: yes(cell('特色供稿')),
          carriedBy: text('采用媒体', 1, 200, false),
        };
        columnOf = { regionCode: '所属区划', publishedOn: '发布日期', carriedBy: '采用媒体', authorUnitId: '作者单位' };
      } else {
        const kind = HANDOUT_KINDS.find((k) => HANDOUT_KIND_LABELS[k] === cell('种类') || k === cell('种类'));
        if (!kind) err('种类', `种类应为：${HANDOUT_KINDS.map((k) => HANDOUT_KIND_LABELS[k]).join('、')}`);
        const q = Number(cell('数量'));
        if (!cell('数量') || !Number.isInteger(q) || q < 0 || q > MAX_QUANTITY) err('数量', `数量应为 0-${MAX_QUANTITY} 的整数`);
        input = {
          regionCode,
          kind,
          title: text('名称', 2, 100),
          quantity: q,
          handedOn: day('发放日期', true),
          location: text('发放地点', 1, 200, false),
          unitId,
        };
        columnOf = { regionCode: '所属区划', handedOn: '发放日期', unitId: '发放单位' };
      }
      if (errors.length > n0) continue;
      const c = await output.columns(db, actor, sheet, input, (path, message) => err(columnOf[path] ?? s.required[0], message));
      if (c) input = { ...input, row: c.row };
    } else {
      const regionCode = idx.region(cell('所在社区'), (m) => err('所在社区', m));
      const kindId = idx.term('kind', cell('设施类别'), (m) => err('设施类别', m));
      const themeId = cell('内容主题') ? idx.term('theme', cell('内容主题'), (m) => err('内容主题', m)) : null;
      const placeId = cell('所属点位') && regionCode ? idx.place(regionCode, cell('所属点位'), (m) => err('所属点位', m)) : null;
      const ownerUnitId = cell('管理单位') && regionCode ? await idx.unit(regionCode.slice(0, 9), cell('管理单位'), (m) => err('管理单位', m)) : null;
      const condition = CONDITIONS.find((c) => CONDITION_LABELS[c] === cell('状况') || c === cell('状况'));
      if (!condition) err('状况', `状况应为：${CONDITIONS.map((c) => CONDITION_LABELS[c]).join('、')}`);
      const lat = Number(cell('纬度'));
      const lng = Number(cell('经度'));
      if (!cell('纬度') || !Number.isFinite(lat) || Math.abs(lat) > 90) err('纬度', '纬度应为 -90 到 90 之间的数（WGS84）');
      if (!cell('经度') || !Number.isFinite(lng) || Math.abs(lng) > 180) err('经度', '经度应为 -180 到 180 之间的数（WGS84）');
      input = {
        name: text('设施名称', 2, 100),
        kindId,
        themeId,
        placeId,
        regionCode: placeId ? null : regionCode,
        ownerUnitId,
        installedOn: day('设置日期', false),
        condition,
        lat,
        lng,
        note: text('备注', 1, 1000, false),
      };
      if (errors.length > n0) continue;
      const colOf: Record<string, string> = {
        kindId: '设施类别',
        themeId: '内容主题',
        placeId: '所属点位',
        regionCode: '所在社区',
        ownerUnitId: '管理单位',
        installedOn: '设置日期',
        lat: '纬度',
        lng: '经度',
      };
      const row = await fac.resolve(look, actor, input, (path, message) => err(colOf[path] ?? '设施名称', message));
      if (row) input = { ...input, row };
    }
    if (errors.length > n0) continue;
    good.push({ row, input });
  }
  if (errors.length)
    throw await invalid(
      s,
      header,
      rows,
      errors.sort((a, b) => a.row - b.row),
    );
  const items = await db.transaction(async (tx: Tx) => {
    const out: { id: number; row: number }[] = [];
    for (const g of good) {
      const id = sheet === 'facilities' ? await fac.insertImported(tx, actor, g.input.row) : await output.insertImported(tx, actor, sheet, g.input.row);
      await audit(tx, {
        actor,
        action: 'publicity.import',
        entity: sheet === 'facilities' ? 'publicity_facility' : output.ENTITY[sheet],
        entityId: id,
        after: { ...g.input, row: g.row },
      });
      out.push({ id, row: g.row });
    }
    return out;
  });
  return { created: items.length, items };
}

/** Names in cells to ids: regions the caller manages, a town's reachable units, kinds and themes, a community's points. */
async function nameIndex(db: Db, actor: Actor) {
  const scope = regionScope(actor, 'publicity.manage');
  const [regions, terms, places] = await readAll(db, [() => names.regionsInScope(db, scope), () => names.terms(db), () => names.placesInScope(db, scope)]);
  const short = (n: string) => n.replace(/(居民委员会|居委会)$/, '');
  const units = new Map<string, Map<string, number[]>>();
  return {
    region(name: string, err: (m: string) => void): string | null {
      if (!name) {
        err('请填写乡镇或社区的名称');
        return null;
      }
      const hits = regions.filter((r) => r.code === name || r.name === name || short(r.name) === short(name));
      if (hits.length !== 1) {
        err(hits.length ? `有多个名为“${name}”的区划，请填写区划代码` : `找不到“${name}”，或不在您的管辖范围内：请填写本人管辖的乡镇或社区`);
        return null;
      }
      return hits[0].code;
    },
    term(list: 'kind' | 'theme', name: string, err: (m: string) => void): number | null {
      const of = terms.filter((t) => t.list === list && t.active);
      const t = of.find((x) => x.name === name);
      if (!t) err(`不认识的${list === 'kind' ? '设施类别' : '内容主题'}“${name}”，可填：${of.map((x) => x.name).join('、')}`);
      return t?.id ?? null;
    },
    place(regionCode: string, name: string, err: (m: string) => void): number | null {
      const hits = places.filter((p) => p.name === name && p.regionCode.startsWith(regionCode));
      if (hits.length !== 1) {
        err(hits.length ? `该社区有多个名为“${name}”的点位，请改在系统中登记` : `找不到点位“${name}”：须是该社区已登记的街巷、小区或点位`);
        return null;
      }
      return hits[0].id;
    },
    async unit(town: string, name: string, err: (m: string) => void): Promise<number | null> {
      if (!units.has(town)) {
        const m = new Map<string, number[]>();
        for (const u of await reachableUnitsOf(db, town, UNIT_KINDS)) m.set(u.name, [...(m.get(u.name) ?? []), u.id]);
        units.set(town, m);
      }
      const ids = units.get(town)!.get(name) ?? [];
      if (ids.length !== 1) {
        err(ids.length ? `有多个名为“${name}”的单位，请改在系统中登记` : `“${name}”不是本镇可联系的单位：只能填本镇单位、挂钩共建单位或本县职能部门的名称`);
        return null;
      }
      return ids[0];
    },
  };
}

/** The refusal, with the rows again as <register>导入错误清单.xlsx. */
function invalid(s: (typeof SHEETS)[Sheet], header: string[], rows: ImportRow[], errors: ImportError[]) {
  const head = header.length ? header : s.columns;
  return importRefusal(errors, { header: head, rows, filename: `${s.name}导入错误清单.xlsx`, width: (h) => s.widths[s.columns.indexOf(h)] });
}

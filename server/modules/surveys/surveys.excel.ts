// 摸排 needs as Excel. The export is the filtered list (filtered by a
// department it is the list to send to that department) and, with its
// headers, the import's template. The import reads new needs: every row is
// checked first by the form's rules (resolve(): kind, community or place the
// caller records in, a point near the town, a found date not in the future,
// departments the town reaches, named as in the system); any bad row refuses
// the whole file with row-level errors and an error report; a good file is
// written in one transaction, each need with its history and audit row.
import type { Db } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { importWork, readXlsx } from '../../platform/xlsx.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { dateProblem, textProblem } from '../../../domain/input.ts';
import { MAX_QUANTITY } from '../../../domain/surveys.ts';
import { countCell, importRefusal, listKinds, workbook, type ImportError } from '../campaigns/index.ts';
import { reachableUnitsOf } from '../units/index.ts';
import { DEPARTMENT_KINDS, itemView, readScope, resolve, type ListQuery } from './surveys.service.ts';
import * as repo from './surveys.repository.ts';
import { shortCommunityName } from '../../../domain/regions.ts';

const SHEET = '摸排需求';
const COLUMNS = [
  '编号',
  '社区',
  '地点',
  '需求类别',
  '需求描述',
  '地址',
  '数量',
  '规模',
  '发现人',
  '发现日期',
  '对接部门',
  '状态',
  '暂缓原因',
  '部门答复',
  '纬度',
  '经度',
];
const WIDTHS = [8, 16, 16, 18, 40, 24, 8, 10, 10, 12, 30, 8, 20, 40, 12, 12];
const REQUIRED = ['社区', '需求类别', '需求描述', '发现人', '发现日期', '对接部门'];
const EXPORT_MAX = 20_000;
const IMPORT_MAX = 5000;

export async function exportNeeds(db: Db, actor: Actor, f: Omit<ListQuery, 'cursor' | 'limit'>) {
  const scope = readScope(actor);
  const rows: (string | number)[][] = [];
  let after: number | null = null;
  while (rows.length < EXPORT_MAX) {
    const page = await repo.listPage(db, f, scope, after, 1000);
    for (const r of page) {
      const n = itemView(r);
      rows.push([
        n.id,
        n.communityName ?? n.regionCode,
        n.place?.name ?? '',
        n.kind.name,
        n.description,
        n.address ?? '',
        n.quantity,
        n.size ?? '',
        n.foundBy,
        n.foundOn,
        n.units.map((u) => u.name).join('、'),
        n.stateLabel,
        n.deferReason ?? '',
        n.units
          .filter((u) => u.answer)
          .map((u) => `${u.name}：${u.answer}`)
          .join('；'),
        n.lat ?? '',
        n.lng ?? '',
      ]);
    }
    if (page.length < 1000) break;
    after = page[page.length - 1].id;
  }
  const unitName = f.unitId ? (await repo.unitNames(db, [f.unitId]))[0]?.name : null;
  return { buf: await workbook(SHEET, COLUMNS, rows, WIDTHS), title: unitName ? `摸排需求清单（${unitName}）` : '摸排需求清单' };
}

export async function importNeeds(db: Db, actor: Actor, buf: Buffer) {
  return importWork.run(async () => {
    const sheet = await readXlsx(buf, {
      sheet: SHEET,
      unit: '条需求',
      maxRows: IMPORT_MAX,
      notXlsx: '无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先导出摸排需求清单作为模板）',
    });
    const header = sheet.keys;
    const rows = sheet.rows.map(({ row, cells, values }) => ({ row, raw: cells, values }));
    const errors: ImportError[] = [];
    for (const h of REQUIRED) if (!header.includes(h)) errors.push({ row: 1, column: h, message: `缺少必需的表头“${h}”，请使用导出的摸排需求清单作为模板` });
    if (!errors.length && !rows.length) errors.push({ row: 2, column: '社区', message: '文件中没有数据行' });
    if (errors.length) throw await importRefusal(errors, { header, rows, filename: '摸排需求导入错误清单.xlsx' });

    const scope = regionScope(actor, 'survey.manage');
    const kinds = new Map((await listKinds(db, 'need')).filter((k) => k.active).map((k) => [k.name, k.id]));
    const towns = scope === 'all' ? [] : [...new Set(scope.map((p) => p.slice(0, 9)).filter((t) => t.length === 9))];
    const communities = new Map<string, string>();
    const places = new Map<string, { id: number; regionCode: string }[]>();
    const units = new Map<string, Map<string, number>>();
    for (const town of towns) {
      for (const c of await repo.communitiesOf(db, town)) {
        communities.set(c.name, c.code);
        communities.set(shortCommunityName(c.name), c.code);
        communities.set(c.code, c.code);
      }
      for (const p of await repo.placesOf(db, town)) places.set(p.name, [...(places.get(p.name) ?? []), p]);
      units.set(town, new Map((await reachableUnitsOf(db, town, DEPARTMENT_KINDS)).map((u) => [u.name, u.id])));
    }
    const good: { row: number; fields: repo.NeedFields; unitIds: number[] }[] = [];
    for (const { row, values } of rows) {
      const cell = (h: string) => values[h] ?? '';
      const err = (column: string, message: string) => errors.push({ row, column, message });
      if (cell('编号')) err('编号', '导入只新增需求：请清空“编号”列（已有需求请在系统中修改）');
      for (const h of COLUMNS) {
        const bad = cell(h) ? textProblem(cell(h)) : null;
        if (bad) err(h, bad);
      }
      const community = communities.get(cell('社区'));
      if (!community) err('社区', cell('社区') ? `找不到社区“${cell('社区')}”：须是您管辖乡镇的社区` : '请填写社区');
      let placeId: number | null = null;
      if (cell('地点') && community) {
        const hits = (places.get(cell('地点')) ?? []).filter((p) => p.regionCode.startsWith(community));
        if (hits.length !== 1) err('地点', hits.length ? `“${cell('地点')}”有多个同名地点，请在系统中登记` : `找不到该社区的地点“${cell('地点')}”`);
        else placeId = hits[0].id;
      }
      const kindId = kinds.get(cell('需求类别'));
      if (!kindId) err('需求类别', `不认识的需求类别“${cell('需求类别')}”，可填：${[...kinds.keys()].join('、')}`);
      if (cell('需求描述').length < 2) err('需求描述', '请描述需求（至少 2 个字）');
      if (!cell('发现人')) err('发现人', '请填写发现人');
      const found = cell('发现日期');
      const dateBad = found ? dateProblem(found) : '请填写发现日期';
      if (dateBad) err('发现日期', dateBad);
      const qty = cell('数量') ? countCell(cell('数量'), MAX_QUANTITY) : 1;
      if (typeof qty === 'string') err('数量', qty);
      const coord = (h: string, lo: number, hi: number) => {
        if (!cell(h)) return null;
        const v = Number(cell(h));
        if (!Number.isFinite(v) || v < lo || v > hi) {
          err(h, `“${cell(h)}”不是有效的${h}`);
          return null;
        }
        return v;
      };
      const lat = coord('纬度', -90, 90);
      const lng = coord('经度', -180, 180);
      const townUnits = community ? units.get(community.slice(0, 9)) : undefined;
      const unitIds: number[] = [];
      for (const name of cell('对接部门')
        .split(/[、,，;；]/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        if (!townUnits) break; // the community is refused already; its town's units are unknown
        const u = townUnits.get(name);
        if (!u) err('对接部门', `“${name}”不是本镇可对接的部门或共建单位`);
        else unitIds.push(u);
      }
      if (!cell('对接部门')) err('对接部门', '请填写对接部门（多个以“、”分隔）');
      if (errors.some((e) => e.row === row) || !community || !kindId || typeof qty === 'string') continue;
      const r = await resolve(
        db,
        actor,
        {
          regionCode: community,
          placeId,
          kindId,
          description: cell('需求描述'),
          address: cell('地址') || null,
          lat,
          lng,
          quantity: qty,
          size: cell('规模') || null,
          foundBy: cell('发现人'),
          foundOn: found,
          unitIds,
        },
        (path, message) =>
          err({ regionCode: '社区', placeId: '地点', lat: '纬度', foundOn: '发现日期', unitIds: '对接部门', kindId: '需求类别' }[path] ?? path, message),
      );
      if (r) good.push({ row, ...r });
    }
    if (errors.length) throw await importRefusal(errors, { header, rows, filename: '摸排需求导入错误清单.xlsx' });
    const items = await db.transaction(async (tx) => {
      const out: { id: number; row: number }[] = [];
      for (const g of good) {
        const id = await repo.insertNeed(tx, g.fields, actor.personId);
        await repo.setUnits(tx, id, g.unitIds);
        await repo.addEvent(tx, id, { from: null, to: 'pending', note: '导入', actorId: actor.personId, actorName: actor.name });
        await audit(tx, {
          actor,
          action: 'import',
          entity: 'survey_need',
          entityId: id,
          regionCode: g.fields.regionCode,
          after: { ...g.fields, unitIds: g.unitIds },
        });
        out.push({ id, row: g.row });
      }
      return out;
    });
    return { created: items.length, items };
  });
}

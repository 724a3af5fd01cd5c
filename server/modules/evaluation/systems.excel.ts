// The 测评体系 as .xlsx: a version exported one row per 测评标准 (its 测评项目 and
// 测评内容 on the row), and a town's own year's handbook imported in the same
// columns as a new version, all or nothing: every row is checked first and any
// bad row refuses the file with {row, column, message} (IMPORT_INVALID).
import ExcelJS from 'exceljs';
import type { Db } from '../../db/pool.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { textProblem } from '../../../domain/input.ts';
import { codeOfLabel, EVAL_METHOD_LABELS, MATERIAL_KIND_LABELS, pointsProblem, type EvalMethod, type MaterialKind } from '../../../domain/evaluation.ts';
import { POINT_TYPE_LABELS, POINT_TYPES, type PointType } from '../../../domain/regions.ts';
import { importWork, readXlsx } from '../../platform/xlsx.ts';
import * as repo from './systems.repository.ts';
import { createVersion, departmentMatcher, systemOf, townOf, tree } from './systems.service.ts';
import { importRefusal, XLSX_TYPE, type ImportError } from '../../platform/xlsx-import.ts';

export { XLSX_TYPE };
export const SHEET = '测评体系';
export const COLUMNS = ['测评项目', '测评内容', '测评标准', '测评方法', '分值', '责任单位', '点位类型', '清单条目', '材料类型'] as const;
const REQUIRED = ['测评项目', '测评内容', '测评标准', '测评方法', '分值'];
export const IMPORT_MAX_ROWS = 2000;
const LIMITS: Record<string, number> = { 测评项目: 100, 测评内容: 100, 测评标准: 500 };
const SEP = /[、,，;；\s]+/;
const split = (s: string | undefined) => (s ?? '').split(SEP).filter(Boolean);

/** Rows of one version, as the import reads them back. */
export async function exportSystem(db: Db, actor: Actor, id: number): Promise<{ buf: Buffer; name: string }> {
  const t = await tree(db, actor, id);
  const byId = new Map(t.nodes.map((n) => [n.id, n]));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.columns = COLUMNS.map((h) => ({ header: h, width: h === '测评标准' ? 60 : h === '分值' ? 8 : 20 }));
  ws.getRow(1).font = { bold: true };
  for (const n of t.nodes) {
    if (n.level !== 'standard') continue;
    const content = byId.get(n.parentId!);
    const item = content && byId.get(content.parentId!);
    ws.addRow([
      item?.name ?? '',
      content?.name ?? '',
      n.name,
      n.methods.map((m) => EVAL_METHOD_LABELS[m]).join('、'),
      n.points ?? '',
      n.departmentNames.join('、'),
      n.pointTypes.map((p) => POINT_TYPE_LABELS[p as PointType] ?? p).join('、'),
      n.checklistItems.map((c) => c.code).join('、'),
      n.materialKinds.map((k) => MATERIAL_KIND_LABELS[k]).join('、'),
    ]);
  }
  return { buf: Buffer.from(await wb.xlsx.writeBuffer()), name: `测评体系-第${t.system.version}版.xlsx` };
}

export async function template(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.columns = COLUMNS.map((h) => ({ header: h, width: h === '测评标准' ? 60 : 20 }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(['城乡环境卫生', '市容市貌', '背街小巷路面平整，无暴露垃圾、无乱堆乱放', '实地考察', 3, '城市管理局', '背街小巷', 'BS01、BS02、BS04', '']);
  ws.addRow(['创建工作长效机制', '组织领导', '年度工作方案和任务分解表明确到单位', '材料审核', 1.5, '创城办', '', '', '规范文件、统计表格']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function importSystem(db: Db, actor: Actor, townCode: string, buf: Buffer, name?: string) {
  townOf(actor, townCode, 'evaluation.manage');
  return importWork.run(async () => {
    const sheet = await readXlsx(buf, {
      sheet: SHEET,
      unit: '条标准',
      maxRows: IMPORT_MAX_ROWS,
      notXlsx: '无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）',
    });
    const header = sheet.keys;
    const errors: ImportError[] = [];
    for (const h of REQUIRED) if (!header.includes(h)) errors.push({ row: 1, column: h, message: `缺少必需的表头“${h}”，请使用导入模板` });
    if (!errors.length && !sheet.rows.length) errors.push({ row: 2, column: '测评标准', message: '文件中没有数据行' });
    if (errors.length) throw await importRefusal(errors);
    const match = await departmentMatcher(db, townCode);
    const checklist = await repo.checklistItemsByCode(db);
    const list: repo.NewNode[] = [];
    const items = new Map<string, number>();
    const contents = new Map<string, number>();
    const seen = new Set<string>();
    const count = { item: 0, content: new Map<number, number>(), standard: new Map<number, number>() };
    for (const { row, values: v } of sheet.rows) {
      const n0 = errors.length;
      const err = (column: string, message: string) => errors.push({ row, column, message });
      for (const [col, max] of Object.entries(LIMITS)) {
        const t = v[col] ?? '';
        const bad = textProblem(t);
        if (bad) err(col, bad);
        else if (!t) err(col, `${col}不能为空`);
        else if (t.length > max) err(col, `最多 ${max} 个字`);
      }
      const methods = split(v['测评方法']).map((l) => [l, codeOfLabel(EVAL_METHOD_LABELS, l)] as const);
      if (!methods.length) err('测评方法', '测评方法不能为空（实地考察、材料审核、问卷调查）');
      for (const [l, m] of methods) if (!m) err('测评方法', `“${l}”不是测评方法，可填：实地考察、材料审核、问卷调查`);
      const ms = methods.map(([, m]) => m).filter((m): m is EvalMethod => !!m);
      const points = Number(v['分值']);
      const pbad = v['分值'] ? pointsProblem(points) : '分值不能为空';
      if (pbad) err('分值', pbad);
      const unitIds: number[] = [];
      const depts = split(v['责任单位']);
      for (const d of depts) {
        const u = match(d);
        if (u) unitIds.push(u.id);
        else err('责任单位', `“${d}”不是本镇可对应的单位（或有多个同名单位），请填写单位全称`);
      }
      if (ms.includes('material') && !depts.length) err('责任单位', '材料审核标准须填写责任单位');
      const pointTypes: string[] = [];
      for (const p of split(v['点位类型'])) {
        const code = POINT_TYPES.includes(p as PointType) ? p : codeOfLabel(POINT_TYPE_LABELS, p);
        if (code) pointTypes.push(code);
        else err('点位类型', `“${p}”不是点位类型，可填：${Object.values(POINT_TYPE_LABELS).join('、')}`);
      }
      const codes = split(v['清单条目']).map((c) => c.toUpperCase());
      for (const c of codes) {
        const it = checklist.get(c);
        if (!it) err('清单条目', `巡查清单中没有条目“${c}”`);
        else if (pointTypes.length && !pointTypes.includes(it.pointType))
          err('清单条目', `条目“${c}”属于${POINT_TYPE_LABELS[it.pointType as PointType] ?? it.pointType}，不在所填点位类型中`);
      }
      if ((pointTypes.length || codes.length) && !ms.includes('field')) err('点位类型', '只有实地考察标准对应点位类型和清单条目');
      const kinds: MaterialKind[] = [];
      for (const k of split(v['材料类型'])) {
        const code = codeOfLabel(MATERIAL_KIND_LABELS, k);
        if (code) kinds.push(code);
        else err('材料类型', `“${k}”不是材料类型，可填：规范文件、情况说明、实景图片、统计表格`);
      }
      if (ms.includes('material') && !kinds.length) err('材料类型', '材料审核标准须填写所需材料类型');
      if (kinds.length && !ms.includes('material')) err('材料类型', '只有材料审核标准需要材料');
      const key = `${v['测评项目']}\u0000${v['测评内容']}\u0000${v['测评标准']}`;
      if (seen.has(key)) err('测评标准', '同一测评内容下的标准重复');
      seen.add(key);
      if (errors.length > n0) continue;
      // Items and contents in order of first appearance; their numbers follow.
      let itemIdx = items.get(v['测评项目']);
      if (itemIdx == null) {
        itemIdx = list.length;
        items.set(v['测评项目'], itemIdx);
        list.push(bare('item', `${++count.item}`, v['测评项目'], null));
      }
      const ck = `${v['测评项目']}\u0000${v['测评内容']}`;
      let contentIdx = contents.get(ck);
      if (contentIdx == null) {
        contentIdx = list.length;
        contents.set(ck, contentIdx);
        const k = (count.content.get(itemIdx) ?? 0) + 1;
        count.content.set(itemIdx, k);
        list.push(bare('content', `${list[itemIdx].code}.${k}`, v['测评内容'], itemIdx));
      }
      const s = (count.standard.get(contentIdx) ?? 0) + 1;
      count.standard.set(contentIdx, s);
      list.push({
        level: 'standard',
        code: `${list[contentIdx].code}.${s}`,
        name: v['测评标准'],
        methods: [...new Set(ms)],
        points,
        departmentNames: depts,
        unitIds: [...new Set(unitIds)],
        pointTypes: [...new Set(pointTypes)],
        checklistItems: [...new Set(codes)],
        materialKinds: [...new Set(kinds)],
        parent: contentIdx,
      });
    }
    if (errors.length) throw await importRefusal(errors);
    // Nodes were pushed in order of first appearance; a content's standards may come later in the sheet, so keep parents before children by sorting on the code path.
    const ordered = orderTree(list);
    const id = await db.transaction((tx) => createVersion(tx, actor, townCode, name || `导入版本（${sheet.rows.length} 条标准）`, 'import', ordered));
    return { system: (await systemOf(db, actor, id))!, unmatchedDepartments: [] as string[] };
  });
}

function bare(level: 'item' | 'content', code: string, name: string, parent: number | null): repo.NewNode {
  return { level, code, name, methods: [], points: null, departmentNames: [], unitIds: [], pointTypes: [], checklistItems: [], materialKinds: [], parent };
}

/** The nodes depth-first (item, its contents, each content's standards), parents' indexes remapped. */
function orderTree(list: repo.NewNode[]): repo.NewNode[] {
  const children = new Map<number | null, number[]>();
  list.forEach((n, i) => {
    const siblings = children.get(n.parent) ?? [];
    siblings.push(i);
    children.set(n.parent, siblings);
  });
  const out: repo.NewNode[] = [];
  const walk = (parentOld: number | null, parentNew: number | null) => {
    for (const i of children.get(parentOld) ?? []) {
      out.push({ ...list[i], parent: parentNew });
      walk(i, out.length - 1);
    }
  };
  walk(null, null);
  return out;
}

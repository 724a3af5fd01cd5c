// Activities imported from Excel (the export's headers, activities.excel.ts),
// read within the import limits (server/platform/xlsx.ts). Every row is
// checked first, by the same rules as the planning form (resolve(): kind,
// place, organiser, co-organisers among the town's reachable units) plus the
// state's own (a held row's day is not in the future, a cancelled row has its
// reason, the publicity link is a web address); any bad row rejects the whole
// file with {row, column, message} errors and an error report (.xlsx: the
// rows plus 错误说明) in details.report. A good file is written in one
// transaction, each activity with its audit row. Import only adds: a row
// naming an 活动编号 is refused (the export's rows are not re-imported).
import type { Db } from '../../db/pool.ts';
import { auditValues } from '../../platform/audit.ts';
import { todayChina } from '../../platform/clock.ts';
import { importWork, IMPORT_MAX_ROWS, readXlsx } from '../../platform/xlsx.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { dateProblem, textProblem } from '../../../domain/input.ts';
import { ACTIVITY_STATE_LABELS, ACTIVITY_STATES, MAX_PARTICIPANTS, publicityUrlProblem, type ActivityState } from '../../../domain/activities.ts';
import { COLUMNS, WIDTHS } from './activities.excel.ts';
import { ensureSeeded } from './activities.seed.ts';
import { lookups, resolve } from './activities.service.ts';
import { reachableUnitsOf } from '../units/index.ts';
import { regionScope } from '../../../domain/permissions.ts';
import { UNIT_KINDS } from '../../../domain/units.ts';
import { shortCommunityName } from '../../../domain/regions.ts';
import * as repo from './activities.repository.ts';
import { importRefusal, type ImportError } from '../../platform/xlsx-import.ts';
import { readAll } from '../../db/reads.ts';

interface Row {
  row: number;
  values: Record<string, string>;
  raw: string[];
}

const REQUIRED = ['活动名称', '活动类别', '活动日期', '活动地点', '组织单位'] as const;
const STATE_BY_LABEL = new Map(ACTIVITY_STATES.map((s) => [ACTIVITY_STATE_LABELS[s], s]));
const COUNT_COLUMNS = [
  ['群众', 'residents'],
  ['志愿者', 'volunteers'],
  ['镇村干部', 'cadres'],
  ['共建单位人员', 'coBuildingStaff'],
] as const;
/** Which column a field of resolve() is read from. */
const COLUMN_OF: Record<string, string> = { kindId: '活动类别', placeId: '活动地点', unitId: '组织单位' };
const INSERT_BATCH = 1000;

export async function importActivities(db: Db, actor: Actor, buf: Buffer) {
  await ensureSeeded(db);
  return importWork.run(() => importSheet(db, actor, buf));
}

async function importSheet(db: Db, actor: Actor, buf: Buffer) {
  const sheet = await readXlsx(buf, {
    sheet: '活动清单',
    unit: '场活动',
    maxRows: IMPORT_MAX_ROWS,
    notXlsx: '无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先导出活动清单作为模板）',
  });
  const header = sheet.keys;
  const rows: Row[] = sheet.rows.map(({ row, cells, values }) => ({ row, values, raw: cells }));
  const errors: ImportError[] = [];
  for (const h of REQUIRED) if (!header.includes(h)) errors.push({ row: 1, column: h, message: `缺少必需的表头“${h}”，请使用导出的活动清单作为模板` });
  if (!errors.length && !rows.length) errors.push({ row: 2, column: '活动名称', message: '文件中没有数据行' });
  if (errors.length) throw await refusal(header, rows, errors);

  const names = await nameIndex(db, actor);
  const look = lookups(db, true);
  const today = todayChina();
  const good: { row: number; a: repo.NewActivity; coUnitIds: number[] }[] = [];
  for (const { row, values: v } of rows) {
    const err = (column: string, message: string) => errors.push({ row, column, message });
    const n0 = errors.length;
    const cell = (c: string) => (v[c] ?? '').trim();
    if (cell('活动编号')) err('活动编号', `已登记的活动（编号 ${cell('活动编号')}）不能重复导入：导入只新增活动，请删去该行或清空活动编号`);
    const title = cell('活动名称');
    if (title.length < 2 || title.length > 100) err('活动名称', '活动名称应为 2-100 个字');
    for (const c of ['活动名称', '每月主题', '节日', '活动简报', '取消原因']) {
      const p = textProblem(cell(c));
      if (p) err(c, p);
    }
    const state: ActivityState | undefined = cell('状态') ? STATE_BY_LABEL.get(cell('状态')) : 'planned';
    if (!state) err('状态', `不认识的状态“${cell('状态')}”，可填：${ACTIVITY_STATES.map((s) => ACTIVITY_STATE_LABELS[s]).join('、')}（不填为计划中）`);
    const onDate = cell('活动日期');
    const dp = dateProblem(onDate);
    if (dp) err('活动日期', onDate ? dp : '请填写活动日期（YYYY-MM-DD）');
    else if (state === 'held' && onDate > today) err('活动日期', '已开展的活动，日期不能晚于今天');
    const counts: Record<string, number> = {};
    for (const [c, k] of COUNT_COLUMNS) {
      const s = cell(c);
      const n = s === '' ? 0 : Number(s);
      if (!Number.isInteger(n) || n < 0 || n > MAX_PARTICIPANTS) err(c, `人数应为 0-${MAX_PARTICIPANTS} 的整数`);
      else if (n > 0 && state !== 'held') err(c, '只有已开展的活动登记参与人数');
      counts[k] = n;
    }
    const report = cell('活动简报') || null;
    if (report && report.length > 2000) err('活动简报', '活动简报最多 2000 个字');
    const url = cell('宣传报道链接') || null;
    if (url) {
      const p = publicityUrlProblem(url);
      if (p) err('宣传报道链接', p);
    }
    const reason = cell('取消原因') || null;
    if (state === 'cancelled' && (!reason || reason.length < 2)) err('取消原因', '已取消的活动须填写取消原因');
    if (reason && reason.length > 500) err('取消原因', '取消原因最多 500 个字');
    const theme = cell('每月主题') || null;
    if (theme && theme.length > 100) err('每月主题', '每月主题最多 100 个字');
    const festival = cell('节日') || null;
    if (festival && festival.length > 50) err('节日', '节日最多 50 个字');
    // Names to ids, then the planning form's own checks.
    const kindId = names.kind(cell('活动类别'), (m) => err('活动类别', m));
    const placeId = names.place(cell('活动地点'), cell('所在社区'), (m) => err('活动地点', m));
    if (!kindId || !placeId) continue;
    const town = names.townOfPlace(placeId);
    const unitId = names.unit(town, cell('组织单位'), (m) => err('组织单位', m));
    const coNames = cell('共建单位')
      .split(/[、,，;；\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (coNames.length > 20) err('共建单位', '共建单位最多 20 个');
    const coUnitIds = coNames.map((n) => names.unit(town, n, (m) => err('共建单位', m))).filter((x): x is number => x !== null);
    if (!unitId || errors.length > n0) continue;
    const r = await resolve(look, actor, { kindId, unitId, placeId, coUnitIds }, (path, message) => err(COLUMN_OF[path] ?? '共建单位', message));
    if (!r || errors.length > n0) continue;
    good.push({
      row,
      coUnitIds: r.coUnitIds,
      a: {
        townCode: r.townCode,
        regionCode: r.regionCode,
        organizerUnitId: r.organizerUnitId,
        kindId,
        title,
        theme,
        festival,
        placeId,
        onDate,
        state: state!,
        cancelReason: state === 'cancelled' ? reason : null,
        residents: counts.residents,
        volunteers: counts.volunteers,
        cadres: counts.cadres,
        coBuildingStaff: counts.coBuildingStaff,
        report,
        publicityUrl: url,
        createdBy: actor.personId,
        heldAt: state === 'held' ? new Date() : null,
      },
    });
  }
  if (errors.length)
    throw await refusal(
      header,
      rows,
      errors.sort((a, b) => a.row - b.row),
    );
  const items = await db.transaction(async (tx) => {
    const out: { id: number; row: number }[] = [];
    for (let i = 0; i < good.length; i += INSERT_BATCH) {
      const batch = good.slice(i, i + INSERT_BATCH);
      const ids = await repo.insertActivities(
        tx,
        batch.map((g) => g.a),
      );
      await repo.insertCoUnits(
        tx,
        batch.flatMap((g, j) => g.coUnitIds.map((unitId) => ({ activityId: ids[j], unitId }))),
      );
      await repo.insertAudits(
        tx,
        batch.map((g, j) =>
          auditValues({
            actor,
            action: 'activity.import',
            entity: 'activity',
            entityId: ids[j],
            regionCode: g.a.regionCode,
            after: { ...g.a, coUnitIds: g.coUnitIds, row: g.row },
          }),
        ),
      );
      out.push(...batch.map((g, j) => ({ id: ids[j], row: g.row })));
    }
    return out;
  });
  return { created: items.length, items };
}

/**
 * Names in cells to ids: active kinds by name; the places the caller may
 * plan in by name (with 所在社区 when two communities have one of that name);
 * a town's reachable units by name.
 */
async function nameIndex(db: Db, actor: Actor) {
  const [kinds, places] = await readAll(db, [() => repo.listKinds(db), () => repo.placesInScope(db, regionScope(actor, 'activity.manage'))]);
  const kindByName = new Map(kinds.filter((k) => k.active).map((k) => [k.name, k.id]));
  const placesByName = new Map<string, typeof places>();
  for (const p of places) placesByName.set(p.name, [...(placesByName.get(p.name) ?? []), p]);
  const townOf = new Map(places.map((p) => [p.id, p.regionCode.slice(0, 9)]));
  const unitsOfTown = new Map<string, Map<string, number[]>>();
  const coKinds = UNIT_KINDS.filter((k) => k !== 'county_office');
  for (const town of new Set(townOf.values())) {
    const m = new Map<string, number[]>();
    for (const u of await reachableUnitsOf(db, town, coKinds)) m.set(u.name, [...(m.get(u.name) ?? []), u.id]);
    unitsOfTown.set(town, m);
  }
  return {
    kind(name: string, err: (m: string) => void): number | null {
      if (!name) {
        err('请填写活动类别');
        return null;
      }
      const id = kindByName.get(name);
      if (!id) err(`不认识的活动类别“${name}”，可填：${[...kindByName.keys()].join('、')}`);
      return id ?? null;
    },
    place(name: string, community: string, err: (m: string) => void): number | null {
      if (!name) {
        err('请填写活动地点（本镇的街巷、小区或点位名称）');
        return null;
      }
      let hits = placesByName.get(name) ?? [];
      if (community) {
        // The community as named in the region list (水东街社区居委会), shortened (水东街社区), or its code.
        hits = hits.filter(
          (p) => p.regionCode.startsWith(community) || (p.regionName !== null && shortCommunityName(p.regionName) === shortCommunityName(community)),
        );
      }
      if (!hits.length) {
        err(`找不到活动地点“${name}”${community ? `（${community}）` : ''}：须是您管辖社区已登记的街巷、小区或点位`);
        return null;
      }
      if (hits.length > 1) {
        err(`有 ${hits.length} 个名为“${name}”的地点（${hits.map((p) => p.regionName ?? p.regionCode).join('、')}），请在“所在社区”列注明`);
        return null;
      }
      return hits[0].id;
    },
    townOfPlace: (id: number) => townOf.get(id)!,
    unit(town: string, name: string, err: (m: string) => void): number | null {
      if (!name) {
        err('请填写单位名称');
        return null;
      }
      const ids = unitsOfTown.get(town)?.get(name) ?? [];
      if (!ids.length) {
        err(`“${name}”不是本镇可联系的单位：只能填本镇单位、与本镇社区挂钩共建的单位或本县职能部门的名称`);
        return null;
      }
      if (ids.length > 1) {
        err(`有多个名为“${name}”的单位，请改在系统中登记该活动`);
        return null;
      }
      return ids[0];
    },
  };
}

/** The refusal, with the rows again as 活动导入错误清单.xlsx. */
function refusal(header: string[], rows: Row[], errors: ImportError[]) {
  const head = header.length ? header : [...COLUMNS];
  return importRefusal(errors, { header: head, rows, filename: '活动导入错误清单.xlsx', width: (h) => WIDTHS[COLUMNS.indexOf(h as (typeof COLUMNS)[number])] });
}

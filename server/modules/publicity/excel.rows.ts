// One row of a publicity import turned into the form's input, per sheet:
// names in cells become ids (regions the caller manages, a town's reachable
// units, kinds, themes, points, LED screens) and the form's own checks run
// (output.service columns(), facilities.service resolve()). Every refusal is
// reported against the sheet's column; the row's prepared write comes back
// only when the row is clean. Also each sheet's export row (the columns the
// import reads back).
import type { Db } from '../../db/pool.ts';
import { readAll } from '../../db/reads.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { dateProblem } from '../../../domain/input.ts';
import { publicityUrlProblem } from '../../../domain/activities.ts';
import { CHANNEL_LABELS, CHANNELS, CONDITION_LABELS, CONDITIONS, HANDOUT_KIND_LABELS, HANDOUT_KINDS, MAX_QUANTITY } from '../../../domain/publicity.ts';
import { UNIT_KINDS } from '../../../domain/units.ts';
import { reachableUnitsOf } from '../units/index.ts';
import * as output from './output.service.ts';
import * as fac from './facilities.service.ts';
import * as names from './names.repository.ts';
import { shortCommunityName } from '../../../domain/regions.ts';

export type Sheet = 'articles' | 'led' | 'handouts' | 'door' | 'facilities';

/** A checked row ready to write: the table's columns, and a 入户宣传 session's units. */
export interface Prepared {
  row: Record<string, unknown>;
  unitIds?: number[];
  input: unknown;
}

/** What a row's parser reads and reports through. */
export interface RowCtx {
  db: Db;
  actor: Actor;
  idx: NameIndex;
  look: ReturnType<typeof fac.lookups>;
  cell: (column: string) => string;
  err: (column: string, message: string) => void;
  /** The errors so far in this row (a parser stops before the form's checks when the cells are already wrong). */
  failed: () => boolean;
}

const yes = (s: string) => ['是', 'Y', 'y', '1', 'TRUE', 'true'].includes(s);
/** A list of names in one cell: 、，,；; or new lines between them. */
export const splitNames = (s: string) =>
  s
    .split(/[、，,；;\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);

function cells(c: RowCtx) {
  const day = (col: string, required: boolean) => {
    const d = c.cell(col);
    if (!d) {
      if (required) c.err(col, `请填写${col}（YYYY-MM-DD）`);
      return null;
    }
    const p = dateProblem(d);
    if (p) c.err(col, p);
    return p ? null : d;
  };
  const text = (col: string, min: number, max: number, required = true) => {
    const t = c.cell(col);
    if (!t) {
      if (required) c.err(col, `请填写${col}`);
      return null;
    }
    if (t.length < min || t.length > max) c.err(col, `${col}应为 ${min}-${max} 个字`);
    return t;
  };
  const count = (col: string, what: string) => {
    const q = Number(c.cell(col));
    if (!c.cell(col) || !Number.isInteger(q) || q < 0 || q > MAX_QUANTITY) c.err(col, `${what}应为 0-${MAX_QUANTITY} 的整数`);
    return q;
  };
  return { day, text, count };
}

/** An output register's row through columns(), each path reported on its column. */
async function throughColumns<R extends 'articles' | 'led' | 'handouts' | 'door'>(
  c: RowCtx,
  reg: R,
  input: output.Inputs[R],
  columnOf: Record<string, string>,
  fallback: string,
): Promise<Prepared | null> {
  if (c.failed()) return null;
  const r = await output.columns(c.db, c.actor, reg, input, (path, message) => c.err(columnOf[path.replace(/\.\d+$/, '')] ?? fallback, message));
  return r ? { row: r.row, unitIds: r.unitIds, input } : null;
}

export const PARSE: Record<Sheet, (c: RowCtx) => Promise<Prepared | null>> = {
  async articles(c) {
    const { day, text } = cells(c);
    const regionCode = c.idx.region(c.cell('所属区划'), (m) => c.err('所属区划', m));
    const town = regionCode?.slice(0, 9) ?? '';
    const authorUnitId = c.cell('作者单位') && town ? await c.idx.unit(town, c.cell('作者单位'), (m) => c.err('作者单位', m)) : null;
    const channel = CHANNELS.find((x) => CHANNEL_LABELS[x] === c.cell('渠道') || x === c.cell('渠道'));
    if (!channel) c.err('渠道', `渠道应为：${CHANNELS.map((x) => CHANNEL_LABELS[x]).join('、')}`);
    const url = c.cell('链接') || null;
    if (url && publicityUrlProblem(url)) c.err('链接', publicityUrlProblem(url)!);
    const input = {
      regionCode: regionCode!,
      channel: channel!,
      channelName: text('渠道名称', 1, 50, false),
      title: text('标题', 2, 200)!,
      url,
      publishedOn: day('发布日期', true)!,
      authorUnitId,
      featured: yes(c.cell('特色供稿')),
      carriedBy: text('采用媒体', 1, 200, false),
    };
    return throughColumns(
      c,
      'articles',
      input,
      { regionCode: '所属区划', publishedOn: '发布日期', carriedBy: '采用媒体', authorUnitId: '作者单位' },
      '所属区划',
    );
  },

  async led(c) {
    const { day, text } = cells(c);
    const regionCode = c.idx.region(c.cell('所属区划'), (m) => c.err('所属区划', m));
    const town = regionCode?.slice(0, 9) ?? '';
    const facilityId = c.cell('关联设施') && town ? await c.idx.ledScreen(town, c.cell('关联设施'), (m) => c.err('关联设施', m)) : null;
    const input = {
      regionCode: regionCode!,
      screen: text('LED屏', 2, 100)!,
      facilityId,
      content: text('播放内容', 2, 500)!,
      fromDate: day('开始日期', true)!,
      toDate: day('结束日期', true)!,
    };
    return throughColumns(c, 'led', input, { regionCode: '所属区划', fromDate: '开始日期', toDate: '结束日期', facilityId: '关联设施' }, '所属区划');
  },

  async handouts(c) {
    const { day, text, count } = cells(c);
    const regionCode = c.idx.region(c.cell('所属区划'), (m) => c.err('所属区划', m));
    const town = regionCode?.slice(0, 9) ?? '';
    const unitId = c.cell('发放单位') && town ? await c.idx.unit(town, c.cell('发放单位'), (m) => c.err('发放单位', m)) : null;
    const kind = HANDOUT_KINDS.find((k) => HANDOUT_KIND_LABELS[k] === c.cell('种类') || k === c.cell('种类'));
    if (!kind) c.err('种类', `种类应为：${HANDOUT_KINDS.map((k) => HANDOUT_KIND_LABELS[k]).join('、')}`);
    const input = {
      regionCode: regionCode!,
      kind: kind!,
      title: text('名称', 2, 100)!,
      quantity: count('数量', '数量'),
      handedOn: day('发放日期', true)!,
      location: text('发放地点', 1, 200, false),
      unitId,
    };
    return throughColumns(c, 'handouts', input, { regionCode: '所属区划', handedOn: '发放日期', unitId: '发放单位' }, '所属区划');
  },

  async door(c) {
    const { day, text, count } = cells(c);
    const regionCode = c.idx.region(c.cell('所在社区'), (m) => c.err('所在社区', m));
    if (regionCode && regionCode.length !== 12) c.err('所在社区', '入户宣传应登记到社区：请填写社区的名称');
    const town = regionCode?.slice(0, 9) ?? '';
    const given = splitNames(c.cell('参加单位'));
    if (given.length > 30) c.err('参加单位', '参加单位最多 30 个');
    const unitIds: number[] = [];
    if (town)
      for (const n of given.slice(0, 30)) {
        const id = await c.idx.unit(town, n, (m) => c.err('参加单位', m));
        if (id) unitIds.push(id);
      }
    const input = {
      regionCode: regionCode!,
      onDate: day('日期', true)!,
      households: count('入户户数', '入户户数'),
      note: text('备注', 1, 1000, false),
      unitIds,
    };
    return throughColumns(c, 'door', input, { regionCode: '所在社区', onDate: '日期', unitIds: '参加单位' }, '所在社区');
  },

  async facilities(c) {
    const { day, text } = cells(c);
    const regionCode = c.idx.region(c.cell('所在社区'), (m) => c.err('所在社区', m));
    const kindId = c.idx.term('kind', c.cell('设施类别'), (m) => c.err('设施类别', m));
    const themeId = c.cell('内容主题') ? c.idx.term('theme', c.cell('内容主题'), (m) => c.err('内容主题', m)) : null;
    const placeId = c.cell('所属点位') && regionCode ? c.idx.place(regionCode, c.cell('所属点位'), (m) => c.err('所属点位', m)) : null;
    const ownerUnitId = c.cell('管理单位') && regionCode ? await c.idx.unit(regionCode.slice(0, 9), c.cell('管理单位'), (m) => c.err('管理单位', m)) : null;
    const condition = CONDITIONS.find((x) => CONDITION_LABELS[x] === c.cell('状况') || x === c.cell('状况'));
    if (!condition) c.err('状况', `状况应为：${CONDITIONS.map((x) => CONDITION_LABELS[x]).join('、')}`);
    const lat = Number(c.cell('纬度'));
    const lng = Number(c.cell('经度'));
    if (!c.cell('纬度') || !Number.isFinite(lat) || Math.abs(lat) > 90) c.err('纬度', '纬度应为 -90 到 90 之间的数（WGS84）');
    if (!c.cell('经度') || !Number.isFinite(lng) || Math.abs(lng) > 180) c.err('经度', '经度应为 -180 到 180 之间的数（WGS84）');
    const input = {
      name: text('设施名称', 2, 100)!,
      kindId: kindId!,
      themeId,
      placeId,
      regionCode: placeId ? null : regionCode,
      ownerUnitId,
      installedOn: day('设置日期', false),
      condition: condition!,
      lat,
      lng,
      note: text('备注', 1, 1000, false),
    };
    if (c.failed()) return null;
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
    const row = await fac.resolve(c.look, c.actor, input, (path, message) => c.err(colOf[path] ?? '设施名称', message));
    return row ? { row, input } : null;
  },
};

/** Each sheet's export row from its list's item (the import's columns, in order). */
export const EXPORT_ROW: Record<Sheet, (x: any) => (string | number)[]> = {
  articles: (x) => [
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
  ],
  led: (x) => [x.id, x.regionName ?? x.regionCode, x.screen, x.facility?.name ?? '', x.content, x.fromDate, x.toDate],
  handouts: (x) => [x.id, x.regionName ?? x.regionCode, x.kindLabel, x.title, x.quantity, x.handedOn, x.location ?? '', x.unit?.name ?? ''],
  door: (x) => [x.id, x.regionName ?? x.regionCode, x.onDate, x.households, x.units.map((u: { name: string }) => u.name).join('、'), x.note ?? ''],
  facilities: (f) => [
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
  ],
};

/** Names in cells to ids: regions the caller manages, a town's reachable units and LED screens, kinds and themes, a community's points. */
export async function nameIndex(db: Db, actor: Actor) {
  const scope = regionScope(actor, 'publicity.manage');
  const [regions, terms, places] = await readAll(db, [() => names.regionsInScope(db, scope), () => names.terms(db), () => names.placesInScope(db, scope)]);
  const units = new Map<string, Map<string, number[]>>();
  const screens = new Map<string, { id: number; name: string }[]>();
  return {
    region(name: string, err: (m: string) => void): string | null {
      if (!name) {
        err('请填写乡镇或社区的名称');
        return null;
      }
      const hits = regions.filter((r) => r.code === name || r.name === name || shortCommunityName(r.name) === shortCommunityName(name));
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
    async ledScreen(town: string, name: string, err: (m: string) => void): Promise<number | null> {
      if (!screens.has(town)) screens.set(town, await names.ledScreens(db, town));
      const hits = screens.get(town)!.filter((s) => s.name === name);
      if (hits.length !== 1) {
        err(hits.length ? `本镇有多块名为“${name}”的LED屏，请改在系统中登记` : `找不到“${name}”：须是本镇已登记的LED屏设施（可留空）`);
        return null;
      }
      return hits[0].id;
    },
  };
}
export type NameIndex = Awaited<ReturnType<typeof nameIndex>>;

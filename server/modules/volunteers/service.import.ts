// Service records imported from Excel by the organiser (issue 17 item 2:
// "imports by an organiser arrive confirmed"). The rows name an activity by
// its 活动编号 and a volunteer by 手机号 (checked against 姓名) or by name;
// the hours, or the start and end on the activity's day. Every row is
// checked first by the rules of recording by hand (records.service.ts:
// 谁组织谁记录 over the activity's community, the activity held and not
// cancelled, one record per person and activity, 0.1-24 hours); any bad row
// refuses the whole file with {row, column, message} errors and the 错误清单
// (server/platform/xlsx-import.ts). A good file is written in one
// transaction, confirmed, source 导入, with an audit row per activity.
import type { Db } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { todayChina } from '../../platform/clock.ts';
import { importWork, IMPORT_MAX_ROWS, readXlsx } from '../../platform/xlsx.ts';
import { importRefusal, type ImportError } from '../../platform/xlsx-import.ts';
import { codeInScope } from '../../db/scope.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { textProblem } from '../../../domain/input.ts';
import { PHONE_RE } from '../../../domain/people.ts';
import { readScope } from './members.service.ts';
import { entryMinutes, teamFor } from './records.service.ts';
import { COLUMNS, TEMPLATE_COLUMNS, WIDTHS } from './service.excel.ts';
import * as crepo from './checkin.repository.ts';
import * as mrepo from './members.repository.ts';
import * as srepo from './service.repository.ts';

interface Row {
  row: number;
  values: Record<string, string>;
  raw: string[];
}

const REQUIRED = ['活动编号', '姓名'] as const;
const INSERT_BATCH = 1000;
const TIME_RE = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/;

/** A time of day as typed (09:00) or as Excel stores a time (a fraction of a day), else null. */
function timeOf(s: string): string | null {
  const m = TIME_RE.exec(s);
  if (m) return `${m[1].padStart(2, '0')}:${m[2]}`;
  const f = Number(s);
  if (s !== '' && Number.isFinite(f) && f >= 0 && f < 1) {
    const min = Math.round(f * 1440);
    return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
  }
  return null;
}

export async function importService(db: Db, actor: Actor, buf: Buffer) {
  authorize(actor, 'volunteer.manage');
  return importWork.run(() => importSheet(db, actor, buf));
}

async function importSheet(db: Db, actor: Actor, buf: Buffer) {
  const sheet = await readXlsx(buf, {
    sheet: '志愿服务记录',
    unit: '条服务记录',
    maxRows: IMPORT_MAX_ROWS,
    notXlsx: '无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）',
  });
  const header = sheet.keys;
  const rows: Row[] = sheet.rows.map(({ row, cells, values }) => ({ row, values, raw: cells }));
  const errors: ImportError[] = [];
  for (const h of REQUIRED) if (!header.includes(h)) errors.push({ row: 1, column: h, message: `缺少必需的表头“${h}”，请使用导入模板` });
  if (!header.includes('服务时长（小时）') && !(header.includes('开始时间') && header.includes('结束时间')))
    errors.push({ row: 1, column: '服务时长（小时）', message: '缺少表头“服务时长（小时）”（或“开始时间”和“结束时间”），请使用导入模板' });
  if (!errors.length && !rows.length) errors.push({ row: 2, column: '活动编号', message: '文件中没有数据行' });
  if (errors.length) throw await refusal(header, rows, errors);

  const cellOf = (v: Record<string, string>) => (c: string) => (v[c] ?? '').trim();
  // The activities and the people the rows name, each looked up once.
  const activityIds = [...new Set(rows.map((r) => Number(cellOf(r.values)('活动编号'))).filter((n) => Number.isSafeInteger(n) && n > 0))];
  const activities = new Map<number, Awaited<ReturnType<typeof crepo.activityBrief>>>();
  for (const id of activityIds) activities.set(id, await crepo.activityBrief(db, id));
  const phones = [...new Set(rows.map((r) => cellOf(r.values)('手机号')).filter((p) => PHONE_RE.test(p)))];
  const names = [...new Set(rows.map((r) => cellOf(r.values)('姓名')).filter(Boolean))];
  const people = await mrepo.membersNamed(db, phones, names, readScope(actor));
  const byPhone = new Map(people.filter((p) => p.phone).map((p) => [p.phone!, p]));
  const byName = new Map<string, typeof people>();
  for (const p of people) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);

  const today = todayChina();
  const scope = readScope(actor);
  const good: { row: number; r: srepo.NewRecord }[] = [];
  const seen = new Map<string, number>();
  const counted = new Map<number, Set<number>>();
  for (const { row, values } of rows) {
    const cell = cellOf(values);
    const err = (column: string, message: string) => errors.push({ row, column, message });
    const n0 = errors.length;
    if (cell('记录编号')) err('记录编号', `已有的服务记录（编号 ${cell('记录编号')}）不能重复导入：导入只新增记录，请删去该行或清空记录编号`);
    // the activity: 谁组织谁记录
    const aid = Number(cell('活动编号'));
    const a = Number.isSafeInteger(aid) && aid > 0 ? activities.get(aid) : undefined;
    if (!cell('活动编号')) err('活动编号', '请填写活动编号（活动清单中的编号）');
    else if (!a || !codeInScope(a.regionCode, scope)) err('活动编号', `活动编号 ${cell('活动编号')} 不存在或不在您的管辖范围内`);
    else if (!can(actor, 'volunteer.manage', { regionCode: a.regionCode })) err('活动编号', `“${a.title}”不是您所在社区（或乡镇）组织的活动：谁组织谁记录`);
    else if (a.state === 'cancelled') err('活动编号', `“${a.title}”已取消，不能登记志愿服务`);
    else if (a.onDate > today) err('活动编号', `“${a.title}”的日期 ${a.onDate} 还没到：活动开展后再导入服务时长`);
    // the volunteer: by phone (which must match the name), else by a name no one else in scope has
    const name = cell('姓名');
    const phone = cell('手机号');
    let person: (typeof people)[number] | undefined;
    if (!name) err('姓名', '请填写志愿者姓名');
    else if (phone) {
      if (!PHONE_RE.test(phone)) err('手机号', '手机号应为 11 位');
      else if (!(person = byPhone.get(phone))) err('手机号', `没有手机号为 ${phone} 的志愿者（或不在您的管辖范围内）：请先登记该志愿者`);
      else if (person.name !== name) err('姓名', `手机号 ${phone} 的志愿者是“${person.name}”，与“${name}”不符`);
    } else {
      const hits = byName.get(name) ?? [];
      if (!hits.length) err('姓名', `没有名为“${name}”的志愿者（或不在您的管辖范围内）：请先登记该志愿者`);
      else if (hits.length > 1) err('姓名', `有 ${hits.length} 位名为“${name}”的志愿者，请填写手机号区分`);
      else person = hits[0];
    }
    // the time served
    const hours = cell('服务时长（小时）');
    const [start, end] = [cell('开始时间'), cell('结束时间')];
    let startedAt: string | null = null;
    let endedAt: string | null = null;
    if (start || end) {
      const [s, e] = [timeOf(start), timeOf(end)];
      if (!s) err('开始时间', '开始时间应为活动当天的时刻，如 09:00');
      if (!e) err('结束时间', '结束时间应为活动当天的时刻，如 11:30');
      if (s && e && a) [startedAt, endedAt] = [`${a.onDate}T${s}:00+08:00`, `${a.onDate}T${e}:00+08:00`];
    }
    const h = hours === '' ? null : Number(hours);
    if (hours !== '' && !Number.isFinite(h)) err('服务时长（小时）', '服务时长应为数字（小时），如 2.5');
    else if (!start && !end && h === null) err('服务时长（小时）', '请填写服务时长（小时），或开始时间和结束时间');
    const content = cell('服务内容') || null;
    if (content && (content.length > 200 || textProblem(content))) err('服务内容', textProblem(content) ?? '服务内容最多 200 个字');
    if (errors.length > n0 || !a || !person) continue;
    const minutes = entryMinutes({ hours: startedAt ? null : h, startedAt, endedAt }, (f, m) => err(f === 'hours' ? '服务时长（小时）' : '结束时间', m));
    if (minutes === null) continue;
    // one record per person and activity: not twice in the file, not beside one already counted
    const key = `${a.id}:${person.personId}`;
    if (seen.has(key)) {
      err('姓名', `与第 ${seen.get(key)} 行重复：同一志愿者在同一活动只能有一条记录`);
      continue;
    }
    seen.set(key, row);
    if (!counted.has(a.id)) counted.set(a.id, new Set(await srepo.countedAt(db, a.id, [...new Set(people.map((p) => p.personId))])));
    if (counted.get(a.id)!.has(person.personId)) {
      err('姓名', `${person.name}在“${a.title}”已有服务记录：如需修改请更正原记录`);
      continue;
    }
    good.push({
      row,
      r: {
        personId: person.personId,
        teamId: await teamFor(db, person.personId, a.townCode, a.onDate),
        activityId: a.id,
        townCode: a.townCode,
        regionCode: a.regionCode,
        onDate: a.onDate,
        startedAt: startedAt ? new Date(startedAt) : null,
        endedAt: endedAt ? new Date(endedAt) : null,
        minutes,
        content,
        status: 'confirmed',
        source: 'import',
        correctsId: null,
        reason: null,
        recordedBy: actor.personId,
        confirmedBy: actor.personId,
      },
    });
  }
  if (errors.length)
    throw await refusal(
      header,
      rows,
      errors.sort((x, y) => x.row - y.row),
    );
  const items = await db.transaction(async (tx) => {
    const out: { id: number; row: number }[] = [];
    for (let i = 0; i < good.length; i += INSERT_BATCH) {
      const batch = good.slice(i, i + INSERT_BATCH);
      const ids = await srepo.insertRecords(
        tx,
        batch.map((g) => g.r),
      );
      out.push(...batch.map((g, j) => ({ id: ids[j], row: g.row })));
    }
    // one audit row per activity, as recording by hand writes
    const byActivity = new Map<number, { id: number; row: number; personId: number; minutes: number; teamId: number | null }[]>();
    for (const [i, g] of good.entries()) {
      const list = byActivity.get(g.r.activityId) ?? [];
      list.push({ id: out[i].id, row: g.row, personId: g.r.personId, minutes: g.r.minutes, teamId: g.r.teamId });
      byActivity.set(g.r.activityId, list);
    }
    for (const [activityId, records] of byActivity)
      await audit(tx, {
        actor,
        action: 'volunteer.service_import',
        entity: 'activity',
        entityId: activityId,
        regionCode: activities.get(activityId)!.regionCode,
        after: { records },
      });
    return out;
  });
  return { created: items.length, items };
}

/** The refusal, with the rows again as 志愿服务记录导入错误清单.xlsx. */
function refusal(header: string[], rows: Row[], errors: ImportError[]) {
  const head = header.length ? header : [...TEMPLATE_COLUMNS];
  return importRefusal(errors, {
    header: head,
    rows,
    filename: '志愿服务记录导入错误清单.xlsx',
    width: (h) => WIDTHS[COLUMNS.indexOf(h as (typeof COLUMNS)[number])],
  });
}

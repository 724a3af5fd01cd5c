// The publicity output registers (issue 18 item 1): articles (公众号 or
// another channel; 特色供稿 with where it was carried), LED programmes,
// handouts (宣传单/宣传品, optionally for an activity or a campaign) and
// 入户宣传 sessions (a community, the households reached, the units taking
// part). Reading needs publicity.read over the record's region (else 404);
// recording, correcting and deleting need publicity.manage there (else 403).
// A record belongs to a town or one of its communities; the units it names
// are the town's reachable units (the dispatch rule's one definition).
import type { Db, Tx } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { todayChina } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor, isDay, pageOf, positiveId } from '../../platform/cursor.ts';
import { codeInScope } from '../../db/scope.ts';
import { authorize } from '../../platform/session.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { CHANNEL_LABELS, HANDOUT_KIND_LABELS, type Channel, type HandoutKind } from '../../../domain/publicity.ts';
import { reachableUnitOf } from '../units/index.ts';
import * as repo from './output.repository.ts';
import { facilityTown } from './facilities.repository.ts';
import type { Register } from './output.repository.ts';

export const readScope = (actor: Actor) => regionScope(actor, 'publicity.read');

export interface ArticleInput {
  regionCode: string;
  channel: Channel;
  channelName?: string | null;
  title: string;
  url?: string | null;
  publishedOn: string;
  authorUnitId?: number | null;
  featured: boolean;
  carriedBy?: string | null;
}
export interface LedInput {
  regionCode: string;
  screen: string;
  facilityId?: number | null;
  content: string;
  fromDate: string;
  toDate: string;
}
export interface HandoutInput {
  regionCode: string;
  kind: HandoutKind;
  title: string;
  quantity: number;
  handedOn: string;
  location?: string | null;
  unitId?: number | null;
  activityId?: number | null;
  campaignId?: number | null;
}
export interface DoorInput {
  regionCode: string;
  onDate: string;
  households: number;
  note?: string | null;
  unitIds?: number[];
}
export type Inputs = { articles: ArticleInput; led: LedInput; handouts: HandoutInput; door: DoorInput };

/** The audit log's entity of each register (web/src/pages/audit/labels.tsx names them). */
export const ENTITY: Record<Register, string> = {
  articles: 'publicity_article',
  led: 'publicity_led',
  handouts: 'publicity_handout',
  door: 'publicity_door_session',
};

const WHAT: Record<Register, string> = { articles: '稿件', led: 'LED屏节目', handouts: '宣传品发放记录', door: '入户宣传记录' };

type Field = (path: string, message: string) => void;

/** The region a record is filed under: a town or a community the caller manages. */
async function regionOk(q: Db | Tx, actor: Actor, code: string, field: Field, communityOnly = false) {
  if (communityOnly ? code.length !== 12 : code.length !== 9 && code.length !== 12) {
    field('regionCode', communityOnly ? '请选择社区' : '请选择乡镇或社区');
    return false;
  }
  if (!codeInScope(code, readScope(actor)) || (await repo.regionName(q, code)) === null) {
    field('regionCode', '区划不存在或不在您的管辖范围内');
    return false;
  }
  if (!can(actor, 'publicity.manage', { regionCode: code })) {
    field('regionCode', '您不能登记该区划的宣传记录：只能登记本人管辖的乡镇或社区');
    return false;
  }
  return true;
}

async function unitOk(q: Db | Tx, town: string, id: number | null | undefined, path: string, field: Field) {
  if (!id) return;
  const u = await reachableUnitOf(q, town, id);
  if (!u) field(path, '单位不存在');
  else if (!u.via) field(path, `“${u.name}”不是本镇可联系的单位：只能选择本镇单位、与本镇社区挂钩共建的单位或本县职能部门`);
}

/**
 * Check a record the way a form and an imported row both need, and turn it
 * into the table's columns. `field` names the path of each refusal; null
 * when anything was refused.
 */
export async function columns<R extends Register>(
  q: Db | Tx,
  actor: Actor,
  reg: R,
  input: Inputs[R],
  field: Field,
): Promise<{ row: Record<string, unknown>; unitIds?: number[] } | null> {
  let ok = true;
  const f: Field = (p, m) => {
    ok = false;
    field(p, m);
  };
  const today = todayChina();
  if (!(await regionOk(q, actor, input.regionCode, f, reg === 'door'))) return null;
  const town = input.regionCode.slice(0, 9);
  const base = { town_code: town, region_code: input.regionCode };
  if (reg === 'articles') {
    const a = input as ArticleInput;
    if (a.publishedOn > today) f('publishedOn', '发布日期不能晚于今天');
    if (!a.featured && a.carriedBy) f('carriedBy', '只有特色供稿填写采用媒体');
    await unitOk(q, town, a.authorUnitId, 'authorUnitId', f);
    return ok
      ? {
          row: {
            ...base,
            channel: a.channel,
            channel_name: a.channelName ?? null,
            title: a.title,
            url: a.url ?? null,
            published_on: a.publishedOn,
            author_unit_id: a.authorUnitId ?? null,
            featured: a.featured,
            carried_by: a.featured ? (a.carriedBy ?? null) : null,
          },
        }
      : null;
  }
  if (reg === 'led') {
    const l = input as LedInput;
    if (l.toDate < l.fromDate) f('toDate', '结束日期不能早于开始日期');
    if (l.facilityId) {
      const fac = await facilityTown(q, l.facilityId);
      if (!fac || fac.townCode !== town) f('facilityId', '所选LED屏不存在或不属于本镇');
    }
    return ok ? { row: { ...base, screen: l.screen, facility_id: l.facilityId ?? null, content: l.content, from_date: l.fromDate, to_date: l.toDate } } : null;
  }
  if (reg === 'handouts') {
    const h = input as HandoutInput;
    if (h.handedOn > today) f('handedOn', '发放日期不能晚于今天');
    await unitOk(q, town, h.unitId, 'unitId', f);
    if (h.activityId) {
      const a = await repo.activityOf(q, h.activityId);
      if (!a || a.townCode !== town) f('activityId', '所选活动不存在或不属于本镇');
    }
    if (h.campaignId) {
      const c = await repo.campaignOf(q, h.campaignId);
      if (!c || c.townCode !== town) f('campaignId', '所选整治行动不存在或不属于本镇');
    }
    return ok
      ? {
          row: {
            ...base,
            kind: h.kind,
            title: h.title,
            quantity: h.quantity,
            handed_on: h.handedOn,
            location: h.location ?? null,
            unit_id: h.unitId ?? null,
            activity_id: h.activityId ?? null,
            campaign_id: h.campaignId ?? null,
          },
        }
      : null;
  }
  const d = input as DoorInput;
  if (d.onDate > today) f('onDate', '入户宣传日期不能晚于今天');
  const unitIds = [...new Set(d.unitIds ?? [])];
  for (const [i, u] of unitIds.entries()) await unitOk(q, town, u, `unitIds.${i}`, f);
  return ok ? { row: { ...base, on_date: d.onDate, households: d.households, note: d.note ?? null }, unitIds } : null;
}

const throwFields = async <T>(fn: (field: Field) => Promise<T>): Promise<T> => {
  const fields: { path: string; message: string }[] = [];
  const r = await fn((path, message) => fields.push({ path, message }));
  if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
  return r;
};

export function view(actor: Actor, reg: Register, r: any) {
  const base = {
    id: Number(r.id),
    townCode: r.townCode,
    regionCode: r.regionCode,
    regionName: r.regionName,
    version: r.version,
    createdAt: r.createdAt,
    canEdit: can(actor, 'publicity.manage', { regionCode: r.regionCode }),
  };
  if (reg === 'articles')
    return {
      ...base,
      channel: r.channel,
      channelLabel: CHANNEL_LABELS[r.channel as Channel] ?? r.channel,
      channelName: r.channelName,
      title: r.title,
      url: r.url,
      publishedOn: r.day,
      authorUnit: r.authorUnit,
      featured: r.featured,
      carriedBy: r.carriedBy,
    };
  if (reg === 'led')
    return {
      ...base,
      screen: r.screen,
      facility: r.facility ? { id: Number(r.facility.id), name: r.facility.name } : null,
      content: r.content,
      fromDate: r.fromDate,
      toDate: r.toDate,
    };
  if (reg === 'handouts')
    return {
      ...base,
      kind: r.kind,
      kindLabel: HANDOUT_KIND_LABELS[r.kind as HandoutKind] ?? r.kind,
      title: r.title,
      quantity: r.quantity,
      handedOn: r.day,
      location: r.location,
      unit: r.unit,
      activity: r.activity ? { id: Number(r.activity.id), name: r.activity.name } : null,
      campaignId: r.campaignId == null ? null : Number(r.campaignId),
    };
  const units = (r.units ?? []) as { id: number; name: string }[];
  return { ...base, onDate: r.day, households: r.households, note: r.note, units, joint: units.length > 0 };
}

const cursorKey = (k: unknown[]): k is [string, number] => k.length === 2 && isDay(k[0]) && positiveId(k[1]);

export async function list(db: Db, actor: Actor, reg: Register, q: repo.ListFilter & { cursor?: string; limit?: number }) {
  authorize(actor, 'publicity.read');
  const scope = readScope(actor);
  const limit = q.limit ?? 50;
  const after = q.cursor ? decodeCursor(q.cursor, cursorKey) : null;
  const rows = await repo.listPage(db, reg, q, scope, after, limit + 1);
  const page = pageOf(rows, limit, (last) => encodeCursor([last.day, Number(last.id)]));
  return { items: page.items.map((r) => view(actor, reg, r)), nextCursor: page.nextCursor };
}

export async function get(db: Db | Tx, actor: Actor, reg: Register, id: number) {
  authorize(actor, 'publicity.read');
  const r = await repo.getOne(db, reg, id, readScope(actor));
  if (!r) throw notFound(`该${WHAT[reg]}不存在或不在您的管辖范围内`);
  return view(actor, reg, r);
}

async function forChange(q: Db | Tx, actor: Actor, reg: Register, id: number) {
  const r = await repo.getOne(q, reg, id, readScope(actor));
  if (!r) throw notFound(`该${WHAT[reg]}不存在或不在您的管辖范围内`);
  if (!can(actor, 'publicity.manage', { regionCode: r.regionCode }))
    throw new AppError('FORBIDDEN', `只有${WHAT[reg]}所在乡镇（社区）的创城办、社区干部可以修改`);
  return r;
}

export async function create<R extends Register>(db: Db, actor: Actor, reg: R, input: Inputs[R]) {
  authorize(actor, 'publicity.manage');
  const id = await db.transaction(async (tx) => {
    const c = (await throwFields((f) => columns(tx, actor, reg, input, f)))!;
    const [id] = await repo.insertRows(tx, reg, [{ ...c.row, created_by: actor.personId }]);
    if (c.unitIds) await repo.setDoorUnits(tx, id, c.unitIds);
    await audit(tx, { actor, action: 'publicity.create', entity: ENTITY[reg], entityId: id, regionCode: input.regionCode, after: input });
    return id;
  });
  return get(db, actor, reg, id);
}

export async function update<R extends Register>(db: Db, actor: Actor, reg: R, id: number, version: number, input: Inputs[R]) {
  authorize(actor, 'publicity.manage');
  await db.transaction(async (tx) => {
    const before = await forChange(tx, actor, reg, id);
    const c = (await throwFields((f) => columns(tx, actor, reg, input, f)))!;
    if (!(await repo.updateRow(tx, reg, id, version, c.row))) throw new AppError('CONFLICT');
    if (c.unitIds) await repo.setDoorUnits(tx, id, c.unitIds);
    await audit(tx, { actor, action: 'publicity.update', entity: ENTITY[reg], entityId: id, regionCode: input.regionCode, before, after: input });
  });
  return get(db, actor, reg, id);
}

export async function remove(db: Db, actor: Actor, reg: Register, id: number, version: number) {
  authorize(actor, 'publicity.manage');
  await db.transaction(async (tx) => {
    const before = await forChange(tx, actor, reg, id);
    if (!(await repo.deleteRow(tx, reg, id, version))) throw new AppError('CONFLICT');
    await audit(tx, { actor, action: 'publicity.delete', entity: ENTITY[reg], entityId: id, regionCode: before.regionCode, before });
  });
}

/** A row an import checked with columns(), written with a 入户宣传 session's units (the import audits it). */
export async function insertImported(tx: Tx, actor: Actor, reg: Register, row: Record<string, unknown>, unitIds?: number[]): Promise<number> {
  const [id] = await repo.insertRows(tx, reg, [{ ...row, created_by: actor.personId }]);
  if (reg === 'door' && unitIds?.length) await repo.setDoorUnits(tx, id, unitIds);
  return id;
}

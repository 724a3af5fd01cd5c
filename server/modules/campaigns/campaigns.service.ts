// Clean-up campaigns (issue 18 item 3): a town's campaign with its areas
// (whole communities and single places) and target categories, its daily
// records (person-times and results by kind, before/after photos), and the
// problems it closed: computed live while it runs, frozen when it closes.
// Reading needs campaign.read over the town or one of its area communities
// (else 404); starting, editing and closing need campaign.manage over the town
// (else 403); a daily record needs campaign.record over the town or an area.
import type { Db, Tx } from '../../db/pool.ts';
import { readAll } from '../../db/reads.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, fieldError, mapUnique, notFound } from '../../platform/errors.ts';
import { todayChina } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor, isDay, isStamp, pageOf, positiveId } from '../../platform/cursor.ts';
import { codeInScope } from '../../db/scope.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import {
  CAMPAIGN_STATE_LABELS,
  campaignDatesProblem,
  campaignPhase,
  DEFAULT_CAMPAIGN_KIND,
  PHASE_LABELS,
  TALLY_MEASURE_LABELS,
  type CampaignState,
  type TallyMeasure,
} from '../../../domain/campaigns.ts';
import { attach, attachmentsOf } from '../files/index.ts';
import { listKinds } from './kinds.service.ts';
import * as kindsRepo from './kinds.repository.ts';
import * as repo from './campaigns.repository.ts';
import * as dayRepo from './campaigns.days.repository.ts';

export const readScope = (actor: Actor) => regionScope(actor, 'campaign.read');
const photoView = (p: { id: number; url: string; thumbUrl: string }) => ({ id: p.id, url: p.url, thumbUrl: p.thumbUrl });

export function itemView(r: repo.ItemRow, today = todayChina()) {
  const phase = campaignPhase(r.state as CampaignState, r.startDate, r.endDate, today);
  return {
    id: r.id,
    townCode: r.townCode,
    kind: { id: r.kindId, code: r.kindCode, name: r.kindName },
    theme: r.theme,
    startDate: r.startDate,
    endDate: r.endDate,
    state: r.state as CampaignState,
    phase,
    phaseLabel: PHASE_LABELS[phase],
    areaNames: r.areaNames,
    days: r.days,
    staffTotal: r.staffTotal,
  };
}

// ---- kinds ----

export async function kinds(db: Db | Tx, actor: Actor) {
  const [k, t] = await readAll(db, [() => listKinds(db, 'campaign'), () => listKinds(db, 'tally')]);
  return {
    kinds: k,
    tallyKinds: t.map((x) => ({ ...x, measure: x.measure as TallyMeasure, measureLabel: TALLY_MEASURE_LABELS[x.measure as TallyMeasure], unit: x.unit ?? '' })),
    defaultKindId: k.find((x) => x.code === DEFAULT_CAMPAIGN_KIND && x.active)?.id ?? null,
    can: { manage: can(actor, 'campaign.kinds') },
  };
}

// ---- the list ----

export interface ListQuery extends repo.ListFilter {
  cursor?: string;
  limit?: number;
}
const cursorKey = (k: unknown[]): k is [string, number] => k.length === 2 && isDay(k[0]) && positiveId(k[1]);

export async function list(db: Db, actor: Actor, q: ListQuery) {
  const scope = readScope(actor);
  if (scope !== 'all' && !scope.length) throw new AppError('FORBIDDEN');
  const limit = q.limit ?? 50;
  const after = q.cursor ? decodeCursor(q.cursor, cursorKey) : null;
  const rows = await repo.listPage(db, q, scope, after, limit + 1);
  const page = pageOf(rows, limit, (last) => encodeCursor([last.startDate, last.id]));
  const today = todayChina();
  return { items: page.items.map((r) => itemView(r, today)), nextCursor: page.nextCursor };
}

// ---- one campaign ----

async function readable(db: Db | Tx, actor: Actor, id: number, forUpdate = false) {
  const c = await repo.getCampaign(db, id, readScope(actor), forUpdate);
  if (!c) throw notFound('该专项行动不存在或不在您的管辖范围内');
  return c;
}

/** May the actor record the campaign's days: campaign.record over its town, or over one of its area communities. */
export async function mayRecord(db: Db | Tx, actor: Actor, c: { id: number; townCode: string }) {
  if (can(actor, 'campaign.record', { regionCode: c.townCode })) return true;
  const areas = await repo.areasOf(db, c.id);
  return areas.some((a) => can(actor, 'campaign.record', { regionCode: a.communityCode }));
}

export async function visible(db: Db, actor: Actor, id: number) {
  return (await repo.getCampaign(db, id, readScope(actor))) !== null;
}

export async function get(db: Db | Tx, actor: Actor, id: number) {
  const c = await readable(db, actor, id);
  const frozen = c.state === 'closed';
  const [areas, categories, days, totals, linked, record] = await readAll(db, [
    () => repo.areasOf(db, id),
    () => repo.categoriesOf(db, id),
    () => dayRepo.daysOf(db, id),
    () => dayRepo.totalsOf(db, id),
    () => repo.linkedCount(db, id, frozen),
    () => mayRecord(db, actor, c),
  ]);
  const dayRecords = [];
  for (const d of days) {
    const [before, after] = await readAll(db, [() => attachmentsOf(db, 'campaign_before', d.id), () => attachmentsOf(db, 'campaign_after', d.id)]);
    dayRecords.push({ ...d, before: before.photos.map(photoView), after: after.photos.map(photoView) });
  }
  const manage = can(actor, 'campaign.manage', { regionCode: c.townCode });
  return {
    ...itemView(c),
    areas: areas.map((a) => ({
      communityCode: a.communityCode,
      communityName: a.communityName,
      place: a.placeId ? { id: a.placeId, name: a.placeName ?? '' } : null,
    })),
    categories,
    summary: c.summary,
    dayRecords,
    totals: totals.map((t) => ({ ...t, measure: t.measure as TallyMeasure })),
    linkedProblems: linked,
    linkedFrozen: frozen,
    createdByName: c.createdByName,
    createdAt: c.createdAt,
    closedAt: c.closedAt,
    version: c.version,
    can: { edit: manage && !frozen, record: record && !frozen, close: manage && !frozen },
  };
}

// ---- starting and editing ----

export interface CampaignInput {
  kindId?: number | null;
  theme: string;
  startDate: string;
  endDate: string;
  communityCodes?: string[];
  placeIds?: number[];
  categoryIds?: number[];
  summary?: string | null;
}

/** Check what a campaign names: its kind (active), dates, areas (one town's communities and places) and categories; the town it is in. */
async function resolve(q: Db | Tx, actor: Actor, x: CampaignInput) {
  const dates = campaignDatesProblem(x.startDate, x.endDate);
  if (dates) throw fieldError('body.endDate', dates);
  const kinds = await listKinds(q, 'campaign');
  const kind = x.kindId ? kinds.find((k) => k.id === x.kindId) : kinds.find((k) => k.code === DEFAULT_CAMPAIGN_KIND);
  if (!kind) throw fieldError('body.kindId', '请选择专项行动类别');
  if (!kind.active) throw fieldError('body.kindId', `专项行动类别“${kind.name}”已停用，请选择其他类别`);
  const codes = [...new Set(x.communityCodes ?? [])];
  const placeIds = [...new Set(x.placeIds ?? [])];
  if (!codes.length && !placeIds.length) throw fieldError('body.communityCodes', '请选择整治区域：至少一个社区或地点');
  const scope = readScope(actor);
  const regions = await repo.regionsByCodes(q, codes);
  const areas: { communityCode: string; placeId: number | null }[] = [];
  const towns = new Set<string>();
  for (const code of codes) {
    const r = regions.find((g) => g.code === code);
    if (!r || r.level !== 'community' || !codeInScope(code, scope)) throw fieldError('body.communityCodes', `社区 ${code} 不存在或不在您的管辖范围内`);
    towns.add(code.slice(0, 9));
    areas.push({ communityCode: code, placeId: null });
  }
  const places = await repo.placesByIds(q, placeIds);
  for (const id of placeIds) {
    const p = places.find((x) => x.id === id);
    if (!p || !codeInScope(p.regionCode, scope) || p.regionCode.length < 12) throw fieldError('body.placeIds', `地点 ${id} 不存在或不在您的管辖范围内`);
    towns.add(p.regionCode.slice(0, 9));
    areas.push({ communityCode: p.regionCode.slice(0, 12), placeId: id });
  }
  if (towns.size > 1) throw fieldError('body.communityCodes', '一次专项行动的区域须在同一个乡镇内');
  const townCode = [...towns][0];
  if (!can(actor, 'campaign.manage', { regionCode: townCode })) throw new AppError('FORBIDDEN', '只有该乡镇的创城办可以组织专项行动');
  const categoryIds = [...new Set(x.categoryIds ?? [])];
  const cats = await repo.categoriesByIds(q, categoryIds);
  const missing = categoryIds.find((id) => !cats.some((c) => c.id === id));
  if (missing) throw fieldError('body.categoryIds', `问题类别 ${missing} 不存在`);
  return { townCode, kindId: kind.id, areas, categoryIds };
}

export async function create(db: Db, actor: Actor, x: CampaignInput) {
  const r = await resolve(db, actor, x);
  const id = await db.transaction(async (tx) => {
    const id = await repo.insertCampaign(
      tx,
      { townCode: r.townCode, kindId: r.kindId, theme: x.theme, startDate: x.startDate, endDate: x.endDate, summary: x.summary ?? null },
      actor.personId,
    );
    await repo.setAreas(tx, id, r.areas);
    await repo.setCategories(tx, id, r.categoryIds);
    await audit(tx, { actor, action: 'create', entity: 'campaign', entityId: id, regionCode: r.townCode, after: { ...x, ...r } });
    return id;
  });
  return get(db, actor, id);
}

export async function edit(db: Db, actor: Actor, id: number, version: number, x: CampaignInput) {
  const before = await readable(db, actor, id);
  if (!can(actor, 'campaign.manage', { regionCode: before.townCode })) throw new AppError('FORBIDDEN', '只有该乡镇的创城办可以修改专项行动');
  if (before.state !== 'running') throw new AppError('INVALID_STATE', '专项行动已结束，不能再修改');
  const r = await resolve(db, actor, x);
  if (r.townCode !== before.townCode) throw fieldError('body.communityCodes', '不能把专项行动改到其他乡镇');
  await db.transaction(async (tx) => {
    const ok = await repo.updateCampaign(tx, id, version, {
      kindId: r.kindId,
      theme: x.theme,
      startDate: x.startDate,
      endDate: x.endDate,
      summary: x.summary ?? null,
    });
    if (!ok) throw new AppError('CONFLICT');
    await repo.setAreas(tx, id, r.areas);
    await repo.setCategories(tx, id, r.categoryIds);
    await audit(tx, { actor, action: 'update', entity: 'campaign', entityId: id, regionCode: before.townCode, before, after: { ...x, ...r } });
  });
  return get(db, actor, id);
}

/** Close a campaign: its linked problems are frozen as they are now (the live definition, once). */
export async function close(db: Db, actor: Actor, id: number, version: number, summary: string | null) {
  const c = await readable(db, actor, id);
  if (!can(actor, 'campaign.manage', { regionCode: c.townCode })) throw new AppError('FORBIDDEN', '只有该乡镇的创城办可以结束专项行动');
  if (c.state !== 'running') throw new AppError('INVALID_STATE', '专项行动已经结束');
  if (todayChina() < c.startDate) throw new AppError('INVALID_STATE', '专项行动尚未开始，不能结束');
  await db.transaction(async (tx) => {
    const frozen = await repo.close(tx, id, version, actor.personId, summary);
    if (frozen === null) throw new AppError('CONFLICT');
    await audit(tx, { actor, action: 'close', entity: 'campaign', entityId: id, regionCode: c.townCode, after: { linkedProblems: frozen, summary } });
  });
  return get(db, actor, id);
}

// ---- daily records ----

export interface DayInput {
  version?: number;
  note?: string | null;
  counts: { kindId: number; value: number }[];
  beforePhotoIds?: number[];
  afterPhotoIds?: number[];
}

/** Check a day's counts against the tally kinds (active, each once); the refusal names the entry. */
export function checkCounts(kinds: kindsRepo.KindRow[], counts: { kindId: number; value: number }[], fail: (path: string, message: string) => void) {
  const seen = new Set<number>();
  counts.forEach((c, i) => {
    const k = kinds.find((x) => x.id === c.kindId);
    if (!k) fail(`body.counts.${i}.kindId`, `统计项 ${c.kindId} 不存在`);
    else if (!k.active) fail(`body.counts.${i}.kindId`, `统计项“${k.name}”已停用`);
    if (seen.has(c.kindId)) fail(`body.counts.${i}.kindId`, '同一统计项只能填一次');
    seen.add(c.kindId);
  });
}

/** Why a day cannot be recorded for a campaign, or null: outside its dates, or in the future. */
export function dayProblem(c: { startDate: string; endDate: string }, day: string, today = todayChina()): string | null {
  if (day < c.startDate || day > c.endDate) return `日期须在专项行动期间（${c.startDate} 至 ${c.endDate}）内`;
  if (day > today) return '不能登记今天以后的日记录';
  return null;
}

/** Two writers saving a new day at once: the second is told to reload. */
export const DAY_TAKEN = { campaign_days_campaign_date_uq: { path: 'params.day', message: '该日已有记录，请刷新后在原记录上修改' } };

export async function saveDay(db: Db, actor: Actor, id: number, day: string, x: DayInput) {
  const c = await readable(db, actor, id);
  if (!(await mayRecord(db, actor, c))) throw new AppError('FORBIDDEN', '只有该乡镇创城办或整治区域所在社区可以登记日记录');
  if (c.state !== 'running') throw new AppError('INVALID_STATE', '专项行动已结束，日记录不能再修改');
  const why = dayProblem(c, day);
  if (why) throw fieldError('params.day', why);
  const kinds = await listKinds(db, 'tally');
  checkCounts(kinds, x.counts, (path, message) => {
    throw fieldError(path, message);
  });
  await db.transaction(async (tx) => {
    const existing = await dayRepo.dayOf(tx, id, day);
    if (existing && x.version !== existing.version)
      throw new AppError('CONFLICT', x.version === undefined ? '该日已有记录，请刷新后在原记录上修改' : undefined);
    const dayId = await dayRepo.saveDay(tx, id, day, existing, x.note ?? null, x.counts, actor.personId).catch((e) => mapUnique(e, DAY_TAKEN));
    if (x.beforePhotoIds) await attach(tx, actor, 'campaign_before', dayId, { photoIds: x.beforePhotoIds }, { photoIds: 'beforePhotoIds' });
    if (x.afterPhotoIds) await attach(tx, actor, 'campaign_after', dayId, { photoIds: x.afterPhotoIds }, { photoIds: 'afterPhotoIds' });
    await audit(tx, { actor, action: existing ? 'update' : 'create', entity: 'campaign_day', entityId: dayId, regionCode: c.townCode, after: { day, ...x } });
  });
  return get(db, actor, id);
}

/** May the actor see the campaign a daily record belongs to (its photos' owners). */
export async function dayVisible(db: Db, actor: Actor, dayId: number) {
  const campaignId = await dayRepo.campaignOfDay(db, dayId);
  return campaignId !== null && visible(db, actor, campaignId);
}

// ---- linked problems ----

const linkedKey = (k: unknown[]): k is [string, number] => k.length === 2 && isStamp(k[0]) && positiveId(k[1]);

export async function linked(db: Db, actor: Actor, id: number, q: { cursor?: string; limit?: number; on?: string }) {
  const c = await readable(db, actor, id);
  const limit = q.limit ?? 50;
  const after = q.cursor ? decodeCursor(q.cursor, linkedKey) : null;
  const rows = await repo.linkedPage(db, id, c.state === 'closed', after, limit + 1, q.on);
  const page = pageOf(rows, limit, (last) => encodeCursor([last.closedKey, last.id]));
  return { items: page.items.map(({ closedKey: _k, ...r }) => r), nextCursor: page.nextCursor };
}

export { CAMPAIGN_STATE_LABELS };

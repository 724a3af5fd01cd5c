// What the cells of an imported problem list name, read once per file: the
// active 小类, the communities and grids the importer may report in and their
// places, and the words of 来源 and 整改层级 (codes or the export's labels).
// The create path (excel.import.ts) and the update path (excel.update.ts)
// resolve a cell the same way, with the same messages.
import type { Q } from '../../db/pool.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { SOURCE_LABELS, SOURCES, TIER_LABELS, TIERS, type Source, type Tier } from '../../../domain/problems/vocab.ts';
import { refRows, type CategoryRef, type PlaceRef } from './excel.repository.ts';

export const SOURCE_BY_TEXT = new Map<string, Source>([...SOURCES.map((s) => [s, s] as const), ...SOURCES.map((s) => [SOURCE_LABELS[s], s] as const)]);
export const TIER_BY_TEXT = new Map<string, Tier>([
  ...TIERS.map((t) => [t, t] as const),
  ...TIERS.map((t) => [TIER_LABELS[t], t] as const),
  ...TIERS.map((t) => [TIER_LABELS[t].replace(/（.*）/, ''), t] as const),
]);

export type { CategoryRef, PlaceRef };

export interface Refs {
  catBy: Map<string, CategoryRef[]>;
  regionBy: Map<string, string[]>;
  placesBy: Map<string, PlaceRef[]>;
}

/** A category is named by its name, its code, or "code name". */
export const categoryKeys = (c: { code: string; name: string }) => new Set([c.name, c.code, `${c.code} ${c.name}`]);

export async function loadRefs(db: Q, actor: Actor): Promise<Refs> {
  const { cats, regions, places } = await refRows(db, regionScope(actor, 'problem.report'));
  const catBy = new Map<string, CategoryRef[]>();
  for (const c of cats) for (const k of categoryKeys(c)) catBy.set(k, [...(catBy.get(k) ?? []), c]);
  const regionBy = new Map<string, string[]>();
  for (const r of regions) for (const k of new Set([r.name, r.code])) regionBy.set(k, [...(regionBy.get(k) ?? []), r.code]);
  const placesBy = new Map<string, PlaceRef[]>();
  for (const p of places) placesBy.set(p.name, [...(placesBy.get(p.name) ?? []), p]);
  return { catBy, regionBy, placesBy };
}

type Err = (column: string, message: string) => void;

/** The 小类 a 问题类别 cell names, or undefined (with the reason given to `err`). */
export function matchCategory(refs: Refs, text: string, err: Err): CategoryRef | undefined {
  const m = refs.catBy.get(text) ?? [];
  if (!text) err('问题类别', '问题类别不能为空');
  else if (!m.length) err('问题类别', `没有名为“${text}”的问题小类（或已停用）`);
  else if (m.length > 1) err('问题类别', `“${text}”对应多个类别，请填写“编码 名称”`);
  return m.length === 1 ? m[0] : undefined;
}

/** The community or grid a 所在社区 cell names, within the importer's scope. */
export function matchRegion(refs: Refs, text: string, err: Err): string | undefined {
  const m = refs.regionBy.get(text) ?? [];
  if (!text) err('所在社区', '所在社区不能为空');
  else if (!m.length) err('所在社区', `“${text}”不是您管辖范围内的社区或网格`);
  else if (m.length > 1) err('所在社区', `“${text}”对应多个社区，请填写 12 位社区代码`);
  return m.length === 1 ? m[0] : undefined;
}

/** The place a 点位 cell names inside a community (by the region's first 12 digits). */
export function matchPlace(refs: Refs, text: string, regionCode: string, regionText: string, err: Err): number | undefined {
  const pl = (refs.placesBy.get(text) ?? []).filter((p) => p.region_code.startsWith(regionCode.slice(0, 12)));
  if (!pl.length) err('点位', `“${regionText}”没有名为“${text}”的点位`);
  return pl[0]?.id;
}

/** A 整改层级 cell: 随手整 is fixed on the spot with before and after photos, never imported. */
export function matchTier(text: string, err: Err): Exclude<Tier, 'on_spot'> | undefined {
  const tier = TIER_BY_TEXT.get(text);
  if (!tier) err('整改层级', `不认识的整改层级“${text}”，可填：社区整、集中整`);
  else if (tier === 'on_spot') err('整改层级', '随手整须现场拍整改前后照片，不能导入，请填社区整或集中整');
  return tier === 'on_spot' ? undefined : tier;
}

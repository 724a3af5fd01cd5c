// /api/categories: the category tree (大类 with their 小类, inactive ones
// flagged, for the admin page); /api/categories/plain: what a reporter picks
// from (active 小类 with their plain names). One shape per route.
import { z } from 'zod';
import { instant, rowId, type Wire } from './common.ts';
import { TIERS } from '../problems/vocab.ts';

export const CATEGORY_KINDS = ['event', 'component'] as const;

export const category = z.object({
  id: rowId,
  kind: z.enum(CATEGORY_KINDS),
  code: z.string(),
  name: z.string(),
  plainName: z.string().nullable().describe('群众看到的通俗名称'),
  parentId: rowId.nullable(),
  level: z.number().int().describe('1 大类，2 小类'),
  defaultTier: z.enum(TIERS),
  deadlineDays: z.number().int(),
  centralizedDeadlineDays: z.number().int(),
  reinspectDays: z.number().int(),
  defaultRoute: z.enum(['community', 'unit']),
  defaultUnitName: z.string().nullable(),
  active: z.boolean(),
  sort: z.number().int(),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
  kindLabel: z.string(),
  tierLabel: z.string(),
  routeLabel: z.string(),
  can: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export const categoryNode = category.extend({ children: z.array(category).describe('小类') });
export const categoryTree = z.object({ items: z.array(categoryNode), can: z.object({ create: z.boolean() }) });

export const plainCategory = z.object({
  id: rowId,
  kind: z.enum(CATEGORY_KINDS),
  code: z.string(),
  name: z.string(),
  plainName: z.string().describe('通俗名称，没有时为类别名称'),
  parentName: z.string(),
  defaultTier: z.enum(TIERS),
});
export const plainCategories = z.object({ items: z.array(plainCategory) });

export const categoryRemoved = z.object({
  deleted: z.boolean().describe('false：类别已被使用或为内置类别，改为停用'),
  category: category.nullable(),
});

export type Category = Wire<typeof category>;
export type CategoryNode = Wire<typeof categoryNode>;
export type CategoryTree = Wire<typeof categoryTree>;
export type PlainCategory = Wire<typeof plainCategory>;

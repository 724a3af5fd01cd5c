// /api/units: units of every kind with their paired communities, the
// dispatch picker (reachable units), a unit's liaisons.
import { z } from 'zod';
import { rowId, type Wire } from './common.ts';
import { UNIT_KINDS } from '../units.ts';

export const unit = z.object({
  id: rowId,
  kind: z.enum(UNIT_KINDS),
  kindLabel: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  parentUnitId: rowId.nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  version: z.number().int(),
  memberCount: z.number().int(),
  communities: z.array(z.object({ code: z.string(), name: z.string() })).describe('挂钩共建的社区'),
  can: z.object({ update: z.boolean(), delete: z.boolean(), liaisons: z.boolean() }),
});
export const unitList = z.object({
  items: z.array(unit).describe('最多 2000 个'),
  can: z.object({ create: z.boolean() }),
});

export const reachableUnits = z.object({
  items: z.array(
    z.object({
      id: rowId,
      name: z.string(),
      kind: z.enum(UNIT_KINDS),
      kindLabel: z.string(),
      regionCode: z.string(),
      regionName: z.string().nullable(),
      via: z.enum(['own', 'paired', 'county_department']),
      viaLabel: z.string(),
    }),
  ),
});

export const liaison = z.object({
  id: rowId,
  name: z.string(),
  phone: z.string().nullable().describe('无管理权限时打码'),
  username: z.string().nullable(),
  title: z.string().nullable(),
  active: z.boolean(),
});
export const liaisonList = z.object({
  unit: z.object({ id: rowId, name: z.string(), kind: z.enum(UNIT_KINDS), regionCode: z.string() }),
  items: z.array(liaison),
  can: z.object({ manage: z.boolean() }),
});
export const liaisonAdded = z.object({ liaison, initialPassword: z.string().nullable().describe('新建人员的一次性密码，只显示这一次') });

export type Unit = Wire<typeof unit>;
export type UnitList = Wire<typeof unitList>;
export type ReachableUnit = Wire<typeof reachableUnits>['items'][number];
export type Liaison = Wire<typeof liaison>;
export type LiaisonList = Wire<typeof liaisonList>;

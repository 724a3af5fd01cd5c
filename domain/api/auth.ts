// POST /api/auth/login, GET /api/me (who is signed in, what they may do),
// POST /api/auth/logout and /api/auth/password (204); GET /api/health.
import { z } from 'zod';
import { rowId, type Wire } from './common.ts';
import { ACTIONS } from '../permissions.ts';
import { ROLES } from '../roles.ts';
import { PLACE_KINDS } from '../regions.ts';

/** What each action is allowed anywhere (the menus and buttons of the web). */
export const abilities = z.record(z.enum(ACTIONS), z.boolean());

export const me = z.object({
  user: z.object({
    id: rowId,
    name: z.string(),
    phone: z.string().nullable(),
    username: z.string().nullable(),
    title: z.string().nullable(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    unitId: rowId.nullable(),
    unitName: z.string().nullable(),
    unitKindLabel: z.string().nullable(),
    mustChangePassword: z.boolean(),
  }),
  roles: z.array(
    z.object({
      role: z.enum(ROLES),
      roleLabel: z.string(),
      scopeRegionCode: z.string().nullable(),
      scopeRegionName: z.string().describe('区划名称；全局角色为“全部区域”'),
      scopeUnitId: rowId.nullable(),
    }),
  ),
  places: z
    .array(z.object({ id: rowId, name: z.string(), kind: z.enum(PLACE_KINDS), regionCode: z.string(), regionName: z.string().nullable() }))
    .describe('本人负责的街巷、小区、点位（街长）'),
  can: abilities,
});

export const health = z.object({
  status: z.literal('ok'),
  database: z.object({ embedded: z.boolean(), version: z.string() }),
});
export const healthUnavailable = z.object({
  status: z.literal('unavailable'),
  reason: z.string().describe('中文原因，不含 SQL 与驱动信息'),
  database: z.object({ embedded: z.boolean() }),
});

export type Me = Wire<typeof me>;
export type Can = Wire<typeof abilities>;

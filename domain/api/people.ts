// /api/people: the list (keyset pages), one person, create (with the one-time
// password), update, roles, places, password reset, unlock, sign-in sessions;
// the Excel import.
import { z } from 'zod';
import { instant, page, rowId, type Wire } from './common.ts';
import { ROLES } from '../roles.ts';
import { PLACE_KINDS } from '../regions.ts';

export const personRole = z.object({
  id: rowId,
  role: z.enum(ROLES),
  roleLabel: z.string(),
  scopeRegionCode: z.string().nullable(),
  scopeRegionName: z.string().nullable(),
  scopeUnitId: rowId.nullable(),
  scopeUnitName: z.string().nullable(),
});

export const person = z.object({
  id: rowId,
  name: z.string(),
  phone: z.string().nullable().describe('无管理权限时为打码的手机号'),
  username: z.string().nullable(),
  title: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  unitId: rowId.nullable(),
  unitName: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  locked: z.boolean().describe('登录失败次数过多，暂被锁定'),
  lockedUntil: instant.nullable(),
  version: z.number().int(),
  roles: z.array(personRole),
  places: z.array(z.object({ id: rowId, name: z.string(), kind: z.enum(PLACE_KINDS), regionCode: z.string() })),
  can: z.object({ update: z.boolean(), resetPassword: z.boolean(), revokeSessions: z.boolean() }),
});

/** The most people one page of the list holds. */
export const PEOPLE_PAGE_MAX = 200;

export const peoplePage = page(person).extend({
  total: z.number().int().describe('符合条件的人数（不分页）'),
  can: z.object({ create: z.boolean(), import: z.boolean() }),
});

export const personCreated = z.object({
  person,
  initialPassword: z.string().nullable().describe('未填写密码时生成的一次性密码，只显示这一次'),
});

export const passwordReset = z.object({ password: z.string().describe('新的一次性密码，只显示这一次') });

export const session = z.object({
  id: z.string(),
  createdAt: instant,
  lastSeenAt: instant.nullable(),
  expiresAt: instant,
  revokedAt: instant.nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  active: z.boolean(),
});
export const sessionList = z.object({ items: z.array(session).describe('最近 50 次登录') });
export const sessionsRevoked = z.object({ revoked: z.number().int() });

export const importResult = z.object({
  created: z.number().int(),
  people: z.array(z.object({ row: z.number().int(), id: rowId, name: z.string(), phone: z.string().nullable(), initialPassword: z.string().nullable() })),
});

export type Person = Wire<typeof person>;
export type PeoplePage = Wire<typeof peoplePage>;
export type PersonRole = Wire<typeof personRole>;
export type Session = Wire<typeof session>;
export type ImportResult = Wire<typeof importResult>;

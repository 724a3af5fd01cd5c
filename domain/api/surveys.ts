// /api/surveys: the 摸排 facility-gap survey (issue 18 item 4): needs by kind
// (editable), where they are, who found them, how many, the departments they
// are coordinated with and each one's answer, the state 待对接 → 已完成 (or
// 暂缓 with a reason) with its history, the plan or problem a need became;
// the list, the map layer, the department's page (its liaison answers), Excel
// export (a department's list to send) and the all-or-nothing import.
import { z } from 'zod';
import { day, instant, page, rowId, type Wire } from './common.ts';
import { NEED_MOVE_NAMES, NEED_STATES } from '../surveys.ts';

export const needKind = z.object({ id: rowId, code: z.string(), name: z.string(), sort: z.number().int(), active: z.boolean(), version: z.number().int() });
export const needKindList = z.object({ items: z.array(needKind), can: z.object({ manage: z.boolean() }) });

const ref = z.object({ id: rowId, name: z.string() });
export const needUnit = ref.extend({ answer: z.string().nullable(), answeredAt: instant.nullable(), answeredByName: z.string().nullable() });

export const needItem = z.object({
  id: rowId,
  townCode: z.string(),
  regionCode: z.string(),
  communityName: z.string().nullable(),
  place: ref.nullable(),
  kind: ref.extend({ code: z.string() }),
  description: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  quantity: z.number().int(),
  size: z.string().nullable(),
  foundBy: z.string(),
  foundOn: day,
  state: z.enum(NEED_STATES),
  stateLabel: z.string(),
  deferReason: z.string().nullable(),
  units: z.array(needUnit),
  planId: rowId.nullable(),
  problem: z.object({ id: rowId, code: z.string() }).nullable(),
  photoCount: z.number().int(),
});
export const needList = page(needItem);

export const needPhoto = z.object({ id: rowId, url: z.string(), thumbUrl: z.string() });
export const needDetail = needItem.extend({
  photos: z.array(needPhoto),
  events: z.array(
    z.object({ fromState: z.string().nullable(), toState: z.string().nullable(), note: z.string().nullable(), actorName: z.string().nullable(), at: instant }),
  ),
  createdAt: instant,
  version: z.number().int(),
  can: z.object({ edit: z.boolean(), moves: z.array(z.enum(NEED_MOVE_NAMES)), link: z.boolean(), answer: z.boolean() }),
});

export const needMap = z.object({
  items: z.array(z.object({ id: rowId, lat: z.number(), lng: z.number(), state: z.enum(NEED_STATES), kindName: z.string(), description: z.string() })),
  truncated: z.boolean(),
});

/** A department's page: the needs it is asked to coordinate, with its own answer. */
export const departmentNeeds = z.object({
  unit: ref,
  units: z.array(ref).describe('本人可答复的单位'),
  items: z.array(needItem.extend({ myAnswer: z.string().nullable() })),
});

export const needOptions = z.object({
  townCode: z.string(),
  communities: z.array(z.object({ code: z.string(), name: z.string() })),
  places: z.array(ref.extend({ regionCode: z.string(), lat: z.number().nullable(), lng: z.number().nullable() })),
  departments: z.array(ref.extend({ kind: z.string() })),
});

export const needImport = z.object({ created: z.number().int(), items: z.array(z.object({ id: rowId, row: z.number().int() })) });

export type NeedKindList = Wire<typeof needKindList>;
export type NeedItem = Wire<typeof needItem>;
export type NeedList = Wire<typeof needList>;
export type NeedDetail = Wire<typeof needDetail>;
export type NeedMap = Wire<typeof needMap>;
export type DepartmentNeeds = Wire<typeof departmentNeeds>;
export type NeedOptions = Wire<typeof needOptions>;
export type NeedImport = Wire<typeof needImport>;

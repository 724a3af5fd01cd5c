// /api/activities: activities at the practice institute/stations (issue 16):
// the list (keyset pages), one activity, planning, holding and cancelling,
// photos, Excel export and import; the kinds (admin-editable), the year's
// calendar of themes and festivals, the stations and their places, and the
// picker of organisers, co-organisers and places.
import { z } from 'zod';
import { day, instant, page, rowId, type Wire } from './common.ts';
import { ACTIVITY_STATES } from '../activities.ts';

export const activityKind = z.object({ id: rowId, code: z.string(), name: z.string(), sort: z.number().int(), active: z.boolean(), version: z.number().int() });
export const activityKindList = z.object({ items: z.array(activityKind), can: z.object({ manage: z.boolean() }) });

const ref = z.object({ id: rowId, name: z.string() });
const participants = z.object({
  residents: z.number().int(),
  volunteers: z.number().int(),
  cadres: z.number().int(),
  coBuildingStaff: z.number().int(),
  total: z.number().int(),
});

export const activityItem = z.object({
  id: rowId,
  title: z.string(),
  kind: z.object({ id: rowId, code: z.string(), name: z.string() }),
  state: z.enum(ACTIVITY_STATES),
  stateLabel: z.string(),
  onDate: day.describe('计划日期；开展后为开展日期'),
  theme: z.string().nullable(),
  festival: z.string().nullable(),
  organizer: ref.extend({ kind: z.string(), kindLabel: z.string() }),
  place: ref,
  regionCode: z.string(),
  communityName: z.string().nullable(),
  participants: participants.describe('参与人次（开展后登记）'),
  photoCount: z.number().int(),
  publicityUrl: z.string().nullable(),
});
export const activityList = page(activityItem);

export const activityPhoto = z.object({ id: rowId, url: z.string(), thumbUrl: z.string() });
export const activityDetail = activityItem.extend({
  townCode: z.string(),
  coUnits: z.array(ref.extend({ kindLabel: z.string() })),
  cancelReason: z.string().nullable(),
  report: z.string().nullable(),
  photos: z.array(activityPhoto),
  createdByName: z.string().nullable(),
  createdAt: instant,
  heldAt: instant.nullable(),
  version: z.number().int(),
  can: z.object({ hold: z.boolean(), cancel: z.boolean(), edit: z.boolean() }),
});

/** The year's calendar: each month's theme and festivals (suggested when planning). */
export const activityCalendar = z.object({
  year: z.number().int(),
  months: z.array(
    z.object({
      month: z.number().int(),
      theme: z.string().nullable(),
      festivals: z.array(z.object({ name: z.string(), onDate: day.nullable() })),
    }),
  ),
});

/** A practice institute or station with the place it is linked to (null: not linked yet). */
export const station = z.object({
  id: rowId,
  name: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  place: z.object({ id: rowId, name: z.string(), lat: z.number().nullable(), lng: z.number().nullable() }).nullable(),
  canManage: z.boolean(),
});
export const stationList = z.object({ items: z.array(station) });

/** What the planning form picks from, for a town: organisers, co-organisers (reachable units), places. */
export const activityOptions = z.object({
  townCode: z.string(),
  organizers: z.array(ref.extend({ kind: z.string(), kindLabel: z.string(), regionCode: z.string(), placeId: rowId.nullable() })),
  coUnits: z.array(ref.extend({ kindLabel: z.string(), viaLabel: z.string() })),
  places: z.array(ref.extend({ regionCode: z.string(), regionName: z.string().nullable(), kind: z.string() })),
  communities: z.array(z.object({ code: z.string(), name: z.string() })),
});

export const activityImport = z.object({ created: z.number().int(), items: z.array(z.object({ id: rowId, row: z.number().int() })) });

export type ActivityKind = Wire<typeof activityKind>;
export type ActivityKindList = Wire<typeof activityKindList>;
export type ActivityItem = Wire<typeof activityItem>;
export type ActivityList = Wire<typeof activityList>;
export type ActivityDetail = Wire<typeof activityDetail>;
export type ActivityCalendar = Wire<typeof activityCalendar>;
export type Station = Wire<typeof station>;
export type StationList = Wire<typeof stationList>;
export type ActivityOptions = Wire<typeof activityOptions>;
export type ActivityImport = Wire<typeof activityImport>;

// Inspection compliance and cadence (compliance.routes.ts): the slots owed and
// done per region, person and place, a person's month, the cadence versions,
// the recorded misses.
import { z } from 'zod';
import { day, instant, page, rowId, type Wire } from './common.ts';
import { INSPECTION_KINDS } from '../inspections/vocab.ts';
import { CADENCE_PERIODS } from '../inspections/cadence.ts';

const kind = z.enum(INSPECTION_KINDS);
const slotStatus = z.enum(['done', 'missed', 'due', 'upcoming']);
/** Slots owed, done, missed (ended undone), still due; rate = done ÷ (done + missed), null when nothing is settled. */
export const figures = z.object({
  expected: z.number().int(),
  done: z.number().int(),
  missed: z.number().int(),
  due: z.number().int(),
  rate: z.number().nullable(),
});
const figuresByKind = z.partialRecord(kind, figures);
const range = z.object({ from: day, to: day });

export const cadence = z.object({ period: z.enum(CADENCE_PERIODS), times: z.number().int(), countWeekends: z.boolean(), countHolidays: z.boolean() });
const cadenceConfig = z.record(kind, cadence);

export const cadenceSettings = z.object({
  regionCode: z.string(),
  today: day,
  cadence: cadenceConfig.describe('今天生效的频次'),
  inheritedFrom: z.enum(['own', 'county', 'global', 'default']),
  effectiveFrom: day.nullable().describe('生效版本的起始日期；null 为默认值'),
  versions: z
    .array(
      z.object({
        version: z.number().int(),
        effectiveFrom: day,
        cadence: cadenceConfig,
        note: z.string().nullable(),
        createdByName: z.string().nullable(),
        createdAt: instant,
        inForce: z.boolean(),
        scheduled: z.boolean().describe('将来某日起生效'),
      }),
    )
    .describe('本区划自己的版本，新的在前'),
  labels: z.object({ kinds: z.record(z.string(), z.string()), periods: z.record(z.string(), z.string()) }),
  can: z.object({ manage: z.boolean() }),
});

const regionFigures = z.object({ code: z.string(), name: z.string(), total: figures, kinds: figuresByKind });

export const compliance = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  range,
  today: day,
  kinds: z.array(figures.extend({ kind, label: z.string(), period: z.enum(CADENCE_PERIODS).nullable(), periodLabel: z.string().nullable() })),
  towns: z.array(regionFigures).describe('仅县级区划'),
  communities: z.array(regionFigures),
  people: z.array(
    figures.extend({
      personId: rowId,
      name: z.string(),
      kind,
      kindLabel: z.string(),
      townCode: z.string(),
      townName: z.string().nullable(),
      communityCode: z.string(),
      communityName: z.string().nullable(),
      places: z.number().int().describe('统计期内负责过的点位数'),
    }),
  ),
  places: z.array(
    figures.extend({
      placeId: rowId,
      name: z.string(),
      kind,
      kindLabel: z.string(),
      communityCode: z.string(),
      communityName: z.string().nullable(),
      people: z.array(z.object({ id: rowId, name: z.string() })),
    }),
  ),
  can: z.object({ manage: z.boolean() }),
});

const slotPlace = z.object({
  placeId: rowId.nullable(),
  name: z.string().nullable(),
  kind,
  status: slotStatus,
  statusLabel: z.string(),
  done: z.number().int(),
});

export const personCalendar = z.object({
  person: z.object({ id: rowId, name: z.string(), regionCode: z.string(), roles: z.array(z.string()), active: z.boolean() }),
  month: z.string(),
  range,
  today: day,
  places: z.array(
    z.object({
      id: rowId,
      name: z.string(),
      kind: z.string(),
      regionCode: z.string(),
      validFrom: day,
      validTo: day.nullable().describe('不再负责的第一天；null 为仍在负责'),
    }),
  ),
  totals: figuresByKind,
  days: z.array(
    figures.extend({ date: day, dayType: z.enum(['workday', 'weekend', 'holiday', 'makeup']), inspections: z.number().int(), places: z.array(slotPlace) }),
  ),
  slots: z.array(
    z.object({
      kind,
      kindLabel: z.string(),
      period: z.enum(CADENCE_PERIODS),
      key: z.string(),
      start: day,
      end: day,
      placeId: rowId.nullable(),
      placeName: z.string().nullable(),
      done: z.number().int(),
      times: z.number().int(),
      status: slotStatus,
      statusLabel: z.string(),
    }),
  ),
});

export const miss = z.object({
  id: rowId,
  kind,
  kindLabel: z.string(),
  townCode: z.string(),
  regionCode: z.string(),
  communityName: z.string().nullable(),
  personId: rowId.nullable(),
  personName: z.string().nullable(),
  placeId: rowId.nullable(),
  placeName: z.string().nullable(),
  periodStart: day,
  periodEnd: day,
  slotKey: z.string(),
  recordedAt: instant,
});
/** GET /api/inspections/misses: newest period first, keyset pages (`cursor`, `limit` ≤ MISS_PAGE_MAX). */
export const MISS_PAGE_MAX = 200;
export const missList = page(miss);

export type Figures = Wire<typeof figures>;
export type CadenceSettings = Wire<typeof cadenceSettings>;
export type Compliance = Wire<typeof compliance>;
export type PersonCalendar = Wire<typeof personCalendar>;
export type Miss = Wire<typeof miss>;
export type MissList = Wire<typeof missList>;

// HTTP contract of cadence compliance and cadence settings (issue 5 item 6).
// All routes need a session; errors are { error: { code, message, fields } }.
// A slot is owed under the cadence and the assignment in force on its first day
// (a chief × place by the assignment rows' valid_from/valid_to; a leader from
// their grant, a demo point from its record), so figures add up over ranges.
// Figures = { expected, done, missed, due, rate }: expected counts the slots
// that have started (or are done); missed = ended before today without the
// inspection; due = still running; rate = done ÷ (done + missed), 4 decimals,
// null when nothing is settled yet.
//
// GET /api/inspections/cadence?regionCode=<6|9 digits>        (inspection.read)
//   → { regionCode, today, cadence: { patrol|supervision|unannounced_visit|demo_visit|mock_evaluation:
//        { period: 'day'|'week'|'month'|'none', times, countWeekends, countHolidays } },   // in force today
//       inheritedFrom: 'own'|'county'|'global'|'default', effectiveFrom (of the version in force, null: defaults),
//       versions: [{ version, effectiveFrom, cadence, note, createdByName, createdAt, inForce, scheduled }],  // own, newest first
//       labels: { kinds, periods }, can: { manage } }
// PUT /api/inspections/cadence?regionCode=<6|9 digits>        (inspection.manage)
//   body: any subset of the kinds above, each a full Cadence (times 1..10; 0 allowed with period 'none'),
//     effectiveFrom? (default today; not before today nor before the region's latest version), note?
//   → the same shape as GET; a new version from effectiveFrom: the cadence in force then with these kinds replaced
//
// GET /api/inspections/compliance?regionCode=<6|9|12>&month=YYYY-MM | &from=YYYY-MM-DD&to=YYYY-MM-DD
//   (default: the current month; at most a year)                 (inspection.read over regionCode)
//   → { region: { code, name, level }, range: { from, to }, today,
//       kinds: [{ kind, label, period, periodLabel, ...Figures }],      // patrol, supervision, unannounced_visit (not for a community), demo_visit
//       towns: [{ code, name, total: Figures, kinds: { <kind>: Figures } }],       // a county only
//       communities: [{ code, name, total: Figures, kinds: { patrol?, supervision?, demo_visit?: Figures } }],
//       people: [{ personId, name, kind: 'patrol'|'unannounced_visit', kindLabel, townCode, townName, communityCode, communityName,
//                  places, ...Figures }],    // street chiefs (places = places held at some time in the range) and town leaders (communityCode/Name = their town)
//       places: [{ placeId, name, kind: 'patrol'|'demo_visit', kindLabel, communityCode, communityName, people: [{ id, name }], ...Figures }],
//       can: { manage } }
// GET /api/inspections/compliance/person/:id?month=YYYY-MM     (the person themself, or inspection.read over their region; else 404)
//   → { person: { id, name, regionCode, roles, active }, month, range, today,
//       places: [{ id, name, kind, regionCode, validFrom, validTo }],  // places held at some time in the month (validTo exclusive, null: still)
//       totals: { patrol?: Figures, unannounced_visit?: Figures },
//       days: [{ date, dayType: 'workday'|'weekend'|'holiday'|'makeup', inspections, ...Figures,
//                places: [{ placeId, name, kind, status, statusLabel, done }] }],   // the daily slots of that day
//       slots: [{ kind, kindLabel, period, key, start, end, placeId, placeName, done, times,
//                 status: 'done'|'missed'|'due'|'upcoming', statusLabel }] }
// GET /api/inspections/misses?regionCode&from&to|month&kind&cursor&limit (≤ 200, default 100)   (inspection.read)
//   the misses the daily job recorded, period start in the range, newest period first (then region, id)
//   → { nextCursor, items: [{ id, kind, kindLabel, townCode, regionCode, communityName, personId, personName,
//        placeId, placeName, periodStart, periodEnd, slotKey, recordedAt }] }
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { todayChina } from '../calendar/index.ts';
import { cadenceBody, getCadence, setCadence } from './cadence.settings.ts';
import { compliance, misses, monthRange, personCalendar, type Range } from './compliance.service.ts';
import { SCHEDULED_KINDS } from './compliance.repository.ts';
import { idParam, isoDate, isoMonth as month } from '../../../domain/input.ts';
import { cadenceSettings, compliance as complianceSchema, MISS_PAGE_MAX, missList, personCalendar as calendarSchema } from '../../../domain/api/compliance.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';

const regionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, '区划代码应为 6、9 或 12 位数字');
const period = { month: month.optional(), from: isoDate.optional(), to: isoDate.optional() };

/** month, or from+to, or the current month. */
function rangeOf(q: { month?: string; from?: string; to?: string }): Range {
  if (q.from || q.to) {
    if (!q.from || !q.to) throw new AppError('VALIDATION_FAILED', '请同时填写开始和结束日期', [{ path: q.from ? 'to' : 'from', message: '请填写日期' }]);
    return { from: q.from, to: q.to };
  }
  return monthRange(q.month ?? todayChina().slice(0, 7));
}

export function complianceRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get('/inspections/cadence', { schema: { querystring: z.object({ regionCode }), response: { 200: cadenceSettings } } }, async (req) =>
      getCadence(db, actorOf(req), req.query.regionCode),
    );
    app.put('/inspections/cadence', { schema: { querystring: z.object({ regionCode }), body: cadenceBody, response: { 200: cadenceSettings } } }, async (req) =>
      setCadence(db, actorOf(req), req.query.regionCode, req.body),
    );

    app.get('/inspections/compliance', { schema: { querystring: z.object({ regionCode, ...period }), response: { 200: complianceSchema } } }, async (req) =>
      compliance(db, actorOf(req), req.query.regionCode, rangeOf(req.query)),
    );
    app.get(
      '/inspections/compliance/person/:id',
      { schema: { params: z.object({ id: idParam }), querystring: z.object({ month: month.optional() }), response: { 200: calendarSchema } } },
      async (req) => personCalendar(db, actorOf(req), req.params.id, req.query.month ?? todayChina().slice(0, 7)),
    );

    app.get(
      '/inspections/misses',
      {
        schema: {
          querystring: z.object({
            regionCode,
            ...period,
            kind: z.enum(SCHEDULED_KINDS, '巡查类型不正确').optional(),
            cursor: cursorParam.optional(),
            limit: limitParam(MISS_PAGE_MAX, 100),
          }),
          response: { 200: missList },
        },
      },
      async (req) =>
        misses(db, actorOf(req), req.query.regionCode, {
          ...rangeOf(req.query),
          kind: req.query.kind,
          cursor: req.query.cursor,
          limit: req.query.limit ?? 100,
        }),
    );
  };
}

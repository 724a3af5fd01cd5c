// /api/publicity Excel: the articles, LED programmes, handouts, 入户宣传
// sessions and facilities lists exported
// (.xlsx with the filters of their lists, usable as the import's template)
// and imported all or nothing (publicity.excel.ts).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { todayChina } from '../../platform/clock.ts';
import { readUpload } from '../../platform/uploads.ts';
import { XLSX_UPLOAD } from '../../platform/xlsx.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { binary } from '../../../domain/api/common.ts';
import { publicityImport } from '../../../domain/api/publicity.ts';
import { CHANNELS, HANDOUT_KINDS } from '../../../domain/publicity.ts';
import { exportSheet, importSheet, SHEET_PATH, SHEETS, XLSX_TYPE, type Sheet } from './publicity.excel.ts';
import { periodQuery } from './publicity.routes.ts';
import { facilityFilter } from './facilities.routes.ts';

const flag = z.enum(['0', '1'], '应为 0 或 1').transform((v) => v === '1');
const FILTERS: Record<Sheet, z.ZodObject> = {
  articles: periodQuery.extend({ channel: z.enum(CHANNELS).optional(), featured: flag.optional() }),
  led: periodQuery,
  handouts: periodQuery.extend({ kind: z.enum(HANDOUT_KINDS).optional() }),
  door: periodQuery,
  facilities: facilityFilter,
};

export function publicityExcelRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    for (const sheet of ['articles', 'led', 'handouts', 'door', 'facilities'] as const) {
      app.get(
        `/publicity/${SHEET_PATH[sheet]}/export.xlsx`,
        { schema: { querystring: FILTERS[sheet], response: { 200: binary(XLSX_TYPE, `${SHEETS[sheet].name} .xlsx（可作为导入模板）`) } } },
        async (req, reply) => {
          const buf = await exportSheet(db, actorOf(req), sheet, req.query as Record<string, unknown>);
          const name = `${SHEETS[sheet].name}-${todayChina()}.xlsx`;
          return reply
            .header('content-type', XLSX_TYPE)
            .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
            .send(buf);
        },
      );
      app.post(`/publicity/${SHEET_PATH[sheet]}/import`, { schema: { response: { 201: publicityImport } } }, async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'publicity.manage');
        const { buf } = await readUpload(req, XLSX_UPLOAD);
        return reply.status(201).send(await importSheet(db, actor, sheet, buf));
      });
    }
  };
}

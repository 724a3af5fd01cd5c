// HTTP contract of the ways people see and feed the problem loop: the
// workbench, the filtered list and search, the map, duplicate hints and
// following, Excel export and import. Every route needs a session; every
// query is scoped inside (problemScope + scopeSql).
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { todayChina } from '../../platform/clock.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { PHONE_RE } from '../../../domain/people.ts';
import { filterQuery, list, listQuery } from './list.ts';
import { workbench } from './workbench.ts';
import { mapQuery, mapView } from './map.ts';
import { duplicates, follow } from './duplicates.ts';
import { EXPORT_MAX_ROWS, exportProblems, XLSX_TYPE } from './excel.ts';
import { idParam as id, intParam } from '../../../domain/input.ts';
import { importProblems } from './excel.import.ts';
import { readUpload } from '../../platform/uploads.ts';
import { XLSX_UPLOAD } from '../../platform/xlsx.ts';
import { binary } from '../../../domain/api/common.ts';
import { duplicateHints, followed, problemImport, problemList, problemMap, workbench as workbenchSchema } from '../../../domain/api/problems.ts';

export function problemViewRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get('/problems', { schema: { querystring: listQuery, response: { 200: problemList } } }, async (req) => list(db, actorOf(req), req.query));

    app.get('/problems/workbench', { schema: { response: { 200: workbenchSchema } } }, async (req) => workbench(db, actorOf(req)));

    app.get('/problems/map', { schema: { querystring: mapQuery, response: { 200: problemMap } } }, async (req) => mapView(db, actorOf(req), req.query));

    app.get(
      '/problems/duplicates',
      {
        schema: {
          querystring: z.object({
            categoryId: id,
            lat: z.coerce.number().min(-90).max(90),
            lng: z.coerce.number().min(-180).max(180),
          }),
          response: { 200: duplicateHints },
        },
      },
      async (req) => duplicates(db, actorOf(req), config, req.query),
    );

    app.post(
      '/problems/:id/follow',
      {
        schema: {
          params: z.object({ id }),
          body: z
            .object({
              phone: z.string().regex(PHONE_RE, '请填写 11 位手机号').nullish(),
            })
            .nullish(),
          response: { 201: followed },
        },
      },
      async (req, reply) => reply.status(201).send(await follow(db, actorOf(req), req.params.id, req.body?.phone ?? null)),
    );

    app.get(
      '/problems/export.xlsx',
      {
        schema: {
          querystring: filterQuery.extend({
            limit: intParam(1, EXPORT_MAX_ROWS).optional(),
          }),
          response: { 200: binary(XLSX_TYPE, '问题清单 .xlsx（可改后导入）') },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'problem.read');
        const out = new PassThrough();
        const base = `${req.protocol}://${req.host}`;
        exportProblems(db, actor, req.query, out, base, req.query.limit ?? EXPORT_MAX_ROWS).catch((e) => {
          req.log.error({ err: e }, 'export failed');
          out.destroy(e);
        });
        const name = `问题清单-${todayChina()}.xlsx`;
        reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
        return reply.send(out);
      },
    );

    app.post('/problems/import', { schema: { response: { 200: problemImport, 201: problemImport } } }, async (req, reply) => {
      const actor = actorOf(req);
      const { buf } = await readUpload(req, XLSX_UPLOAD);
      const r = await importProblems(db, actor, buf);
      return reply.status(r.created ? 201 : 200).send(r); // 200: the file only edited problems (or changed nothing)
    });
  };
}

// HTTP contract of the mock-evaluation report (issue 5, views). Signed in;
// inspection.read over the region asked for (403 otherwise).
//
// GET /api/inspections/reports/evaluation?regionCode=<town|community>&batch=<name> | &from=YYYY-MM-DD&to=YYYY-MM-DD [&kind=mock_evaluation]
//   → { title, town{code,name}, region{code,name}, filter{kind,kindLabel,batch,from,to,period}, pointTypes[{pointType,label}],
//       total{overall, pointsEvaluated, inspections, byType[{pointType,label,points,score,max,rate}], worstItems[], problems{total,byState[]}},
//       communities[{code, name, overall, pointsEvaluated, inspections, byType[], points[{placeId,name,pointType,pointTypeLabel,inspectionId,onDate,
//         inspectorName,score,max,rate,problemsFound}], worstItems[{pointType,pointTypeLabel,code,title,criterion,points,graded,counts{A,B,C,C#},bad,
//         avgCoefficient,lostPoints}], problems{total, byState[{state,label,count}], items[{id,code,state,stateLabel,categoryName,description,tier,
//         tierLabel,communityCode,communityName,placeName,dueDate,overdue,overdueDays,createdAt,inspectionId}]}}] }
//   Rates are fractions (0.8734), null when nothing was graded.
// GET /api/inspections/reports/evaluation.xlsx (same query) → the workbook (汇总, 失分项, 问题清单).
// GET /api/inspections/batches?regionCode=<county|town|community>[&kind=mock_evaluation]
//   → { items[{batch, from, to, points, inspections, inProgress, communities, inspectors[]}] } newest first.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { SCORED_KINDS } from '../../../domain/inspections/vocab.ts';
import * as svc from './report.service.ts';
import { evaluationWorkbook, workbookName } from './report.xlsx.ts';
import { isoDate as date, text } from '../../../domain/input.ts';
import { binary } from '../../../domain/api/common.ts';
import { batchList, evaluationReport } from '../../../domain/api/inspection-reports.ts';
import { XLSX_TYPE } from '../../platform/xlsx-import.ts';

const kind = z.enum(SCORED_KINDS as ['supervision', 'unannounced_visit', 'demo_visit', 'mock_evaluation'], '请选择检查类型').default('mock_evaluation');
const evaluationQuery = z.object({
  regionCode: z.string().regex(/^\d{9}(\d{3})?$/, '应为乡镇（9 位）或社区（12 位）区划代码'),
  kind,
  batch: text(100).min(1).optional(),
  from: date.optional(),
  to: date.optional(),
});

export function reportRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get('/inspections/reports/evaluation', { schema: { querystring: evaluationQuery, response: { 200: evaluationReport } } }, async (req) =>
      svc.evaluation(db, actorOf(req), req.query),
    );

    app.get(
      '/inspections/reports/evaluation.xlsx',
      { schema: { querystring: evaluationQuery, response: { 200: binary(XLSX_TYPE, '测评报告 .xlsx') } } },
      async (req, reply) => {
        const r = await svc.evaluation(db, actorOf(req), req.query);
        const buffer = await evaluationWorkbook(r);
        reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(workbookName(r))}`);
        return reply.send(buffer);
      },
    );

    app.get(
      '/inspections/batches',
      {
        schema: {
          querystring: z.object({ regionCode: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, '区划代码应为 6、9 或 12 位数字'), kind }),
          response: { 200: batchList },
        },
      },
      async (req) => svc.batches(db, actorOf(req), req.query.regionCode, req.query.kind),
    );
  };
}

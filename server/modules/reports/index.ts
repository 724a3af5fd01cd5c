// The reports module's public face (issue 19): its routes, the missing
// community reports (the assessment's daily_report_missing rules read them),
// and, on import, its figures (seed ⑧ ⑨ ㉗) and the record kinds whose photos it guards.
import { registerFigures } from '../figures/index.ts';
import { registerFileOwner } from '../files/index.ts';
import { reportFigures } from './reports.figures.ts';
import { yearendFigures } from './yearend.figures.ts';
import { dailyVisible } from './daily.service.ts';

registerFigures(reportFigures);
registerFigures(yearendFigures);
registerFileOwner('daily_report', dailyVisible);

export { reportRoutes } from './reports.routes.ts';
export { missingBefore as missingDailyReportsBefore, missingDailyReports } from './daily.service.ts';
export * as dailyService from './daily.service.ts';
export * as townReportService from './town.service.ts';
export * as yearendService from './yearend.service.ts';
// The job that drafts each town's daily report at its draft time (server/jobs/runner.ts).
export { runTownDrafts } from './town.service.ts';

// Every desk page, area by area. A new page is a row in its area's table.
import { coreRoutes } from './core.tsx';
import { problemsRoutes } from './problems.tsx';
import { adminRoutes } from './admin.tsx';
import { noticesRoutes } from './notices.tsx';
import { inspectionsRoutes } from './inspections.tsx';
import { evaluationRoutes } from './evaluation.tsx';
import { pollsRoutes } from './polls.tsx';
import { registersRoutes } from './registers.tsx';
import { campaignsRoutes } from './campaigns.tsx';
import { reportsRoutes } from './reports.tsx';
import type { DeskRoute } from './types.ts';

export const deskRoutes: DeskRoute[] = [
  ...coreRoutes,
  ...problemsRoutes,
  ...adminRoutes,
  ...noticesRoutes,
  ...inspectionsRoutes,
  ...evaluationRoutes,
  ...pollsRoutes,
  ...registersRoutes,
  ...campaignsRoutes,
  ...reportsRoutes,
];

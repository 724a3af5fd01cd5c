// The home module's public face: its route, the due-soon window, and, on import, the current-state problem figures
// it serves to the figure registry (figures.ts: the home pages and the 大屏 read them through figures()).
import { registerFigures } from '../figures/index.ts';
import { problemFigures } from './figures.ts';

registerFigures(problemFigures);

export { homeRoutes } from './home.routes.ts';
export { dailyTrend } from './home.service.ts';
export { dueSoonTo, PROBLEM_FIGURES } from './figures.ts';

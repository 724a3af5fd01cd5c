// The figure registry's public face (issue 16). A register serves its figures
// by calling registerFigures() from its own index.ts; the year-end report and
// the dashboard read figures().
export { drillQuery, figures, isProvided, registerFigures, type FigureProvider, type FigureQuery, type FigureValue } from './registry.ts';
export { figureRoutes } from './figures.routes.ts';

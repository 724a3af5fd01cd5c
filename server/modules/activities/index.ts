// The activities module's public face: what other modules use of it (the
// figure registry reads ⑮ ⑯ through here).
export { ACTIVITY_FIGURE_DEFS, activityFigureValues, drillDown as activityDrillDown, type ActivityFigureId } from './activities.figures.ts';
export { activityRoutes } from './activities.routes.ts';

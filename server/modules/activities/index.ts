// The activities module's public face: its routes, and figures ⑮ ⑯ served
// to the figure registry (registered here, once, when the module is loaded).
import { registerFigures } from '../figures/index.ts';
import { activityFigures } from './activities.figures.ts';

registerFigures(activityFigures);

export { activityFigureValues, drillDown as activityDrillDown, type ActivityFigureId } from './activities.figures.ts';
export { activityRoutes } from './activities.routes.ts';

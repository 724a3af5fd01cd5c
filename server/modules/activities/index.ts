// The activities module's public face: its routes; figures ⑮ ⑯ served to
// the figure registry and its photos' owner kind in the file store (both
// registered here, once, when the module is loaded).
import { registerFigures } from '../figures/index.ts';
import { registerFileOwner } from '../files/index.ts';
import { activityFigures } from './activities.figures.ts';
import { visible } from './activities.service.ts';

registerFigures(activityFigures);
// An activity's photos are linked in the file store (file_links, owner 'activity') and served at GET /api/photos/:id to whoever sees the activity.
registerFileOwner('activity', visible);

export { activityFigureValues, drillDown as activityDrillDown, type ActivityFigureId } from './activities.figures.ts';
export { activityRoutes } from './activities.routes.ts';
export { plan as planActivity } from './activities.service.ts';

// The volunteers module's public face (issue 17): its routes; its figures
// (seed ⑤ and the volunteers' and orders' own) served to the figure registry,
// registered here once when the module is loaded.
import { registerFigures } from '../figures/index.ts';
import { volunteerFigures } from './volunteers.figures.ts';

registerFigures(volunteerFigures);

export { volunteerFigureValues, drillDown as volunteerDrillDown } from './volunteers.figures.ts';
export { volunteerRoutes } from './volunteers.routes.ts';
export { orderPublicRoutes, orderRoutes } from './orders.routes.ts';
export { leaderAbilities } from './members.service.ts';

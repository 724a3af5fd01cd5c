// The publicity module's public face (issue 18 items 1-2): its routes; figures
// ⑦ ⑩ ⑪ ⑫ ⑬ ⑭ ⑰ served to the figure registry and its facilities' photos as an
// owner kind of the file store (both registered here, once, when the module
// is loaded); markDamaged for the phone's offline queue.
import { registerFigures } from '../figures/index.ts';
import { registerFileOwner } from '../files/index.ts';
import { publicityFigures } from './publicity.figures.ts';
import { visible } from './facilities.service.ts';

registerFigures(publicityFigures);
// A facility's photos are linked in the file store (file_links, owner 'publicity_facility') and served at GET /api/photos/:id to whoever sees it.
registerFileOwner('publicity_facility', visible);

export { damageKey, markDamaged } from './facilities.service.ts';
export { publicityFigureValues } from './publicity.figures.ts';
export { publicityRoutes } from './publicity.routes.ts';
export { facilityRoutes } from './facilities.routes.ts';
export { publicityExcelRoutes } from './excel.routes.ts';

// The fund module's public face: its routes; vouchers and project photos as
// owners in the file store (registered here, once).
import { registerFileOwner } from '../files/index.ts';
import { entryVisible } from './fund.service.ts';
import { projectVisible } from './projects.service.ts';

registerFileOwner('fund_entry', entryVisible);
registerFileOwner('fund_project', projectVisible);

export { fundRoutes } from './fund.routes.ts';
// The services, for the demo's history (server/demo/campaigns.ts).
export * as fundService from './fund.service.ts';
export * as projectService from './projects.service.ts';

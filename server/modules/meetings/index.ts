// The meetings module's public face (issue 16): its routes, the missed 例会
// weeks (the assessment rule reads them), and, on import, its figures
// (seed ①-④, ⑥) and the record kinds whose files it guards.
import { registerFigures } from '../figures/index.ts';
import { registerFileOwner } from '../files/index.ts';
import { meetingFigures, tripFigures } from './meetings.figures.ts';
import { meetingVisible } from './meetings.service.ts';
import { tripVisible } from './trips.service.ts';

registerFigures(meetingFigures);
registerFigures(tripFigures);
registerFileOwner('meeting', meetingVisible);
registerFileOwner('study_trip', tripVisible);

export { meetingRoutes } from './meetings.routes.ts';
export { decisionRoutes } from './decisions.routes.ts';
export { missedWeeksIn } from './cadence.service.ts';
// The demo records its year of meetings through the same services.
export * as meetingService from './meetings.service.ts';
export * as decisionService from './decisions.service.ts';
export * as tripService from './trips.service.ts';
export * as cadenceService from './cadence.service.ts';

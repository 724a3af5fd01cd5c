// The survey module's public face: its routes, the needs' photos as owners in
// the file store (registered here, once), and what the fund reads of needs.
import { registerFileOwner } from '../files/index.ts';
import { visible } from './surveys.service.ts';

registerFileOwner('survey_need', visible);

export { surveyRoutes } from './surveys.routes.ts';
export { needsByIds } from './surveys.repository.ts';
// The service, for the demo's history (server/demo/campaigns.ts).
export * as surveyService from './surveys.service.ts';

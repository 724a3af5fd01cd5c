// The 大屏's public face (issue 19 item 6): its routes.
export { screenRoutes } from './screen.routes.ts';
// The demo makes its display tokens through the same service.
export * as screenTokens from './screen.service.ts';
// The job keeping the displayed regions' rankings fresh.
export { refreshDisplayedRankings } from './screen.service.ts';

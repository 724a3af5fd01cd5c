// The 大屏's public face (issue 19 item 6): its routes.
export { screenRoutes } from './screen.routes.ts';

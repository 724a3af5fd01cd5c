// The map module's public face: the routes, and the town's extent (places and
// an imported town boundary) for other modules' checks.
export { mapPublicRoutes, mapRoutes } from './map.routes.ts';
export { townExtent } from './boundaries.ts';
export { BASE_LAYER_SETTING } from './base-layer.ts';

// Every route the app registers, with its schemas, read from Fastify's own
// onRoute hook: the suite's route-table tests (fuzz, authorisation matrix)
// walk this list, so a new route is covered the day it is added.
import type { FastifyInstance, FastifySchema } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

/** Call before any route is registered. HEAD twins of GET routes are left out. */
export function registerRouteTable(app: FastifyInstance) {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (r) => {
    // The API document and the developers' docs page (no input, no records) stay out of the table.
    if ((r.schema as { hide?: boolean } | undefined)?.hide || r.url.startsWith('/api/docs')) return;
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue;
      table.push({ method, url: r.url, schema: r.schema });
    }
  });
}

// Browser-facing defences, on every response (API, SPA, static files, errors):
//  - security headers with @fastify/helmet: a Content-Security-Policy the
//    built app passes (scripts only from this origin, no inline script;
//    antd's inline styles allowed; images also from data:, blob: and the map's
//    configured tile host, which connect-src allows as well), frame-ancestors 'none' + X-Frame-Options DENY, nosniff, a
//    referrer policy that still tells tile servers our origin (天地图 keys are
//    bound to it), HSTS only when the cookie is Secure (COOKIE_SECURE=1);
//  - the Origin check: a write (POST/PUT/PATCH/DELETE) that carries the
//    session cookie must come from a page of this site. Origin, when sent,
//    must name the request's own host; without Origin a Referer, when sent,
//    must. Requests without the cookie (the resident API, scripts) and clients
//    sending neither header are not browsers riding a session and pass.
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from './config.ts';
import { AppError } from './errors.ts';
import { MapTileHosts } from './map-tiles.ts';
import { COOKIE } from './session.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The map's tile hosts in the CSP; refresh() after the tile setting changes. */
    mapTiles: MapTileHosts;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** scheme://host[:port] of an Origin or Referer value, or null when it is none (e.g. "null"). */
function originOf(value: string): URL | null {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/**
 * Does the page's origin name this request's own host? The host is the Host
 * header (X-Forwarded-Host when TRUST_PROXY=1: Fastify's req.host). The scheme
 * is compared only when a trusted proxy tells it (X-Forwarded-Proto); else a
 * TLS-terminating proxy would make every write look cross-scheme.
 */
export function sameOrigin(req: FastifyRequest, trustProxy: boolean, pageOrigin: string): boolean {
  const page = originOf(pageOrigin);
  if (!page || !req.host) return false;
  const forwardedProto = trustProxy && req.headers['x-forwarded-proto'] !== undefined;
  if (forwardedProto && page.protocol !== `${req.protocol}:`) return false;
  let own: URL;
  try {
    // Parsed with the page's scheme, so a default port (:443 / :80) compares equal to none.
    own = new URL(`${page.protocol}//${req.host}`);
  } catch {
    return false;
  }
  return own.host === page.host;
}

export async function registerSecurity(app: FastifyInstance, config: Config) {
  // The map module points this at the base-layer setting (and refreshes it).
  const tiles = new MapTileHosts();
  app.decorate('mapTiles', tiles);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // antd (cssinjs) writes <style> elements and style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Photo previews are blob: URLs; Leaflet's and the favicon's images data:.
        imgSrc: ["'self'", 'data:', 'blob:', () => tiles.hosts().join(' ')],
        fontSrc: ["'self'", 'data:'],
        // A tile server is fetched by the tile layer; only the configured one.
        connectSrc: ["'self'", () => tiles.hosts().join(' ')],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.cookieSecure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: config.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });

  app.addHook('onRequest', async (req) => {
    if (!WRITES.has(req.method) || !req.cookies?.[COOKIE]) return;
    const origin = req.headers.origin;
    const referer = req.headers.referer;
    const from = origin !== undefined ? origin : referer;
    if (from !== undefined && !sameOrigin(req, config.trustProxy, from)) throw new AppError('ORIGIN_MISMATCH');
  });
}

// The API contract: every route declares its request and response as zod
// schemas (response schemas shared with the web live in domain/api/), and
// @fastify/swagger turns them into one OpenAPI 3.1 document, generated once
// when the app is ready and served at /api/openapi.json; a readable page for
// developers is at /api/docs.
//
// Responses are checked against their schema on the way out. In production a
// field the schema does not declare is left out (only the documented shape
// leaves the server) and a response that breaks its schema is a 500 logged
// with the route; under test (RESPONSE_CHECK=strict, set by the suite) an
// undeclared field fails too, so a schema that drifts from its route fails the
// integration tests instead of truncating silently.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { createSerializerCompiler, jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { API_TAGS, tagOf } from './openapi-tags.ts';
import { keptBody, sendKept, type KeptBody } from './kept-body.ts';

/** The product's version, from package.json. */
export const APP_VERSION: string = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8')).version;

export const OPENAPI_PATH = '/api/openapi.json';
export const DOCS_PREFIX = '/api/docs';

/** Before any route: collects the routes' schemas. */
export async function registerOpenApi(app: FastifyInstance, version: string) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '创城通 API',
        version,
        description:
          '创建全国文明城市工作平台的接口。除 /api/public/* 与登录外，接口需要登录后的会话 Cookie（sid）；写操作须与页面同源。错误统一为 {"error":{"code","message","fields"}}。',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sid' } } },
      security: [{ session: [] }],
      tags: API_TAGS.map(({ name, description }) => ({ name, description })),
    },
    // Every operation under its area's tag (openapi-tags.ts), so /api/docs groups them.
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const tag = tagOf(out.url);
      const schema = out.schema as { tags?: string[] };
      return schema.tags || !tag ? out : { ...out, schema: { ...out.schema, tags: [tag] } };
    },
    // Schemas with an id (`.meta({ id })`, e.g. a recursive tree) become components the routes refer to.
    transformObject: jsonSchemaTransformObject,
  });
}

/**
 * After every route: the document (built once when the app is ready, kept as
 * bytes, so serving it is a write: bench api.openapi_json_ms) and the docs page.
 */
export async function registerOpenApiRoutes(app: FastifyInstance) {
  let doc: KeptBody | null = null;
  // Compressed once too: a tenth of the bytes for every client that accepts gzip (browsers, fetch, code generators).
  app.addHook('onReady', async () => {
    doc = await keptBody(JSON.stringify(app.swagger()), 9);
  });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async (req, reply) => sendKept(req, reply, doc!));
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX, uiConfig: { docExpansion: 'list', deepLinking: true }, staticCSP: false });
}

/** Keys sorted, so two JSON texts compare by content, not by key order. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

const strict = () => process.env.RESPONSE_CHECK === 'strict';

/** Under test, a response that lost fields to its schema's encoding fails (`what` names it). */
function checkDropped(what: string, out: string, data: unknown) {
  if (!strict()) return;
  const sent = JSON.stringify(canonical(JSON.parse(out)));
  const meant = JSON.stringify(canonical(JSON.parse(JSON.stringify(data))));
  if (sent !== meant) throw new Error(`response of ${what} has fields its schema does not declare:\nsent  ${sent.slice(0, 600)}\nmeant ${meant.slice(0, 600)}`);
}

/** The response serializer: the zod schema's encoding, and under test a check that it dropped nothing. */
export function responseSerializer() {
  const zod = createSerializerCompiler();
  return (route: Parameters<typeof zod>[0]) => {
    const encode = zod(route);
    return (data: unknown) => {
      const out = encode(data);
      checkDropped(`${route.method} ${route.url}`, out, data);
      return out;
    };
  };
}

/**
 * A response serialised ahead, to be kept and sent as a string many times (the 大屏's shared answers): checked
 * against its schema as the serializer checks every response, once, instead of on every send.
 */
export function serializeAhead(schema: { parse(data: unknown): unknown }, data: unknown, what: string): string {
  const out = JSON.stringify(schema.parse(data));
  checkDropped(what, out, data);
  return out;
}

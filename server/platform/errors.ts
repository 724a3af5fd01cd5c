// One error type, mapped to HTTP in one place. Codes and messages live in
// domain/errors.ts. No stack trace ever reaches a client.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_CODES, type ErrorCode, type FieldError } from '../../domain/errors.ts';

export class AppError extends Error {
  constructor(
    public code: ErrorCode,
    message?: string,
    public fields?: FieldError[],
    public details?: unknown,
  ) {
    super(message ?? ERROR_CODES[code].message);
  }
  get status() {
    return ERROR_CODES[this.code].status;
  }
}

/** Turn a unique-constraint violation into a field error users can act on. */
export function mapUnique(e: unknown, byConstraint: Record<string, FieldError>): never {
  const cause = (e as any)?.cause ?? e;
  if (cause?.code === '23505' && byConstraint[cause.constraint]) {
    const f = byConstraint[cause.constraint];
    throw new AppError('DUPLICATE', f.message, [f]);
  }
  throw e;
}

export const notFound = (msg?: string) => new AppError('NOT_FOUND', msg);
/** 400 VALIDATION_FAILED naming one field, the way a form shows it. */
export const fieldError = (path: string, message: string) => new AppError('VALIDATION_FAILED', undefined, [{ path, message }]);
export const forbidden = (msg?: string) => new AppError('FORBIDDEN', msg);

// Zod issue → Chinese field message.
function zodIssueMessage(issue: {
  code: string;
  message?: string;
  minimum?: unknown;
  maximum?: unknown;
  expected?: unknown;
  format?: string;
  origin?: string;
}): string {
  if (issue.message && /[\u4e00-\u9fa5]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'string' || issue.expected === 'number' ? '必填项或类型不正确' : '类型不正确';
    case 'too_small':
      return issue.origin === 'string' ? `至少 ${issue.minimum} 个字符` : `不能小于 ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' ? `最多 ${issue.maximum} 个字符` : `不能大于 ${issue.maximum}`;
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return '取值不在允许范围内';
    case 'unrecognized_keys':
      return '包含不认识的字段';
    default:
      return '取值不正确';
  }
}

// busboy (multipart) reports a malformed or truncated upload as a plain Error.
const MALFORMED_MULTIPART = /unexpected end of multipart data|boundary not found|boundary required/i;

/**
 * Fastify's own refusals before routing (a path that does not decode, a
 * parameter over maxParamLength): the documented error body, not Fastify's.
 * Passed as the `frameworkErrors` option of the Fastify constructor.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  return reply.status(status).send({ error: { code: 'BAD_REQUEST', message: ERROR_CODES.BAD_REQUEST.message } });
}

/**
 * `spa`: when the built web app is served, a GET outside /api/ answers its
 * index.html (client-side routing); every other unknown route is 404 JSON.
 */
export function registerErrorHandling(app: FastifyInstance, spa = false) {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, fields: err.fields, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: FieldError[] = err.validation.map((v) => ({
        path: [String(err.validationContext ?? ''), ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.'),
        message: zodIssueMessage({ ...(v.params as object), code: v.keyword, message: v.message }),
      }));
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: ERROR_CODES.VALIDATION_FAILED.message, fields } });
    }
    const status = (err as FastifyError).statusCode;
    if (status === 429) {
      return reply.status(429).send({ error: { code: 'RATE_LIMITED', message: ERROR_CODES.RATE_LIMITED.message } });
    }
    if ((err as FastifyError).code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send({ error: { code: 'FILE_TOO_LARGE', message: ERROR_CODES.FILE_TOO_LARGE.message } });
    }
    if ((status && status >= 400 && status < 500) || (!status && MALFORMED_MULTIPART.test(String((err as Error).message)))) {
      return reply.status(status ?? 400).send({ error: { code: 'BAD_REQUEST', message: ERROR_CODES.BAD_REQUEST.message } });
    }
    // Postgres constraint errors that escaped a service: report, don't crash.
    const pgCode = ((err as any).cause?.code ?? (err as any).code) as string | undefined;
    if (pgCode === '23505') return reply.status(409).send({ error: { code: 'DUPLICATE', message: ERROR_CODES.DUPLICATE.message } });
    if (pgCode === '23503') return reply.status(409).send({ error: { code: 'IN_USE', message: ERROR_CODES.IN_USE.message } });
    // Two writers locking the same rows in opposite orders (an import and a merge): PostgreSQL lets one through.
    if (pgCode === '40P01' || pgCode === '40001') return reply.status(409).send({ error: { code: 'CONFLICT', message: ERROR_CODES.CONFLICT.message } });
    if ((pgCode && /^(08|57P)/.test(pgCode)) || pgCode === 'ECONNREFUSED') {
      req.log.error({ err }, 'database unavailable');
      return reply.status(503).send({ error: { code: 'DB_UNAVAILABLE', message: ERROR_CODES.DB_UNAVAILABLE.message } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: ERROR_CODES.INTERNAL.message } });
  });

  app.setNotFoundHandler((req, reply) => {
    if (spa && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: ERROR_CODES.ROUTE_NOT_FOUND.message } });
  });
}

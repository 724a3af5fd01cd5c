// Response schemas shared by the server (each route's `response`, turned into
// the OpenAPI document at /api/openapi.json) and the web (its API types are
// z.infer of these, so the two cannot drift). One file per module; this one
// holds the pieces every module uses.
import { z } from 'zod';

/**
 * An instant, ISO 8601 with time zone. A service may hand over the Date that
 * PostgreSQL gave it (sent as toISOString) or a string it already formatted;
 * on the wire, and in the document, it is always a string. Because the two
 * sides differ, the web takes its types with `Wire<>` (z.input), not z.infer.
 */
export const instant = z
  .codec(
    z.string(),
    z.custom<Date | string>((v) => v instanceof Date || typeof v === 'string', '应为时间'),
    {
      decode: (s) => s,
      encode: (v) => (v instanceof Date ? v.toISOString() : v),
    },
  )
  .meta({ type: 'string', format: 'date-time', description: 'ISO 8601 时间' });
/** A calendar day in China time, YYYY-MM-DD. */
export const day = z.string().describe('日期 YYYY-MM-DD');
/** What the web receives from a response schema: its wire side (instants are strings). */
export type Wire<T extends z.ZodType> = z.input<T>;

/** A database id. */
export const rowId = z.number().int();

/**
 * One page of a list: the opaque keyset cursor of the next page (null on the
 * last one). Every list endpoint pages this way (`cursor` in, `nextCursor` out).
 */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** The body of a 204 answer: none. */
export const noContent = z.null().describe('无内容');

/** A labelled enum value as the API sends it. */
export const labelled = <T extends z.ZodType>(value: T) => z.object({ value, label: z.string() });

/** The error body of every 4xx/5xx answer. */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    details: z.unknown().optional(),
  }),
});

/**
 * A binary answer (a photo, an .xlsx or .docx file): documented with its media
 * type in the OpenAPI document, sent as it is (a stream or a buffer is never
 * serialized, so never validated).
 */
export const binary = (contentType: string, description: string) => ({ description, content: { [contentType]: { schema: z.any() } } });

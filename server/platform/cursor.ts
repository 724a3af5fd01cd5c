// The one pagination of the API (issue 13): an opaque keyset cursor. A list
// answers `{ items, nextCursor }` (domain/api/common.ts page()); the client
// sends `nextCursor` back as `cursor` for the next page and never looks
// inside. The cursor is base64url of a JSON array of the last row's sort key
// (the format of the problem list's cursor, server/modules/problems/list.ts);
// a cursor that does not decode to the shape the list expects is a 400 with
// the same message everywhere. A page size over the list's documented
// maximum is a 400 too (limitParam).
import { z } from 'zod';
import { AppError } from './errors.ts';
import { intParam } from '../../domain/input.ts';

/** `cursor` in a query string (opaque; at most 200 characters). */
export const cursorParam = z.string().max(200, '翻页标记无效，请从第一页重新加载').describe('上一页返回的 nextCursor（不透明）');

/** `limit` in a query string: 1..max rows, over max is a 400; the default and maximum are in the document. */
export const limitParam = (max: number, fallback: number) => intParam(1, max).optional().describe(`每页条数，默认 ${fallback}，最多 ${max}（超过为 400）`);

/** The cursor of the row after which the next page starts. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key in `cursor`, when `valid` accepts it; otherwise a 400 on querystring.cursor. */
export function decodeCursor<T extends unknown[]>(cursor: string, valid: (key: unknown[]) => key is T): T {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && valid(key)) return key;
  } catch {
    /* fall through */
  }
  throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'querystring.cursor', message: '翻页标记无效（或与排序方式不符），请从第一页重新加载' }]);
}

// Pieces of a sort key, as a list's `valid` checks them.
/** A row id. */
export const positiveId = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) > 0;
/** A calendar day, YYYY-MM-DD. */
export const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
/** A timestamp to the microsecond, as PostgreSQL stores it (STAMP_FORMAT), so a key never falls between two rows. */
export const isStamp = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v);
/** The to_char format of a timestamptz at UTC that isStamp accepts (`to_char(x AT TIME ZONE 'UTC', STAMP_FORMAT)`). */
export const STAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';

/** A list ordered by id alone: its cursor holds the last id. */
export const idCursor = {
  encode: (id: number) => encodeCursor([id]),
  decode: (cursor: string) => decodeCursor(cursor, (k): k is [number] => k.length === 1 && positiveId(k[0]))[0],
};

/** One page out of `limit + 1` fetched rows: the rows, and the cursor after the last (null when no more). */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (last: T) => string) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]) : null };
}

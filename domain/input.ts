// The edge types every route schema is built from (params, querystring,
// body): what passes them is safe for the inner code to use as is.
//   - isoDate / isoMonth: a real calendar date (month) in years 2000-2100;
//   - isoInstant: an ISO 8601 time with its offset, in those years;
//   - id (JSON) / idParam (path, query): a positive int32, the range of the
//     database's serial ids (version: a row version, the same range);
//     intParam(min, max) for other integers in a URL;
//   - text(max): no NUL, no lone UTF-16 surrogate (PostgreSQL refuses both),
//     bounded length, trimmed; rawText(max) the same untrimmed (passwords);
//   - list(item, max): an array with a bounded number of items.
// Messages are Chinese: they reach users as field errors.
import { z } from 'zod';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export const INT32_MAX = 2_147_483_647;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Why `s` is not a date this system accepts, or null when it is. */
export function dateProblem(s: string): string | null {
  const m = DATE_RE.exec(s);
  if (!m) return '日期格式应为 YYYY-MM-DD';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR) return `日期应在 ${MIN_YEAR}-${MAX_YEAR} 年之间`;
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return '日期不存在，请检查月份和日期';
  return null;
}

/** Why `s` is not a month (YYYY-MM) this system accepts, or null. */
export function monthProblem(s: string): string | null {
  const m = MONTH_RE.exec(s);
  if (!m) return '月份格式应为 YYYY-MM';
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (y < MIN_YEAR || y > MAX_YEAR) return `月份应在 ${MIN_YEAR}-${MAX_YEAR} 年之间`;
  if (mo < 1 || mo > 12) return '月份应在 01-12 之间';
  return null;
}

/** Why `s` is not an ISO instant (2026-05-01T08:30:00+08:00 / ...Z), or null. */
export function instantProblem(s: string): string | null {
  const m = INSTANT_RE.exec(s);
  if (!m) return '时间格式应为 ISO 8601，如 2026-05-01T08:30:00+08:00';
  const d = dateProblem(m[1]);
  if (d) return d.replace('日期格式应为 YYYY-MM-DD', '时间格式不正确');
  return null;
}

// A high surrogate not followed by a low one, or a low one without a high one before it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `s` may not be stored as text (NUL, lone surrogate), or null. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return '不能包含空字符（\\u0000）';
  if (LONE_SURROGATE.test(s)) return '包含无效的字符（不完整的 Unicode 代理项）';
  return null;
}

const checked = (problem: (s: string) => string | null) => (s: string, ctx: z.core.$RefinementCtx<string>) => {
  const p = problem(s);
  if (p) ctx.addIssue({ code: 'custom', message: p, input: s });
};

/** YYYY-MM-DD, a real calendar date in 2000-2100 (2026-02-30 and 9999-12-31 are refused). */
export const isoDate = z.string('日期格式应为 YYYY-MM-DD').max(10, '日期格式应为 YYYY-MM-DD').superRefine(checked(dateProblem)).meta({ format: 'date' });
/** YYYY-MM in 2000-2100. */
export const isoMonth = z.string('月份格式应为 YYYY-MM').max(7, '月份格式应为 YYYY-MM').superRefine(checked(monthProblem)).meta({ format: 'month' });
/** An ISO 8601 time with Z or an offset, its date in 2000-2100. */
export const isoInstant = z.string('时间格式不正确').max(40, '时间格式不正确').superRefine(checked(instantProblem)).meta({ format: 'date-time' });

/** A database id in a JSON body: an integer 1..2^31-1. */
export const id = z.number('应为正整数编号').int('编号应为整数').min(1, '编号应为正整数').max(INT32_MAX, '编号超出范围');

/** An id the user picks from a list (category, unit): `message` says what to pick when it is missing or wrong. */
export const ref = (message: string) => z.number(message).int(message).min(1, message).max(INT32_MAX, '编号超出范围');

/** A row's version (optimistic locking) in a JSON body: an integer 1..2^31-1. */
export const version = z.number('缺少版本号').int('版本号应为整数').min(1, '版本号应为正整数').max(INT32_MAX, '版本号超出范围');

/** An integer written in a URL (path or query), min..max; digits only ('1e3', '1.0', '0x10' are refused). */
export const intParam = (min: number, max: number) =>
  z
    .string('应为整数')
    .regex(/^(0|[1-9]\d{0,9})$/, '应为整数')
    .transform(Number)
    .pipe(z.number().min(min, `不能小于 ${min}`).max(max, `不能大于 ${max}`));

/** A database id in a path or query string. */
export const idParam = z
  .string('应为正整数编号')
  .regex(/^[1-9]\d{0,9}$/, '应为正整数编号')
  .transform(Number)
  .pipe(z.number().max(INT32_MAX, '编号超出范围'));

/** Text users type: trimmed, at most `max` characters, no NUL or lone surrogate. */
export const text = (max: number, message = `最多 ${max} 个字`) => z.string('应为文本').trim().max(max, message).superRefine(checked(textProblem));

/** As text(), untrimmed (passwords, keys). */
export const rawText = (max: number, message = `最多 ${max} 个字符`) => z.string('应为文本').max(max, message).superRefine(checked(textProblem));

/** An array of at most `max` items. */
export const list = <T extends z.ZodType>(item: T, max: number, message = `最多 ${max} 项`) => z.array(item).max(max, message);

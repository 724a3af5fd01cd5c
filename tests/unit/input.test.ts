// The edge types every route schema uses (domain/input.ts): what they let
// through is what the inner code trusts.
import { describe, expect, it } from 'vitest';
import { id, idParam, intParam, isoDate, isoInstant, isoMonth, list, rawText, ref, text, version } from '../../domain/input.ts';
import { monthsOf, periodOf } from '../../domain/assessment/periods.ts';
import { monthWorkdays } from '../../domain/assessment/rules.ts';
import { EMPTY_CALENDAR } from '../../domain/calendar.ts';

const ok = (s: { safeParse(v: unknown): { success: boolean } }, v: unknown) => s.safeParse(v).success;
const message = (s: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, v: unknown) =>
  s.safeParse(v).error?.issues[0]?.message;

describe('isoDate', () => {
  it('accepts real calendar dates from 2000 to 2100, leap days included', () => {
    for (const d of ['2000-01-01', '2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31', '2100-12-31']) expect(ok(isoDate, d), d).toBe(true);
  });
  it('refuses dates that do not exist, with a Chinese message', () => {
    for (const d of ['2026-02-29', '2100-02-29', '2026-02-30', '2026-04-31', '2026-13-45', '2026-00-10', '2026-01-00']) {
      expect(message(isoDate, d), d).toBe('日期不存在，请检查月份和日期');
    }
  });
  it('refuses years outside 2000-2100', () => {
    for (const d of ['0000-00-00', '1999-12-31', '2101-01-01', '9999-12-31']) expect(message(isoDate, d), d).toMatch(/2000-2100/);
  });
  it('refuses other shapes and types', () => {
    for (const d of ['2026-2-3', '2026-02-03T00:00:00Z', ' 2026-02-03', '20260203', '', 'x'.repeat(1_000_000), 20260203, null, ['2026-02-03']]) {
      expect(ok(isoDate, d), String(d).slice(0, 20)).toBe(false);
    }
    expect(message(isoDate, '2026/02/03')).toBe('日期格式应为 YYYY-MM-DD');
  });
});

describe('isoMonth and isoInstant', () => {
  it('takes a month YYYY-MM in range', () => {
    expect(ok(isoMonth, '2026-02')).toBe(true);
    expect(ok(isoMonth, '2100-12')).toBe(true);
    for (const m of ['2026-13', '2026-00', '9999-12', '1999-12', '2026-2', '2026-02-01']) expect(ok(isoMonth, m), m).toBe(false);
  });
  it('takes an ISO time with Z or an offset, its date real and in range', () => {
    for (const t of ['2026-05-01T08:30:00.123Z', '2026-05-01T08:30:00+08:00', '2026-05-01T08:30Z', '2024-02-29T23:59:59-05:00'])
      expect(ok(isoInstant, t), t).toBe(true);
    for (const t of ['2026-02-30T08:00:00Z', '9999-12-31T23:59:59Z', '2026-05-01T24:00:00Z', '2026-05-01T08:30:00', 'yesterday', '2026-05-01'])
      expect(ok(isoInstant, t), t).toBe(false);
  });
});

describe('ids', () => {
  it('a JSON id is an integer 1..2^31-1', () => {
    for (const v of [1, 42, 2147483647]) expect(ok(id, v)).toBe(true);
    for (const v of [0, -1, 1.5, 2147483648, 2 ** 53, Number.MAX_VALUE, '1', null, true]) expect(ok(id, v), String(v)).toBe(false);
    expect(ok(version, 2147483648)).toBe(false);
    expect(message(ref('请选择问题类别'), undefined)).toBe('请选择问题类别');
  });
  it('an id in a URL is digits only, within int32', () => {
    expect(idParam.parse('1')).toBe(1);
    expect(idParam.parse('2147483647')).toBe(2147483647);
    for (const v of ['0', '-1', '2147483648', '99999999999', '1e3', '1.0', '0x10', ' 1', '007', '', 'abc', 5]) expect(ok(idParam, v), String(v)).toBe(false);
  });
  it('an integer in a URL is bounded both ways', () => {
    const limit = intParam(1, 200);
    expect(limit.parse('200')).toBe(200);
    for (const v of ['0', '201', '1e2', '-5', '9'.repeat(400)]) expect(ok(limit, v), v).toBe(false);
    expect(intParam(0, 10).parse('0')).toBe(0);
  });
});

describe('text', () => {
  it('trims and bounds the length, with the given message', () => {
    expect(text(10).parse('  好的  ')).toBe('好的');
    expect(message(text(5, '名称最多 5 个字'), '一二三四五六')).toBe('名称最多 5 个字');
    expect(ok(text(1_000), 'x'.repeat(1_000_000))).toBe(false);
    expect(text(10).min(2, '至少 2 个字').safeParse(' a ').error?.issues[0].message).toBe('至少 2 个字');
  });
  it('refuses NUL and lone UTF-16 surrogates but keeps real astral characters', () => {
    expect(message(text(20), 'a\u0000b')).toMatch(/空字符/);
    expect(message(text(20), 'a\uD800b')).toMatch(/代理项/);
    expect(message(text(20), 'a\uDC00')).toMatch(/代理项/);
    expect(message(text(20), '\uDFFF\uD800')).toMatch(/代理项/);
    expect(text(20).parse('𠮷野家 😀')).toBe('𠮷野家 😀');
  });
  it('rawText keeps spaces (passwords) but refuses the same characters', () => {
    expect(rawText(20).parse(' pw ')).toBe(' pw ');
    expect(ok(rawText(20), 'p\u0000w')).toBe(false);
  });
  it('list bounds the number of items', () => {
    expect(ok(list(id, 3), [1, 2, 3])).toBe(true);
    expect(ok(list(id, 3), [1, 2, 3, 4])).toBe(false);
  });
});

describe('month loops are bounded whatever the dates', () => {
  it('monthsOf a year is 12 months, and a runaway range stops', () => {
    expect(monthsOf(periodOf('year', '2026-05-01'))).toHaveLength(12);
    expect(monthsOf({ start: '9999-12-01', end: '9999-12-31' }).length).toBeLessThanOrEqual(12);
  });
  it('monthWorkdays of December 9999 stops after 31 days', () => {
    expect(monthWorkdays({ start: '9999-12-01', end: '9999-12-31' }, EMPTY_CALENDAR).length).toBeLessThanOrEqual(31);
  });
});

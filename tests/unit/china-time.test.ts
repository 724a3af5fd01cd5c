// Times on the web read in China time on any device: a street chief's phone or
// an official's laptop set to another zone shows the same 上报时间 and deadline
// the server counted (domain/dates.ts chinaClock, used by components/format.ts
// and the phone's clocks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fmtDate, fmtDateTime, greeting } from '../../web/src/components/format.ts';
import { hhmm } from '../../web/src/mobile/staff/api.ts';
import { fmtTime } from '../../web/src/mobile/api.ts';

describe('web times in China time', () => {
  const tz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    process.env.TZ = tz;
  });

  it('formats an instant as China sees it, whatever the device zone', () => {
    expect(new Date('2026-12-06T02:35:00Z').getHours()).toBe(21); // the device's own clock: the day before, 21:35
    expect(fmtDateTime('2026-12-06T02:35:00Z')).toBe('2026年12月6日 10:35');
    expect(fmtDateTime('2026-12-05 18:10:00+00')).toBe('2026年12月6日 02:10');
    expect(fmtDate('2026-12-05T17:00:00Z')).toBe('2026年12月6日');
    expect(hhmm('2026-12-06T02:35:00Z')).toBe('10:35');
    expect(fmtTime('2026-12-06T02:35:00Z')).toBe('2026年12月6日 10:35');
  });

  it('keeps a plain date the day it names', () => {
    expect(fmtDate('2026-12-06')).toBe('2026年12月6日');
    expect(fmtDate(null)).toBe('—');
  });

  it('greets by the hour in China', () => {
    expect(greeting(new Date('2026-12-06T00:30:00Z'))).toBe('上午好'); // 08:30 in China, 19:30 the day before in New York
    expect(greeting(new Date('2026-12-06T12:00:00Z'))).toBe('晚上好'); // 20:00 in China
  });
});

// GET /api/calendar, PUT /api/calendar/days/:day, POST /api/calendar/:year/reseed.
import { z } from 'zod';
import { day } from './common.ts';

export const calendarDay = z.object({
  day,
  kind: z.enum(['holiday', 'workday']),
  name: z.string().nullable(),
  source: z.string().describe('chinese-days（数据包）或 admin（管理员录入）'),
});

export const calendarYear = z.object({
  year: z.number().int(),
  published: z.boolean().describe('国务院办公厅的放假安排是否已收录于数据包'),
  notice: z.string().nullable(),
  days: z.array(calendarDay),
  can: z.object({ manage: z.boolean() }),
});

export const calendarReseed = calendarYear.extend({ written: z.number().int(), removed: z.number().int() });

export const calendarDaySet = z.object({ day, weekday: z.string(), entry: calendarDay.nullable() });

export type CalendarYear = z.infer<typeof calendarYear>;
export type CalendarDay = z.infer<typeof calendarDay>;

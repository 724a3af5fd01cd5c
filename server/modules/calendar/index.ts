// What other modules use: the working-day calendar and China's today.
export { getCalendar, invalidateCalendar, todayChina } from './calendar.service.ts';
export { seedCalendar } from './seed.ts';

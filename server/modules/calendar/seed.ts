// Start-up seeding of the holiday calendar lives with the calendar service
// (seedCalendar); this file is the entry point main.ts and tests import.
export { seedCalendar, type SeedYearResult } from './calendar.service.ts';

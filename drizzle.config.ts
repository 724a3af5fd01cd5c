import { defineConfig } from 'drizzle-kit';
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './server/db/schema.ts', './server/db/schema-problems.ts', './server/db/schema-assessment.ts', './server/db/schema-notices.ts', './server/db/schema-inspections.ts',
    './server/db/schema-inbox.ts', './server/db/schema-activities.ts',
    './server/db/schema-files.ts', './server/db/schema-meetings.ts',
    './server/db/schema-campaigns.ts',
    './server/db/schema-reports.ts',
    './server/db/schema-volunteers.ts',
    './server/db/schema-publicity.ts',
    './server/db/schema-screen.ts',
    './server/db/schema-evaluation.ts',
    './server/db/schema-polls.ts',
  ],
  out: './server/db/migrations',
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'domain/**/*.test.ts', 'server/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    // Hang caps, not timings (timings live in npm run bench): generous for a loaded 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // A response with a field its schema does not declare fails the test (server/platform/openapi.ts).
    env: { RESPONSE_CHECK: 'strict' },
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});

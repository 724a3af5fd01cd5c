import { defineConfig } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  globalSetup: './global-setup.ts',
  // A test's whole run: a bound, not a timing assertion. Flows with several people (office, liaison, resident) took
  // more than a minute on a loaded machine (meetings.spec ran out at 60 s while its last save was on its way).
  timeout: 180_000,
  // How long a check waits for the page to get there: a bound, not a timing assertion. 5 s (the default) is too short
  // for a loaded CI machine, where a lazy page chunk and its first query can take longer (seen in CI and helpers' runs).
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list'], ['json']],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'desktop', use: { viewport: { width: 1440, height: 900 } } }],
});

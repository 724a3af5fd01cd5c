#!/usr/bin/env node
// `npm test`: every suite, then one closing line `N passed, N failed`.
//   1. Vitest: unit and integration tests against real PostgreSQL (embedded
//      by default; DATABASE_URL when set).
//   2. Playwright end-to-end in system Chromium against the built web app and
//      a real server with the demo town (skipped with --no-e2e).
// Options: --e2e-only, --no-e2e.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const runUnit = !args.includes('--e2e-only');
const runE2e = !args.includes('--no-e2e');
let passed = 0;
let failed = 0;

function run(cmd, cmdArgs, env = {}) {
  console.log(`\n$ ${cmd} ${cmdArgs.join(' ')}`);
  return spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });

if (runUnit) {
  const out = path.join(root, 'test-results', 'vitest.json');
  fs.rmSync(out, { force: true });
  const code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const r = readJson(out);
  if (r) {
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.numRuntimeErrors ?? 0);
    if (code !== 0 && r.numFailedTests === 0) failed += 1; // a suite that crashed before its tests
  } else {
    failed += 1;
  }
}

if (runE2e) {
  if (!fs.existsSync('/usr/bin/chromium')) {
    // A fresh machine: Debian's Chromium and CJK fonts (never Playwright's own download).
    if (process.getuid?.() === 0) run('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk']);
  }
  if (!fs.existsSync('/usr/bin/chromium')) {
    console.error('端到端测试需要 /usr/bin/chromium：请执行 apt-get install -y chromium fonts-noto-cjk');
    failed += 1;
  } else if (run('node', ['scripts/build-web.mjs']) !== 0) {
    console.error('前端构建失败');
    failed += 1;
  } else {
    const out = path.join(root, 'test-results', 'playwright.json');
    fs.rmSync(out, { force: true });
    run('npx', ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
    const r = readJson(out);
    if (r?.stats) {
      passed += r.stats.expected;
      failed += r.stats.unexpected + (r.errors?.length ?? 0);
    } else {
      failed += 1;
    }
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

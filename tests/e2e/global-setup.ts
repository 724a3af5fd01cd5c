// Start a real server (embedded PostgreSQL in a temporary data dir, demo town
// loaded, built web app) for the end-to-end run; stop it cleanly afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, spawnServer, stopServer, waitHealthy } from '../helpers/server-process.ts';

export const E2E_ADMIN_PASSWORD = 'E2eAdmin2026';

export default async function globalSetup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-e2e-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const env: Record<string, string> = {
    DATA_DIR: path.join(dir, 'data'),
    PORT: String(port),
    EMBEDDED_PG_PORT: String(await freePort()),
    ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
    DEMO: '1',
    // E2E_WEB_DIST: a build elsewhere, so a developer's run does not race another's `vite build`.
    WEB_DIST: process.env.E2E_WEB_DIST ?? path.resolve(import.meta.dirname, '../../dist/web'),
  };
  const server = spawnServer(env);
  // initdb, migrations and the demo town: about 40 s on a quiet machine, minutes on a loaded one.
  await waitHealthy(server, 300_000);
  process.env.E2E_BASE_URL = server.url;
  process.env.E2E_ADMIN_PASSWORD = E2E_ADMIN_PASSWORD;
  // For tests that run the CLI against the same embedded database (e.g. a sweep at a later time).
  process.env.E2E_DATA_DIR = env.DATA_DIR;
  process.env.E2E_PG_PORT = env.EMBEDDED_PG_PORT;
  return async () => {
    await stopServer(server, 'SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

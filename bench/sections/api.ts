// The API contract's document (issue 13), called from bench/run.ts (BENCH_SKIP_API=1 skips it).
//   api.openapi_json_ms   p95 of 200 GET /api/openapi.json (the whole OpenAPI 3.1 document, generated once at
//                         start), body read to the end, one at a time. Target ≤ 5 ms.
//                         Baseline: p95 of 200 GET /api/health from the same client.
//   api.openapi_json_kb   for the record: the document's size.
// A server on a temporary data dir without the demo (the document does not depend on the data).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnServer, stopServer, waitHealthy } from '../../tests/helpers/server-process.ts';
import { ADMIN_PASSWORD, record, timeMany, twoPorts } from '../lib.ts';

export async function apiDocBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-api-'));
  fs.chmodSync(dir, 0o755); // the embedded PostgreSQL may run as another user
  const [pgPort, port] = await twoPorts();
  const server = spawnServer({ DATA_DIR: path.join(dir, 'data'), EMBEDDED_PG_PORT: String(pgPort), ADMIN_PASSWORD, DEMO: '0', LOG_LEVEL: 'warn', JOBS: '0', PORT: String(port) });
  try {
    await waitHealthy(server, 120_000);
    let bytes = 0;
    const get = (url: string) => async () => {
      const r = await fetch(`${server.url}${url}`);
      if (r.status !== 200) throw new Error(`${url} → ${r.status}`);
      bytes = (await r.arrayBuffer()).byteLength;
    };
    const doc = await timeMany(200, get('/api/openapi.json'));
    const size = Math.round(bytes / 102.4) / 10;
    const health = await timeMany(200, get('/api/health'));
    record({ name: 'api.openapi_json_ms', value: doc, unit: 'ms', baseline: health, ratio: Math.round((doc / health) * 100) / 100 });
    record({ name: 'api.openapi_json_kb', value: size, unit: 'KB' });
  } finally {
    await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// The API contract's document (issue 13), called from bench/run.ts (BENCH_SKIP_API=1 skips it).
//   api.openapi_json_ms   p95 of 200 GET /api/openapi.json (the whole OpenAPI 3.1 document, generated once at
//                         start), as a browser or a code generator asks for it (Accept-Encoding: gzip), every
//                         byte read, one at a time, over a kept-alive connection. Target ≤ 5 ms. What is timed
//                         is the serving: the client's own gunzip is not (Node's fetch spends more on it than
//                         the server spends on the request, and a browser does it off the main thread).
//                         Baseline: p95 of 200 GET /api/health from the same client.
//   api.openapi_json_identity_ms  for the record: the same without compression (ten times the bytes).
//   api.openapi_json_kb   for the record: the document's size.
// A server on a temporary data dir without the demo (the document does not depend on the data).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawnServer, stopServer, waitHealthy } from '../../tests/helpers/server-process.ts';
import { ADMIN_PASSWORD, record, timeMany, twoPorts } from '../lib.ts';

export async function apiDocBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-api-'));
  fs.chmodSync(dir, 0o755); // the embedded PostgreSQL may run as another user
  const [pgPort, port] = await twoPorts();
  const server = spawnServer({
    DATA_DIR: path.join(dir, 'data'),
    EMBEDDED_PG_PORT: String(pgPort),
    ADMIN_PASSWORD,
    DEMO: '0',
    LOG_LEVEL: 'warn',
    JOBS: '0',
    PORT: String(port),
  });
  try {
    await waitHealthy(server, 120_000);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let bytes = 0;
    const get =
      (url: string, encoding = 'gzip') =>
      () =>
        new Promise<void>((resolve, reject) => {
          http
            .get(`${server.url}${url}`, { agent, headers: { 'accept-encoding': encoding } }, (r) => {
              if (r.statusCode !== 200) return reject(new Error(`${url} → ${r.statusCode}`));
              let n = 0;
              r.on('data', (c: Buffer) => {
                n += c.length;
              });
              r.on('end', () => {
                bytes = n;
                resolve();
              });
              r.on('error', reject);
            })
            .on('error', reject);
        });
    const doc = await timeMany(200, get('/api/openapi.json'));
    const identity = await timeMany(200, get('/api/openapi.json', 'identity'));
    const size = Math.round(bytes / 102.4) / 10;
    const health = await timeMany(200, get('/api/health'));
    agent.destroy();
    record({ name: 'api.openapi_json_ms', value: doc, unit: 'ms', baseline: health, ratio: Math.round((doc / health) * 100) / 100 });
    record({ name: 'api.openapi_json_identity_ms', value: identity, unit: 'ms', baseline: health, ratio: Math.round((identity / health) * 100) / 100 });
    record({ name: 'api.openapi_json_kb', value: size, unit: 'KB' });
  } finally {
    await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

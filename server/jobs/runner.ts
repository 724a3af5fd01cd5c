// The job runner: pg-boss 10 on the application's PostgreSQL (schema
// `pgboss`), through the application's own connection pool (whose error
// handling survives the database going away during shutdown). Cron schedules in China time start the sweeps; every sweep
// is idempotent and takes a bounded batch, so a job that runs twice, is
// retried, or runs again after a restart writes nothing twice. pg-boss keeps
// schedules and jobs in the database: nothing depends on a process staying up.
import PgBoss from 'pg-boss';
import type { Db } from '../db/pool.ts';
import { runDeadlineSweep } from './deadline-sweep.ts';
import { deliverWebhooks } from '../modules/webhooks/delivery.ts';
import { runReinspectionSweep } from '../modules/reinspections/reinspections.sweep.ts';
import { runAccountabilitySweep } from '../modules/accountability/accountability.sweep.ts';
import { runAssessmentRecompute } from '../modules/assessment/assessment.job.ts';
import { runMissesSweep } from '../modules/inspections/misses.sweep.ts';
import { runTownDrafts } from '../modules/reports/index.ts';
import { runEvaluationReminders } from '../modules/evaluation/index.ts';
import { refreshDisplayedRankings } from '../modules/screen/index.ts';
import { now as clockNow } from '../platform/clock.ts';

export const TIME_ZONE = 'Asia/Shanghai';

export const JOBS = {
  deadline: 'deadline-sweep',
  webhooks: 'webhook-delivery',
  reinspections: 'reinspection-sweep',
  accountability: 'accountability-sweep',
  assessment: 'assessment-recompute',
  misses: 'inspection-misses',
  reportDrafts: 'report-drafts',
  evaluationReminders: 'evaluation-reminders',
  screenRankings: 'screen-rankings',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** Cron (minute hour day month weekday) in China time. */
export const SCHEDULES: Record<JobName, string> = {
  'deadline-sweep': '*/10 * * * *', // every 10 minutes
  'webhook-delivery': '* * * * *', // every minute (and at once after a sweep that queued events)
  'reinspection-sweep': '30 7 * * *', // daily 07:30, before the working day
  'accountability-sweep': '0 2 * * *', // daily 02:00, the office reads it in the morning
  'assessment-recompute': '30 2 * * *', // daily 02:30: the points ledger of this and last month
  'inspection-misses': '20 0 * * *', // daily 00:20: yesterday's missed patrols, before the 02:30 recompute scores them
  'report-drafts': '*/10 * * * *', // every 10 minutes: each town's daily report drafted once its draft time (default 18:30) has passed
  'evaluation-reminders': '0 8 * * *', // daily 08:00: units whose evaluation materials fall due within their cycle's reminder days
  'screen-rankings': '*/2 * * * *', // every 2 minutes: the month ranking of every region a live display shows, kept fresh
};

export interface RunnerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface RunnerOptions {
  db: Db;
  log?: RunnerLogger;
  /** The clock the sweeps use (tests advance it). */
  now?: () => Date;
  /** How often idle workers look for jobs (seconds, ≥ 0.5). */
  pollingIntervalSeconds?: number;
}

export interface JobRunner {
  boss: PgBoss;
  /** Queue one run of a job now; resolves with the job id (null if one is already queued). */
  trigger(name: JobName): Promise<string | null>;
  /** Queue one run and wait for it to finish (CLI, tests). */
  runNow(name: JobName, timeoutMs?: number): Promise<'completed' | 'failed'>;
  /** Stop polling; a running job gets `timeoutMs` to finish (sweeps are idempotent: an abandoned one runs again). */
  stop(timeoutMs?: number): Promise<void>;
}

const silent: RunnerLogger = { info() {}, warn() {}, error() {} };

export async function startJobRunner(opts: RunnerOptions): Promise<JobRunner> {
  const { db, log = silent } = opts;
  const now = opts.now ?? (() => clockNow());
  const pool = db.$client;
  const boss = new PgBoss({ db: { executeSql: (text, values) => pool.query(text, values) }, schema: 'pgboss' });
  boss.on('error', (err) => log.error({ err }, '任务队列出错'));
  await boss.start();

  const handlers: Record<JobName, () => Promise<unknown>> = {
    'deadline-sweep': async () => {
      const r = await runDeadlineSweep(db, now());
      if (r.webhooks) await boss.send(JOBS.webhooks, {}); // send the overdue events without waiting a minute
      return r;
    },
    'webhook-delivery': () => deliverWebhooks(db, now()),
    'reinspection-sweep': () => runReinspectionSweep(db, now()),
    'assessment-recompute': () => runAssessmentRecompute(db, now()),
    'inspection-misses': () => runMissesSweep(db, now()),
    'report-drafts': () => runTownDrafts(db, now()),
    'evaluation-reminders': () => runEvaluationReminders(db, now()),
    'screen-rankings': () => refreshDisplayedRankings(db, now()),
    'accountability-sweep': async () => {
      const r = await runAccountabilitySweep(db, now());
      if (r.opened) await boss.send(JOBS.webhooks, {});
      return r;
    },
  };

  const register = async (name: JobName) => {
    // stately: at most one queued and one running per job, so triggers never pile up.
    await boss.createQueue(name, { name, policy: 'stately', retryLimit: 2, retryDelay: 30, expireInSeconds: 15 * 60 });
    await boss.schedule(name, SCHEDULES[name], {}, { tz: TIME_ZONE });
    await boss.work(name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2, batchSize: 1 }, async () => {
      const t0 = Date.now();
      try {
        const result = await handlers[name]();
        log.info({ job: name, ms: Date.now() - t0, result }, '定时任务完成');
        return result;
      } catch (err) {
        log.error({ job: name, err }, '定时任务失败，将重试');
        throw err;
      }
    });
  };
  try {
    for (const name of Object.values(JOBS)) await register(name);
  } catch (e) {
    await boss.stop({ graceful: false }).catch(() => {}); // no orphan timers when start-up fails half-way
    throw e;
  }

  const trigger = (name: JobName) => boss.send(name, {});
  let stopping: Promise<void> | null = null;
  return {
    boss,
    trigger,
    async runNow(name, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      const tick = async () => {
        if (Date.now() > deadline) throw new Error(`任务 ${name} 在 ${timeoutMs} ms 内没有完成`);
        await new Promise((r) => setTimeout(r, 100));
      };
      // One already queued (stately queue): wait until a worker takes it, then queue ours.
      let id = await trigger(name);
      while (!id) {
        await tick();
        id = await trigger(name);
      }
      for (;;) {
        const job = await boss.getJobById(name, id);
        if (job?.state === 'completed') return 'completed';
        if (job?.state === 'failed') return 'failed';
        await tick();
      }
    },
    stop: (timeoutMs = 20_000) => (stopping ??= boss.stop({ graceful: true, wait: true, timeout: timeoutMs })),
  };
}

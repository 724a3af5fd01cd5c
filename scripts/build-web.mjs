// Builds the web app into dist/web with Vite.
//   node scripts/build-web.mjs             always build
//   node scripts/build-web.mjs --if-needed build only when a file under web/ or
//                                          domain/ is newer than dist/web/index.html
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = path.join(repo, 'dist', 'web', 'index.html');
const sources = [path.join(repo, 'web'), path.join(repo, 'domain')];

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function upToDate() {
  if (!fs.existsSync(outIndex)) return false;
  const built = fs.statSync(outIndex).mtimeMs;
  return sources.every((d) => newestMtime(d) <= built);
}

if (process.argv.includes('--if-needed') && upToDate()) {
  console.log('网页已是最新，跳过构建（dist/web）');
  process.exit(0);
}

const { build } = await import('vite');
const t0 = Date.now();
try {
  await build({ configFile: path.join(repo, 'web', 'vite.config.ts'), logLevel: 'warn' });
} catch (e) {
  console.error(`网页构建失败：${e?.message ?? e}`);
  process.exit(1);
}
console.log(`网页构建完成：dist/web（${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);

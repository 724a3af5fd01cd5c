// web.mobile_initial_js_kb: the gzipped JavaScript a phone loads before the
// first render of /m (the staff phone app), from a production build of the
// current source: the main entry and its static imports, plus the staff
// entry that main.tsx imports for /m and its static imports. Lazy parts are
// not counted. Target ≤ 250 KB. Baseline: the same figure for the desk app
// (main entry + desktop.tsx and their static imports), which carries antd.
//
// web.desk_initial_js_kb: the same for the desk app at / (main entry,
// desktop.tsx and the home page with their static imports). Target ≤ 350 KB;
// ECharts (components/charts/echarts.ts) and the map must not be among them.
//
// web.screen_initial_js_kb: the same for the 大屏 at /screen (main entry, screen/entry.tsx and their static
// imports, ECharts included since the screen draws at once). Target ≤ 400 KB; antd and the desk must not be among them.
//
// The build goes to bench/tmp/web-dist, so dist/web (served by a running
// server or an e2e run) is left alone. BENCH_SKIP_WEB=1 skips the section.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  isEntry?: boolean;
  isDynamicEntry?: boolean;
}
type Manifest = Record<string, ManifestChunk>;

const ROOT = path.resolve(import.meta.dirname, '../..');
export const STAFF_ENTRY = 'src/mobile/staff/entry.tsx';
export const DESK_ENTRY = 'src/desktop.tsx';
export const HOME_PAGE = 'src/pages/home/HomePage.tsx';
export const SCREEN_ENTRY = 'src/screen/entry.tsx';
/** Loaded only by the pages that draw charts or maps. */
const LAZY_ONLY = ['src/components/charts/echarts.ts', 'node_modules/echarts/', 'node_modules/leaflet/', 'src/pages/map/'];

/** Files loaded before `entries` run: each entry and everything it imports statically. */
export function staticClosure(manifest: Manifest, entries: string[]): string[] {
  const seen = new Set<string>();
  const files = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const c = manifest[key];
    if (!c) throw new Error(`manifest has no ${key}`);
    files.add(c.file);
    for (const k of c.imports ?? []) walk(k);
  };
  for (const e of entries) walk(e);
  return [...files].filter((f) => f.endsWith('.js')).sort();
}

function gzipKb(dir: string, files: string[]): number {
  const bytes = files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(dir, f))).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}

/** The issues' targets for the first download, in KB of gzipped JavaScript; tests/e2e/shell.spec.ts holds the build to them. */
export const INITIAL_JS_BUDGET_KB = { mobile: 250, desk: 350, screen: 400 } as const;

/**
 * What each app loads before its first render, in KB gzipped, read from a production build's manifest in `outDir`.
 * Throws when the split is broken: antd or the desk before /m or /screen renders, ECharts or the map before the desk home.
 */
export function initialJsKb(outDir: string): { mobile: number; desk: number; screen: number; deskEntryOnly: number } {
  const manifest: Manifest = JSON.parse(fs.readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8'));
  const main = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!main) throw new Error('no entry in the web manifest');
  if (!manifest[main].dynamicImports?.includes(STAFF_ENTRY)) throw new Error(`main.tsx does not import ${STAFF_ENTRY} for /m`);

  const phone = staticClosure(manifest, [main, STAFF_ENTRY]);
  const desk = staticClosure(manifest, [main, DESK_ENTRY]);
  // The point of the split: neither the desk app nor antd before /m renders (antd's chunks name their packages).
  const leaked = phone.filter((f) => f === manifest[DESK_ENTRY].file || /@ant-design\/|`antd`/.test(fs.readFileSync(path.join(outDir, f), 'utf8')));
  if (leaked.length) throw new Error(`/m loads desk or antd code: ${leaked.join(', ')}`);

  const deskHome = staticClosure(manifest, [main, DESK_ENTRY, HOME_PAGE]);
  const heavy = Object.keys(manifest).filter((k) => LAZY_ONLY.some((p) => k.includes(p)) && deskHome.includes(manifest[k].file));
  if (heavy.length) throw new Error(`the desk home loads ECharts or the map up front: ${heavy.join(', ')}`);

  // The 大屏 (/screen): its entry and everything it imports statically, ECharts included (it draws at once); no antd, no desk.
  if (!manifest[main].dynamicImports?.includes(SCREEN_ENTRY)) throw new Error(`main.tsx does not import ${SCREEN_ENTRY} for /screen`);
  const screen = staticClosure(manifest, [main, SCREEN_ENTRY]);
  const screenLeak = screen.filter((f) => f === manifest[DESK_ENTRY].file || /@ant-design\/|`antd`/.test(fs.readFileSync(path.join(outDir, f), 'utf8')));
  if (screenLeak.length) throw new Error(`/screen loads desk or antd code: ${screenLeak.join(', ')}`);

  console.log(`web: /m loads ${phone.length} scripts before first render: ${phone.map((f) => path.basename(f)).join(', ')}`);
  console.log(`web: / loads ${deskHome.length} scripts before the home page renders`);
  return { mobile: gzipKb(outDir, phone), desk: gzipKb(outDir, deskHome), screen: gzipKb(outDir, screen), deskEntryOnly: gzipKb(outDir, desk) };
}

export async function webBench(): Promise<{ name: string; value: number; unit: string; baseline?: number; ratio?: number }[]> {
  const outDir = path.join(ROOT, 'bench', 'tmp', 'web-dist');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true } });
  const kb = initialJsKb(outDir);
  return [
    {
      name: 'web.mobile_initial_js_kb',
      value: kb.mobile,
      unit: 'KB (gzip)',
      baseline: kb.deskEntryOnly,
      ratio: Math.round((kb.mobile / kb.deskEntryOnly) * 100) / 100,
    },
    { name: 'web.desk_initial_js_kb', value: kb.desk, unit: 'KB (gzip)' },
    { name: 'web.screen_initial_js_kb', value: kb.screen, unit: 'KB (gzip)' },
  ];
}

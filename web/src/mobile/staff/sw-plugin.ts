// Vite plugin (build only): writes /m-sw.js, the staff phone app's service
// worker, with the list of files the /m pages load — the main entry and its
// static imports, the staff entry and everything it imports, and their CSS —
// so the worker can keep them all on its first install. The desk app and the
// resident pages are left out: a street chief's phone does not need them.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  dynamicImports: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}

export const STAFF_ENTRY = '/mobile/staff/entry.tsx';

export function staffServiceWorker(): Plugin {
  return {
    name: 'cc-staff-service-worker',
    apply: 'build',
    // writeBundle, not generateBundle: Vite drops the empty JS chunks of CSS-only modules late, and
    // the list must name only files that exist.
    writeBundle(options, bundle) {
      const chunks = new Map<string, ChunkLike>();
      for (const out of Object.values(bundle)) if (out.type === 'chunk') chunks.set(out.fileName, out as unknown as ChunkLike);
      const main = [...chunks.values()].find((c) => c.isEntry);
      const staff = [...chunks.values()].find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(STAFF_ENTRY));
      if (!main || !staff) {
        this.warn('staff service worker: entry chunks not found, /m-sw.js not written');
        return;
      }
      const files = new Set<string>();
      const walk = (c: ChunkLike, dynamic: boolean) => {
        if (files.has(c.fileName)) return;
        files.add(c.fileName);
        for (const css of c.viteMetadata?.importedCss ?? []) files.add(css);
        for (const a of c.viteMetadata?.importedAssets ?? []) files.add(a);
        for (const f of [...c.imports, ...(dynamic ? c.dynamicImports : [])]) {
          const next = chunks.get(f);
          if (next) walk(next, dynamic);
        }
      };
      walk(main, false);
      walk(staff, true);
      const list = [...files]
        .filter((f) => f in bundle)
        .sort()
        .map((f) => `/${f}`);
      const body = fs.readFileSync(new URL('./sw.js', import.meta.url), 'utf8');
      const version = createHash('sha256').update(list.join('\n')).update(body).digest('hex').slice(0, 12);
      fs.writeFileSync(path.join(options.dir!, 'm-sw.js'), `const PRECACHE = ${JSON.stringify(list)};\nconst VERSION = '${version}';\n${body}`);
    },
  };
}

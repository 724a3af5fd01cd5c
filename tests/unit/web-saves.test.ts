// The web saves one way and names its query keys in one place (issue 13):
// every form goes through useSave() (web/src/api/save.ts, on TanStack Query's
// useMutation) and every query key comes from web/src/api/keys.ts. A source
// scan of web/src, so a page written tomorrow is covered the day it is written.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = path.resolve(import.meta.dirname, '../../web/src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(tsx?|js)$/.test(e.name) ? [p] : [];
  });
}

function hits(files: string[], re: RegExp): string[] {
  const out: string[] = [];
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(re))
      out.push(`${path.relative(WEB, f)}:${text.slice(0, m.index).split('\n').length}: ${m[0].replace(/\s+/g, ' ').slice(0, 80)}`);
  }
  return out;
}

describe('web saves and query keys', () => {
  const files = sources(WEB);

  it('are found (the scan reads the pages, the phone app and the hook)', () => {
    for (const f of ['pages/people/PersonFormModal.tsx', 'mobile/ReportPage.tsx', 'mobile/staff/LoginPage.tsx', 'api/save.ts', 'api/keys.ts']) {
      expect(files.map((x) => path.relative(WEB, x))).toContain(f);
    }
  });

  it('write no literal query key: keys come from api/keys.ts', () => {
    const literal = /\b(queryKey\s*:\s*\[|(setQueryData|getQueryData|invalidateQueries|removeQueries|refetchQueries|cancelQueries)\(\s*\[)/g;
    expect(
      hits(
        files.filter((f) => !f.endsWith(path.join('api', 'keys.ts'))),
        literal,
      ),
    ).toEqual([]);
  });

  it('hand-write no busy flag around a save: useSave() keeps it', () => {
    // setBusy(true) / setSaving(true) …, or a finally that clears such a flag.
    const flag = /\bset(Busy|Saving|Submitting|Pending|Sending|RateBusy|Working)\s*\(\s*(true|false)\s*\)/g;
    const finallyReset = /finally\s*\{\s*set\w+\(\s*false\s*\)/g;
    expect([...hits(files, flag), ...hits(files, finallyReset)]).toEqual([]);
  });

  it('call useMutation only inside the save routine', () => {
    expect(
      hits(
        files.filter((f) => !f.endsWith(path.join('api', 'save-core.ts'))),
        /\buseMutation\(/g,
      ),
    ).toEqual([]);
  });
});

// The audit log reads in Chinese (issue 15): every action and entity the
// server writes to it has a label on the audit page, so no row shows
// "其他操作 / 其他对象". A new audit call without a label fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionLabel, ENTITY_LABELS } from '../../web/src/pages/audit/labels.tsx';
import { PROBLEM_ACTIONS } from '../../domain/problems/workflow.ts';
import { NOTICE_ACTIONS } from '../../domain/notices/vocab.ts';
import { RANKING_ACTIONS } from '../../domain/assessment/publication.ts';

const root = path.resolve(import.meta.dirname, '../../server');
const files = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
const calls = files(root).flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/audit(?:Values)?\(\s*(?:\w+,\s*)?\{[^;]*?\}\s*\)/gs)].map((m) => m[0]));

describe('audit labels', () => {
  it('finds the audit calls it checks', () => {
    expect(calls.length).toBeGreaterThan(40);
  });

  it('labels every action the server audits, including each move of a problem, a notice and a ranking', () => {
    const literal = calls.flatMap((c) => [...c.matchAll(/action: '([a-z_.]+)'/g)].map((m) => m[1]));
    const templated = calls.flatMap((c) => [...c.matchAll(/action: `([a-z_]+)\.\$\{/g)].map((m) => m[1]));
    expect(new Set(templated)).toEqual(new Set(['problem', 'notice', 'ranking']));
    const all = [
      ...literal,
      ...PROBLEM_ACTIONS.map((a) => `problem.${a}`),
      ...NOTICE_ACTIONS.map((a) => `notice.${a}`),
      ...RANKING_ACTIONS.map((a) => `ranking.${a}`),
    ];
    expect(all.filter((a) => actionLabel(a) === '其他操作')).toEqual([]);
  });

  it('labels every entity the server audits', () => {
    const entities = [...new Set(calls.flatMap((c) => [...c.matchAll(/entity: '([a-z_]+)'/g)].map((m) => m[1])))];
    expect(entities.length).toBeGreaterThan(15);
    expect(entities.filter((e) => !ENTITY_LABELS[e])).toEqual([]);
  });
});

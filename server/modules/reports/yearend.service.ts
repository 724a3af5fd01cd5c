// The year-end summary and next-year plan of a region (town, community or
// county) for a year: the seed's structure (domain/yearend.ts) whose every
// figure is a live field of the registry's figures() — the same function the
// figures API and the dashboard read — with its definition, value and
// drill-down; an appendix lists them all; a figure no register serves is
// shown missing, never invented. The office may edit the text of its town
// and communities, a community's cadres their own community's (report.yearend,
// scoped on the server; the fields stay fields); the document is rendered
// exact or the seed's way (余).
import type { Db } from '../../db/pool.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { FIGURE_IDS } from '../../../domain/figures.ts';
import { render, unknownFields, YEAREND_KEYS, YEAREND_SECTIONS, type YearendStyle } from '../../../domain/yearend.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { audit } from '../../platform/audit.ts';
import { codeInScope } from '../../db/scope.ts';
import { figures } from '../figures/index.ts';
import { regionRow } from './daily.repository.ts';
import * as repo from './yearend.repository.ts';
import { readAll } from '../../db/reads.ts';

const LEVEL: Record<number, 'county' | 'town' | 'community'> = { 6: 'county', 9: 'town', 12: 'community' };

async function regionOf(db: Db, actor: Actor, region: string, action: 'report.read' | 'report.yearend', path: string) {
  const level = LEVEL[region.length];
  if (!level) throw fieldError(path, '请选择县、乡镇或社区');
  if (!codeInScope(region, regionScope(actor, action))) throw notFound('区划不存在或不在您的管辖范围内');
  const r = await regionRow(db, region);
  if (!r) throw new AppError('REGION_UNKNOWN');
  return { ...r, level };
}

export async function yearend(db: Db, actor: Actor, q: { region: string; year: number; style?: YearendStyle }) {
  authorize(actor, 'report.read');
  const r = await regionOf(db, actor, q.region, 'report.read', 'querystring.region');
  const style = q.style ?? 'exact';
  const [figs, saved] = await readAll(db, [
    () => figures(db, r.code, { from: `${q.year}-01-01`, to: `${q.year}-12-31` }),
    () => repo.texts(db, r.code, q.year),
  ]);
  const values = new Map(figs.map((f) => [f.id, f.value]));
  const words = { region: r.name, year: q.year };
  const used = new Set<string>();
  const sections = YEAREND_SECTIONS.map((s) => {
    const template = saved?.texts[s.key] ?? s.template;
    const heading = s.heading
      ? render(s.heading, words, values, style)
          .map((x) => ('text' in x ? x.text : x.shown))
          .join('')
      : null;
    const segments = render(template, words, values, style);
    for (const x of segments) if ('field' in x) used.add(x.field);
    return { key: s.key, heading, template, segments };
  });
  return {
    region: r.code,
    regionName: r.name,
    regionLevel: r.level,
    year: q.year,
    style,
    title: `${r.name}${q.year}年度创建全国文明城市工作总结及${q.year + 1}年工作计划`,
    sections,
    figures: figs,
    missing: figs.filter((f) => f.value === null).map((f) => f.name),
    // Empty: every figure the text names is 0 or missing (the registry also holds figures "as of today", which say nothing of a year).
    empty: figs.filter((f) => used.has(f.id)).every((f) => !f.value),
    version: saved?.version ?? 0,
    can: { edit: can(actor, 'report.yearend', { regionCode: r.code }) },
  };
}

export async function saveYearend(db: Db, actor: Actor, b: { region: string; year: number; version: number; texts: Partial<Record<string, string>> }) {
  authorize(actor, 'report.yearend');
  const r = await regionOf(db, actor, b.region, 'report.yearend', 'body.region');
  const known = new Set<string>(FIGURE_IDS);
  for (const [k, t = ''] of Object.entries(b.texts)) {
    if (!YEAREND_KEYS.includes(k)) throw fieldError(`body.texts.${k}`, `没有这一段：${k}`);
    const bad = unknownFields(t, known);
    if (bad.length) throw fieldError(`body.texts.${k}`, `没有这些数字字段：${bad.map((x) => `{${x}}`).join('、')}`);
  }
  await db.transaction(async (tx) => {
    const before = await repo.texts(tx, r.code, b.year);
    if (!(await repo.saveTexts(tx, r.code, b.year, b.version, { ...(before?.texts ?? {}), ...(b.texts as Record<string, string>) }, actor.personId)))
      throw new AppError('CONFLICT');
    await audit(tx, { actor, action: 'yearend_doc.save', entity: 'yearend_doc', entityId: `${r.code}:${b.year}`, regionCode: r.code, before, after: b.texts });
  });
  return yearend(db, actor, { region: r.code, year: b.year });
}

// The publicity vocabularies and requirements: facility kinds (each in a
// figure group) and content themes, seeded once and then renamed, added and
// retired by the admin (publicity.admin); the requirements per point type,
// versioned like the checklists: publishing makes a new version current and
// keeps the old ones.
import crypto from 'node:crypto';
import type { Db, Tx } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, mapUnique, notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { POINT_TYPE_LABELS, POINT_TYPES, type PointType } from '../../../domain/regions.ts';
import { SEEDED_FACILITY_KINDS, SEEDED_REQUIREMENTS, SEEDED_THEMES, type FacilityGroup } from '../../../domain/publicity.ts';
import * as repo from './terms.repository.ts';
import { readAll } from '../../db/reads.ts';

const seeded = new WeakSet<object>();

/** The seeded kinds, themes and requirements exist (inserted once; the admin's changes are kept). */
export async function ensureSeeded(db: Db | Tx) {
  if (seeded.has(db)) return;
  await repo.seedTerms(db, 'kind', SEEDED_FACILITY_KINDS);
  await repo.seedTerms(db, 'theme', SEEDED_THEMES);
  if (!(await repo.hasAnyRequirement(db))) {
    const terms = await repo.listTerms(db);
    const idOf = (list: string, code?: string) => (code ? (terms.find((t) => t.list === list && t.code === code)?.id ?? null) : null);
    const run = async (tx: Tx) => {
      for (const r of SEEDED_REQUIREMENTS)
        await repo.publishRequirement(tx, {
          pointType: r.pointType,
          note: '初始要求',
          createdBy: null,
          items: r.items.map((it) => ({ kindId: idOf('kind', it.kind), themeId: idOf('theme', it.theme), minCount: it.minCount })),
        });
    };
    // Two first readers at once: the advisory lock in publishRequirement orders them; the second finds versions and stops.
    await (db as Db).transaction(async (tx) => {
      if (!(await repo.hasAnyRequirement(tx))) await run(tx);
    });
  }
  seeded.add(db);
}

export const termView = (t: repo.TermRow) => ({
  id: t.id,
  code: t.code,
  name: t.name,
  group: (t.list === 'kind' ? (t.grp ?? 'other') : null) as FacilityGroup | null,
  sort: t.sort,
  active: t.active,
  version: t.version,
});

export async function terms(db: Db, actor: Actor) {
  authorize(actor, 'publicity.read');
  await ensureSeeded(db);
  const rows = await repo.listTerms(db);
  return {
    kinds: rows.filter((t) => t.list === 'kind').map(termView),
    themes: rows.filter((t) => t.list === 'theme').map(termView),
    can: { manage: can(actor, 'publicity.admin') },
  };
}

const NAME_TAKEN = { publicity_terms_name_uq: { path: 'name', message: '已有同名的类别或主题' } };

export async function createTerm(db: Db, actor: Actor, t: { list: repo.TermList; name: string; group?: FacilityGroup; sort?: number }) {
  authorize(actor, 'publicity.admin');
  await ensureSeeded(db);
  return db.transaction(async (tx) => {
    const row = await repo
      .insertTerm(tx, {
        list: t.list,
        code: `t_${crypto.randomBytes(4).toString('hex')}`,
        name: t.name,
        grp: t.list === 'kind' ? (t.group ?? 'other') : null,
        sort: t.sort ?? 100,
      })
      .catch((e) => mapUnique(e, NAME_TAKEN));
    await audit(tx, { actor, action: 'create', entity: 'publicity_term', entityId: row.id, after: row });
    return termView(row);
  });
}

export async function updateTerm(
  db: Db,
  actor: Actor,
  id: number,
  t: { version: number; name?: string; group?: FacilityGroup; sort?: number; active?: boolean },
) {
  authorize(actor, 'publicity.admin');
  return db.transaction(async (tx) => {
    const before = await repo.termById(tx, id);
    if (!before) throw notFound('该类别或主题不存在');
    const row = await repo.updateTerm(tx, id, t.version, { name: t.name, sort: t.sort, active: t.active, grp: t.group }).catch((e) => mapUnique(e, NAME_TAKEN));
    if (!row) throw new AppError('CONFLICT');
    await audit(tx, { actor, action: 'update', entity: 'publicity_term', entityId: id, before, after: row });
    return termView(row);
  });
}

// ---- requirements ----

const typeLabel = (t: string) => POINT_TYPE_LABELS[t as PointType] ?? t;

/** A requirement line's words, e.g. “公益广告 ≥ 5”, “主题“社会主义核心价值观” ≥ 2”. */
export function lineLabel(kind: string | null, theme: string | null, min: number) {
  const what = kind && theme ? `${kind}（${theme}）` : (kind ?? `主题“${theme}”的设施`);
  return `${what} ≥ ${min}`;
}

export function requirementView(r: repo.RequirementRow, names: Map<number, string>) {
  return {
    id: r.id,
    pointType: r.pointType,
    pointTypeLabel: typeLabel(r.pointType),
    version: r.version,
    current: r.current,
    note: r.note,
    createdAt: r.createdAt,
    items: r.items.map((it) => {
      const kind = it.kindId ? { id: it.kindId, name: names.get(it.kindId) ?? '' } : null;
      const theme = it.themeId ? { id: it.themeId, name: names.get(it.themeId) ?? '' } : null;
      return { kind, theme, minCount: it.minCount, label: lineLabel(kind?.name ?? null, theme?.name ?? null, it.minCount) };
    }),
  };
}

export async function termNames(db: Db | Tx) {
  return new Map((await repo.listTerms(db)).map((t) => [t.id, t.name]));
}

export async function requirements(db: Db, actor: Actor) {
  authorize(actor, 'publicity.read');
  await ensureSeeded(db);
  const [rows, names] = await readAll(db, [() => repo.currentRequirements(db), () => termNames(db)]);
  const have = new Set(rows.map((r) => r.pointType));
  return {
    items: rows.map((r) => requirementView(r, names)),
    missingTypes: POINT_TYPES.filter((t) => !have.has(t)).map((t) => ({ pointType: t, pointTypeLabel: typeLabel(t) })),
    canManage: can(actor, 'publicity.admin'),
  };
}

export async function requirementVersions(db: Db, actor: Actor, pointType: PointType) {
  authorize(actor, 'publicity.read');
  await ensureSeeded(db);
  const [rows, names] = await readAll(db, [() => repo.requirementVersions(db, pointType), () => termNames(db)]);
  return { pointType, pointTypeLabel: typeLabel(pointType), versions: rows.map((r) => requirementView(r, names)) };
}

export interface NewRequirement {
  pointType: PointType;
  note?: string | null;
  items: { kindId?: number | null; themeId?: number | null; minCount: number }[];
}

/** Publish a new version of a point type's requirement (an empty list: the point type requires nothing from now on). */
export async function publishRequirement(db: Db, actor: Actor, body: NewRequirement) {
  authorize(actor, 'publicity.admin');
  await ensureSeeded(db);
  const all = await repo.listTerms(db);
  const fields: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  body.items.forEach((it, n) => {
    if (!it.kindId && !it.themeId) fields.push({ path: `items.${n}`, message: '每一条要求须选择设施类别或内容主题（或两者）' });
    const k = it.kindId ? all.find((t) => t.id === it.kindId && t.list === 'kind') : null;
    const th = it.themeId ? all.find((t) => t.id === it.themeId && t.list === 'theme') : null;
    if (it.kindId && !k) fields.push({ path: `items.${n}.kindId`, message: '设施类别不存在' });
    if (it.themeId && !th) fields.push({ path: `items.${n}.themeId`, message: '内容主题不存在' });
    const key = `${it.kindId ?? ''}:${it.themeId ?? ''}`;
    if (seen.has(key)) fields.push({ path: `items.${n}`, message: '与前面的要求重复' });
    seen.add(key);
  });
  if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
  const out = await db.transaction(async (tx) => {
    const items = body.items.map((it) => ({ kindId: it.kindId ?? null, themeId: it.themeId ?? null, minCount: it.minCount }));
    const r = await repo.publishRequirement(tx, { pointType: body.pointType, note: body.note ?? null, createdBy: actor.personId, items });
    await audit(tx, { actor, action: 'publish', entity: 'publicity_requirement', entityId: r.id, after: { ...body, version: r.version } });
    return r;
  });
  return (await requirementVersions(db, actor, body.pointType)).versions.find((v) => v.id === out.id)!;
}

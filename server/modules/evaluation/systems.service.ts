// The 测评体系 versions of a town: listing, reading one tree (a liaison sees
// only the standards of their unit), creating a version from the seeded
// edition or from checked rows (the .xlsx import). A version is written once:
// the tree a cycle was measured against, and whatever was computed on it,
// never changes under it.
import type { Db, Tx } from '../../db/pool.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { EVAL_METHODS, type EvalMethod } from '../../../domain/evaluation.ts';
import { UNIT_KINDS } from '../../../domain/units.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { audit } from '../../platform/audit.ts';
import { codeInScope } from '../../db/scope.ts';
import { reachableUnitsOf } from '../units/index.ts';
import * as repo from './systems.repository.ts';
import { SEED_EDITION_NAME, SEED_TREE } from './seed-data.ts';

/** The town an evaluation request is about, inside the caller's scope for `action` (404 otherwise, as for any record outside it). */
export function townOf(actor: Actor, townCode: string, action: 'evaluation.read' | 'evaluation.manage' | 'evaluation.submit'): string {
  authorize(actor, action);
  if (!codeInScope(townCode, regionScope(actor, action))) throw new AppError('NOT_FOUND', '该乡镇不在您的管辖范围内');
  return townCode;
}

/**
 * The units an actor reads evaluation records for, or 'all': someone who reads
 * evaluation only as a unit's liaison sees the standards of that unit.
 */
export function liaisonUnits(actor: Actor): 'all' | number[] {
  const readers = actor.grants.filter((g) => g.role !== 'unit_liaison' && can({ ...actor, grants: [g] }, 'evaluation.read'));
  if (readers.length) return 'all';
  return actor.grants.filter((g) => g.role === 'unit_liaison' && g.unitId != null).map((g) => g.unitId!);
}

export async function list(db: Db, actor: Actor, townCode: string) {
  townOf(actor, townCode, 'evaluation.read');
  return { items: await repo.systems(db, townCode), can: { manage: can(actor, 'evaluation.manage', { regionCode: townCode }) } };
}

export async function systemOf(db: Db | Tx, actor: Actor, id: number, action: 'evaluation.read' | 'evaluation.manage' = 'evaluation.read') {
  authorize(actor, action);
  const s = await repo.system(db, id);
  if (!s || !codeInScope(s.townCode, regionScope(actor, action))) throw new AppError('NOT_FOUND', '测评体系版本不存在');
  return s;
}

export async function tree(db: Db, actor: Actor, id: number) {
  const system = await systemOf(db, actor, id);
  const all = await repo.nodes(db, id);
  const items = await repo.checklistItemsByCode(db);
  const units = liaisonUnits(actor);
  let nodes = all;
  if (units !== 'all') {
    // A liaison: their unit's standards and the items and contents above them.
    const keep = new Set<number>();
    const byId = new Map(all.map((n) => [n.id, n]));
    for (const n of all)
      if (n.level === 'standard' && n.units.some((u) => units.includes(u.id)))
        for (let p: repo.NodeRow | undefined = n; p; p = p.parentId == null ? undefined : byId.get(p.parentId)) keep.add(p.id);
    nodes = all.filter((n) => keep.has(n.id));
  }
  const standards = nodes.filter((n) => n.level === 'standard');
  const byMethod: Record<string, number> = {};
  for (const m of EVAL_METHODS) byMethod[m] = standards.filter((n) => n.methods[0] === m).reduce((s, n) => s + (n.points ?? 0), 0);
  return {
    system,
    nodes: nodes.map((n) => ({
      ...n,
      methods: n.methods as EvalMethod[],
      materialKinds: n.materialKinds as never[],
      checklistItems: n.checklistItems.map((code) => ({ code, pointType: items.get(code)?.pointType ?? null, title: items.get(code)?.title ?? null })),
    })),
    totals: { standards: standards.length, points: round2(standards.reduce((s, n) => s + (n.points ?? 0), 0)), byMethod },
  };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

// Units of every kind the town reaches (its own, paired, the county's departments), for matching the handbook's department names.
const MATCHABLE = UNIT_KINDS.filter((k) => k !== 'volunteer_team' && k !== 'party_org' && k !== 'county_office');

/**
 * The town's units a handbook's department name means: the unit of that name,
 * else the one whose name without the county's or town's name is it
 * (长汀县城市管理局, 国网长汀县供电公司 for 城市管理局, 国网供电公司), a unit
 * of the town itself first. null when none or more than one fits.
 */
export async function departmentMatcher(q: Db | Tx, townCode: string) {
  const units = await reachableUnitsOf(q, townCode, MATCHABLE);
  const regionNames = [...new Set(units.map((u) => u.regionName).filter((n): n is string => !!n))].sort((a, b) => b.length - a.length);
  const bare = (name: string) => regionNames.reduce((s, r) => s.replace(r, ''), name);
  return (dept: string): { id: number; name: string } | null => {
    const exact = units.filter((u) => u.name === dept);
    const fits = exact.length ? exact : units.filter((u) => bare(u.name) === dept || u.name.endsWith(dept));
    const own = fits.filter((u) => u.regionCode.startsWith(townCode));
    const pick = own.length ? own : fits;
    return pick.length === 1 ? { id: pick[0].id, name: pick[0].name } : null;
  };
}

/** The seeded edition as new nodes of the town, its departments matched to the town's units (names no unit answers to are reported). */
export async function seedNodes(q: Db | Tx, townCode: string) {
  const match = await departmentMatcher(q, townCode);
  const unmatched = new Set<string>();
  const list: repo.NewNode[] = [];
  SEED_TREE.forEach((item, i) => {
    const itemIdx = list.length;
    list.push(node('item', `${i + 1}`, item.name, itemIdx, null));
    item.contents.forEach((content, j) => {
      const contentIdx = list.length;
      list.push(node('content', `${i + 1}.${j + 1}`, content.name, contentIdx, itemIdx));
      content.standards.forEach((s, k) => {
        const unitIds: number[] = [];
        for (const d of s.departments) {
          const u = match(d);
          if (u) unitIds.push(u.id);
          else unmatched.add(d);
        }
        list.push({
          level: 'standard',
          code: `${i + 1}.${j + 1}.${k + 1}`,
          name: s.name,
          methods: s.methods,
          points: s.points,
          departmentNames: s.departments,
          unitIds,
          pointTypes: s.pointTypes ?? [],
          checklistItems: s.checklistItems ?? [],
          materialKinds: s.kinds ?? [],
          parent: contentIdx,
        });
      });
    });
  });
  return { list, unmatched: [...unmatched] };
}

function node(level: 'item' | 'content', code: string, name: string, _self: number, parent: number | null): repo.NewNode {
  return { level, code, name, methods: [], points: null, departmentNames: [], unitIds: [], pointTypes: [], checklistItems: [], materialKinds: [], parent };
}

/** Writes a new version of the town's tree (the next number), audited. */
export async function createVersion(tx: Tx, actor: Actor, townCode: string, name: string, source: 'seed' | 'import', list: repo.NewNode[]) {
  const version = await repo.nextVersion(tx, townCode);
  const id = await repo.insertSystem(tx, { townCode, version, name, source, createdBy: actor.personId });
  await repo.insertNodes(tx, id, list);
  await audit(tx, {
    actor,
    action: source === 'seed' ? 'evaluation.seed' : 'evaluation.import',
    entity: 'evaluation_system',
    entityId: id,
    regionCode: townCode,
    after: { version, name, nodes: list.length, standards: list.filter((n) => n.level === 'standard').length },
  });
  return id;
}

export async function createFromSeed(db: Db, actor: Actor, townCode: string) {
  townOf(actor, townCode, 'evaluation.manage');
  const { id, unmatched } = await db.transaction(async (tx) => {
    const { list, unmatched } = await seedNodes(tx, townCode);
    return { id: await createVersion(tx, actor, townCode, SEED_EDITION_NAME, 'seed', list), unmatched };
  });
  return { system: (await repo.system(db, id))!, unmatchedDepartments: unmatched };
}

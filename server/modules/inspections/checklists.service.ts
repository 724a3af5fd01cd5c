// Checklists per point type, versioned: publishing makes a new version the
// current one and keeps the old (an inspection keeps the version it used).
import type { Db } from '../../db/pool.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { POINT_TYPES, POINT_TYPE_LABELS, type PointType } from '../../../domain/regions.ts';
import * as repo from './checklists.repository.ts';

export interface NewVersion {
  pointType: PointType;
  title: string;
  note?: string | null;
  items: { code: string; title: string; criterion: string; points: number; categoryKey?: string | null }[];
}

function mayRead(actor: Actor) {
  if (!can(actor, 'inspection.read') && !can(actor, 'checklist.manage')) throw new AppError('FORBIDDEN');
}

const label = (t: string) => POINT_TYPE_LABELS[t as PointType] ?? t;
const view = (c: repo.ChecklistRow) => ({
  id: c.id,
  pointType: c.pointType,
  pointTypeLabel: label(c.pointType),
  version: c.version,
  title: c.title,
  current: c.current,
  note: c.note,
  createdAt: c.createdAt,
  createdByName: c.createdByName,
  totalPoints: Math.round(c.items.reduce((s, it) => s + it.points, 0) * 100) / 100,
  items: c.items.map((it) => ({
    id: it.id,
    seq: it.seq,
    code: it.code,
    title: it.title,
    criterion: it.criterion,
    points: it.points,
    categoryKey: it.categoryKey,
    categoryId: it.categoryId,
  })),
});

/** The current version of every point type (and the point types that have none yet). */
export async function list(db: Db, actor: Actor) {
  mayRead(actor);
  const rows = await repo.currentChecklists(db);
  const have = new Set(rows.map((r) => r.pointType));
  return {
    items: rows.sort((a, b) => POINT_TYPES.indexOf(a.pointType as PointType) - POINT_TYPES.indexOf(b.pointType as PointType)).map(view),
    missingTypes: POINT_TYPES.filter((t) => !have.has(t)).map((t) => ({ pointType: t, pointTypeLabel: label(t) })),
    canManage: can(actor, 'checklist.manage'),
  };
}

export async function get(db: Db, actor: Actor, id: number) {
  mayRead(actor);
  const [c] = await repo.checklistsByIds(db, [id]);
  if (!c) throw notFound('该测评标准不存在');
  return view(c);
}

export async function versions(db: Db, actor: Actor, pointType: PointType) {
  mayRead(actor);
  const rows = await repo.versions(db, pointType);
  return { pointType, pointTypeLabel: label(pointType), versions: rows };
}

/** Publish a new version of a point type's checklist; it becomes the one new inspections use. */
export async function publish(db: Db, actor: Actor, body: NewVersion) {
  authorize(actor, 'checklist.manage');
  const fields: { path: string; message: string }[] = [];
  const seen = new Map<string, number>();
  body.items.forEach((it, n) => {
    const code = it.code.trim().toUpperCase();
    if (seen.has(code)) fields.push({ path: `items.${n}.code`, message: `编号“${it.code}”与第 ${seen.get(code)! + 1} 项重复` });
    else seen.set(code, n);
  });
  const keys = [...new Set(body.items.map((it) => it.categoryKey).filter((k): k is string => !!k))];
  const known = await repo.knownCategoryKeys(db, keys);
  body.items.forEach((it, n) => {
    if (it.categoryKey && !known.has(it.categoryKey)) fields.push({ path: `items.${n}.categoryKey`, message: `问题类别“${it.categoryKey}”不存在或已停用` });
  });
  if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
  const items = body.items.map((it) => ({
    code: it.code.trim().toUpperCase(),
    title: it.title.trim(),
    criterion: it.criterion.trim(),
    points: it.points,
    categoryKey: it.categoryKey || null,
  }));
  const id = await db.transaction(async (tx) => {
    const version = (await repo.lockLatestVersion(tx, body.pointType)) + 1;
    const newId = await repo.insertVersion(
      tx,
      { pointType: body.pointType, version, title: body.title.trim(), note: body.note?.trim() || null, createdBy: actor.personId },
      items,
    );
    await audit(tx, {
      actor,
      action: 'checklist.publish',
      entity: 'checklist',
      entityId: newId,
      after: { pointType: body.pointType, version, title: body.title, note: body.note ?? null, items },
    });
    return newId;
  });
  return get(db, actor, id);
}

// The editable kind lists (campaign kinds, tally kinds, survey need kinds):
// listed to readers, renamed, added and retired by whoever holds the list's
// permission, each change audited. Seeds are inserted once per database.
import crypto from 'node:crypto';
import type { Db, Tx } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, mapUnique, notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import type { Action, Actor } from '../../../domain/permissions.ts';
import { SEEDED_CAMPAIGN_KINDS, SEEDED_TALLY_KINDS } from '../../../domain/campaigns.ts';
import { SEEDED_NEED_KINDS } from '../../../domain/surveys.ts';
import * as repo from './kinds.repository.ts';

const SEEDS: Record<repo.KindTable, { code: string; name: string; measure?: string; unit?: string }[]> = {
  campaign: SEEDED_CAMPAIGN_KINDS,
  tally: SEEDED_TALLY_KINDS,
  need: SEEDED_NEED_KINDS,
};
const ENTITY: Record<repo.KindTable, string> = { campaign: 'campaign_kind', tally: 'campaign_tally_kind', need: 'survey_need_kind' };
const TAKEN: Record<repo.KindTable, Record<string, { path: string; message: string }>> = {
  campaign: { campaign_kinds_name_uq: { path: 'name', message: '已有同名的专项行动类别' } },
  tally: { campaign_tally_kinds_name_uq: { path: 'name', message: '已有同名的统计项' } },
  need: { survey_need_kinds_name_uq: { path: 'name', message: '已有同名的摸排类别' } },
};
const seeded = new WeakMap<object, Set<repo.KindTable>>();

/** The seeded kinds of a list exist (inserted when missing; existing rows untouched). */
export async function ensureKinds(q: Db | Tx, k: repo.KindTable) {
  const done = seeded.get(q) ?? new Set();
  if (done.has(k)) return;
  await repo.seedKinds(q, k, SEEDS[k]);
  done.add(k);
  seeded.set(q, done);
}

export async function listKinds(q: Db | Tx, k: repo.KindTable) {
  await ensureKinds(q, k);
  return repo.listKinds(q, k);
}

export const kindById = repo.kindById;

export async function createKind(db: Db, actor: Actor, k: repo.KindTable, action: Action, x: { name: string; sort?: number; measure?: string; unit?: string }) {
  authorize(actor, action);
  await ensureKinds(db, k);
  return db.transaction(async (tx) => {
    const row = await repo
      .insertKind(tx, k, { code: `k_${crypto.randomBytes(4).toString('hex')}`, name: x.name, sort: x.sort ?? 100, measure: x.measure, unit: x.unit })
      .catch((e) => mapUnique(e, TAKEN[k]));
    await audit(tx, { actor, action: 'create', entity: ENTITY[k], entityId: row.id, after: row });
    return row;
  });
}

export async function updateKind(
  db: Db,
  actor: Actor,
  k: repo.KindTable,
  action: Action,
  id: number,
  x: { version: number; name?: string; sort?: number; active?: boolean; unit?: string },
) {
  authorize(actor, action);
  return db.transaction(async (tx) => {
    const before = await repo.kindById(tx, k, id);
    if (!before) throw notFound('类别不存在');
    const row = await repo.updateKind(tx, k, id, x.version, x).catch((e) => mapUnique(e, TAKEN[k]));
    if (!row) throw new AppError('CONFLICT');
    await audit(tx, { actor, action: 'update', entity: ENTITY[k], entityId: id, before, after: row });
    return row;
  });
}

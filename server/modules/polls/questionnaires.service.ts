// Questionnaires, versioned like the checklists: saving a questionnaire code
// again writes a new version (the old one stays, with the answers given on
// it, and stops being current). Every item names a 问卷调查 standard of the
// town's 测评体系 tree and an indicator (知晓率, 支持率, 满意度) whose answer
// scale the phone shows. A variant per population group is a code of its own
// (A 居民, B 学生 …); an item code means the same question in every variant,
// so results pool it across them.
import type { Db } from '../../db/pool.ts';
import { can, regionScope, type Action, type Actor } from '../../../domain/permissions.ts';
import { MAX_POLL_ITEMS, POLL_INDICATOR_LABELS, POLL_SCALES, type PollIndicator } from '../../../domain/polls.ts';
import { codeInScope } from '../../db/scope.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/session.ts';
import { readAll } from '../../db/reads.ts';
import * as repo from './polls.repository.ts';

/**
 * The town's records for `action`: 404 outside the actor's regions. Reading
 * (poll.read) is allowed to a cadre whose community lies in the town; they
 * see their community's results only.
 */
export function townOf(actor: Actor, townCode: string, action: Action): void {
  authorize(actor, action);
  const scope = regionScope(actor, action);
  const ok = scope === 'all' || scope.some((p) => townCode.startsWith(p) || (action === 'poll.read' && p.startsWith(townCode)));
  if (!ok) throw new AppError('NOT_FOUND', '该乡镇不在您的管辖范围内');
}

export const itemAnswer = ({ questionnaireId: _q, ...i }: repo.ItemRow) => ({
  ...i,
  indicatorLabel: POLL_INDICATOR_LABELS[i.indicator],
  options: [...POLL_SCALES[i.indicator].options],
});

export async function withItems(db: Db, rows: repo.QuestionnaireRow[]) {
  const items = await repo.itemsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, items: items.filter((i) => i.questionnaireId === r.id).map(itemAnswer) }));
}

export async function standards(db: Db, actor: Actor, townCode: string) {
  townOf(actor, townCode, 'poll.read');
  const system = await repo.latestSystem(db, townCode);
  return { system, items: system ? await repo.surveyStandards(db, system.id) : [] };
}

export async function list(db: Db, actor: Actor, townCode: string) {
  townOf(actor, townCode, 'poll.read');
  const [current, versions] = await readAll(db, [() => repo.questionnaires(db, repo.currentOf(townCode)), () => repo.versions(db, townCode)] as const);
  return {
    items: await withItems(db, current),
    versions,
    can: { manage: can(actor, 'poll.manage', { regionCode: townCode }) && codeInScope(townCode, regionScope(actor, 'poll.manage')) },
  };
}

export async function one(db: Db, actor: Actor, id: number) {
  const [row] = await repo.questionnaires(db, repo.byIds([id]));
  if (!row) throw new AppError('NOT_FOUND', '问卷不存在');
  townOf(actor, row.townCode, 'poll.read');
  return (await withItems(db, [row]))[0];
}

export interface QuestionnaireInput {
  townCode: string;
  code: string;
  title: string;
  groupLabel: string;
  note?: string | null;
  items: { code: string; text: string; indicator: PollIndicator; standardId: number }[];
}

/** A new version of a questionnaire code (the first when the code is new). */
export async function save(db: Db, actor: Actor, body: QuestionnaireInput) {
  townOf(actor, body.townCode, 'poll.manage');
  if (!body.items.length) throw fieldError('body.items', '问卷至少要有 1 道题');
  if (body.items.length > MAX_POLL_ITEMS) throw fieldError('body.items', `问卷最多 ${MAX_POLL_ITEMS} 道题`);
  const seen = new Set<string>();
  body.items.forEach((it, n) => {
    if (seen.has(it.code)) throw fieldError(`body.items.${n}.code`, `题号 ${it.code} 重复`);
    seen.add(it.code);
  });
  const std = new Map((await repo.standardsByIds(db, [...new Set(body.items.map((i) => i.standardId))])).map((s) => [s.id, s]));
  body.items.forEach((it, n) => {
    const s = std.get(it.standardId);
    if (!s || s.townCode !== body.townCode) throw fieldError(`body.items.${n}.standardId`, '请选择本乡镇测评体系中的“问卷调查”测评标准');
  });
  const id = await db.transaction(async (tx) => {
    const version = await repo.nextVersion(tx, body.townCode, body.code);
    const id = await repo.insertQuestionnaire(
      tx,
      { townCode: body.townCode, code: body.code, version, title: body.title, groupLabel: body.groupLabel, note: body.note ?? null, by: actor.personId },
      body.items.map((it, n) => ({
        seq: n + 1,
        code: it.code,
        text: it.text,
        indicator: it.indicator,
        standardId: it.standardId,
        standardCode: std.get(it.standardId)!.code,
      })),
    );
    await audit(tx, {
      actor,
      action: 'poll.questionnaire',
      entity: 'poll_questionnaire',
      entityId: id,
      regionCode: body.townCode,
      after: { ...body, version },
    });
    return id;
  });
  return one(db, actor, id);
}

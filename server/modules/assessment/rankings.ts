// Rankings (红黑榜) from the live computation to publication, by the approval
// pattern of domain/assessment/publication.ts: a town's office submits the
// period's ranking (its rows frozen then), a town leader approves it — which
// publishes it and writes the red/black list points — or sends it back with a
// reason; the county office publishes the county's ranking of its towns
// directly. Every move is one transaction, audited, and tells the next person
// in line (the town's leaders on submission, the preparer on the decision).
import type { Db, Tx } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { todayChina } from '../calendar/index.ts';
import { now as clockNow } from '../../platform/clock.ts';
import { iso } from '../../platform/time.ts';
import { closeItems, openItem } from '../inbox/index.ts';
import { notify } from '../notifications/index.ts';
import { monthsOf, periodTitle, type Period } from '../../../domain/assessment/periods.ts';
import { indexRules, versionOn, type EventKind, type LedgerEntry } from '../../../domain/assessment/rules.ts';
import type { RankedRow } from '../../../domain/assessment/ranking.ts';
import {
  RANKING_ACTION_LABELS,
  RANKING_STATE_LABELS,
  RANKING_TRANSITIONS,
  rankingTransition,
  type RankingAction,
  type RankingLevel,
  type RankingStage,
} from '../../../domain/assessment/publication.ts';
import { canRead, computeRanking, recompute } from './assessment.service.ts';
import * as repo from './assessment.repository.ts';
import { currentRanking } from './live-ranking.ts';

const levelOf = (region: string): RankingLevel => (region.length >= 9 ? 'community' : 'town');
const stageOf = (r: repo.RankingRow | null): RankingStage => (r ? (r.state as RankingStage) : 'none');
const FORBIDDEN: Record<string, string> = {
  'assessment.manage': '只有镇创城办可以提交本镇的红黑榜',
  'ranking.approve': '只有镇领导可以审批红黑榜',
  'ranking.publish': '只有县创城办可以发布全县乡镇的红黑榜',
};

/** A period a ranking may be published for: not a day, and over. */
function checkPeriod(p: Period, today: string) {
  if (p.kind === 'day') throw new AppError('VALIDATION_FAILED', '红黑榜按周、月、季度、年度发布');
  if (p.end >= today) throw new AppError('VALIDATION_FAILED', '统计期尚未结束，不能发布');
}

/** The moves the actor may make on a ranking of `region` at `stage` (for the page's buttons). */
function actionsFor(actor: Actor, region: string, stage: RankingStage, p: Period, today: string) {
  const level = levelOf(region);
  const periodOpen = p.kind === 'day' || p.end >= today;
  return RANKING_TRANSITIONS.filter((t) => t.level === level && t.from.includes(stage) && can(actor, t.who, { regionCode: region }))
    .filter((t) => !(periodOpen && (t.action === 'submit' || t.action === 'publish')))
    .map((t) => ({ action: t.action, label: RANKING_ACTION_LABELS[t.action] }));
}

/** The period's ranking: published or submitted rows as frozen, otherwise the live computation. */
export async function rankingView(db: Db, actor: Actor, region: string, p: Period, today = todayChina()) {
  canRead(actor, region);
  const level = levelOf(region);
  const row = await repo.periodRanking(db, region, level, p.kind, p.start);
  const stage = stageOf(row);
  const frozen = stage === 'published' || stage === 'submitted';
  // Unfrozen: computed now (and kept, so the 大屏 reads what this page last showed).
  const rows = frozen ? (row!.rows as RankedRow[]) : (await currentRanking(db, region, p, { today, maxAgeMs: 0 })).rows;
  return {
    period: { ...p, title: periodTitle(p) },
    level,
    published: stage === 'published',
    state: stage,
    stateLabel: RANKING_STATE_LABELS[stage],
    rejectNote: stage === 'draft' ? row!.rejectNote : null,
    ranking: row ? present(row) : null,
    rows,
    can: { manage: can(actor, 'assessment.manage', { regionCode: region }), actions: actionsFor(actor, region, stage, p, today) },
  };
}

/**
 * Submit a town's ranking for approval ('submit') or publish a county's
 * ('publish'): recompute the period's months, rank, freeze the rows.
 */
export async function prepare(db: Db, actor: Actor, region: string, p: Period, action: 'submit' | 'publish', today = todayChina()) {
  canRead(actor, region);
  const level = levelOf(region);
  const kinds = RANKING_TRANSITIONS.filter((t) => t.level === level && t.action === action);
  if (!kinds.length) {
    throw new AppError(
      'INVALID_STATE',
      level === 'community' ? '镇的红黑榜须由镇创城办提交、镇领导审批后发布' : '全县乡镇的红黑榜由县创城办直接发布，无需审批',
    );
  }
  const who = kinds[0].who;
  if (!can(actor, who, { regionCode: region })) throw new AppError('FORBIDDEN', FORBIDDEN[who]);
  checkPeriod(p, today);
  const before = await repo.periodRanking(db, region, level, p.kind, p.start);
  const t = rankingTransition(level, stageOf(before), action);
  if (!t) throw stageRefusal(stageOf(before));
  for (const m of monthsOf(p)) await recompute(db, null, region, m, today);
  // Just recomputed: the stored ledger is the live one, read once.
  const { rows, config } = await computeRanking(db, region, p, { from: 'ledger', today });
  const title = `${(await repo.regionName(db, region)) ?? region}${periodTitle(p)}红黑榜`;
  return db.transaction(async (tx) => {
    const current = await repo.periodRanking(tx, region, level, p.kind, p.start, true);
    if (stageOf(current) !== stageOf(before)) throw new AppError('CONFLICT', '该期红黑榜刚被他人处理过，请刷新后重试');
    const published = t.to === 'published';
    const ranking = current
      ? await repo.updateRanking(tx, current.id, current.version, {
          rows,
          config,
          title,
          state: t.to,
          preparedBy: actor.personId,
          preparedAt: clockNow(),
          rejectNote: null,
          ...(published ? { publishedBy: actor.personId, publishedAt: clockNow() } : {}),
        })
      : await repo
          .insertRanking(
            tx,
            { regionCode: region, level, periodKind: p.kind, periodStart: p.start, periodEnd: p.end, title, rows, config, state: t.to },
            actor.personId,
            clockNow(),
          )
          .catch((e) => {
            if ((e as any)?.cause?.code === '23505' || (e as any)?.code === '23505') throw new AppError('CONFLICT', '该期红黑榜刚被他人提交，请刷新后重试');
            throw e;
          });
    if (!ranking) throw new AppError('CONFLICT', '该期红黑榜刚被他人处理过，请刷新后重试');
    if (published) await writeListPoints(tx, ranking, today);
    else {
      await notify(tx, await repo.townLeaders(tx, region), {
        kind: 'ranking',
        title: `待审批：${title}`,
        body: `${actor.name}提交了${title}，请审批`,
        dedupeKey: `ranking:${ranking.id}:submit:${ranking.version}`,
      });
      await openItem(tx, {
        kind: 'ranking_approval',
        regionCode: region,
        owner: { role: 'town_leader', regionCode: region },
        subjectId: ranking.id,
        title,
        notify: false,
      });
    }
    await audit(tx, {
      actor,
      action: `ranking.${action}`,
      entity: 'ranking',
      entityId: ranking.id,
      regionCode: region,
      before: current ? { state: current.state, version: current.version } : null,
      after: summary(ranking),
    });
    return present(ranking);
  });
}

function stageRefusal(stage: RankingStage) {
  if (stage === 'published') return new AppError('DUPLICATE', '该期红黑榜已发布');
  if (stage === 'submitted') return new AppError('INVALID_STATE', '该期红黑榜已提交，正等待镇领导审批');
  return new AppError('INVALID_STATE', `红黑榜当前为“${RANKING_STATE_LABELS[stage]}”，不能这样处理`);
}

/** A ranking record as the API sends it: ISO timestamps, no rows (the view carries those). */
export const present = (r: repo.RankingRow) => ({
  id: r.id,
  regionCode: r.regionCode,
  level: r.level,
  periodKind: r.periodKind,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  title: r.title,
  state: r.state,
  version: r.version,
  preparedBy: r.preparedBy,
  preparedAt: iso(r.preparedAt),
  approvedBy: r.approvedBy,
  approvedAt: iso(r.approvedAt),
  rejectNote: r.rejectNote,
  publishedAt: iso(r.publishedAt),
  publishedBy: r.publishedBy,
});

const summary = (r: repo.RankingRow) => ({
  title: r.title,
  state: r.state,
  version: r.version,
  red: (r.rows as RankedRow[]).filter((x) => x.list === 'red').map((x) => x.code),
  black: (r.rows as RankedRow[]).filter((x) => x.list === 'black').map((x) => x.code),
});

/** A town leader's decision on a submitted ranking: approve (publishes it) or reject (back to the office, with a reason). */
export async function decide(
  db: Db,
  actor: Actor,
  id: number,
  action: Extract<RankingAction, 'approve' | 'reject'>,
  input: { version: number; note?: string | null },
  today = todayChina(),
) {
  return db.transaction(async (tx) => {
    const r = await repo.rankingById(tx, id, true);
    if (!r) throw new AppError('NOT_FOUND', '该红黑榜不存在或不在您的管辖范围内');
    canRead(actor, r.regionCode);
    const t = rankingTransition(r.level as RankingLevel, r.state as RankingStage, action);
    if (!t) throw new AppError('INVALID_STATE', `红黑榜当前为“${RANKING_STATE_LABELS[r.state as RankingStage]}”，不能“${RANKING_ACTION_LABELS[action]}”`);
    if (!can(actor, t.who, { regionCode: r.regionCode })) throw new AppError('FORBIDDEN', FORBIDDEN[t.who]);
    if (r.version !== input.version) throw new AppError('CONFLICT', '该红黑榜刚被他人处理过，请刷新后重试', undefined, { version: r.version, state: r.state });
    const note = input.note?.trim() || null;
    if (action === 'reject' && !note) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'note', message: '请说明退回修改的原因' }]);
    const next = await repo.updateRanking(
      tx,
      id,
      r.version,
      action === 'approve'
        ? { state: t.to, approvedBy: actor.personId, approvedAt: clockNow(), publishedBy: actor.personId, publishedAt: clockNow() }
        : { state: t.to, rejectNote: note },
    );
    if (!next) throw new AppError('CONFLICT', '该红黑榜刚被他人处理过，请刷新后重试');
    if (action === 'approve') await writeListPoints(tx, next, today);
    await closeItems(tx, actor, id, ['ranking_approval'], 'done', action === 'approve' ? '已审批发布' : `已退回：${note}`);
    if (r.preparedBy) {
      await notify(tx, [r.preparedBy], {
        kind: 'ranking',
        title: action === 'approve' ? `已发布：${r.title}` : `已退回：${r.title}`,
        body: action === 'approve' ? `${actor.name}审批通过，红黑榜已发布` : `${actor.name}退回修改：${note}`,
        dedupeKey: `ranking:${id}:${action}:${next.version}`,
      });
    }
    await audit(tx, {
      actor,
      action: `ranking.${action}`,
      entity: 'ranking',
      entityId: id,
      regionCode: r.regionCode,
      before: { state: r.state, version: r.version },
      after: { ...summary(next), note },
    });
    return present(next);
  });
}

/** The red/black list points of a published ranking, through the rules in force on the publication day (cause = the ranking). */
async function writeListPoints(tx: Tx, ranking: repo.RankingRow, today: string) {
  const rules = indexRules(await repo.rulesFor(tx, ranking.regionCode));
  const level = ranking.level as RankingLevel;
  const entries: LedgerEntry[] = [];
  for (const r of ranking.rows as RankedRow[]) {
    if (!r.list) continue;
    const kind: EventKind = r.list === 'red' ? 'red_list' : 'black_list';
    for (const versions of rules.values()) {
      const v = versionOn(versions, today);
      if (!v || !v.active || v.eventKind !== kind || v.subjectKind !== level || !r.code.startsWith(v.regionCode)) continue;
      entries.push({
        townCode: r.code.slice(0, 9),
        subjectKind: level,
        subjectRef: r.code,
        onDate: today,
        points: v.points,
        quantity: 1,
        eventKind: kind,
        ruleId: v.id,
        ruleKey: v.ruleKey,
        ruleVersion: v.version,
        causeKind: 'ranking',
        causeId: ranking.id,
        causeRef: ranking.title,
        causeEventId: null,
        note: `${ranking.title}第 ${r.rank} 名，${r.list === 'red' ? '上红榜' : '上黑榜'}`,
      });
    }
  }
  await repo.insertEntries(tx, entries, false);
}

// Survey waves: the questionnaire versions used, dates, the sample plan (N
// per community of the town, with per-community overrides; 0 leaves a
// community out) and quotas by age band and sex, the /h5 link when residents
// may answer themselves and whether their answers count toward the rates. A wave is closed (completed) once; its
// results are then the town's latest (standardRates). Results: rates per
// community and item with 95 % Wilson intervals, quota fulfilment, weak items
// (below the target even at the interval's upper end), each of which can
// become a task in the community cadres' inbox or a planned activity.
import crypto from 'node:crypto';
import type { Db } from '../../db/pool.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  MAX_PER_COMMUNITY,
  POLL_INDICATOR_LABELS,
  RESULT_VIEW_LABELS,
  SEX_LABELS,
  SEXES,
  WAVE_STATE_LABELS,
  WEAK_TARGET,
  isWeak,
  plannedFor,
  quotaCount,
  quotasProblem,
  viewSources,
  wilson,
  type PollQuotas,
  type ResultView,
} from '../../../domain/polls.ts';
import { codeInScope } from '../../db/scope.ts';
import { readAll } from '../../db/reads.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor, isStamp, positiveId } from '../../platform/cursor.ts';
import * as repo from './polls.repository.ts';
import { townOf } from './questionnaires.service.ts';

const manages = (actor: Actor, townCode: string) => can(actor, 'poll.manage') && codeInScope(townCode, regionScope(actor, 'poll.manage'));

async function waveAnswer(db: Db, w: repo.WaveRow) {
  const [qs, communities] = [await repo.questionnaires(db, repo.byIds(w.questionnaireIds)), await repo.communitiesOf(db, w.townCode)];
  const { questionnaireIds: _ids, publicToken: _t, communityPlan: _p, ...rest } = w;
  return {
    ...rest,
    questionnaires: qs.map((q) => ({ id: q.id, name: q.title, code: q.code, version: q.version, groupLabel: q.groupLabel })),
    plan: communities.map((c) => ({ ...c, planned: plannedFor(w, c.code), override: c.code in w.communityPlan })),
    quotas: w.quotas as PollQuotas,
    stateLabel: WAVE_STATE_LABELS[w.state],
    publicPath: w.selfServed ? `/h5/poll/${w.publicToken}` : null,
  };
}

export async function waveOf(db: Db, actor: Actor, id: number, action: 'poll.read' | 'poll.manage' = 'poll.read') {
  const w = await repo.wave(db, id);
  if (!w) throw new AppError('NOT_FOUND', '调查批次不存在');
  townOf(actor, w.townCode, action);
  return w;
}

export async function list(db: Db, actor: Actor, townCode: string) {
  townOf(actor, townCode, 'poll.read');
  const rows = await repo.waves(db, repo.townWaves(townCode));
  const items = [];
  for (const w of rows) items.push(await waveAnswer(db, w));
  return { items, can: { manage: manages(actor, townCode) } };
}

export async function one(db: Db, actor: Actor, id: number) {
  return waveAnswer(db, await waveOf(db, actor, id));
}

export interface WaveInput {
  townCode: string;
  name: string;
  questionnaireIds: number[];
  startsOn: string;
  endsOn: string;
  perCommunity: number;
  /** Per-community sample sizes differing from perCommunity (0: not sampled). */
  communityPlan?: Record<string, number>;
  quotas: PollQuotas;
  selfServed: boolean;
  selfCounts?: boolean;
}

/**
 * The plan's checks: N and the overrides within bounds, every override a
 * community of the town, at least one community sampled. The overrides kept
 * are those that differ from N.
 */
async function checkPlan(db: Db, townCode: string, p: { perCommunity: number; communityPlan?: Record<string, number>; quotas: PollQuotas }) {
  if (p.perCommunity < 0 || p.perCommunity > MAX_PER_COMMUNITY) throw fieldError('body.perCommunity', `每社区样本数应在 0 到 ${MAX_PER_COMMUNITY} 之间`);
  const bad = quotasProblem(p.quotas);
  if (bad) throw fieldError('body.quotas', bad);
  const communities = await repo.communitiesOf(db, townCode);
  const known = new Set(communities.map((c) => c.code));
  const plan: Record<string, number> = {};
  for (const [code, n] of Object.entries(p.communityPlan ?? {})) {
    if (!known.has(code)) throw fieldError(`body.communityPlan.${code}`, '该社区不属于本乡镇');
    if (!Number.isInteger(n) || n < 0 || n > MAX_PER_COMMUNITY) throw fieldError(`body.communityPlan.${code}`, `样本数应在 0 到 ${MAX_PER_COMMUNITY} 之间`);
    if (n !== p.perCommunity) plan[code] = n;
  }
  if (!communities.some((c) => plannedFor({ perCommunity: p.perCommunity, communityPlan: plan }, c.code) > 0))
    throw fieldError('body.perCommunity', '抽样计划中至少要有一个社区的样本数大于 0');
  return plan;
}

export async function create(db: Db, actor: Actor, body: WaveInput) {
  townOf(actor, body.townCode, 'poll.manage');
  if (body.endsOn < body.startsOn) throw fieldError('body.endsOn', '结束日期不能早于开始日期');
  const communityPlan = await checkPlan(db, body.townCode, body);
  const ids = [...new Set(body.questionnaireIds)];
  if (!ids.length) throw fieldError('body.questionnaireIds', '请选择问卷');
  const qs = await repo.questionnaires(db, repo.byIds(ids));
  if (qs.length !== ids.length || qs.some((q) => q.townCode !== body.townCode)) throw fieldError('body.questionnaireIds', '请选择本乡镇的问卷');
  if (new Set(qs.map((q) => q.code)).size !== qs.length) throw fieldError('body.questionnaireIds', '同一问卷只能选一个版本');
  const id = await db.transaction(async (tx) => {
    const id = await repo.insertWave(tx, {
      ...body,
      communityPlan,
      selfCounts: !!body.selfCounts,
      questionnaireIds: ids,
      publicToken: crypto.randomBytes(12).toString('base64url'),
      by: actor.personId,
    });
    await audit(tx, { actor, action: 'poll.wave_create', entity: 'poll_wave', entityId: id, regionCode: body.townCode, after: { ...body, communityPlan } });
    return id;
  });
  return one(db, actor, id);
}

export interface WaveChange {
  version: number;
  name?: string;
  endsOn?: string;
  perCommunity?: number;
  communityPlan?: Record<string, number>;
  quotas?: PollQuotas;
  selfServed?: boolean;
  selfCounts?: boolean;
}

/**
 * Change a wave's settings. Open: its name, end date, sample plan, quotas and
 * the /h5 link (answers already kept keep their quota flags). Completed: only
 * whether self-served answers count toward the rates, which the forecast reads.
 */
export async function update(db: Db, actor: Actor, id: number, body: WaveChange) {
  const w = await waveOf(db, actor, id, 'poll.manage');
  const { version, ...change } = body;
  if (w.state === 'closed') {
    const moved = Object.keys(change).filter((k) => k !== 'selfCounts');
    if (moved.length) throw new AppError('INVALID_STATE', '该调查批次已完成，只能修改居民自助答卷是否计入比率');
  }
  const next = {
    name: change.name ?? w.name,
    endsOn: change.endsOn ?? w.endsOn,
    perCommunity: change.perCommunity ?? w.perCommunity,
    quotas: change.quotas ?? (w.quotas as PollQuotas),
    selfServed: change.selfServed ?? w.selfServed,
    selfCounts: change.selfCounts ?? w.selfCounts,
    communityPlan: change.communityPlan ?? w.communityPlan,
  };
  if (next.endsOn < w.startsOn) throw fieldError('body.endsOn', '结束日期不能早于开始日期');
  next.communityPlan = await checkPlan(db, w.townCode, next);
  const before = Object.fromEntries(Object.keys(next).map((k) => [k, (w as any)[k]]));
  await db.transaction(async (tx) => {
    if (!(await repo.updateWave(tx, id, version, next))) throw new AppError('CONFLICT', '调查批次已被他人修改，请刷新后重试');
    await audit(tx, { actor, action: 'poll.wave_update', entity: 'poll_wave', entityId: id, regionCode: w.townCode, before, after: next });
  });
  return one(db, actor, id);
}

export async function close(db: Db, actor: Actor, id: number, version: number) {
  const w = await waveOf(db, actor, id, 'poll.manage');
  if (w.state === 'closed') throw new AppError('INVALID_STATE', '该调查批次已完成');
  await db.transaction(async (tx) => {
    if (!(await repo.closeWave(tx, id, version, now()))) throw new AppError('CONFLICT', '调查批次已被他人修改，请刷新后重试');
    await audit(tx, {
      actor,
      action: 'poll.wave_close',
      entity: 'poll_wave',
      entityId: id,
      regionCode: w.townCode,
      before: { state: 'open' },
      after: { state: 'closed' },
    });
  });
  return one(db, actor, id);
}

/** Per community: the quota targets and what the in-quota answers fill of them. */
export function quotaProgress(
  w: Pick<repo.WaveRow, 'perCommunity' | 'communityPlan' | 'quotas'>,
  counts: Awaited<ReturnType<typeof repo.quotaCounts>>,
  code: string,
) {
  const mine = counts.filter((c) => c.communityCode === code);
  const inQ = mine.filter((c) => !c.outOfQuota);
  const quotas = w.quotas as PollQuotas;
  const planned = plannedFor(w, code);
  return {
    planned,
    inQuota: inQ.reduce((n, c) => n + c.n, 0),
    outOfQuota: mine.filter((c) => c.outOfQuota).reduce((n, c) => n + c.n, 0),
    mine: mine.reduce((n, c) => n + c.mine, 0),
    bands: AGE_BANDS.map((band) => ({
      band,
      label: AGE_BAND_LABELS[band],
      quota: quotaCount(planned, quotas.ageBands[band]),
      have: inQ.filter((c) => c.ageBand === band).reduce((n, c) => n + c.n, 0),
    })),
    sexes: SEXES.map((sex) => ({
      sex,
      label: SEX_LABELS[sex],
      quota: quotaCount(planned, quotas.sex[sex]),
      have: inQ.filter((c) => c.sex === sex).reduce((n, c) => n + c.n, 0),
    })),
  };
}

const pooled = (rows: { n: number; positive: number }[]) => {
  const n = rows.reduce((a, r) => a + r.n, 0);
  const positive = rows.reduce((a, r) => a + r.positive, 0);
  return { n, positive, ...wilson(positive, n) };
};

/**
 * A wave's results in one view (RESULT_VIEWS): by default the answers that
 * count toward the rates. Quotas are the interviewers' in every view but the
 * self-served one (self-served answers fill no quota).
 */
export async function results(db: Db, actor: Actor, id: number, view?: ResultView) {
  const w = await waveOf(db, actor, id);
  const source = view ?? 'counted';
  const scope = regionScope(actor, 'poll.read');
  const [communities, counts, cells, items, followups] = await readAll(db, [
    () => repo.communitiesOf(db, w.townCode),
    () => repo.quotaCounts(db, id, source === 'self' ? 'self' : 'interviewer'),
    () => repo.cellCounts(db, id, viewSources(source, w.selfCounts)),
    () => repo.itemsOf(db, w.questionnaireIds),
    () => repo.followups(db, id),
  ] as const);
  const visible = communities.filter((c) => codeInScope(c.code, scope));
  const seen = new Set(visible.map((c) => c.code));
  const mine = cells.filter((c) => seen.has(c.communityCode));
  const byCode = new Map<string, repo.ItemRow>();
  for (const it of items) if (!byCode.has(it.code)) byCode.set(it.code, it);
  const cellOut = mine.map((c) => {
    const wl = wilson(c.positive, c.n);
    return { ...c, ...wl, weak: isWeak(wl) };
  });
  const name = new Map(communities.map((c) => [c.code, c.name]));
  const progress = visible.map((c) => ({ c, q: quotaProgress(w, counts, c.code) }));
  const total = (f: (q: (typeof progress)[number]['q']) => number) => progress.reduce((n, p) => n + f(p.q), 0);
  return {
    wave: await waveAnswer(db, w),
    source,
    sourceLabel: RESULT_VIEW_LABELS[source],
    target: WEAK_TARGET,
    items: [...byCode.values()].map((it) => {
      const p = pooled(mine.filter((c) => c.itemCode === it.code));
      return {
        code: it.code,
        text: it.text,
        indicator: it.indicator,
        indicatorLabel: POLL_INDICATOR_LABELS[it.indicator],
        standardCode: it.standardCode,
        ...p,
        weak: p.n > 0 && isWeak(p),
      };
    }),
    quota: {
      planned: total((q) => q.planned),
      inQuota: total((q) => q.inQuota),
      outOfQuota: total((q) => q.outOfQuota),
      bands: AGE_BANDS.map((band, k) => ({ band, label: AGE_BAND_LABELS[band], quota: total((q) => q.bands[k].quota), have: total((q) => q.bands[k].have) })),
      sexes: SEXES.map((sex, k) => ({ sex, label: SEX_LABELS[sex], quota: total((q) => q.sexes[k].quota), have: total((q) => q.sexes[k].have) })),
    },
    communities: progress.map(({ c, q }) => {
      return {
        ...c,
        ...pooled(mine.filter((x) => x.communityCode === c.code)),
        planned: q.planned,
        inQuota: q.inQuota,
        outOfQuota: q.outOfQuota,
        fulfilment: q.planned ? Math.min(1, q.inQuota / q.planned) : 0,
        bands: q.bands,
        sexes: q.sexes,
      };
    }),
    cells: cellOut,
    weak: cellOut
      .filter((c) => c.weak)
      .sort((a, b) => a.rate - b.rate)
      .map(({ weak: _w, ...c }) => {
        const it = byCode.get(c.itemCode);
        return {
          ...c,
          communityName: name.get(c.communityCode) ?? c.communityCode,
          text: it?.text ?? c.itemCode,
          indicatorLabel: it ? POLL_INDICATOR_LABELS[it.indicator] : '',
          followups: followups
            .filter((f) => f.itemCode === c.itemCode && f.communityCode === c.communityCode)
            .map((f) => ({ id: f.id, kind: f.kind, inboxItemId: f.inboxItemId, activityId: f.activityId, createdAt: f.createdAt })),
        };
      }),
    can: { manage: manages(actor, w.townCode) },
  };
}

export interface ResponseQuery {
  source?: 'interviewer' | 'self';
  communityCode?: string;
  outOfQuota?: boolean;
  cursor?: string;
  limit?: number;
}
const validKey = (k: unknown[]): k is [string, number] => k.length === 2 && isStamp(k[0]) && positiveId(k[1]);

export async function responses(db: Db, actor: Actor, id: number, f: ResponseQuery) {
  await waveOf(db, actor, id);
  const limit = f.limit ?? 50;
  const after = f.cursor ? decodeCursor(f.cursor, validKey) : null;
  const rows = await repo.responses(db, id, { ...f, scope: repo.responsesIn(regionScope(actor, 'poll.read')) }, after, limit);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ atKey: _k, ...r }: any) => ({ ...r, id: Number(r.id), sourceLabel: r.source === 'self' ? '居民自助填答' : '调查员入户' })),
    nextCursor: more && last ? encodeCursor([last.atKey, Number(last.id)]) : null,
  };
}

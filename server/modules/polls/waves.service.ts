// Survey waves: the questionnaire versions used, dates, the sample plan (N
// per community of the town) and quotas by age band and sex, and the /h5 link
// when residents may answer themselves. A wave is closed (completed) once; its
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
  SEX_LABELS,
  SEXES,
  WAVE_STATE_LABELS,
  WEAK_TARGET,
  isWeak,
  quotaCount,
  quotasProblem,
  wilson,
  type PollQuotas,
} from '../../../domain/polls.ts';
import { codeInScope } from '../../db/scope.ts';
import { readAll } from '../../db/reads.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor, isStamp, positiveId } from '../../platform/cursor.ts';
import { closeItems, openItem } from '../inbox/index.ts';
import { planActivity } from '../activities/index.ts';
import * as repo from './polls.repository.ts';
import { townOf } from './questionnaires.service.ts';

const manages = (actor: Actor, townCode: string) => can(actor, 'poll.manage') && codeInScope(townCode, regionScope(actor, 'poll.manage'));

async function waveAnswer(db: Db, w: repo.WaveRow) {
  const qs = await repo.questionnaires(db, repo.byIds(w.questionnaireIds));
  const { questionnaireIds: _ids, publicToken: _t, ...rest } = w;
  return {
    ...rest,
    questionnaires: qs.map((q) => ({ id: q.id, name: q.title, code: q.code, version: q.version, groupLabel: q.groupLabel })),
    planned: w.perCommunity * w.communities,
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
  quotas: PollQuotas;
  selfServed: boolean;
}

export async function create(db: Db, actor: Actor, body: WaveInput) {
  townOf(actor, body.townCode, 'poll.manage');
  if (body.endsOn < body.startsOn) throw fieldError('body.endsOn', '结束日期不能早于开始日期');
  if (body.perCommunity < 1 || body.perCommunity > MAX_PER_COMMUNITY) throw fieldError('body.perCommunity', `每社区样本数应在 1 到 ${MAX_PER_COMMUNITY} 之间`);
  const bad = quotasProblem(body.quotas);
  if (bad) throw fieldError('body.quotas', bad);
  const ids = [...new Set(body.questionnaireIds)];
  if (!ids.length) throw fieldError('body.questionnaireIds', '请选择问卷');
  const qs = await repo.questionnaires(db, repo.byIds(ids));
  if (qs.length !== ids.length || qs.some((q) => q.townCode !== body.townCode)) throw fieldError('body.questionnaireIds', '请选择本乡镇的问卷');
  if (new Set(qs.map((q) => q.code)).size !== qs.length) throw fieldError('body.questionnaireIds', '同一问卷只能选一个版本');
  const id = await db.transaction(async (tx) => {
    const id = await repo.insertWave(tx, { ...body, questionnaireIds: ids, publicToken: crypto.randomBytes(12).toString('base64url'), by: actor.personId });
    await audit(tx, { actor, action: 'poll.wave_create', entity: 'poll_wave', entityId: id, regionCode: body.townCode, after: body });
    return id;
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
export function quotaProgress(w: Pick<repo.WaveRow, 'perCommunity' | 'quotas'>, counts: Awaited<ReturnType<typeof repo.quotaCounts>>, code: string) {
  const mine = counts.filter((c) => c.communityCode === code);
  const inQ = mine.filter((c) => !c.outOfQuota);
  const quotas = w.quotas as PollQuotas;
  return {
    inQuota: inQ.reduce((n, c) => n + c.n, 0),
    outOfQuota: mine.filter((c) => c.outOfQuota).reduce((n, c) => n + c.n, 0),
    mine: mine.reduce((n, c) => n + c.mine, 0),
    bands: AGE_BANDS.map((band) => ({
      band,
      label: AGE_BAND_LABELS[band],
      quota: quotaCount(w.perCommunity, quotas.ageBands[band]),
      have: inQ.filter((c) => c.ageBand === band).reduce((n, c) => n + c.n, 0),
    })),
    sexes: SEXES.map((sex) => ({
      sex,
      label: SEX_LABELS[sex],
      quota: quotaCount(w.perCommunity, quotas.sex[sex]),
      have: inQ.filter((c) => c.sex === sex).reduce((n, c) => n + c.n, 0),
    })),
  };
}

const pooled = (rows: { n: number; positive: number }[]) => {
  const n = rows.reduce((a, r) => a + r.n, 0);
  const positive = rows.reduce((a, r) => a + r.positive, 0);
  return { n, positive, ...wilson(positive, n) };
};

export async function results(db: Db, actor: Actor, id: number, source: 'interviewer' | 'self' = 'interviewer') {
  const w = await waveOf(db, actor, id);
  const scope = regionScope(actor, 'poll.read');
  const [communities, counts, cells, items, followups] = await readAll(db, [
    () => repo.communitiesOf(db, w.townCode),
    () => repo.quotaCounts(db, id, source),
    () => repo.cellCounts(db, id, source),
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
  return {
    wave: await waveAnswer(db, w),
    source,
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
    communities: visible.map((c) => {
      const q = quotaProgress(w, counts, c.code);
      return {
        ...c,
        ...pooled(mine.filter((x) => x.communityCode === c.code)),
        planned: w.perCommunity,
        inQuota: q.inQuota,
        outOfQuota: q.outOfQuota,
        fulfilment: w.perCommunity ? Math.min(1, q.inQuota / w.perCommunity) : 0,
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

export interface FollowupInput {
  itemCode: string;
  communityCode: string;
  kind: 'task' | 'activity';
  note?: string | null;
  /** kind activity: the activity planned (activities module's plan input). */
  activity?: { title: string; kindId: number; unitId: number; placeId: number; onDate: string };
}

/** A weak item of the wave in a community becomes a task in the community cadres' inbox or a planned activity (once each). */
export async function followup(db: Db, actor: Actor, id: number, body: FollowupInput) {
  const w = await waveOf(db, actor, id, 'poll.manage');
  const res = await results(db, actor, id);
  const weak = res.weak.find((c) => c.itemCode === body.itemCode && c.communityCode === body.communityCode);
  if (!weak) throw fieldError('body.itemCode', '该题在该社区不是薄弱项（或没有答卷）');
  if (weak.followups.some((f) => f.kind === body.kind)) throw new AppError('DUPLICATE', body.kind === 'task' ? '该薄弱项已交办给社区' : '该薄弱项已安排活动');
  let activityId: number | null = null;
  if (body.kind === 'activity') {
    if (!body.activity) throw fieldError('body.activity', '请填写要安排的活动');
    activityId = Number((await planActivity(db, actor, { ...body.activity, theme: `问卷薄弱项：${weak.text}` })).id);
  }
  const fid = await db.transaction(async (tx) => {
    const fid = await repo.insertFollowup(tx, {
      waveId: id,
      itemCode: body.itemCode,
      communityCode: body.communityCode,
      kind: body.kind,
      activityId,
      note: body.note ?? null,
      by: actor.personId,
    });
    if (!fid) throw new AppError('DUPLICATE', '该薄弱项已处理');
    if (body.kind === 'task') {
      const rate = `${Math.round(weak.rate * 1000) / 10}%`;
      const inbox = await openItem(tx, {
        kind: 'poll_weak_item',
        regionCode: body.communityCode,
        owner: { role: 'community_staff', regionCode: body.communityCode },
        subjectId: fid,
        title: `${w.name}：${weak.communityName}“${weak.text}”${weak.indicatorLabel} ${rate}，请改进${body.note ? `（${body.note}）` : ''}`,
      });
      await repo.setFollowupInbox(tx, fid, inbox);
    }
    await audit(tx, {
      actor,
      action: `poll.followup_${body.kind}`,
      entity: 'poll_followup',
      entityId: fid,
      regionCode: body.communityCode,
      after: { waveId: id, ...body, activityId },
    });
    return fid;
  });
  return { id: fid, kind: body.kind, inboxItemId: (await repo.followups(db, id)).find((f) => f.id === fid)?.inboxItemId ?? null, activityId };
}

/** Where a follow-up points (the inbox item's link): its wave and the community. */
export async function followupOf(db: Db, actor: Actor, fid: number) {
  const f = await repo.followup(db, fid);
  if (!f) throw new AppError('NOT_FOUND', '薄弱项交办记录不存在');
  townOf(actor, f.townCode, 'poll.read');
  const row = (await repo.followups(db, f.waveId)).find((x) => x.id === fid)!;
  if (!codeInScope(row.communityCode, regionScope(actor, 'poll.read'))) throw new AppError('NOT_FOUND', '薄弱项交办记录不存在');
  return {
    id: row.id,
    kind: row.kind,
    inboxItemId: row.inboxItemId,
    activityId: row.activityId,
    itemCode: row.itemCode,
    communityCode: row.communityCode,
    waveId: f.waveId,
  };
}

/** The community's cadres (or the office) report the task done: the inbox item closes. */
export async function followupDone(db: Db, actor: Actor, fid: number, note: string) {
  const f = await followupOf(db, actor, fid);
  if (f.kind !== 'task') throw new AppError('INVALID_STATE', '只有交办任务可以办结');
  await db.transaction(async (tx) => {
    if (!(await closeItems(tx, actor, fid, ['poll_weak_item'], 'done', note))) throw new AppError('INVALID_STATE', '该任务已办结');
    await audit(tx, { actor, action: 'poll.followup_done', entity: 'poll_followup', entityId: fid, regionCode: f.communityCode, after: { note } });
  });
  return { id: fid, kind: f.kind, inboxItemId: f.inboxItemId, activityId: f.activityId };
}

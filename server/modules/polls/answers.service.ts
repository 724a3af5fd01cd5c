// Answers: an interviewer's from the phone's offline queue (sync item type
// 'poll', through POST /api/inspections/sync like the patrols), a resident's
// self-served one from /h5. Eligibility (18-65, ≥ 6 months) is checked first
// and an ineligible respondent's answer is refused with the reason. An
// interviewer's answer beyond the community's sample or a quota is kept and
// flagged; a second send of the same item key is a replay (the first answer).
// A self-served answer is marked so, one per phone number and wave, only for
// a community the wave's plan covers (a left-out one is neither listed nor
// accepted), and never fills the sample plan (results show it apart; it
// counts toward the rates only in a wave whose office chose so).
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/pool.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { POLL_SCALES, SEXES, ageBand, ineligibility, isPositive, plannedFor, quotaExcess, type PollQuotas, type Sex } from '../../../domain/polls.ts';
import { PHONE_RE } from '../../../domain/people.ts';
import { id, isoInstant, text } from '../../../domain/input.ts';
import { codeInScope } from '../../db/scope.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { now, todayChina } from '../../platform/clock.ts';
import * as repo from './polls.repository.ts';
import { readAll } from '../../db/reads.ts';

const answerFields = {
  questionnaireId: id,
  communityCode: z.string('请选择社区').regex(/^\d{12}$/, '请选择社区'),
  sex: z.enum(SEXES, '请选择性别'),
  age: z.number('请填写年龄').int('年龄应为整数').min(0, '年龄不正确').max(120, '年龄不正确'),
  residenceMonths: z.number('请填写在本地居住的月数').int('居住月数应为整数').min(0, '居住月数不正确').max(1200, '居住月数不正确'),
  answers: z.array(z.object({ itemId: id, value: z.number('请选择答案').int('请选择答案').min(0, '请选择答案').max(9, '请选择答案') })).max(100, '答案过多'),
};
/** The phone's sync item (contract: domain/inspections/sync.ts SyncPoll). */
export const pollSyncItem = z.object({
  type: z.literal('poll'),
  key: text(100, '编号最多 100 个字符').min(1, '缺少编号'),
  waveId: id,
  answeredAt: isoInstant,
  ...answerFields,
});
export type PollSyncItem = z.infer<typeof pollSyncItem>;
export const selfAnswerBody = z.object({ phone: z.string('请填写手机号').regex(PHONE_RE, '手机号应为 11 位'), ...answerFields });
export type SelfAnswer = z.infer<typeof selfAnswerBody>;

type Answerable = Omit<PollSyncItem, 'type' | 'key' | 'waveId' | 'answeredAt'>;

/** Check an answer against its wave and questionnaire; the answers to store, or an AppError naming the field. */
function check(w: repo.WaveRow, items: repo.ItemRow[], communities: Set<string>, a: Answerable) {
  const reason = ineligibility(a.age, a.residenceMonths);
  if (reason) throw new AppError('POLL_INELIGIBLE', `${reason}，答卷未保存`);
  if (!w.questionnaireIds.includes(a.questionnaireId)) throw fieldError('questionnaireId', '该问卷不属于本调查批次');
  if (!communities.has(a.communityCode)) throw fieldError('communityCode', '该社区不属于本调查批次的乡镇');
  const mine = items.filter((i) => i.questionnaireId === a.questionnaireId);
  const given = new Map<number, number>();
  a.answers.forEach((x, n) => {
    if (given.has(x.itemId)) throw fieldError(`answers.${n}.itemId`, '同一道题答了两次');
    given.set(x.itemId, x.value);
  });
  const out = mine.map((it) => {
    const v = given.get(it.id);
    if (v == null) throw fieldError('answers', `第 ${it.seq} 题（${it.code}）未作答`);
    if (v >= POLL_SCALES[it.indicator].options.length) throw fieldError('answers', `第 ${it.seq} 题的答案不在选项中`);
    return { itemId: it.id, value: v, positive: isPositive(it.indicator, v) };
  });
  if (out.length !== given.size) throw fieldError('answers', '有答案不属于该问卷');
  return out;
}

export interface PollSyncResult {
  status: 'created' | 'replayed';
  id: number;
  /** in_quota | out_of_quota (kept and flagged). */
  state: string;
}

/**
 * An interviewer's queued answers, in one go: each item checked on its own
 * (its failure is its own result), then all that pass written in one
 * transaction, the quotas decided under a lock per wave and community.
 */
export async function syncAnswers(db: Db, actor: Actor, items: PollSyncItem[]): Promise<(PollSyncResult | AppError)[]> {
  const out: (PollSyncResult | AppError)[] = new Array(items.length);
  if (!items.length) return out;
  const scope = regionScope(actor, 'poll.interview');
  const waveRows = await repo.wavesForSync(db, [...new Set(items.map((i) => i.waveId))]);
  const waves = new Map<number, repo.WaveRow>(waveRows.map((w) => [w.id, w]));
  const towns = [...new Set(waveRows.map((w) => w.townCode))];
  const [allItems, known, townComms] = await readAll(db, [
    () => repo.itemsOf(db, [...new Set(waveRows.flatMap((w) => w.questionnaireIds))]),
    () => repo.responsesByKeys(db, actor.personId, [...new Set(items.map((i) => i.key))]),
    () => repo.communitiesOfTowns(db, towns),
  ] as const);
  const comms = new Map(towns.map((t) => [t, new Set(townComms.filter((c) => c.town === t).map((c) => c.code))]));
  const todo: { n: number; w: repo.WaveRow; row: repo.NewResponse }[] = [];
  const seenKeys = new Map<string, number>();
  items.forEach((it, n) => {
    try {
      const k = known.get(it.key);
      if (k) {
        out[n] = { status: 'replayed', id: k.id, state: k.outOfQuota ? 'out_of_quota' : 'in_quota' };
        return;
      }
      const w = waves.get(it.waveId);
      if (!w || (scope !== 'all' && !codeInScope(w.townCode, scope))) throw new AppError('NOT_FOUND', '调查批次不存在或不在您负责的乡镇');
      const at = new Date(it.answeredAt);
      if (at.getTime() > now().getTime() + 24 * 3600_000) throw fieldError('answeredAt', '填答时间晚于当前时间，请检查手机时间');
      if (w.state === 'closed' && w.closedAt && at > new Date(w.closedAt)) throw new AppError('INVALID_STATE', '该调查批次已结束，不再接收答卷');
      const answers = check(w, allItems, comms.get(w.townCode)!, it);
      if (seenKeys.has(it.key)) return; // answered below as a replay of the first
      seenKeys.set(it.key, n);
      const band = ageBand(it.age);
      todo.push({
        n,
        w,
        row: {
          waveId: w.id,
          questionnaireId: it.questionnaireId,
          townCode: w.townCode,
          communityCode: it.communityCode,
          source: 'interviewer',
          interviewerId: actor.personId,
          clientKey: it.key,
          phoneHash: null,
          sex: it.sex,
          age: it.age,
          residenceMonths: it.residenceMonths,
          ageBand: band,
          outOfQuota: false,
          quotaNote: null,
          answeredAt: at.toISOString(),
          answers,
        },
      });
    } catch (e) {
      out[n] = e instanceof AppError ? e : new AppError('VALIDATION_FAILED');
    }
  });
  if (todo.length) {
    const ids = await db.transaction(async (tx) => {
      const counts = await repo.lockAndCount(
        tx,
        todo.map((t) => ({ waveId: t.w.id, communityCode: t.row.communityCode })),
      );
      const have = new Map<string, number>();
      const add = (k: string, n: number) => have.set(k, (have.get(k) ?? 0) + n);
      for (const c of counts)
        for (const k of [`t:${c.waveId}:${c.communityCode}`, `b:${c.waveId}:${c.communityCode}:${c.ageBand}`, `s:${c.waveId}:${c.communityCode}:${c.sex}`])
          add(k, c.n);
      for (const t of todo) {
        const r = t.row;
        const cell = `${t.w.id}:${r.communityCode}`;
        const keys = [`t:${cell}`, `b:${cell}:${r.ageBand}`, `s:${cell}:${r.sex}`];
        const excess = quotaExcess(
          { perCommunity: plannedFor(t.w, r.communityCode), quotas: t.w.quotas as PollQuotas },
          { total: have.get(keys[0]) ?? 0, band: have.get(keys[1]) ?? 0, sex: have.get(keys[2]) ?? 0 },
          { ageBand: r.ageBand as ReturnType<typeof ageBand>, sex: r.sex as Sex },
        );
        if (excess) Object.assign(r, { outOfQuota: true, quotaNote: excess });
        else for (const k of keys) add(k, 1);
      }
      const ids = await repo.insertResponses(
        tx,
        todo.map((t) => t.row),
      );
      for (const wid of new Set(todo.map((t) => t.w.id))) {
        const mine = todo.filter((t, n) => t.w.id === wid && ids[n] != null);
        if (mine.length)
          await audit(tx, {
            actor,
            action: 'poll.answer',
            entity: 'poll_wave',
            entityId: wid,
            regionCode: mine[0].w.townCode,
            after: { responses: mine.length, outOfQuota: mine.filter((t) => t.row.outOfQuota).length, keys: mine.map((t) => t.row.clientKey) },
          });
      }
      return ids;
    });
    // A key sent twice at once by two requests: the other one stored it first.
    const lost = todo.filter((_, n) => ids[n] == null).map((t) => t.row.clientKey!);
    const again = await repo.responsesByKeys(db, actor.personId, lost);
    todo.forEach((t, n) => {
      const id = ids[n];
      if (id != null) out[t.n] = { status: 'created', id, state: t.row.outOfQuota ? 'out_of_quota' : 'in_quota' };
      else {
        const k = again.get(t.row.clientKey!);
        out[t.n] = k ? { status: 'replayed', id: k.id, state: k.outOfQuota ? 'out_of_quota' : 'in_quota' } : new AppError('CONFLICT');
      }
    });
  }
  // The same key twice in one queue: the later ones answer as replays of the first.
  items.forEach((it, n) => {
    if (out[n] !== undefined) return;
    const first = out[seenKeys.get(it.key)!];
    out[n] = first instanceof AppError ? first : { ...first, status: 'replayed' };
  });
  return out;
}

/** The communities a wave's sample plan covers (planned n > 0): the only ones a resident answers for. */
const sampled = <C extends { code: string }>(w: repo.WaveRow, communities: C[]) => communities.filter((c) => plannedFor(w, c.code) > 0);

/** The questionnaire behind /h5/poll/<token>: the communities of the wave's sample plan. */
export async function publicPoll(db: Db, token: string) {
  const w = await repo.waveByToken(db, token);
  if (!w) throw new AppError('NOT_FOUND', '调查不存在或未开放居民自助填答');
  const [communities, townName, qs, items] = [
    sampled(w, await repo.communitiesOf(db, w.townCode)),
    await repo.townName(db, w.townCode),
    await repo.questionnaires(db, repo.byIds(w.questionnaireIds)),
    await repo.itemsOf(db, w.questionnaireIds),
  ];
  const { itemAnswer } = await import('./questionnaires.service.ts');
  const today = todayChina();
  return {
    name: w.name,
    townName,
    endsOn: w.endsOn,
    open: w.state === 'open' && today >= w.startsOn && today <= w.endsOn,
    communities,
    questionnaires: qs.map((q) => ({
      id: q.id,
      code: q.code,
      title: q.title,
      groupLabel: q.groupLabel,
      items: items.filter((i) => i.questionnaireId === q.id).map(itemAnswer),
    })),
  };
}

/** The HMAC of a declared phone number in a wave (the number itself is not kept). */
const phoneHash = (waveId: number, token: string, phone: string) => crypto.createHmac('sha256', token).update(`${waveId}:${phone}`).digest('hex');

/** A resident's self-served answer: one per phone number and wave, marked self-served. */
export async function answerSelf(db: Db, token: string, body: SelfAnswer) {
  const w = await repo.waveByToken(db, token);
  if (!w) throw new AppError('NOT_FOUND', '调查不存在或未开放居民自助填答');
  const today = todayChina();
  if (w.state !== 'open' || today < w.startsOn || today > w.endsOn)
    throw new AppError('INVALID_STATE', `本次调查不在填答时间内（${w.startsOn} 至 ${w.endsOn}）`);
  const [communities, items] = [await repo.communitiesOf(db, w.townCode), await repo.itemsOf(db, w.questionnaireIds)];
  let answers: ReturnType<typeof check>;
  try {
    answers = check(w, items, new Set(communities.map((c) => c.code)), body);
  } catch (e) {
    if (e instanceof AppError && e.fields) throw fieldError(`body.${e.fields[0].path}`, e.fields[0].message);
    throw e;
  }
  // A community the plan leaves out is not offered on /h5 (nor on the interviewers' phones): refused, not kept.
  if (plannedFor(w, body.communityCode) === 0) throw fieldError('body.communityCode', '该社区不在本次调查的抽样范围内，请选择您居住的社区');
  await db.transaction(async (tx) => {
    const [id] = await repo.insertResponses(tx, [
      {
        waveId: w.id,
        questionnaireId: body.questionnaireId,
        townCode: w.townCode,
        communityCode: body.communityCode,
        source: 'self',
        interviewerId: null,
        clientKey: null,
        phoneHash: phoneHash(w.id, w.publicToken, body.phone),
        sex: body.sex,
        age: body.age,
        residenceMonths: body.residenceMonths,
        ageBand: ageBand(body.age),
        outOfQuota: false,
        quotaNote: null,
        answeredAt: now().toISOString(),
        answers,
      },
    ]);
    if (id == null) throw new AppError('DUPLICATE', '该手机号已参加过本次调查，每个手机号只能填答一次');
    await audit(tx, {
      actor: null,
      action: 'poll.answer_self',
      entity: 'poll_response',
      entityId: id,
      regionCode: body.communityCode,
      after: { waveId: w.id },
    });
  });
  return { ok: true as const };
}

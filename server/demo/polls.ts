// The demo's resident surveys (issue 21), through the polls services: two
// questionnaire variants (A 居民 in its second version, B 商户), a completed
// wave two months ago with 20 interviewer answers per community (a few
// beyond a quota, a few ineligible refused, so the weak items differ by
// community), one weak item given to its community as
// a task; and this month's wave, open, with the /h5 link and a start made.
import type { Db } from '../db/pool.ts';
import type { Actor } from '../../domain/permissions.ts';
import { addDays } from '../../domain/dates.ts';
import { DEFAULT_QUOTAS, POLL_SCALES } from '../../domain/polls.ts';
import { atTime } from '../platform/clock.ts';
import { todayChina } from '../modules/calendar/index.ts';
import { answerSelf, pollFollowups, pollQuestionnaires, pollWaves, syncPollAnswers, type PollSyncItem } from '../modules/polls/index.ts';
import { demoActors } from './actors.ts';
import { prng } from './data.ts';

const ITEMS_A = [
  { code: 'Q01', text: '您知道本市正在创建全国文明城市吗？', indicator: 'awareness', std: 0 },
  { code: 'Q02', text: '您知道社会主义核心价值观的内容吗？', indicator: 'awareness', std: 0 },
  { code: 'Q03', text: '您知道《市民文明公约》吗？', indicator: 'awareness', std: 0 },
  { code: 'Q04', text: '您支持本市创建全国文明城市吗？', indicator: 'support', std: 0 },
  { code: 'Q05', text: '您对创建工作的总体成效满意吗？', indicator: 'satisfaction', std: 0 },
  { code: 'Q06', text: '您对所在社区的环境卫生满意吗？', indicator: 'satisfaction', std: 1 },
  { code: 'Q07', text: '您对所在社区的公共秩序满意吗？', indicator: 'satisfaction', std: 1 },
] as const;
const ITEMS_B = [ITEMS_A[0], ITEMS_A[3], { code: 'Q08', text: '您对门前三包落实情况满意吗？', indicator: 'satisfaction', std: 1 }, ITEMS_A[6]] as const;

export async function loadDemoPolls(q: Db, townCode: string) {
  const { byUsername, byRole } = await demoActors(q);
  const office = byUsername('office');
  const interviewers = byRole('interviewer');
  if (!office || !interviewers.length) return { responses: 0 };
  const std = (await pollQuestionnaires.standards(q, office, townCode)).items;
  if (std.length < 2) return { responses: 0 };
  const make = (code: string, title: string, groupLabel: string, items: readonly { code: string; text: string; indicator: string; std: number }[]) =>
    pollQuestionnaires.save(q, office, {
      townCode,
      code,
      title,
      groupLabel,
      items: items.map((i) => ({ code: i.code, text: i.text, indicator: i.indicator as 'awareness', standardId: std[i.std].id })),
    });
  await make('A', '创建全国文明城市居民问卷', '居民', ITEMS_A.slice(0, 5));
  const a = await make('A', '创建全国文明城市居民问卷', '居民', ITEMS_A);
  const b = await make('B', '创建全国文明城市商户问卷', '沿街商户', ITEMS_B);

  const today = todayChina();
  const start = addDays(today, -70);
  const end = addDays(today, -50);
  const past = await pollWaves.create(q, office, {
    townCode,
    name: `${start.slice(0, 4)}年第${Math.ceil(Number(start.slice(5, 7)) / 3)}季度模拟问卷调查`,
    questionnaireIds: [a.id, b.id],
    startsOn: start,
    endsOn: end,
    perCommunity: 20,
    quotas: DEFAULT_QUOTAS,
    selfServed: true,
  });
  const communities = (await pollWaves.results(q, office, past.id)).communities.map((c) => c.code);
  const r = prng('polls-2121');
  const rnd = () => r.next();
  // Each community and item has its own level, so some items are weak in some communities.
  const level = (ci: number, code: string) => 0.62 + ((ci * 7 + Number(code.slice(1)) * 13) % 10) * 0.035;
  let n = 0;
  const items: PollSyncItem[] = [];
  const byInterviewer = new Map<number, PollSyncItem[]>();
  communities.forEach((code, ci) => {
    for (let k = 0; k < 22; k++) {
      const qn = k % 5 === 4 ? b : a;
      const age = 18 + Math.floor(rnd() * 48) + (k === 21 && ci % 4 === 0 ? 40 : 0); // now and then one over 65: refused
      const answers = qn.items.map((it) => {
        const yes = rnd() < level(ci, it.code);
        const opts = POLL_SCALES[it.indicator].options.length;
        return { itemId: it.id, value: yes ? (it.indicator === 'satisfaction' && rnd() < 0.4 ? 1 : 0) : opts - 1 - Math.floor(rnd() * 2) };
      });
      const item: PollSyncItem = {
        type: 'poll',
        key: `demo-${past.id}-${++n}`,
        waveId: past.id,
        questionnaireId: qn.id,
        communityCode: code,
        sex: rnd() < 0.5 ? 'male' : 'female',
        age,
        residenceMonths: k === 20 && ci % 3 === 0 ? 3 : 12 + Math.floor(rnd() * 200),
        answeredAt: `${addDays(start, Math.floor(rnd() * 20))}T0${1 + Math.floor(rnd() * 8)}:00:00Z`,
        answers,
      };
      items.push(item);
      const who = interviewers[ci % interviewers.length];
      byInterviewer.set(who.personId, [...(byInterviewer.get(who.personId) ?? []), item]);
    }
  });
  let stored = 0;
  for (const who of interviewers) {
    const r = await syncPollAnswers(q, who, byInterviewer.get(who.personId) ?? []);
    stored += r.filter((x) => !(x instanceof Error)).length;
  }
  // Closed the day after it ended (the clock set to then, so its closing time is in the past).
  await atTime(new Date(`${addDays(end, 1)}T02:00:00Z`), () => pollWaves.close(q, office, past.id, past.version));
  const res = await pollWaves.results(q, office, past.id);
  const worst = res.weak[0];
  if (worst)
    await pollFollowups.followup(q, office, past.id, {
      itemCode: worst.itemCode,
      communityCode: worst.communityCode,
      kind: 'task',
      note: '请结合入户宣传改进',
    });

  // This month's wave, open, residents may answer through /h5; a start made in two communities.
  const now = await pollWaves.create(q, office, {
    townCode,
    name: `${today.slice(0, 7).replace('-', '年')}月模拟问卷调查`,
    questionnaireIds: [a.id, b.id],
    startsOn: addDays(today, -3),
    endsOn: addDays(today, 25),
    perCommunity: 20,
    // The largest community is sampled more (a plan per community).
    communityPlan: { [communities[0]]: 30 },
    quotas: DEFAULT_QUOTAS,
    selfServed: true,
  });
  const started = items
    .slice(0, 12)
    .map((it, k) => ({ ...it, key: `demo-${now.id}-${k}`, waveId: now.id, answeredAt: new Date(Date.now() - (k + 1) * 3600_000).toISOString() }));
  await syncPollAnswers(q, interviewers[0] as Actor, started);
  // Three residents answered through the link (marked self-served, counted apart).
  const token = now.publicPath!.split('/').pop()!;
  for (const [k, phone] of ['13905971101', '13905971102', '13905971103'].entries()) {
    const it = items[k * 5];
    await answerSelf(q, token, {
      phone,
      questionnaireId: it.questionnaireId,
      communityCode: it.communityCode,
      sex: it.sex,
      age: 30 + k,
      residenceMonths: 36,
      answers: it.answers,
    });
  }
  return { responses: stored };
}

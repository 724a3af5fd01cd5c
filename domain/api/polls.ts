// /api/polls: the resident surveys (问卷调查, issue 21): questionnaires
// (versions, items mapped to the tree's 问卷调查 standards), waves (sample plan,
// quotas, the /h5 link), the answers (interviewer and self-served kept apart),
// results per community and item with 95 % Wilson intervals, quota
// fulfilment, weak items and what they became; the interviewer's phone data;
// the public questionnaire behind /h5/poll/<token>.
import { z } from 'zod';
import { day, instant, page, rowId, type Wire } from './common.ts';
import { AGE_BANDS, FOLLOWUP_KINDS, POLL_INDICATORS, POLL_SOURCES, RESULT_VIEWS, SEXES, WAVE_STATES } from '../polls.ts';

const ref = z.object({ id: rowId, name: z.string() });
const community = z.object({ code: z.string(), name: z.string() });

export const pollStandard = z.object({ id: rowId, code: z.string(), name: z.string(), points: z.number().nullable() });
export const pollStandards = z.object({
  system: z.object({ id: rowId, version: z.number().int(), name: z.string() }).nullable(),
  items: z.array(pollStandard),
});

export const pollItem = z.object({
  id: rowId,
  seq: z.number().int(),
  code: z.string(),
  text: z.string(),
  indicator: z.enum(POLL_INDICATORS),
  indicatorLabel: z.string(),
  options: z.array(z.string()).describe('答案选项，按顺序；答案取其下标'),
  standardId: rowId,
  standardCode: z.string(),
});
export const questionnaire = z.object({
  id: rowId,
  townCode: z.string(),
  code: z.string(),
  version: z.number().int(),
  title: z.string(),
  groupLabel: z.string(),
  current: z.boolean(),
  note: z.string().nullable(),
  createdAt: instant,
  createdByName: z.string().nullable(),
  items: z.array(pollItem),
});
export const questionnaires = z.object({
  items: z.array(questionnaire).describe('各问卷（人群版本）的现行版本'),
  versions: z.array(z.object({ id: rowId, code: z.string(), version: z.number().int(), title: z.string(), current: z.boolean(), responses: z.number().int() })),
  can: z.object({ manage: z.boolean() }),
});

const quotas = z.object({ ageBands: z.record(z.enum(AGE_BANDS), z.number()), sex: z.record(z.enum(SEXES), z.number()) });
export const wave = z.object({
  id: rowId,
  townCode: z.string(),
  name: z.string(),
  questionnaires: z.array(ref.extend({ code: z.string(), version: z.number().int(), groupLabel: z.string() })),
  startsOn: day,
  endsOn: day,
  perCommunity: z.number().int().describe('每社区样本数（各社区未单独设定时）'),
  plan: z
    .array(community.extend({ planned: z.number().int(), override: z.boolean().describe('单独设定') }))
    .describe('抽样计划：本镇各社区的样本数（0 为不抽样）'),
  communities: z.number().int().describe('抽样的社区数（样本数大于 0）'),
  planned: z.number().int().describe('计划样本量：各社区样本数之和'),
  quotas,
  state: z.enum(WAVE_STATES),
  stateLabel: z.string(),
  selfServed: z.boolean(),
  selfCounts: z.boolean().describe('居民自助答卷是否计入比率（结果合计、测评预测、指标），默认否；从不计入配额'),
  publicPath: z.string().nullable().describe('居民自助填答的链接（/h5/poll/…），未开放时为空'),
  responses: z.number().int().describe('调查员入户答卷（含超配额）'),
  selfResponses: z.number().int(),
  outOfQuota: z.number().int(),
  version: z.number().int(),
  createdAt: instant,
  closedAt: instant.nullable(),
});
export const waves = z.object({ items: z.array(wave), can: z.object({ manage: z.boolean() }) });

const interval = { n: z.number().int(), positive: z.number().int(), rate: z.number(), low: z.number(), high: z.number() };
export const waveResults = z.object({
  wave,
  source: z.enum(RESULT_VIEWS).describe('统计口径：计入比率的答卷（默认：入户，及本批次选择计入时的自助答卷）、仅调查员入户或仅居民自助填答'),
  sourceLabel: z.string(),
  target: z.number().describe('薄弱项判定线（比率）'),
  items: z.array(
    z.object({
      code: z.string(),
      text: z.string(),
      indicator: z.enum(POLL_INDICATORS),
      indicatorLabel: z.string(),
      standardCode: z.string(),
      ...interval,
      weak: z.boolean(),
    }),
  ),
  quota: z
    .object({
      planned: z.number().int(),
      inQuota: z.number().int(),
      outOfQuota: z.number().int(),
      bands: z.array(z.object({ band: z.enum(AGE_BANDS), label: z.string(), quota: z.number().int(), have: z.number().int() })),
      sexes: z.array(z.object({ sex: z.enum(SEXES), label: z.string(), quota: z.number().int(), have: z.number().int() })),
    })
    .describe('可见各社区合计：样本与年龄段、性别配额'),
  communities: z.array(
    community.extend({
      ...interval,
      planned: z.number().int(),
      inQuota: z.number().int(),
      outOfQuota: z.number().int(),
      fulfilment: z.number().describe('样本完成率：配额内答卷 ÷ 计划'),
      bands: z.array(z.object({ band: z.enum(AGE_BANDS), label: z.string(), quota: z.number().int(), have: z.number().int() })),
      sexes: z.array(z.object({ sex: z.enum(SEXES), label: z.string(), quota: z.number().int(), have: z.number().int() })),
    }),
  ),
  cells: z.array(z.object({ communityCode: z.string(), itemCode: z.string(), ...interval, weak: z.boolean() })),
  weak: z.array(
    z.object({
      communityCode: z.string(),
      communityName: z.string(),
      itemCode: z.string(),
      text: z.string(),
      indicatorLabel: z.string(),
      ...interval,
      followups: z.array(
        z.object({ id: rowId, kind: z.enum(FOLLOWUP_KINDS), inboxItemId: rowId.nullable(), activityId: rowId.nullable(), createdAt: instant }),
      ),
    }),
  ),
  can: z.object({ manage: z.boolean() }),
});

export const pollResponse = z.object({
  id: rowId,
  communityCode: z.string(),
  communityName: z.string(),
  source: z.enum(POLL_SOURCES),
  sourceLabel: z.string(),
  interviewerName: z.string().nullable(),
  questionnaireCode: z.string(),
  sex: z.enum(SEXES),
  age: z.number().int(),
  residenceMonths: z.number().int(),
  ageBand: z.enum(AGE_BANDS),
  outOfQuota: z.boolean(),
  quotaNote: z.string().nullable(),
  positive: z.number().int().describe('肯定回答题数'),
  answered: z.number().int(),
  answeredAt: instant,
});
export const pollResponses = page(pollResponse);

export const followup = z.object({ id: rowId, kind: z.enum(FOLLOWUP_KINDS), inboxItemId: rowId.nullable(), activityId: rowId.nullable() });

/** The interviewer's phone: open waves of their town, the questionnaires, the communities and the quota progress. */
export const phonePolls = z.object({
  waves: z.array(
    z.object({
      id: rowId,
      name: z.string(),
      townCode: z.string(),
      startsOn: day,
      endsOn: day,
      perCommunity: z.number().int(),
      quotas,
      questionnaireIds: z.array(rowId),
      communities: z.array(
        community.extend({
          planned: z.number().int().describe('该社区计划样本数'),
          inQuota: z.number().int(),
          mine: z.number().int().describe('本人在该社区的答卷'),
          bands: z.array(z.object({ band: z.enum(AGE_BANDS), label: z.string(), quota: z.number().int(), have: z.number().int() })),
          sexes: z.array(z.object({ sex: z.enum(SEXES), label: z.string(), quota: z.number().int(), have: z.number().int() })),
        }),
      ),
    }),
  ),
  questionnaires: z.array(questionnaire.pick({ id: true, code: true, version: true, title: true, groupLabel: true, items: true })),
});

/** The self-served questionnaire behind /h5/poll/<token>. */
export const publicPoll = z.object({
  name: z.string(),
  townName: z.string(),
  endsOn: day,
  open: z.boolean(),
  communities: z.array(community),
  questionnaires: z.array(questionnaire.pick({ id: true, code: true, title: true, groupLabel: true, items: true })),
});
export const publicPollAnswered = z.object({ ok: z.literal(true) });

export type PollStandards = Wire<typeof pollStandards>;
export type Questionnaire = Wire<typeof questionnaire>;
export type Questionnaires = Wire<typeof questionnaires>;
export type Wave = Wire<typeof wave>;
export type Waves = Wire<typeof waves>;
export type WaveResults = Wire<typeof waveResults>;
export type PollResponses = Wire<typeof pollResponses>;
export type PhonePolls = Wire<typeof phonePolls>;
export type PublicPoll = Wire<typeof publicPoll>;

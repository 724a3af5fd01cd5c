// Resident surveys (问卷调查, issue 21; DOMAIN.md §10), named polls to keep
// them apart from the 摸排 survey: the indicators and their answer scales,
// eligibility, age bands and quotas, the 95 % Wilson interval and what makes
// an item weak. No I/O; the server is the authority.

export const POLL_INDICATORS = ['awareness', 'support', 'satisfaction'] as const;
export type PollIndicator = (typeof POLL_INDICATORS)[number];
export const POLL_INDICATOR_LABELS: Record<PollIndicator, string> = { awareness: '知晓率', support: '支持率', satisfaction: '满意度' };

/**
 * Each indicator's answer scale, in the order the phone shows it, and which
 * options count as positive (the rate is positive answers ÷ all answers:
 * 说不清 counts, as in the bureau's survey, against the rate).
 */
export const POLL_SCALES: Record<PollIndicator, { options: readonly string[]; positive: readonly number[] }> = {
  awareness: { options: ['知道', '不知道'], positive: [0] },
  support: { options: ['支持', '无所谓', '不支持', '说不清'], positive: [0] },
  satisfaction: { options: ['满意', '比较满意', '一般', '不满意', '说不清'], positive: [0, 1] },
};
export const isPositive = (indicator: PollIndicator, value: number) => POLL_SCALES[indicator].positive.includes(value);

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Record<Sex, string> = { male: '男', female: '女' };

/** The bureau's respondents: aged 18-65, living there at least 6 months. */
export const ELIGIBLE_AGE = { min: 18, max: 65 } as const;
export const ELIGIBLE_RESIDENCE_MONTHS = 6;

/** Why a respondent may not answer, or null when they may (asked before the questionnaire). */
export function ineligibility(age: number, residenceMonths: number): string | null {
  if (age < ELIGIBLE_AGE.min) return `受访者未满 ${ELIGIBLE_AGE.min} 周岁，不属于调查对象`;
  if (age > ELIGIBLE_AGE.max) return `受访者超过 ${ELIGIBLE_AGE.max} 周岁，不属于调查对象`;
  if (residenceMonths < ELIGIBLE_RESIDENCE_MONTHS) return `受访者在本地居住不满 ${ELIGIBLE_RESIDENCE_MONTHS} 个月，不属于调查对象`;
  return null;
}

export const AGE_BANDS = ['18-34', '35-49', '50-65'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, string> = { '18-34': '18-34 岁', '35-49': '35-49 岁', '50-65': '50-65 岁' };
export function ageBand(age: number): AgeBand {
  return age <= 34 ? '18-34' : age <= 49 ? '35-49' : '50-65';
}

/** Quotas as percent shares of a community's sample (each list sums to 100). */
export interface PollQuotas {
  ageBands: Record<AgeBand, number>;
  sex: Record<Sex, number>;
}
export const DEFAULT_QUOTAS: PollQuotas = { ageBands: { '18-34': 35, '35-49': 35, '50-65': 30 }, sex: { male: 50, female: 50 } };

/** A quota's count in a community's sample of n (rounded up: a quota is never below its share). */
export const quotaCount = (n: number, percent: number) => Math.ceil((n * percent) / 100);

/**
 * A community's sample size in a wave: its override, else the wave's N per
 * community; 0 leaves the community out of the sample.
 */
export function plannedFor(plan: { perCommunity: number; communityPlan: Record<string, number> }, communityCode: string): number {
  return plan.communityPlan[communityCode] ?? plan.perCommunity;
}

/**
 * Is a new respondent beyond the plan? The community's sample is full, or
 * its age band's or sex's quota is. Such an answer is kept and flagged; the
 * reason names the first quota it exceeds. `have` counts the in-quota answers
 * already kept.
 */
export function quotaExcess(
  plan: { perCommunity: number; quotas: PollQuotas },
  have: { total: number; band: number; sex: number },
  r: { ageBand: AgeBand; sex: Sex },
): string | null {
  if (plan.perCommunity === 0) return '本社区不在本批次的抽样计划内';
  if (have.total >= plan.perCommunity) return `本社区样本已满（计划 ${plan.perCommunity} 份）`;
  const band = quotaCount(plan.perCommunity, plan.quotas.ageBands[r.ageBand]);
  if (have.band >= band) return `${AGE_BAND_LABELS[r.ageBand]}配额已满（${band} 份）`;
  const sex = quotaCount(plan.perCommunity, plan.quotas.sex[r.sex]);
  if (have.sex >= sex) return `${SEX_LABELS[r.sex]}性配额已满（${sex} 份）`;
  return null;
}

/** Does a quota list add up? (null when it does) */
export function quotasProblem(q: PollQuotas): string | null {
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  if (sum(q.ageBands) !== 100) return '各年龄段配额之和应为 100%';
  if (sum(q.sex) !== 100) return '男女配额之和应为 100%';
  return null;
}

/** The 95 % Wilson score interval of k positives out of n (z = 1.96); n = 0 gives [0, 1]. */
export function wilson(k: number, n: number, z = 1.96): { rate: number; low: number; high: number } {
  if (n <= 0) return { rate: 0, low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * A weak item: its rate in a community is below the target (default 80 %, the
 * level towns aim at for 知晓率 and 满意度) and the interval's upper end too,
 * so a small sample's noise alone does not make an item weak.
 */
export const WEAK_TARGET = 0.8;
export const isWeak = (w: { high: number }, target = WEAK_TARGET) => w.high < target;

export const WAVE_STATES = ['open', 'closed'] as const;
export type WaveState = (typeof WAVE_STATES)[number];
export const WAVE_STATE_LABELS: Record<WaveState, string> = { open: '进行中', closed: '已完成' };

export const POLL_SOURCES = ['interviewer', 'self'] as const;
export type PollSource = (typeof POLL_SOURCES)[number];
export const POLL_SOURCE_LABELS: Record<PollSource, string> = { interviewer: '调查员入户', self: '居民自助填答' };

/**
 * What a wave's results count: the interviewers' answers, the self-served
 * ones apart, or the answers that count toward the rates (the forecast's and
 * the figures' basis): the interviewers' plus, when the office chose so for
 * the wave (self_counts), the self-served ones.
 */
export const RESULT_VIEWS = ['interviewer', 'self', 'counted'] as const;
export type ResultView = (typeof RESULT_VIEWS)[number];
export const RESULT_VIEW_LABELS: Record<ResultView, string> = { interviewer: '调查员入户', self: '居民自助填答', counted: '计入比率（入户＋自助）' };
/** The sources a view counts, given the wave's choice. */
export const viewSources = (view: ResultView, selfCounts: boolean): PollSource[] =>
  view === 'counted' ? (selfCounts ? ['interviewer', 'self'] : ['interviewer']) : [view];

export const FOLLOWUP_KINDS = ['task', 'activity'] as const;
export type FollowupKind = (typeof FOLLOWUP_KINDS)[number];

/** Largest questionnaire and sample plan the forms accept. */
export const MAX_POLL_ITEMS = 60;
export const MAX_PER_COMMUNITY = 500;

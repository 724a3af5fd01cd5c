// The resident surveys' public face (issue 21): routes, figures, the phone
// queue's 'poll' items (applied by the inspections sync), and the one function
// the evaluation forecast reads for its survey pillar.
import type { Q } from '../../db/pool.ts';
import { registerFigures } from '../figures/index.ts';
import { pollFigures } from './polls.figures.ts';
import * as repo from './rates.repository.ts';

registerFigures(pollFigures);

export { pollRoutes, pollPublicRoutes } from './polls.routes.ts';
export { answerSelf, pollSyncItem, syncAnswers as syncPollAnswers, type PollSyncItem } from './answers.service.ts';
// The demo and the bench set up their surveys through the same services.
export * as pollQuestionnaires from './questionnaires.service.ts';
export * as pollWaves from './waves.service.ts';
export * as pollFollowups from './followups.service.ts';

/**
 * The survey pillar of the forecast (issue 21 item 4): per 问卷调查 standard
 * and community under `regionCode` (a county, town or community code), the
 * share of positive interviewer answers (rate 0..1) and how many answers it
 * rests on (n), of the wave `waveId` or, by default, of each town's latest
 * completed (closed) wave. Self-served answers count only in a wave whose office chose so (self_counts). standardId is
 * the evaluation_nodes id the questionnaire item was mapped to (standardCode:
 * its handbook code, stable across versions of the tree). No scope check: the
 * caller has checked that it may read `regionCode`.
 */
export async function standardRates(
  tx: Q,
  { regionCode, waveId }: { regionCode: string; waveId?: number },
): Promise<{ standardId: number; standardCode: string; communityCode: string; rate: number; n: number }[]> {
  const rows = await repo.standardRates(tx, regionCode, waveId);
  return rows.map((r) => ({
    standardId: Number(r.standardId),
    standardCode: r.standardCode,
    communityCode: r.communityCode,
    rate: r.n ? r.positive / r.n : 0,
    n: r.n,
  }));
}

// The interviewer's phone: the open waves of the towns they cover, with the
// questionnaires (items and answer scales, kept on the phone for offline
// use), the communities sampled and each one's plan and quota progress (in-quota answers by
// age band and sex against the targets, and their own count).
import type { Db } from '../../db/pool.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import * as repo from './polls.repository.ts';
import { withItems } from './questionnaires.service.ts';
import { quotaProgress } from './waves.service.ts';
import type { PollQuotas } from '../../../domain/polls.ts';

export async function phone(db: Db, actor: Actor) {
  const scope = regionScope(actor, 'poll.interview');
  const rows = await repo.waves(db, repo.openWavesIn(scope));
  const out = [];
  for (const w of rows) {
    const [communities, counts] = [await repo.communitiesOf(db, w.townCode), await repo.quotaCounts(db, w.id, 'interviewer', actor.personId)];
    out.push({
      id: w.id,
      name: w.name,
      townCode: w.townCode,
      startsOn: w.startsOn,
      endsOn: w.endsOn,
      perCommunity: w.perCommunity,
      quotas: w.quotas as PollQuotas,
      questionnaireIds: w.questionnaireIds,
      // A community left out of the plan (0) is not offered.
      communities: communities
        .map((c) => ({ c, q: quotaProgress(w, counts, c.code) }))
        .filter(({ q }) => q.planned > 0)
        .map(({ c, q }) => ({ ...c, planned: q.planned, inQuota: q.inQuota, mine: q.mine, bands: q.bands, sexes: q.sexes })),
    });
  }
  const ids = [...new Set(rows.flatMap((w) => w.questionnaireIds))];
  const qs = await withItems(db, ids.length ? await repo.questionnaires(db, repo.byIds(ids)) : []);
  return {
    waves: out,
    questionnaires: qs.map((q) => ({ id: q.id, code: q.code, version: q.version, title: q.title, groupLabel: q.groupLabel, items: q.items })),
  };
}

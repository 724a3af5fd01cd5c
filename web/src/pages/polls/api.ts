// Queries of the survey pages (server/modules/polls); the shapes are the server's schemas (domain/api/polls.ts).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useCursorPages } from '../../api/pages.ts';
import type { PollResponses, PollStandards, Questionnaires, WaveResults, Waves } from '../../../../domain/api/polls.ts';
import type { ResultView } from '../../../../domain/polls.ts';
export type { PollStandards, Questionnaire, Questionnaires, Wave, WaveResults, Waves } from '../../../../domain/api/polls.ts';
import { flattenTree, useRegionTree } from '../../api/queries.ts';
import { useTown } from '../evaluation/EvaluationPage.tsx';
export { TownPicker } from '../evaluation/EvaluationPage.tsx';

/**
 * The town whose surveys the page shows: the picked or first town the caller
 * sees, else (a community cadre, whose tree starts below the town) the town
 * of their community, whose waves they read for their community.
 */
export function usePollTown(): ReturnType<typeof useTown> {
  const t = useTown();
  const tree = useRegionTree();
  if (t.town) return t;
  const below = flattenTree(tree.data).find((n) => n.code.length > 9);
  return below ? { ...t, town: below.code.slice(0, 9) } : t;
}

export const useStandards = (town: string | null) =>
  useQuery({ queryKey: keys.polls.standards(town), enabled: !!town, queryFn: () => api.get<PollStandards>('/polls/standards', { town: town! }) });
export const useQuestionnaires = (town: string | null) =>
  useQuery({ queryKey: keys.polls.questionnaires(town), enabled: !!town, queryFn: () => api.get<Questionnaires>('/polls/questionnaires', { town: town! }) });
export const useWaves = (town: string | null) =>
  useQuery({ queryKey: keys.polls.waves(town), enabled: !!town, queryFn: () => api.get<Waves>('/polls/waves', { town: town! }) });
export const useResults = (id: number, source: ResultView) =>
  useQuery({ queryKey: keys.polls.results(id, source), queryFn: () => api.get<WaveResults>(`/polls/waves/${id}/results`, { source }) });
export const useResponses = (id: number, f: { source?: string; communityCode?: string; outOfQuota?: string }) =>
  useCursorPages<PollResponses['items'][number]>(keys.polls.responses(id, f), `/polls/waves/${id}/responses`, { ...f, limit: '50' });

export const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

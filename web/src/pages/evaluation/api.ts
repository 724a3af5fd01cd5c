// Queries of the evaluation pages (server/modules/evaluation); the shapes are the server's schemas (domain/api/evaluation.ts).
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useCursorPages } from '../../api/pages.ts';
import { flattenTree, useRegionTree } from '../../api/queries.ts';
import type {
  CompletenessAnswer,
  EvaluationAssignment,
  ForecastAnswer,
  EvaluationCycle,
  EvaluationSystem,
  EvaluationTree,
} from '../../../../domain/api/evaluation.ts';
export type {
  CompletenessAnswer,
  EvaluationAssignment,
  EvaluationCycle,
  EvaluationMaterial,
  EvaluationNode,
  EvaluationSystem,
  EvaluationTree,
  ForecastAnswer,
} from '../../../../domain/api/evaluation.ts';

/** The towns the caller covers (from the region tree), for the town picker. */
export function useTowns() {
  const tree = useRegionTree();
  return useMemo(
    () =>
      flattenTree(tree.data)
        .filter((n) => n.level === 'town')
        .map((n) => ({ value: n.code, label: n.name })),
    [tree.data],
  );
}

export const useSystems = (town: string | null) =>
  useQuery({
    queryKey: keys.evaluation.systems(town),
    enabled: !!town,
    queryFn: () => api.get<{ items: EvaluationSystem[]; can: { manage: boolean } }>('/evaluation/systems', { town: town! }),
  });
export const useTree = (id: number | null) =>
  useQuery({ queryKey: keys.evaluation.tree(id ?? 0), enabled: !!id, queryFn: () => api.get<EvaluationTree>(`/evaluation/systems/${id}`) });
export const useCycles = (town: string | null) =>
  useQuery({
    queryKey: keys.evaluation.cycles(town),
    enabled: !!town,
    queryFn: () => api.get<{ items: EvaluationCycle[]; can: { manage: boolean } }>('/evaluation/cycles', { town: town! }),
  });
export const useAssignments = (cycle: number | null, unitId?: string) =>
  useCursorPages<EvaluationAssignment>(
    keys.evaluation.assignments({ cycle, unitId }),
    '/evaluation/assignments',
    cycle ? { cycle: String(cycle), unitId, limit: '100' } : null,
  );
export const useCompleteness = (cycle: number | null) =>
  useQuery({
    queryKey: keys.evaluation.completeness(cycle ?? 0),
    enabled: !!cycle,
    queryFn: () => api.get<CompletenessAnswer>('/evaluation/completeness', { cycle: String(cycle) }),
  });
export const useForecast = (region: string | null, year: number) =>
  useQuery({
    queryKey: keys.evaluation.forecast(region, year),
    enabled: !!region,
    queryFn: () => api.get<ForecastAnswer>('/evaluation/forecast', { region: region!, year: String(year) }),
  });

// Shapes of the problem-loop API (server/modules/problems, categories,
// routing, calendar, notifications, reinspections, accountability) and the
// queries the problem pages share. The server is the authority.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ROUTABLE_UNIT_KINDS, type UnitKind } from '../../../../domain/units.ts';
import { keys } from '../../api/keys.ts';
import type { Resolved } from '../../../../domain/api/routing.ts';
import type { ReachableUnit as DispatchUnit } from '../../../../domain/api/units.ts';
export type { PlainCategory, CategoryNode, CategoryTree } from '../../../../domain/api/categories.ts';
export type { DispatchRule, Resolved } from '../../../../domain/api/routing.ts';
export type { ReachableUnit as DispatchUnit } from '../../../../domain/api/units.ts';

// The problem loop's answers are the server's schemas (domain/api/problems.ts).
export type { ExtensionRow, Problem, ProblemList, ProblemListItem, ProblemPhoto, TimelineEvent, UploadedPhoto } from '../../../../domain/api/problems.ts';

/** Units that receive problems, for filtering lists by unit. */
export function useRoutableUnits(enabled = true) {
  return useQuery({
    queryKey: keys.units.routable(),
    queryFn: () => api.get<{ items: { id: number; name: string; kind: string; kindLabel: string; regionCode: string }[] }>('/units'),
    enabled,
    staleTime: 60_000,
    select: (r) =>
      r.items.filter((u) => ROUTABLE_UNIT_KINDS.includes(u.kind as UnitKind)).map((u) => ({ value: u.id, label: `${u.name}（${u.kindLabel}）`, name: u.name })),
  });
}

/**
 * The units a problem of `regionCode` may be dispatched to (the server's
 * reachable units: the town's own, the co-building units paired with its
 * communities, the county's departments), grouped for a Select.
 */
export function useDispatchUnits(regionCode: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: keys.units.reachable(regionCode ?? null),
    queryFn: () => api.get<{ items: DispatchUnit[] }>('/units/reachable', { regionCode: regionCode! }),
    enabled: enabled && !!regionCode,
    staleTime: 60_000,
    select: (r) => {
      const groups = new Map<string, { label: string; options: { value: number; label: string; name: string }[] }>();
      for (const u of r.items) {
        const g = groups.get(u.via) ?? { label: u.viaLabel, options: [] };
        g.options.push({ value: u.id, label: `${u.name}（${u.kindLabel}）`, name: u.name });
        groups.set(u.via, g);
      }
      return [...groups.values()];
    },
  });
}

/** Route a (category, region) the way dispatch would. Office and routing managers only. */
export function useResolve(categoryId: number | null | undefined, regionCode: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: keys.dispatchRules.resolve(categoryId ?? null, regionCode ?? null),
    queryFn: () => api.get<Resolved>('/dispatch-rules/resolve', { categoryId: categoryId ?? undefined, regionCode: regionCode! }),
    enabled: enabled && !!regionCode,
    staleTime: 30_000,
    retry: false,
  });
}

// Shared with the app shell and components (web/src/api/queries.ts).
export { usePlainCategories, useUnreadCount } from '../../api/queries.ts';

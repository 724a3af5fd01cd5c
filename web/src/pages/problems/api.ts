// Shapes of the problem-loop API (server/modules/problems, categories,
// routing, calendar, notifications, reinspections, accountability) and the
// queries the problem pages share. The server is the authority.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { ProblemAction } from '../../../../domain/problems/workflow.ts';
import type { ProblemState, RejectReason, Source, Tier } from '../../../../domain/problems/vocab.ts';
import { ROUTABLE_UNIT_KINDS, type UnitKind } from '../../../../domain/units.ts';
import { keys } from '../../api/keys.ts';
import type { PlainCategory } from '../../../../domain/api/categories.ts';
import type { Resolved } from '../../../../domain/api/routing.ts';
import type { ReachableUnit as DispatchUnit } from '../../../../domain/api/units.ts';
export type { PlainCategory, CategoryNode, CategoryTree } from '../../../../domain/api/categories.ts';
export type { DispatchRule, Resolved } from '../../../../domain/api/routing.ts';
export type { ReachableUnit as DispatchUnit } from '../../../../domain/api/units.ts';

export interface ProblemListItem {
  id: number; code: string; state: ProblemState; stateLabel: string; tier: Tier;
  categoryName: string | null; regionName: string | null; placeName: string | null; unitName: string | null;
  description: string; dueDate: string | null; overdue: boolean; overdueDays: number; reworkCount: number;
  source: Source; sourceLabel: string; createdAt: string; version: number;
}
export interface ProblemList { items: ProblemListItem[]; nextBefore: number | null }

export interface TimelineEvent {
  id: number; at: string; actorName: string | null; action: string; fromState: ProblemState | null; toState: ProblemState | null;
  note: string | null; data: Record<string, any> | null; photoIds: number[];
}
export interface ProblemPhoto {
  id: number; kind: 'before' | 'after' | 'progress'; width: number; height: number; takenAt: string | null;
  gpsLat: number | null; gpsLng: number | null; url: string; thumbUrl: string;
}
export interface ExtensionRow {
  id: number; days: number; reason: string; state: 'pending' | 'approved' | 'refused'; decisionNote: string | null;
  oldDueDate: string | null; newDueDate: string | null; createdAt: string; decidedAt: string | null;
  requestedByName: string | null; decidedByName: string | null;
}
export interface Problem {
  id: number; code: string; state: ProblemState; stateLabel: string; tier: Tier; tierLabel: string;
  source: Source; sourceLabel: string; sourceRef: string | null;
  category: { id: number; name: string; code: string; kind: string };
  description: string; regionCode: string; regionName: string | null; townCode: string; gridCode: string | null;
  place: { id: number; name: string } | null; lat: number | null; lng: number | null; address: string | null;
  unit: { id: number; name: string } | null;
  reporter: { id: number | null; name: string | null; phone: string | null };
  dueDate: string | null; overdue: boolean; overdueDays: number; dispatchedAt: string | null; rectifiedAt: string | null;
  closedAt: string | null; closedOnTime: boolean | null; reworkCount: number; extensionCount: number; returnCount: number;
  rejectReason: RejectReason | null; mergedIntoId: number | null; recurrenceOfId: number | null;
  version: number; createdAt: string; updatedAt: string;
  timeline: TimelineEvent[];
  photos: ProblemPhoto[];
  extensions: ExtensionRow[];
  can: { actions: { action: ProblemAction; label: string }[]; requestExtension: boolean; decideExtension: boolean; plan: boolean };
}

export interface UploadedPhoto { id: number; width: number; height: number; takenAt: string | null; gpsLat: number | null; gpsLng: number | null }


/** Units that receive problems, for filtering lists by unit. */
export function useRoutableUnits(enabled = true) {
  return useQuery({
    queryKey: keys.units.routable(),
    queryFn: () => api.get<{ items: { id: number; name: string; kind: string; kindLabel: string; regionCode: string }[] }>('/units'),
    enabled,
    staleTime: 60_000,
    select: (r) => r.items.filter((u) => ROUTABLE_UNIT_KINDS.includes(u.kind as UnitKind)).map((u) => ({ value: u.id, label: `${u.name}（${u.kindLabel}）`, name: u.name })),
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

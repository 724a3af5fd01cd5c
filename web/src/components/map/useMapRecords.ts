// What the records know, for any desk map that has no tiles to draw: the
// places with coordinates, the imported boundaries and the communities' names
// (records.ts draws them). One set of queries, shared by the problem map,
// the location pickers and an inspection's track; cached for five minutes.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { flattenTree, useRegionTree } from '../../api/queries.ts';
import type { Place } from '../../api/types.ts';
import type { RecordBoundary, RecordPlace } from './records.ts';

export interface MapRecords {
  places: RecordPlace[];
  boundaries: RecordBoundary[];
  /** community code → name */
  names: Map<string, string>;
}

/** The records in the caller's scope (`enabled`: they may read regions); undefined until the places are in. */
export function useMapRecords(enabled: boolean): MapRecords | undefined {
  const places = useQuery({
    queryKey: keys.places.located(),
    queryFn: () => api.get<{ items: Place[] }>('/places').then((r) => r.items.filter((p) => p.lat != null && p.lng != null)),
    enabled,
    staleTime: 5 * 60_000,
  });
  const tree = useRegionTree(enabled);
  const bounds = useQuery({
    queryKey: keys.map.boundaries(),
    queryFn: () => api.get<{ items: RecordBoundary[] }>('/map/boundaries').then((r) => r.items),
    enabled,
    staleTime: 5 * 60_000,
  });
  return useMemo(
    () =>
      places.data ? { places: places.data, boundaries: bounds.data ?? [], names: new Map(flattenTree(tree.data).map((n) => [n.code, n.name])) } : undefined,
    [places.data, bounds.data, tree.data],
  );
}

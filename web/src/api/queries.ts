// Shared queries: who am I, the region tree, unit options. Pages add their own.
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Me, TreeNode, UnitList } from './types.ts';
import type { PlainCategory } from '../../../domain/api/categories.ts';
import { keys } from './keys.ts';

export const meKey = keys.me;

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: () => api.get<Me>('/me'), retry: false, staleTime: 60_000 });
}

export function useRegionTree(enabled = true) {
  return useQuery({
    queryKey: keys.regions.tree(),
    queryFn: () => api.get<{ items: TreeNode[] }>('/regions/tree').then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

export function useUnitOptions(enabled = true) {
  return useQuery({
    queryKey: keys.units.options(),
    queryFn: () => api.get<UnitList>('/units'),
    enabled,
    staleTime: 30_000,
    select: (r) => r.items.map((u) => ({ value: u.id, label: `${u.name}（${u.kindLabel}）`, regionCode: u.regionCode })),
  });
}

/** Every node of the tree, flattened, with its path of names. */
export function flattenTree(nodes: TreeNode[] | undefined, path: string[] = []): (TreeNode & { path: string[] })[] {
  if (!nodes) return [];
  return nodes.flatMap((n) => [{ ...n, path: [...path, n.name] }, ...flattenTree(n.children, [...path, n.name])]);
}

/** The reporter's category list (plain names), for pickers on every page. */
export function usePlainCategories() {
  return useQuery({
    queryKey: keys.categories.plain(),
    queryFn: () => api.get<{ items: PlainCategory[] }>('/categories/plain').then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

/** Unread notifications, for the bell in the header. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: keys.notifications.unread(),
    queryFn: () => api.get<{ count: number }>('/notifications/unread-count').then((r) => r.count),
    enabled,
    refetchInterval: 60_000,
    retry: false,
  });
}

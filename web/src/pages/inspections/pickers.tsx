// Search-as-you-type pickers for the filters: a person (GET /api/people) and a
// place (GET /api/places). Both keep the chosen option's label while the
// search text changes.
import { useMemo, useRef, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { flattenTree, useRegionTree } from '../../api/queries.ts';
import type { PeoplePage, PlaceList } from '../../api/types.ts';
import { PLACE_KIND_LABELS, POINT_TYPE_LABELS, type PointType, shortCommunityName } from '../../../../domain/regions.ts';
import { keys } from '../../api/keys.ts';

type Option = { value: number; label: string };
/** The options found, plus the chosen one when the current search no longer finds it (so it keeps its name). */
function withKnown(known: Map<number, string>, found: Option[], value: number | null): Option[] {
  for (const o of found) known.set(o.value, o.label);
  return value !== null && !found.some((o) => o.value === value) && known.has(value) ? [{ value, label: known.get(value)! }, ...found] : found;
}

export function PersonSelect({
  value,
  onChange,
  regionCode,
  role,
  style,
  placeholder = '检查人',
}: {
  value: number | null;
  onChange: (v: number | null) => void;
  regionCode?: string | null;
  role?: string;
  style?: React.CSSProperties;
  placeholder?: string;
}) {
  const [q, setQ] = useState('');
  const r = useQuery({
    queryKey: keys.people.pick(regionCode, role, q),
    queryFn: () => api.get<PeoplePage>('/people', { q: q || undefined, regionCode: regionCode || undefined, role, limit: 30 }),
    staleTime: 30_000,
  });
  const options = withKnown(
    useRef(new Map()).current,
    (r.data?.items ?? []).map((p) => ({ value: p.id, label: p.title ? `${p.name}（${p.title}）` : p.name })),
    value,
  );
  return (
    <Select
      aria-label={placeholder}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? undefined}
      placeholder={placeholder}
      style={style}
      onChange={(v) => onChange(v ?? null)}
      loading={r.isFetching}
      notFoundContent="没有匹配的人员"
      options={options}
    />
  );
}

export function PlaceSelect({
  value = null,
  onChange,
  regionCode,
  style,
  placeholder = '地点',
}: {
  /** Optional: inside a Form.Item, the form gives them. */
  value?: number | null;
  onChange?: (v: number | null) => void;
  regionCode?: string | null;
  style?: React.CSSProperties;
  placeholder?: string;
}) {
  const [q, setQ] = useState('');
  const r = useQuery({
    queryKey: keys.places.pick(regionCode, q),
    queryFn: () => api.get<PlaceList>('/places', { q: q || undefined, regionCode: regionCode || undefined, limit: 100 }),
    staleTime: 30_000,
  });
  // Two streets of one name in two communities are told apart by their community.
  const tree = useRegionTree();
  const communities = useMemo(
    () =>
      new Map(
        flattenTree(tree.data)
          .filter((n) => n.level === 'community')
          .map((n) => [n.code, shortCommunityName(n.name)]),
      ),
    [tree.data],
  );
  const options = withKnown(
    useRef(new Map()).current,
    (r.data?.items ?? []).slice(0, 100).map((p) => ({
      value: p.id,
      label: `${p.name}（${[communities.get(p.regionCode.slice(0, 12)), p.pointType ? POINT_TYPE_LABELS[p.pointType as PointType] : PLACE_KIND_LABELS[p.kind]].filter(Boolean).join(' · ')}）`,
    })),
    value,
  );
  return (
    <Select
      aria-label={placeholder}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? undefined}
      placeholder={placeholder}
      style={style}
      onChange={(v) => onChange?.(v ?? null)}
      loading={r.isFetching}
      notFoundContent="没有匹配的地点"
      popupMatchSelectWidth={false}
      options={options}
    />
  );
}

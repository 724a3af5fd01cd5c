// Region pickers over /api/regions/tree: a TreeSelect for one region (with
// levels allowed), and a multi-select of communities.
import { Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { REGION_LEVEL_LABELS, type RegionLevel } from '../../../domain/regions.ts';
import { flattenTree, useRegionTree } from '../api/queries.ts';
import type { TreeNode } from '../api/types.ts';

interface TSNode {
  value: string;
  title: string;
  disabled?: boolean;
  children?: TSNode[];
}

function toTS(nodes: TreeNode[], levels?: string[]): TSNode[] {
  return nodes.map((n) => ({
    value: n.code,
    title: n.name,
    disabled: levels ? !levels.includes(n.level) : false,
    children: n.children.length ? toTS(n.children, levels) : undefined,
  }));
}

export function RegionTreeSelect({
  value,
  onChange,
  levels,
  placeholder,
  allowClear = true,
  style,
  id,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  levels?: RegionLevel[];
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
}) {
  const tree = useRegionTree();
  const data = useMemo(() => toTS(tree.data ?? [], levels), [tree.data, levels]);
  // Counties and towns open, so communities are one click away.
  const expanded = useMemo(
    () =>
      flattenTree(tree.data)
        .filter((n) => n.level !== 'community')
        .map((n) => n.code),
    [tree.data],
  );
  const hint = levels ? `请选择${levels.map((l) => REGION_LEVEL_LABELS[l]).join('或')}` : '请选择区域';
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as string | undefined) ?? null)}
      treeData={data}
      loading={tree.isLoading}
      placeholder={placeholder ?? hint}
      allowClear={allowClear}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandedKeys={expanded}
      notFoundContent="没有可选的区域"
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
    />
  );
}

export function CommunityMultiSelect({ value, onChange, id }: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const tree = useRegionTree();
  const options = useMemo(
    () =>
      flattenTree(tree.data)
        .filter((n) => n.level === 'community')
        .map((n) => ({ value: n.code, label: n.name, title: n.path.slice(-2).join(' / ') })),
    [tree.data],
  );
  return (
    <Select
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={onChange}
      options={options}
      loading={tree.isLoading}
      placeholder="选择挂钩的社区（可多选）"
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent="没有可选的社区"
      style={{ width: '100%' }}
    />
  );
}

// Pick a problem category: 事件/部件 → 大类 → 小类 (only 小类 are selectable),
// showing the plain name people use ("未规范停车") with the standard name
// beside it. Searchable by either name or by code.
import { useMemo } from 'react';
import { Cascader } from 'antd';
import { usePlainCategories } from '../api/queries.ts';
import type { PlainCategory } from '../../../domain/api/categories.ts';

const KIND_LABELS: Record<string, string> = { event: '事件', component: '部件', chuangcheng: '创城专项' };

interface Opt {
  value: string | number;
  label: React.ReactNode;
  text: string;
  children?: Opt[];
}

function leafLabel(c: PlainCategory): React.ReactNode {
  return c.plainName !== c.name ? (
    <span>
      {c.plainName}
      <span style={{ color: '#999', fontSize: 12 }}>（{c.name}）</span>
    </span>
  ) : (
    c.name
  );
}

export function CategoryCascader({
  value,
  onChange,
  id,
  onPicked,
  placeholder = '请选择问题类别',
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  onPicked?: (c: PlainCategory | null) => void;
  id?: string;
  placeholder?: string;
}) {
  const q = usePlainCategories();
  const { options, paths, byId } = useMemo(() => {
    const kinds = new Map<string, Map<string, PlainCategory[]>>();
    for (const c of q.data ?? []) {
      const k = kinds.get(c.kind) ?? new Map<string, PlainCategory[]>();
      kinds.set(c.kind, k);
      const list = k.get(c.parentName) ?? [];
      list.push(c);
      k.set(c.parentName, list);
    }
    const paths = new Map<number, (string | number)[]>();
    const byId = new Map<number, PlainCategory>();
    const options: Opt[] = [...kinds.entries()]
      .sort(([a], [b]) => (a === 'event' ? -1 : b === 'event' ? 1 : a.localeCompare(b)))
      .map(([kind, parents]) => ({
        value: `k:${kind}`,
        label: KIND_LABELS[kind] ?? kind,
        text: KIND_LABELS[kind] ?? kind,
        children: [...parents.entries()].map(([parent, items]) => ({
          value: `p:${kind}:${parent}`,
          label: parent,
          text: parent,
          children: items.map((c) => {
            paths.set(c.id, [`k:${kind}`, `p:${kind}:${parent}`, c.id]);
            byId.set(c.id, c);
            return { value: c.id, label: leafLabel(c), text: `${c.plainName} ${c.name} ${c.code}` };
          }),
        })),
      }));
    return { options, paths, byId };
  }, [q.data]);

  return (
    <Cascader<Opt>
      id={id}
      options={options}
      value={value ? paths.get(value) : undefined}
      onChange={(path) => {
        const leaf = path?.[path.length - 1];
        const idv = typeof leaf === 'number' ? leaf : null;
        onChange?.(idv);
        onPicked?.(idv ? (byId.get(idv) ?? null) : null);
      }}
      displayRender={(_labels, selected) => {
        const c = value ? byId.get(value) : undefined;
        if (c) return c.plainName !== c.name ? `${c.plainName}（${c.name}）` : c.name;
        return (selected ?? []).map((s) => s.text).join(' / ');
      }}
      showSearch={{
        filter: (input, path) => path.some((o) => o.text.toLowerCase().includes(input.trim().toLowerCase())),
        render: (_input, path) => path.map((o) => o.text.split(' ')[0]).join(' / '),
      }}
      loading={q.isLoading}
      placeholder={placeholder}
      notFoundContent={q.isError ? '类别加载失败，请刷新重试' : '没有匹配的类别'}
      style={{ width: '100%' }}
      expandTrigger="click"
    />
  );
}

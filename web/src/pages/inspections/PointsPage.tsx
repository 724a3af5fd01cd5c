// 点位档案 (/inspections/points): the streets, compounds and evaluation points in
// one's scope, to open a point's page (latest grades, trend, open problems).
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Card, Input, Select, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { flattenTree, useRegionTree } from '../../api/queries.ts';
import type { Place, PlaceList } from '../../api/types.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { PLACE_KIND_LABELS, PLACE_KINDS, POINT_TYPE_LABELS, type PointType, shortCommunityName } from '../../../../domain/regions.ts';
import { keys } from '../../api/keys.ts';

export default function PointsPage() {
  const [sp, setSp] = useSearchParams();
  const regionCode = sp.get('regionCode') ?? undefined;
  const kind = sp.get('kind') ?? undefined;
  const text = sp.get('q') ?? undefined;
  const demo = sp.get('demo') === '1';
  const set = (k: string, v: string | null | undefined) => {
    const n = new URLSearchParams(sp);
    if (v) n.set(k, v);
    else n.delete(k);
    setSp(n, { replace: true });
  };
  const q = useQuery({ queryKey: keys.places.list(regionCode, kind, text), queryFn: () => api.get<PlaceList>('/places', { regionCode, kind, q: text }) });
  const tree = useRegionTree();
  const names = useMemo(() => new Map(flattenTree(tree.data).map((n) => [n.code, n.name])), [tree.data]);
  const rows = (q.data?.items ?? []).filter((p) => !demo || p.isDemoPoint);
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <RegionTreeSelect
          value={regionCode ?? null}
          onChange={(v) => set('regionCode', v)}
          levels={['town', 'community', 'grid']}
          placeholder="社区"
          style={{ width: 200 }}
        />
        <Select
          aria-label="类别"
          allowClear
          placeholder="类别"
          style={{ width: 110 }}
          value={kind}
          onChange={(v) => set('kind', v)}
          options={PLACE_KINDS.map((k) => ({ value: k, label: PLACE_KIND_LABELS[k] }))}
        />
        <Select
          aria-label="示范点"
          style={{ width: 120 }}
          value={demo ? '1' : ''}
          onChange={(v) => set('demo', v)}
          options={[
            { value: '', label: '全部地点' },
            { value: '1', label: '只看示范点' },
          ]}
        />
        <Input.Search aria-label="搜索名称" allowClear placeholder="搜索名称" defaultValue={text} onSearch={(v) => set('q', v.trim())} style={{ width: 200 }} />
      </Space>
      <Table<Place>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 30, showSizeChanger: false, showTotal: (t) => `共 ${t} 个` }}
        scroll={{ x: 900 }}
        locale={{ emptyText: text || kind || regionCode || demo ? '没有符合条件的地点' : '还没有街巷、小区或点位。请在“区划与点位”中为社区添加。' }}
        columns={[
          { title: '名称', dataIndex: 'name', render: (n: string, p) => <Link to={`/inspections/points/${p.id}`}>{n}</Link> },
          { title: '类别', dataIndex: 'kind', width: 90, render: (k: Place['kind']) => PLACE_KIND_LABELS[k] },
          { title: '点位类型', dataIndex: 'pointType', width: 160, render: (t: string | null) => (t ? (POINT_TYPE_LABELS[t as PointType] ?? t) : '—') },
          { title: '社区', dataIndex: 'regionCode', width: 180, render: (c: string) => shortCommunityName(names.get(c.slice(0, 12))) ?? c },
          { title: '地址', dataIndex: 'address', ellipsis: true, render: (a: string | null) => a ?? '—' },
          { title: '', dataIndex: 'isDemoPoint', width: 80, render: (d: boolean) => (d ? <Tag color="red">示范点</Tag> : null) },
        ]}
      />
    </Card>
  );
}

// 街巷 / 小区 / 点位 of a community or grid: list, add, edit, delete.
// Buttons follow the `can` objects the API returns with the list and items.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Space, Table, Tag, Tooltip } from 'antd';
import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Place, PlaceList, Region } from '../../api/types.ts';
import { PLACE_KIND_LABELS, POINT_TYPE_LABELS, type PlaceKind } from '../../../../domain/regions.ts';
import { useFeedback } from '../../components/useActions.ts';
import { PlaceFormModal } from './PlaceFormModal.tsx';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { EmptyState } from '../../components/EmptyState.tsx';

export function PlacesTab({ regionCode, kind, region, grids }: { regionCode: string; kind: PlaceKind; region: Region; grids: Region[] }) {
  const label = PLACE_KIND_LABELS[kind];
  const key = keys.places.ofRegion(regionCode, kind);
  const q = useQuery({ queryKey: key, queryFn: () => api.get<PlaceList>('/places', { regionCode, kind }) });
  const { confirm } = useFeedback();
  const [editing, setEditing] = useState<Place | 'new' | null>(null);
  // Every place of the area, shown as context on the map while editing.
  const all = useQuery({
    queryKey: keys.places.ofRegion(regionCode, 'all'),
    queryFn: () => api.get<PlaceList>('/places', { regionCode }),
    enabled: editing !== null,
  });
  const gridName = new Map(grids.map((g) => [g.code, g.name]));
  const where = region.level === 'grid' ? '该网格' : '该社区';

  const del = useSave({ run: (p: Place) => api.del(`/places/${p.id}`), ok: `${label}已删除`, invalidate: [keys.places.all] });
  const remove = (p: Place) => confirm(`删除${label}`, `确定删除${label}“${p.name}”吗？此操作会记入审计日志。`, () => del.save(p));

  const canCreate = !!q.data?.can.create;
  return (
    <div>
      {canCreate && (
        <div className="toolbar">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            新增{label}
          </Button>
        </div>
      )}
      <Table<Place>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <EmptyState text={canCreate ? `${where}还没有${label}，点击“新增${label}”添加` : `${where}还没有${label}`} /> }}
        columns={[
          {
            title: '名称',
            dataIndex: 'name',
            render: (v: string, p) => (
              <Space size={4} wrap>
                <Link className="wrap-anywhere" to={`/inspections/points/${p.id}`} title="点位档案：历次检查、得分率和未办结问题">
                  {v}
                </Link>
                {p.isDemoPoint && <Tag color="gold">示范点</Tag>}
                {p.lat != null && (
                  <Tooltip title={`北纬 ${p.lat}，东经 ${p.lng}`}>
                    <EnvironmentOutlined aria-label="已定位" style={{ color: '#c0392b' }} />
                  </Tooltip>
                )}
              </Space>
            ),
          },
          ...(kind === 'point'
            ? [{ title: '点位类型', dataIndex: 'pointType', render: (v: Place['pointType']) => (v ? <Tag>{POINT_TYPE_LABELS[v]}</Tag> : '—') }]
            : []),
          { title: '地址', dataIndex: 'address', responsive: ['md'], render: (v: string | null) => v || '—' },
          { title: '所属网格', dataIndex: 'regionCode', responsive: ['lg'], render: (v: string) => gridName.get(v) ?? (v.length === 15 ? v : '未划入网格') },
          {
            title: '操作',
            key: 'ops',
            width: 110,
            render: (_: unknown, p) => (
              <Space size={0}>
                {p.can.update && (
                  <Button type="link" size="small" onClick={() => setEditing(p)}>
                    编辑
                  </Button>
                )}
                {p.can.delete && (
                  <Button type="link" size="small" danger onClick={() => remove(p)}>
                    删除
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <PlaceFormModal
          kind={kind}
          region={region}
          grids={grids}
          place={editing === 'new' ? null : editing}
          others={(all.data?.items ?? [])
            .filter((p) => p.lat != null && p.lng != null && (editing === 'new' || p.id !== editing.id))
            .map((p) => ({ lat: p.lat!, lng: p.lng!, name: p.name }))}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
    </div>
  );
}

// The chosen region: its facts, then either its children (county, town) or,
// for a community or grid, tabs of grids, streets, compounds and points.
import { Breadcrumb, Card, Descriptions, List, Result, Spin, Tabs, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import { flattenTree, useRegionTree } from '../../api/queries.ts';
import type { RegionDetail } from '../../api/types.ts';
import { REGION_LEVEL_LABELS, type RegionLevel } from '../../../../domain/regions.ts';
import { GridsTab } from './GridsTab.tsx';
import { PlacesTab } from './PlacesTab.tsx';
import { keys } from '../../api/keys.ts';
import { EmptyState } from '../../components/EmptyState.tsx';

export function RegionDetailView({ code, onSelect }: { code: string; onSelect: (code: string) => void }) {
  const q = useQuery({ queryKey: keys.regions.detail(code), queryFn: () => api.get<RegionDetail>(`/regions/${code}`) });
  const tree = useRegionTree();

  if (q.isLoading)
    return (
      <Card>
        <Spin />
      </Card>
    );
  if (q.error)
    return (
      <Card>
        <Result status="warning" title={q.error instanceof ApiError ? q.error.message : '加载失败'} />
      </Card>
    );
  const { region, children, can } = q.data!;
  const level = region.level as RegionLevel;
  const parentCrumbs = flattenTree(tree.data).filter((n) => code.startsWith(n.code) && n.code !== code);
  const hasPlaces = level === 'community' || level === 'grid';

  return (
    <Card
      title={
        <div style={{ whiteSpace: 'normal' }}>
          <Breadcrumb items={[...parentCrumbs.map((n) => ({ title: <a onClick={() => onSelect(n.code)}>{n.name}</a> })), { title: region.name }]} />
        </div>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'name', label: '名称', children: region.name },
          { key: 'level', label: '级别', children: <Tag>{REGION_LEVEL_LABELS[level] ?? '区域'}</Tag> },
          { key: 'code', label: '区划代码', children: <span className="mono">{region.code}</span> },
          { key: 'src', label: '来源', children: region.source === 'manual' ? '本系统新增' : '国家统计用区划代码' },
        ]}
      />
      {hasPlaces ? (
        <Tabs
          destroyOnHidden
          items={[
            ...(level === 'community'
              ? [
                  {
                    key: 'grid',
                    label: '单元网格',
                    children: <GridsTab onSelect={onSelect} community={region} grids={children.filter((c) => c.level === 'grid')} canAdd={can.addGrid} />,
                  },
                ]
              : []),
            {
              key: 'street',
              label: '街巷',
              children: <PlacesTab regionCode={code} kind="street" region={region} grids={children.filter((c) => c.level === 'grid')} />,
            },
            {
              key: 'compound',
              label: '小区',
              children: <PlacesTab regionCode={code} kind="compound" region={region} grids={children.filter((c) => c.level === 'grid')} />,
            },
            {
              key: 'point',
              label: '点位',
              children: <PlacesTab regionCode={code} kind="point" region={region} grids={children.filter((c) => c.level === 'grid')} />,
            },
          ]}
        />
      ) : children.length ? (
        <List
          header={<b>下级区域（{children.length}）</b>}
          size="small"
          dataSource={children}
          renderItem={(c) => (
            <List.Item
              style={{ cursor: 'pointer' }}
              onClick={() => onSelect(c.code)}
              extra={<Tag>{REGION_LEVEL_LABELS[c.level as RegionLevel] ?? '区域'}</Tag>}
            >
              <List.Item.Meta title={<a>{c.name}</a>} description={<span className="mono">{c.code}</span>} />
            </List.Item>
          )}
        />
      ) : (
        <EmptyState text="该区域下没有您可查看的下级区域" />
      )}
    </Card>
  );
}

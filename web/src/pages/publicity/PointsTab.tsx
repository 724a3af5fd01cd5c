// 点位达标: each point type's current requirement (宣传设施要求, versioned; the
// admin publishes new versions through the API) and the points of a town or
// community short of theirs, line by line.
import { useState } from 'react';
import { Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useMe } from '../../api/queries.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { defaultRegion } from '../inspections/region.ts';
import type { PublicityRequirement, ShortPointList } from '../../../../domain/api/publicity.ts';
import { RequirementModal } from './RequirementModal.tsx';
import { useRequirements, useShortPoints } from './api.ts';

type ShortPoint = ShortPointList['items'][number];

export function PointsTab() {
  const me = useMe().data!;
  const [region, setRegion] = useState<string | null>(defaultRegion(me, 9));
  const reqs = useRequirements().data;
  const short = useShortPoints(region);
  const [editing, setEditing] = useState<PublicityRequirement | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card size="small" title="各类点位的宣传设施要求（现行版本）">
        <Descriptions column={1} size="small" bordered>
          {(reqs?.items ?? []).map((r) => (
            <Descriptions.Item key={r.pointType} label={`${r.pointTypeLabel}（第 ${r.version} 版）`}>
              {r.items.length ? r.items.map((i) => i.label).join('；') : '无要求'}
              {reqs?.canManage && (
                <Button size="small" type="link" onClick={() => setEditing(r)}>
                  修改要求
                </Button>
              )}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <div>
        <Space style={{ marginBottom: 12 }}>
          <RegionTreeSelect value={region} onChange={setRegion} levels={['town', 'community']} placeholder="选择乡镇或社区" style={{ width: 240 }} />
          {short.data?.truncated && <Typography.Text type="warning">只列出前 2000 个点位</Typography.Text>}
        </Space>
        <Table<ShortPoint>
          rowKey={(p) => p.place.id}
          size="middle"
          loading={short.isLoading}
          dataSource={short.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <EmptyState text={region ? '所选区域的点位都达到了宣传设施要求。' : '请先选择乡镇或社区。'} /> }}
          columns={[
            { title: '点位', render: (_, p) => p.place.name },
            { title: '类型', width: 150, render: (_, p) => p.place.pointTypeLabel },
            { title: '社区', width: 160, render: (_, p) => p.place.regionName ?? p.place.regionCode },
            {
              title: '差距',
              render: (_, p) =>
                p.lines
                  .filter((l) => l.short > 0)
                  .map((l) => (
                    <Tag key={l.label} color="red">
                      {l.label}：现有 {l.have}，差 {l.short}
                    </Tag>
                  )),
            },
            { title: '合计差', width: 80, align: 'right', render: (_, p) => p.short },
          ]}
        />
      </div>
      {editing && <RequirementModal req={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

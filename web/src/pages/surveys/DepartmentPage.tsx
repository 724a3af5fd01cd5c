// 部门摸排清单: the page a department's liaison sees: the needs listing their
// unit (open first), each with its state and their own answer; answer from
// the need's page; download the list.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { DepartmentNeeds } from '../../../../domain/api/surveys.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useDepartment } from './api.ts';
import { NEED_COLORS } from './SurveysPage.tsx';
import { shortCommunityName } from '../../../../domain/regions.ts';

export default function DepartmentPage() {
  const [unitId, setUnitId] = useState<number | undefined>();
  const q = useDepartment(unitId);
  const d = q.data;
  if (q.error) return <Alert type="warning" showIcon title="只有部门联络员可以查看本部门的摸排清单" />;
  return (
    <Card loading={q.isLoading}>
      <Typography.Paragraph type="secondary">
        乡镇摸排中需要{d?.unit.name ?? '本部门'}对接的事项。请逐条查看并答复（是否受理、计划何时实施）；首次答复后该需求即为“已对接”。
      </Typography.Paragraph>
      {d && d.units.length > 1 && (
        <Space style={{ marginBottom: 12 }}>
          <Select value={d.unit.id} onChange={setUnitId} options={d.units.map((u) => ({ value: u.id, label: u.name }))} style={{ width: 260 }} />
        </Space>
      )}
      <Table<DepartmentNeeds['items'][number]>
        rowKey="id"
        size="middle"
        dataSource={d?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <EmptyState text="目前没有需要本部门对接的摸排事项。" /> }}
        columns={[
          { title: '类别', width: 150, render: (_, n) => n.kind.name },
          {
            title: '需求描述',
            render: (_, n) => (
              <Link to={`/surveys/${n.id}`} title={n.description}>
                {n.description}
              </Link>
            ),
          },
          { title: '社区', width: 140, render: (_, n) => shortCommunityName(n.communityName) ?? '—' },
          { title: '数量', width: 70, align: 'right', dataIndex: 'quantity' },
          {
            title: '本部门答复',
            width: 240,
            ellipsis: true,
            render: (_, n) => (n.myAnswer ? <span title={n.myAnswer}>{n.myAnswer}</span> : <Tag color="red">待答复</Tag>),
          },
          { title: '状态', width: 90, render: (_, n) => <Tag color={NEED_COLORS[n.state]}>{n.stateLabel}</Tag> },
          {
            title: '',
            width: 80,
            render: (_, n) => (
              <Link to={`/surveys/${n.id}`}>
                <Button size="small">{n.myAnswer ? '查看' : '答复'}</Button>
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}

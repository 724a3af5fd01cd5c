// One fund project: budget, spent and remaining, its milestones and progress,
// the 摸排 needs it answers, photos, and its entries in the ledger.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Image, Progress, Space, Statistic, Table, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import type { FundEntry } from '../../../../domain/api/fund.ts';
import { NEED_STATE_LABELS, type NeedState } from '../../../../domain/surveys.ts';
import { useEntries, useProject, yuan } from './api.ts';
import { ProjectModal } from './ProjectModal.tsx';

export default function ProjectPage() {
  const id = Number(useParams().id);
  const q = useProject(id);
  const entries = useEntries({ projectId: String(id) });
  const [editing, setEditing] = useState(false);
  const p = q.data;
  if (!p) return <Card loading={q.isLoading}>{q.error && <Alert type="error" showIcon title="无法读取该项目" />}</Card>;
  return (
    <>
      <PageExtra>
        {p.can.edit && (
          <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
            修改
          </Button>
        )}
      </PageExtra>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="项目名称">{p.name}</Descriptions.Item>
          <Descriptions.Item label="类别">{p.kind}</Descriptions.Item>
          <Descriptions.Item label="实施单位">{p.unit.name}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag>{p.stateLabel}</Tag>
          </Descriptions.Item>
          {p.description && (
            <Descriptions.Item label="项目内容" span={2}>
              {p.description}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Space wrap size={32} style={{ marginTop: 12 }}>
          <Statistic title="预算（元）" value={yuan(p.budgetFen)} />
          <Statistic title="已支出（元）" value={yuan(p.spentFen)} />
          <Statistic title="剩余（元）" value={yuan(p.remainingFen)} valueStyle={p.remainingFen < 0 ? { color: '#c00' } : undefined} />
          <Statistic title="专项收入（元）" value={yuan(p.earmarkedFen)} />
          <div style={{ width: 180 }}>
            总体进度
            <Progress percent={p.progress} />
          </div>
        </Space>
        {p.photos.length > 0 && (
          <Image.PreviewGroup>
            <Space wrap style={{ marginTop: 12 }}>
              {p.photos.map((x) => (
                <Image key={x.id} width={160} height={120} style={{ objectFit: 'cover' }} src={x.thumbUrl} preview={{ src: x.url }} alt="项目照片" />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
      </Card>
      <Card size="small" title="项目节点" style={{ marginTop: 16 }}>
        <Table
          rowKey="id"
          size="small"
          dataSource={p.milestones}
          pagination={false}
          locale={{ emptyText: <EmptyState text="还没有设置节点。" /> }}
          columns={[
            { title: '节点', dataIndex: 'name' },
            { title: '计划完成', width: 120, render: (_, m) => m.dueDate ?? '—' },
            { title: '进度', width: 200, render: (_, m) => <Progress percent={m.progress} size="small" /> },
            { title: '完成日期', width: 120, render: (_, m) => m.doneOn ?? '—' },
          ]}
        />
      </Card>
      <Card size="small" title="对应的摸排需求" style={{ marginTop: 16 }}>
        {p.needs.length ? (
          p.needs.map((n) => (
            <p key={n.id}>
              <Link to={`/surveys/${n.id}`}>
                {n.kindName}：{n.description}
              </Link>{' '}
              <Tag>{NEED_STATE_LABELS[n.state as NeedState] ?? n.state}</Tag>
            </p>
          ))
        ) : (
          <EmptyState text="该项目没有关联摸排需求。" />
        )}
      </Card>
      <Card size="small" title="收支记录" style={{ marginTop: 16 }}>
        <Table<FundEntry>
          rowKey="id"
          size="small"
          dataSource={entries.items}
          loading={entries.isLoading}
          pagination={false}
          locale={{ emptyText: <EmptyState text="该项目还没有收支记录。" /> }}
          columns={[
            { title: '日期', dataIndex: 'onDate', width: 110 },
            { title: '收支', width: 80, render: (_, e) => e.directionLabel },
            {
              title: '摘要',
              dataIndex: 'note',
              ellipsis: true,
              render: (t: string, e) => (
                <Link to={`/fund/entries/${e.id}`} title={t}>
                  {t}
                </Link>
              ),
            },
            { title: '金额（元）', width: 140, align: 'right', render: (_, e) => e.amountYuan },
          ]}
        />
        <LoadMore list={entries} />
      </Card>
      {editing && <ProjectModal project={p} onClose={() => setEditing(false)} />}
    </>
  );
}

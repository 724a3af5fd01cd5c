// The rest of a problem list row, in a drawer opened from the row: what the
// table leaves out at 1440 px (code, category, tier, source, reporter,
// address, dates, rework, satisfaction) and a link to the problem's page.
import { Link } from 'react-router';
import { Button, Descriptions, Drawer, Space, Tag, Typography } from 'antd';
import type { ProblemState } from '../../../../domain/problems/vocab.ts';
import { fmtDateTime } from '../../components/format.ts';
import { fmtDay, OverdueTag, StateTag, TierTag } from './labels.tsx';
import type { ListItem } from './views-api.ts';

export function ProblemDrawer({ p, onClose }: { p: ListItem | null; onClose: () => void }) {
  return (
    <Drawer
      open={!!p}
      onClose={onClose}
      size={480}
      title={p ? <span className="mono">{p.code}</span> : null}
      extra={
        p && (
          <Link to={`/problems/${p.id}`}>
            <Button type="primary">打开问题详情</Button>
          </Link>
        )
      }
    >
      {p && (
        <Descriptions
          column={1}
          size="small"
          bordered
          labelStyle={{ width: 96 }}
          items={[
            {
              key: 'state',
              label: '状态',
              children: (
                <Space size={4} wrap>
                  <StateTag state={p.state as ProblemState} label={p.stateLabel} />
                  <OverdueTag overdue={p.overdue} days={p.overdueDays} />
                  {p.flagged && <Tag color="red">群众不满意</Tag>}
                </Space>
              ),
            },
            {
              key: 'category',
              label: '问题类别',
              children: (
                <Space size={4} wrap>
                  {p.categoryName ?? '未分类'}
                  <TierTag tier={p.tier} />
                </Space>
              ),
            },
            {
              key: 'description',
              label: '问题描述',
              children: (
                <span className="wrap-anywhere" style={{ whiteSpace: 'pre-wrap' }}>
                  {p.description}
                </span>
              ),
            },
            { key: 'where', label: '社区 / 点位', children: [p.regionName, p.placeName].filter(Boolean).join(' · ') || '—' },
            { key: 'address', label: '地址', children: p.address ?? '—' },
            { key: 'unit', label: '责任单位', children: p.unitName ?? <Typography.Text type="secondary">未派遣</Typography.Text> },
            { key: 'due', label: '整改期限', children: fmtDay(p.dueDate) },
            { key: 'source', label: '来源', children: p.sourceLabel },
            { key: 'reporter', label: '上报人', children: [p.reporterName, p.reporterPhone].filter(Boolean).join(' ') || '—' },
            { key: 'created', label: '上报时间', children: fmtDateTime(p.createdAt) },
            { key: 'updated', label: '最近更新', children: fmtDateTime(p.updatedAt) },
            ...(p.closedAt ? [{ key: 'closed', label: '结案时间', children: fmtDateTime(p.closedAt) }] : []),
            { key: 'rework', label: '返工', children: p.reworkCount ? `${p.reworkCount} 次` : '无' },
            ...(p.satisfaction ? [{ key: 'satisfaction', label: '群众评价', children: p.satisfaction }] : []),
          ]}
        />
      )}
    </Drawer>
  );
}

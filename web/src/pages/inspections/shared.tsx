// Display helpers of the inspection pages: grade and rate tags, the problem
// table the point page and the report share, the kind options.
import { Link } from 'react-router';
import { Table, Tag, Typography } from 'antd';
import { GRADE_LABELS, INSPECTION_KIND_LABELS, INSPECTION_KINDS, type Grade } from '../../../../domain/inspections/vocab.ts';
import type { ProblemState } from '../../../../domain/problems/vocab.ts';
import { StateTag } from '../problems/labels.tsx';
import { pct, type ProblemBrief } from './api.ts';

export const GRADE_COLORS: Record<Grade, string> = { A: 'green', B: 'gold', C: 'orange', 'C#': 'red' };
export const KIND_OPTIONS = INSPECTION_KINDS.map((k) => ({ value: k, label: INSPECTION_KIND_LABELS[k] }));

export function GradeTag({ grade }: { grade: Grade | null }) {
  if (!grade) return <Tag style={{ marginInlineEnd: 0 }}>不涉及</Tag>;
  return (
    <Tag color={GRADE_COLORS[grade]} title={GRADE_LABELS[grade]} style={{ marginInlineEnd: 0, minWidth: 32, textAlign: 'center' }}>
      {grade}
    </Tag>
  );
}

/** A score rate, red under 80% (below what a passing point usually needs), green from 90%. */
export function Rate({ rate, strong }: { rate: number | null | undefined; strong?: boolean }) {
  if (rate === null || rate === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const type = rate < 0.8 ? 'danger' : rate >= 0.9 ? 'success' : undefined;
  return (
    <Typography.Text type={type} strong={strong}>
      {pct(rate)}
    </Typography.Text>
  );
}

export function ProblemTable({ items, showPlace = true, empty }: { items: ProblemBrief[]; showPlace?: boolean; empty: string }) {
  return (
    <Table<ProblemBrief>
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20 } : false}
      locale={{ emptyText: empty }}
      scroll={{ x: 880 }}
      columns={[
        { title: '问题编号', dataIndex: 'code', width: 120, render: (c: string, p) => <Link to={`/problems/${p.id}`}>{c}</Link> },
        ...(showPlace ? [{ title: '点位', dataIndex: 'placeName', width: 160, render: (v: string | null) => v ?? '—' }] : []),
        { title: '类别', dataIndex: 'categoryName', width: 140, render: (v: string | null) => v ?? '—' },
        { title: '问题描述', dataIndex: 'description', ellipsis: true, render: (v?: string) => v ?? '—' },
        { title: '状态', dataIndex: 'stateLabel', width: 90, render: (l: string, p) => <StateTag state={p.state as ProblemState} label={l} /> },
        {
          title: '整改期限',
          dataIndex: 'dueDate',
          width: 110,
          render: (d: string | null, p) => (
            <span>
              {d ?? '—'}
              {p.overdue && (
                <Tag color="red" style={{ marginInlineStart: 4 }}>
                  超期
                </Tag>
              )}
            </span>
          ),
        },
      ]}
    />
  );
}

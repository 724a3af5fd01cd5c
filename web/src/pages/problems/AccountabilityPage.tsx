// 问责: items opened when thresholds are crossed (repeated rework, long
// overdue, too many overdue problems in a month), each naming the unit and
// its cause problems; the office records the decision and its date.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, DatePicker, Form, Input, Modal, Result, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import { fmtDateTime } from '../../components/format.ts';
import { PROBLEM_STATE_LABELS } from '../../../../domain/problems/vocab.ts';
import { fmtDay } from './labels.tsx';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { AccountabilityItem, AccountabilityPage as ItemPage } from '../../../../domain/api/accountability.ts';
import { DECISIONS } from '../../../../domain/accountability.ts';
import { EmptyState } from '../../components/EmptyState.tsx';

type Item = AccountabilityItem;

function DecideModal({ item, onClose, onSaved }: { item: Item; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ decision: string; note?: string; decisionDate: Dayjs }>();
  const { save, busy } = useSave({
    form,
    run: (v: { decision: string; note?: string; decisionDate: Dayjs }) =>
      api.post(`/accountability/${item.id}/decision`, {
        decision: v.decision,
        note: v.note?.trim() || null,
        decisionDate: v.decisionDate.format('YYYY-MM-DD'),
      }),
    ok: '问责决定已记录',
    invalidate: [keys.accountability.all],
    onOk: onSaved,
  });
  return (
    <Modal
      open
      title={`问责决定：${item.subject.name ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="记录决定"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ decisionDate: dayjs() }} onFinish={save}>
        <Form.Item name="decision" label="决定" rules={[{ required: true, message: '请选择问责决定' }]}>
          <Select options={DECISIONS.map((d) => ({ value: d, label: d }))} placeholder="请选择" />
        </Form.Item>
        <Form.Item name="decisionDate" label="决定日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="note" label="说明（选填）">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function AccountabilityPage() {
  const [params, setParams] = useSearchParams();
  const state = params.get('tab') === 'decided' ? 'decided' : 'open';
  const [decide, setDecide] = useState<Item | null>(null);
  const q = useQuery({ queryKey: keys.accountability.list(state), queryFn: () => api.get<ItemPage>('/accountability', { state, limit: 200 }) });
  if (q.error instanceof ApiError && q.error.status === 403) {
    return <Result status="403" title="没有权限" subTitle="问责事项由镇领导、镇创城办和县创城办查看。" />;
  }
  return (
    <div>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={state}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'open', label: '待决定' },
            { key: 'decided', label: '已决定' },
          ]}
        />
        <Table<Item>
          rowKey="id"
          size="middle"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{
            emptyText: (
              <EmptyState
                text={state === 'open' ? '没有待决定的问责事项。多次返工、严重超期或单位当月超期过多时，系统每天自动生成。' : '还没有已决定的问责事项'}
              />
            ),
          }}
          columns={[
            {
              title: '对象',
              key: 'subject',
              render: (_: unknown, a) => (
                <div>
                  <b>{a.subject.name ?? '—'}</b>
                  <div style={{ color: '#999', fontSize: 12 }}>{a.townName}</div>
                </div>
              ),
            },
            {
              title: '原因',
              key: 'cause',
              render: (_: unknown, a) => (
                <div>
                  <Tag color="magenta">{a.causeLabel}</Tag>
                  {a.period && <div style={{ fontSize: 12, color: '#666' }}>期间：{a.period}</div>}
                </div>
              ),
            },
            {
              title: '涉及问题',
              key: 'problems',
              render: (_: unknown, a) => (
                <Space size={[4, 4]} wrap>
                  {a.problems.map((p) => (
                    <Link key={p.id} to={`/problems/${p.id}`}>
                      <Tag style={{ cursor: 'pointer' }}>
                        <span className="mono">{p.code}</span> {PROBLEM_STATE_LABELS[p.state] ?? ''}
                      </Tag>
                    </Link>
                  ))}
                </Space>
              ),
            },
            { title: '生成时间', dataIndex: 'createdAt', responsive: ['lg'], render: (v: string) => fmtDateTime(v) },
            {
              title: state === 'open' ? '操作' : '决定',
              key: 'ops',
              render: (_: unknown, a) =>
                a.state === 'decided' ? (
                  <div>
                    <Tag color="blue">{a.decision}</Tag>
                    <div style={{ fontSize: 12, color: '#666' }}>
                      {fmtDay(a.decisionDate)} · {a.decidedByName ?? '—'}
                    </div>
                    {a.decisionNote && (
                      <div className="wrap-anywhere" style={{ fontSize: 12 }}>
                        {a.decisionNote}
                      </div>
                    )}
                  </div>
                ) : a.can.decide ? (
                  <Button size="small" type="primary" onClick={() => setDecide(a)}>
                    记录决定
                  </Button>
                ) : (
                  <Typography.Text type="secondary">待镇创城办决定</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      {decide && <DecideModal item={decide} onClose={() => setDecide(null)} onSaved={() => setDecide(null)} />}
    </div>
  );
}

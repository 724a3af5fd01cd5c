// 回头看: closed problems due for re-inspection; a verifier records 通过, or
// 复发 (which opens a new problem linked to the old one).
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Form, Input, Modal, Radio, Table, Tabs, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { fmtDateTime } from '../../components/format.ts';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { fmtDay } from './labels.tsx';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { Reinspection, ReinspectionPage } from '../../../../domain/api/reinspections.ts';
import { EmptyState } from '../../components/EmptyState.tsx';

type Item = Reinspection;

const TABS = [
  { key: 'due', label: '已到期', query: { due: 1 } },
  { key: 'scheduled', label: '全部待回头看', query: { state: 'scheduled' } },
  { key: 'passed', label: '通过', query: { state: 'passed' } },
  { key: 'recurred', label: '复发', query: { state: 'recurred' } },
] as const;
const STATE_COLORS = { scheduled: 'gold', passed: 'green', recurred: 'red' } as const;

function RecordModal({ item, onClose, onSaved }: { item: Item; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ result: 'pass' | 'recurred'; note?: string; photoIds: number[] }>();
  const [uploading, setUploading] = useState(false);
  const { save, busy } = useSave({
    form,
    run: (v: { result: 'pass' | 'recurred'; note?: string; photoIds: number[] }) =>
      api.post(`/reinspections/${item.id}/result`, { result: v.result, note: v.note?.trim() || null, photoIds: v.photoIds }),
    ok: (_, v) => (v.result === 'pass' ? '已记录：回头看通过' : '已记录复发，并生成新问题派回原责任单位'),
    // A recurrence opens a new problem.
    invalidate: (_, v) => (v.result === 'pass' ? [keys.reinspections.all] : [keys.reinspections.all, keys.problems.all]),
    onOk: onSaved,
  });
  const result = Form.useWatch('result', form);
  return (
    <Modal
      open
      title={`回头看：${item.problem.categoryName ?? ''} ${item.problem.code}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="记录结果"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: uploading, danger: result === 'recurred' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ result: 'pass', photoIds: [] }} onFinish={save}>
        <Form.Item name="result" label="结果">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'pass', label: '通过' },
              { value: 'recurred', label: '复发' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={result === 'recurred' ? '复发情况' : '说明（选填）'}
          rules={result === 'recurred' ? [{ required: true, whitespace: true, message: '请说明复发的情况' }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="photoIds" label="现场照片（选填）" style={{ marginBottom: 0 }}>
          <PhotoUploader id="reinspect-photos" label="现场照片" onBusyChange={setUploading} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ReinspectionsPage() {
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t.key === params.get('tab')) ?? TABS[0];
  const [record, setRecord] = useState<Item | null>(null);
  const q = useQuery({ queryKey: keys.reinspections.list(tab.key), queryFn: () => api.get<ReinspectionPage>('/reinspections', { ...tab.query, limit: 200 }) });
  return (
    <div>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs activeKey={tab.key} onChange={(k) => setParams({ tab: k }, { replace: true })} items={TABS.map((t) => ({ key: t.key, label: t.label }))} />
        <Table<Item>
          rowKey="id"
          size="middle"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={false}
          scroll={{ x: 640 }}
          locale={{ emptyText: <EmptyState text={tab.key === 'due' ? '没有到期的回头看。问题结案后，按类别设定的天数自动安排回头看。' : '没有记录'} /> }}
          columns={[
            {
              title: '问题',
              key: 'p',
              render: (_: unknown, r) => (
                <div>
                  <Link to={`/problems/${r.problem.id}`} className="mono">
                    {r.problem.code}
                  </Link>
                  <div>{r.problem.categoryName}</div>
                </div>
              ),
            },
            {
              title: '位置',
              key: 'where',
              render: (_: unknown, r) => [r.problem.regionName, r.problem.placeName, r.problem.address].filter(Boolean).join(' · ') || '—',
            },
            { title: '责任单位', key: 'unit', responsive: ['lg'], render: (_: unknown, r) => r.problem.unitName ?? '—' },
            { title: '回头看日期', dataIndex: 'dueDate', render: (v: string) => fmtDay(v) },
            {
              title: '结果',
              key: 'state',
              render: (_: unknown, r) => (
                <div>
                  <Tag color={STATE_COLORS[r.state]}>{r.stateLabel}</Tag>
                  {r.newProblem && <Link to={`/problems/${r.newProblem.id}`}>新问题 {r.newProblem.code}</Link>}
                  {r.doneAt && (
                    <div style={{ color: '#999', fontSize: 12 }}>
                      {r.doneByName} · {fmtDateTime(r.doneAt)}
                    </div>
                  )}
                  {r.note && (
                    <div className="wrap-anywhere" style={{ fontSize: 12 }}>
                      {r.note}
                    </div>
                  )}
                </div>
              ),
            },
            {
              title: '操作',
              key: 'ops',
              width: 90,
              render: (_: unknown, r) =>
                r.canRecord ? (
                  <Button size="small" type="primary" onClick={() => setRecord(r)}>
                    记录
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {record && <RecordModal item={record} onClose={() => setRecord(null)} onSaved={() => setRecord(null)} />}
    </div>
  );
}

// 整改方案 of a 集中整 problem (server/modules/plans): summary, measures, the
// responsible person, milestones (时间节点) that can be ticked off, and
// progress updates with a percentage. Office and the assignee edit.
import { useState } from 'react';
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, List, Modal, Progress, Row, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import { fmtDateTime } from '../../components/format.ts';
import type { Problem } from './api.ts';
import { fmtDay } from './labels.tsx';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';

import type { Milestone, Plan, PlanView } from '../../../../domain/api/plans.ts';
import { EmptyState } from '../../components/EmptyState.tsx';

interface PlanValues {
  summary: string;
  measures?: string;
  responsibleName?: string;
  milestones: { id?: number; title: string; dueDate: Dayjs; responsibleName?: string }[];
}

function PlanForm({ problem, plan, onClose, onSaved }: { problem: Problem; plan: Plan | null; onClose: () => void; onSaved: (v: PlanView) => void }) {
  const [form] = Form.useForm<PlanValues>();
  const { save, busy } = useSave({
    form,
    run: (v: PlanValues) =>
      api.put<PlanView>(`/problems/${problem.id}/plan`, {
        version: plan?.version ?? null,
        summary: v.summary,
        measures: v.measures || null,
        responsibleName: v.responsibleName || null,
        milestones: (v.milestones ?? []).map((m) => ({
          id: m.id,
          title: m.title,
          dueDate: m.dueDate.format('YYYY-MM-DD'),
          responsibleName: m.responsibleName || null,
        })),
      }),
    ok: '整改方案已保存',
    onOk: onSaved,
  });
  return (
    <Modal
      open
      title={plan ? '修改整改方案' : '制定整改方案'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      width={720}
      destroyOnHidden
    >
      <Form<PlanValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={save}
        initialValues={
          plan
            ? {
                summary: plan.summary,
                measures: plan.measures ?? undefined,
                responsibleName: plan.responsibleName ?? undefined,
                milestones: plan.milestones.map((m) => ({
                  id: m.id,
                  title: m.title,
                  dueDate: dayjs(m.dueDate),
                  responsibleName: m.responsibleName ?? undefined,
                })),
              }
            : { milestones: [{ title: '', dueDate: problem.dueDate ? dayjs(problem.dueDate) : dayjs().add(7, 'day') }] }
        }
      >
        <Form.Item
          name="summary"
          label="方案概要"
          rules={[
            { required: true, whitespace: true, message: '请填写整改方案概要' },
            { min: 2, message: '至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="measures" label="整改措施（选填）">
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="responsibleName" label="责任人（选填）">
          <Input maxLength={50} />
        </Form.Item>
        <Typography.Text strong>时间节点</Typography.Text>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Row key={f.key} gutter={8} align="top">
                  <Col xs={24} sm={10}>
                    <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: '请填写节点内容' }]}>
                      <Input placeholder="节点内容" maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={11} sm={6}>
                    <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true, message: '请选择日期' }]}>
                      <DatePicker style={{ width: '100%' }} inputReadOnly placeholder="完成日期" />
                    </Form.Item>
                  </Col>
                  <Col xs={10} sm={6}>
                    <Form.Item name={[f.name, 'responsibleName']}>
                      <Input placeholder="责任人" maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col xs={3} sm={2}>
                    <Button type="text" danger aria-label="删除节点" icon={<DeleteOutlined aria-hidden />} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" block icon={<PlusOutlined aria-hidden />} onClick={() => add({ title: '', dueDate: dayjs().add(7, 'day') })}>
                添加时间节点
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function ProgressForm({ problem, current, onClose, onSaved }: { problem: Problem; current: number; onClose: () => void; onSaved: (v: PlanView) => void }) {
  const [form] = Form.useForm<{ note: string; percent?: number }>();
  const { save, busy } = useSave({
    form,
    run: (v: { note: string; percent?: number }) => api.post<PlanView>(`/problems/${problem.id}/plan/progress`, { note: v.note, percent: v.percent ?? null }),
    ok: '进展已记录',
    onOk: onSaved,
  });
  return (
    <Modal open title="填报整改进展" onCancel={onClose} onOk={() => form.submit()} okText="提交" cancelText="取消" confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ percent: current }} onFinish={save}>
        <Form.Item
          name="note"
          label="进展情况"
          rules={[
            { required: true, whitespace: true, message: '请填写进展情况' },
            { min: 2, message: '至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="percent" label="完成比例（%）">
          <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PlanSection({ problem }: { problem: Problem }) {
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<'plan' | 'progress' | null>(null);
  const key = keys.problems.plan(problem.id);
  const q = useQuery({ queryKey: key, queryFn: () => api.get<PlanView>(`/problems/${problem.id}/plan`), retry: false });
  const saved = (v: PlanView) => {
    setDialog(null);
    qc.setQueryData(key, v);
    qc.invalidateQueries({ queryKey: keys.problems.detail(problem.id) });
  };
  const tick = useSave({
    run: ({ m, done }: { m: Milestone; done: boolean }) => api.post<PlanView>(`/problems/${problem.id}/plan/milestones/${m.id}`, { done }),
    onOk: saved,
  });
  const toggle = (m: Milestone, done: boolean) => tick.save({ m, done });

  const plan = q.data?.plan ?? null;
  const canEdit = !!q.data?.can.edit;
  const unavailable = q.isError && q.error instanceof ApiError && q.error.status === 404 && !q.error.message.includes('问题');
  return (
    <Card
      title="整改方案"
      size="small"
      style={{ marginBottom: 12 }}
      loading={q.isLoading}
      extra={
        canEdit && (
          <Space size={4}>
            {plan && (
              <Button size="small" onClick={() => setDialog('progress')}>
                填报进展
              </Button>
            )}
            <Button size="small" type={plan ? 'default' : 'primary'} onClick={() => setDialog('plan')}>
              {plan ? '修改方案' : '制定方案'}
            </Button>
          </Space>
        )
      }
    >
      {unavailable || q.isError ? (
        <Typography.Text type="secondary">整改方案暂时无法加载，请稍后刷新。</Typography.Text>
      ) : !plan ? (
        <EmptyState text={canEdit ? '集中整问题须制定整改方案：写明措施、时间节点和责任人。点击“制定方案”开始。' : '镇创城办或责任单位尚未制定整改方案。'} />
      ) : (
        <div>
          <Typography.Paragraph className="wrap-anywhere" style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
            {plan.summary}
          </Typography.Paragraph>
          {plan.measures && (
            <Typography.Paragraph type="secondary" className="wrap-anywhere" style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
              措施：{plan.measures}
            </Typography.Paragraph>
          )}
          {plan.responsibleName && <div style={{ marginBottom: 4 }}>责任人：{plan.responsibleName}</div>}
          <Progress percent={plan.percent} size="small" />
          <List
            size="small"
            header={<b>时间节点</b>}
            dataSource={plan.milestones}
            locale={{ emptyText: '没有时间节点' }}
            renderItem={(m) => (
              <List.Item>
                <Checkbox checked={!!m.doneAt} disabled={!canEdit} onChange={(e) => toggle(m, e.target.checked)}>
                  <span className="wrap-anywhere" style={{ textDecoration: m.doneAt ? 'line-through' : undefined }}>
                    {m.title}
                  </span>
                </Checkbox>
                <span style={{ color: '#888', fontSize: 12, whiteSpace: 'nowrap' }}>
                  {fmtDay(m.dueDate)}
                  {m.responsibleName ? ` · ${m.responsibleName}` : ''}
                </span>
              </List.Item>
            )}
          />
          {plan.progress.length > 0 && (
            <List
              size="small"
              header={<b>进展</b>}
              dataSource={plan.progress}
              renderItem={(x) => (
                <List.Item>
                  <div style={{ minWidth: 0 }}>
                    <div className="wrap-anywhere">
                      {x.note}
                      {x.percent != null ? `（${x.percent}%）` : ''}
                    </div>
                    <div style={{ color: '#888', fontSize: 12 }}>
                      {x.byName ?? '—'} · {fmtDateTime(x.at)}
                    </div>
                  </div>
                </List.Item>
              )}
            />
          )}
        </div>
      )}
      {dialog === 'plan' && <PlanForm problem={problem} plan={plan} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog === 'progress' && plan && <ProgressForm problem={problem} current={plan.percent} onClose={() => setDialog(null)} onSaved={saved} />}
    </Card>
  );
}

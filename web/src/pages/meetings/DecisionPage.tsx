// One decision: what, whose, by when, its progress notes; the owner or the
// meeting's managers add progress and finish it; managers change it, reopen it,
// or turn a decision about a place into a problem.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, Card, Checkbox, Descriptions, Form, Input, Modal, Space, Spin, Timeline } from 'antd';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { CategoryCascader } from '../../components/CategoryCascader.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { useDecision, type DecisionDetail } from './api.ts';
import { DecisionTag, MeetingsTabs } from './shared.tsx';
import { DecisionModal } from './DecisionModal.tsx';

export default function DecisionPage() {
  const id = Number(useParams().id);
  const q = useDecision(id);
  const nav = useNavigate();
  const [form] = Form.useForm<{ note: string; done?: boolean }>();
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState(false);
  const [pform] = Form.useForm<{ categoryId: number; description?: string }>();
  const d = q.data;
  const progress = useSave({
    form,
    run: (v: { note: string; done?: boolean; reopen?: boolean }) =>
      api.post<DecisionDetail>(`/meetings/decisions/${id}/progress`, { note: v.note, state: v.reopen ? 'open' : v.done ? 'done' : null }),
    ok: (_r, v) => (v.reopen ? '事项已重新打开' : v.done ? '事项已办结' : '进展已记录'),
    invalidate: [keys.meetings.all, keys.inbox.all],
    onOk: () => form.resetFields(),
  });
  const toProblem = useSave({
    form: pform,
    run: (v: { categoryId: number; description?: string }) => api.post<DecisionDetail>(`/meetings/decisions/${id}/problem`, v),
    ok: '已转为问题，按问题流程办理',
    invalidate: [keys.meetings.all, keys.problems.all],
    onOk: (r) => {
      setConverting(false);
      if (r?.problem) nav(`/problems/${r.problem.id}`);
    },
  });
  if (q.isLoading) return <Spin />;
  if (!d)
    return (
      <Card>
        事项不存在，或不在您的查看范围内。请回到<Link to="/meetings/decisions">决定事项</Link>。
      </Card>
    );
  return (
    <div>
      <MeetingsTabs />
      <PageExtra>
        <Space>
          {d.can.edit && <Button onClick={() => setEditing(true)}>修改事项</Button>}
          {d.can.toProblem && <Button onClick={() => setConverting(true)}>转为问题</Button>}
        </Space>
      </PageExtra>
      <Card title="事项情况" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="事项" span={2}>
            <span className="wrap-anywhere">{d.content}</span>
          </Descriptions.Item>
          <Descriptions.Item label="会议">
            <Link to={`/meetings/${d.meetingId}`}>
              {d.meetingDay} {d.meetingTitle}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={d.owner.kind === 'unit' ? '责任单位' : '责任人'}>{d.owner.name}</Descriptions.Item>
          <Descriptions.Item label="办理期限">
            {d.dueDate}（会后 {d.workingDays} 个工作日）
          </Descriptions.Item>
          <Descriptions.Item label="状态">
            <DecisionTag d={d} />
          </Descriptions.Item>
          {d.place && <Descriptions.Item label="涉及点位">{d.place.name}</Descriptions.Item>}
          {d.problem && (
            <Descriptions.Item label="已转为问题">
              <Link to={`/problems/${d.problem.id}`}>{d.problem.code}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={`办理进展（${d.progress.length}）`}>
        {d.progress.length ? (
          <Timeline
            items={d.progress.map((p) => ({
              children: (
                <div>
                  <div className="wrap-anywhere">{p.note}</div>
                  <div style={{ color: '#888', fontSize: 12 }}>
                    {p.byName ?? '—'} · {fmtDateTime(p.at)}
                  </div>
                </div>
              ),
            }))}
          />
        ) : (
          <p style={{ color: '#888' }}>还没有进展记录。责任单位或责任人可以在下方填写办理情况，办完后勾选“已办结”。</p>
        )}
        {d.can.progress && (
          <Form form={form} layout="vertical" onFinish={(v) => progress.save(v)} style={{ maxWidth: 640 }}>
            <Form.Item name="note" label="填写进展" rules={[{ required: true, min: 2, message: '请填写办理情况' }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Space>
              {d.state === 'open' && (
                <Form.Item name="done" valuePropName="checked" noStyle>
                  <Checkbox>已办结</Checkbox>
                </Form.Item>
              )}
              <Button type="primary" htmlType="submit" loading={progress.busy}>
                提交进展
              </Button>
              {d.state === 'done' && <Button onClick={() => form.validateFields().then((v) => progress.save({ ...v, reopen: true }))}>重新打开</Button>}
            </Space>
          </Form>
        )}
      </Card>
      {editing && <DecisionModal meeting={{ id: d.meetingId, regionCode: d.regionCode }} decision={d} onClose={() => setEditing(false)} />}
      <Modal
        open={converting}
        title="转为问题"
        onCancel={() => setConverting(false)}
        onOk={() => pform.submit()}
        confirmLoading={toProblem.busy}
        okText="转为问题"
        destroyOnHidden
      >
        <p>将按问题流程登记到“{d.place?.name}”，由镇创城办立案派遣并跟踪整改。</p>
        <Form form={pform} layout="vertical" onFinish={(v) => toProblem.save(v)}>
          <Form.Item name="categoryId" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
            <CategoryCascader />
          </Form.Item>
          <Form.Item name="description" label="问题描述（不填则用事项内容）">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

// One 摸排 need: where, what, how many, found by whom; its departments and
// their answers; its history; the office moves it (暂缓 with a reason), a
// department's liaison answers; the office links it to a problem or plan (LinkCard).
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Image, Input, Modal, Space, Tag, Timeline } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { NEED_MOVES, NEED_STATE_LABELS, type NeedMove, type NeedState } from '../../../../domain/surveys.ts';
import { useNeed } from './api.ts';
import { NeedModal } from './NeedModal.tsx';
import { LinkCard } from './LinkCard.tsx';
import { NEED_COLORS } from './SurveysPage.tsx';

export default function NeedPage() {
  const id = Number(useParams().id);
  const q = useNeed(id);
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState<NeedMove | null>(null);
  const [form] = Form.useForm<{ note?: string; reason?: string }>();
  const [answerForm] = Form.useForm<{ answer: string }>();
  const move = useSave({
    form,
    run: (v: { note?: string; reason?: string }) =>
      api.post(`/surveys/needs/${id}/move`, { version: q.data?.version, move: moving, note: v.note || null, reason: v.reason || null }),
    ok: '状态已更新',
    invalidate: [keys.surveys.all],
    onOk: () => setMoving(null),
  });
  const answer = useSave({
    form: answerForm,
    run: (v: { answer: string }) => api.post(`/surveys/needs/${id}/answer`, { answer: v.answer }),
    ok: '答复已提交',
    invalidate: [keys.surveys.all],
    onOk: () => answerForm.resetFields(),
  });
  const n = q.data;
  if (!n) return <Card loading={q.isLoading}>{q.error && <Alert type="error" showIcon title="无法读取该需求" />}</Card>;
  return (
    <>
      <PageExtra>
        <Space wrap>
          {n.can.moves.map((m) => (
            <Button
              key={m}
              type={m === 'defer' ? 'default' : 'primary'}
              danger={m === 'defer'}
              onClick={() => {
                form.resetFields();
                setMoving(m);
              }}
            >
              {NEED_MOVES[m].label}
            </Button>
          ))}
          {n.can.edit && (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
              修改
            </Button>
          )}
        </Space>
      </PageExtra>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="需求类别">{n.kind.name}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={NEED_COLORS[n.state]}>{n.stateLabel}</Tag>
            {n.deferReason && <span>暂缓原因：{n.deferReason}</span>}
          </Descriptions.Item>
          <Descriptions.Item label="需求描述" span={2}>
            {n.description}
          </Descriptions.Item>
          <Descriptions.Item label="社区">{n.communityName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="地点">{[n.place?.name, n.address].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
          <Descriptions.Item label="数量">
            {n.quantity}
            {n.size ? `（${n.size}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="发现">
            {n.foundBy}，{n.foundOn}
          </Descriptions.Item>
          {n.problem && (
            <Descriptions.Item label="已转为问题" span={2}>
              <Link to={`/problems/${n.problem.id}`}>{n.problem.code}</Link>
              {n.planId ? '（已有整改方案）' : ''}
            </Descriptions.Item>
          )}
        </Descriptions>
        {n.photos.length > 0 && (
          <Image.PreviewGroup>
            <Space wrap style={{ marginTop: 12 }}>
              {n.photos.map((p) => (
                <Image key={p.id} width={160} height={120} style={{ objectFit: 'cover' }} src={p.thumbUrl} preview={{ src: p.url }} alt="现场照片" />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
      </Card>
      <Card size="small" title="对接部门与答复" style={{ marginTop: 16 }}>
        {n.units.map((u) => (
          <p key={u.id}>
            <b>{u.name}</b>：{u.answer ? `${u.answer}（${u.answeredByName ?? ''}，${fmtDateTime(u.answeredAt)}）` : '尚未答复'}
          </p>
        ))}
        {n.can.answer && (
          <Form form={answerForm} layout="inline" onFinish={answer.save}>
            <Form.Item name="answer" rules={[{ required: true, min: 2, message: '请填写答复（至少 2 个字）' }]} style={{ flex: 1 }}>
              <Input.TextArea rows={2} maxLength={1000} placeholder="本部门的答复：是否受理、计划何时实施、需要社区配合的事项" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={answer.busy}>
              提交答复
            </Button>
          </Form>
        )}
      </Card>
      {n.can.link && <LinkCard need={n} />}
      <Card size="small" title="办理经过" style={{ marginTop: 16 }}>
        <Timeline
          items={n.events.map((e) => ({
            content: (
              <>
                {fmtDateTime(e.at)} {e.actorName ?? ''}
                {e.toState
                  ? ` ${e.fromState ? `${NEED_STATE_LABELS[e.fromState as NeedState]} → ` : '登记为'}${NEED_STATE_LABELS[e.toState as NeedState]}`
                  : ''}
                {e.note ? `：${e.note}` : ''}
              </>
            ),
          }))}
        />
      </Card>
      {editing && <NeedModal need={n} onClose={() => setEditing(false)} />}
      {moving && (
        <Modal open title={NEED_MOVES[moving].label} onCancel={() => setMoving(null)} onOk={() => form.submit()} confirmLoading={move.busy} okText="确定">
          <Form form={form} layout="vertical" onFinish={move.save}>
            {moving === 'defer' ? (
              <Form.Item name="reason" label="暂缓原因" rules={[{ required: true, min: 2, message: '请填写暂缓原因' }]}>
                <Input.TextArea rows={3} maxLength={500} />
              </Form.Item>
            ) : (
              <Form.Item name="note" label="说明（选填）">
                <Input.TextArea rows={3} maxLength={500} />
              </Form.Item>
            )}
          </Form>
        </Modal>
      )}
    </>
  );
}

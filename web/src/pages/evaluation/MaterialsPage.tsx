// 申报材料: the cycle's 材料审核 standards by responsible unit (a liaison: their
// unit's), each with its materials; a unit submits a file, a photo or a
// statistic of the figure registry; the office accepts or returns each once.
// Above: completeness overall and what each department still owes.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Card, DatePicker, Form, Input, List, Modal, Progress, Radio, Select, Space, Table, Tag, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, request } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useFeedback } from '../../components/useActions.ts';
import { FIGURES } from '../../../../domain/figures.ts';
import { EVIDENCE_TYPE_LABELS, MATERIAL_KIND_LABELS, MATERIAL_STATE_LABELS, type MaterialKind } from '../../../../domain/evaluation.ts';
import { TownPicker, useTown } from './EvaluationPage.tsx';
import { useAssignments, useCompleteness, useCycles, type EvaluationAssignment, type EvaluationMaterial } from './api.ts';

const STATE_COLOURS = { submitted: 'blue', accepted: 'green', returned: 'red' } as const;
const pct = (r: number) => Math.round(r * 1000) / 10;

export default function MaterialsPage() {
  const t = useTown();
  const [params] = useSearchParams();
  const cycles = useCycles(t.town);
  const cycle = cycles.data?.items[0] ?? null;
  const done = useCompleteness(cycle?.id ?? null);
  const list = useAssignments(cycle?.id ?? null);
  const focus = Number(params.get('assignment')) || null;
  const focusMaterial = Number(params.get('material')) || null;
  const [submitting, setSubmitting] = useState<EvaluationAssignment | null>(null);
  const [reviewing, setReviewing] = useState<EvaluationMaterial | null>(null);
  const rows = focus
    ? list.items.filter((a) => a.id === focus)
    : focusMaterial
      ? list.items.filter((a) => a.materials.some((m) => m.id === focusMaterial))
      : list.items;
  return (
    <div>
      <div className="toolbar" style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 12 }}>
        <TownPicker {...t} />
        {cycle && (
          <span style={{ color: '#666' }}>
            {cycle.year} 年度 · 假定测评月 {cycle.testMonth} · 只计 {cycle.window.from} 至 {cycle.window.to} 的材料 · 报送截止 {cycle.deadline}
          </span>
        )}
        {(focus || focusMaterial) && <a href={`/evaluation/materials${t.town ? `?town=${t.town}` : ''}`}>查看全部</a>}
      </div>
      {!cycle && !cycles.isLoading && <EmptyState text="本镇还没有设置测评周期：创城办在“测评体系”页设置后，这里列出各部门的报送任务。" />}
      {done.data && (
        <Card size="small" title="材料完整度" style={{ marginBottom: 12 }}>
          <Space size="large" wrap>
            <Progress type="circle" size={72} percent={pct(done.data.overall.rate)} />
            <span>
              已采纳 {done.data.counts.accepted} 份，待审核 {done.data.counts.submitted} 份，已退回 {done.data.counts.returned} 份，缺{' '}
              {done.data.counts.missing} 项
            </span>
          </Space>
          <Table
            rowKey="unitId"
            size="small"
            style={{ marginTop: 12 }}
            pagination={false}
            dataSource={done.data.departments}
            columns={[
              { title: '责任单位', dataIndex: 'unitName', width: 220 },
              { title: '完整度', dataIndex: 'rate', width: 160, render: (r: number) => <Progress percent={pct(r)} size="small" /> },
              {
                title: '尚缺',
                key: 'missing',
                render: (_: unknown, d) =>
                  d.missing.length
                    ? d.missing.map((m) => (
                        <Tag key={m.nodeId} color={m.overdue ? 'red' : undefined} title={m.name}>
                          {m.code} 缺{m.kinds.map((k) => MATERIAL_KIND_LABELS[k as MaterialKind] ?? '任一材料').join('、')}
                        </Tag>
                      ))
                    : '已齐',
              },
            ]}
          />
        </Card>
      )}
      {cycle && (
        <List
          loading={list.isLoading}
          dataSource={rows}
          locale={{ emptyText: <EmptyState compact text="没有需要报送的材料审核标准。" /> }}
          renderItem={(a) => (
            <Card
              key={a.id}
              size="small"
              style={{ marginBottom: 8 }}
              title={
                <span title={a.name}>
                  {a.code} {a.name.length > 40 ? `${a.name.slice(0, 40)}…` : a.name}
                </span>
              }
              extra={
                <Space>
                  <span>{a.unitName}</span>
                  {a.overdue && <Tag color="red">已超期</Tag>}
                  {a.can.submit && (
                    <Button size="small" type="primary" onClick={() => setSubmitting(a)}>
                      报送材料
                    </Button>
                  )}
                </Space>
              }
            >
              <div style={{ color: '#666', marginBottom: 4 }}>
                {a.path} · {a.points ?? 0} 分 · 需要：{a.kinds.map((k) => MATERIAL_KIND_LABELS[k]).join('、')} · 截止 {a.deadline} · 已采纳{' '}
                {a.standard.accepted}/{a.standard.required}
              </div>
              {a.materials.map((m) => (
                <div key={m.id} style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '2px 0' }}>
                  <Tag color={STATE_COLOURS[m.state]}>{MATERIAL_STATE_LABELS[m.state]}</Tag>
                  <span>【{MATERIAL_KIND_LABELS[m.kind]}】</span>
                  {m.file ? (
                    <a href={m.file.kind === 'photo' ? `/api/photos/${m.file.id}` : `/api/files/${m.file.id}`} target="_blank" rel="noreferrer">
                      {m.title}
                    </a>
                  ) : m.evidence?.link ? (
                    <a href={m.evidence.link}>{m.title}</a>
                  ) : (
                    <span>{m.title}</span>
                  )}
                  {m.evidence && <span style={{ color: '#888' }}>（{EVIDENCE_TYPE_LABELS[m.evidence.type]}）</span>}
                  <span style={{ color: '#888' }}>
                    {m.dated} · {m.unitName} {m.createdByName ?? ''}
                  </span>
                  {m.reviewComment && <span style={{ color: '#c33' }}>审核意见：{m.reviewComment}</span>}
                  {m.state === 'submitted' && a.can.review && (
                    <Button size="small" onClick={() => setReviewing(m)}>
                      审核
                    </Button>
                  )}
                </div>
              ))}
            </Card>
          )}
        />
      )}
      {list.hasNextPage && !focus && (
        <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          加载更多
        </Button>
      )}
      {submitting && <SubmitModal a={submitting} onClose={() => setSubmitting(null)} />}
      {reviewing && <ReviewModal m={reviewing} onClose={() => setReviewing(null)} />}
    </div>
  );
}

interface SubmitForm {
  kind: MaterialKind;
  title: string;
  dated?: Dayjs;
  source: 'file' | 'figure';
  figure?: string;
}

function SubmitModal({ a, onClose }: { a: EvaluationAssignment; onClose: () => void }) {
  const [form] = Form.useForm<SubmitForm>();
  const [upload, setUpload] = useState<{ kind: 'file' | 'photo'; id: number; name: string } | null>(null);
  const { fail } = useFeedback();
  const source = Form.useWatch('source', form);
  const { save, busy } = useSave({
    form,
    run: (v: SubmitForm) =>
      api.post(`/evaluation/assignments/${a.id}/materials`, {
        kind: v.kind,
        title: v.title,
        dated: v.dated?.format('YYYY-MM-DD'),
        fileId: v.source === 'file' && upload?.kind === 'file' ? upload.id : undefined,
        photoId: v.source === 'file' && upload?.kind === 'photo' ? upload.id : undefined,
        evidence: v.source === 'figure' ? { type: 'figure', ref: v.figure } : undefined,
      }),
    ok: '材料已报送，等待创城办审核',
    invalidate: [keys.evaluation.all, keys.inbox.all],
    onOk: onClose,
  });
  return (
    <Modal open title={`报送材料：${a.code}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText="报送" destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ kind: a.kinds[0], source: 'file', dated: dayjs() }}>
        <Form.Item name="kind" label="材料类型" rules={[{ required: true, message: '请选择材料类型' }]}>
          <Radio.Group options={a.kinds.map((k) => ({ value: k, label: MATERIAL_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="title" label="材料名称" rules={[{ required: true, min: 2, message: '请填写材料名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="dated" label="材料日期（成文或拍摄日期）" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="source" label="材料来源">
          <Radio.Group
            options={[
              { value: 'file', label: '上传文件或照片' },
              { value: 'figure', label: '引用本系统的统计数字' },
            ]}
          />
        </Form.Item>
        {source === 'figure' ? (
          <Form.Item name="figure" label="统计数字" rules={[{ required: true, message: '请选择数字' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={FIGURES.map((f) => ({ value: f.id, label: f.name }))} />
          </Form.Item>
        ) : (
          <Form.Item label="文件" extra="PDF、Word（.docx）、Excel（.xlsx）或照片；可执行程序、压缩包、启用宏的文件及内容与扩展名不符的文件会被拒收">
            <Upload
              accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                const f = file as File;
                const photo = /\.(jpe?g|png)$/i.test(f.name);
                const fd = new FormData();
                fd.append('file', f);
                request<{ id: number }>('POST', photo ? '/photos' : '/files', fd)
                  .then((d) => {
                    setUpload({ kind: photo ? 'photo' : 'file', id: d.id, name: f.name });
                    onSuccess?.(d);
                  })
                  .catch((e) => {
                    fail(e);
                    onError?.(e);
                  });
              }}
            >
              <Button icon={<UploadOutlined aria-hidden />}>{upload ? `已上传：${upload.name}（重新选择）` : '选择文件'}</Button>
            </Upload>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ReviewModal({ m, onClose }: { m: EvaluationMaterial; onClose: () => void }) {
  const [form] = Form.useForm<{ decision: 'accept' | 'return'; comment?: string }>();
  const decision = Form.useWatch('decision', form);
  const { save, busy } = useSave({
    form,
    run: (v: { decision: 'accept' | 'return'; comment?: string }) =>
      api.post(`/evaluation/materials/${m.id}/review`, { decision: v.decision, comment: v.comment || null, version: m.version }),
    ok: (_r, v) => (v.decision === 'accept' ? '已采纳' : '已退回，责任单位会在待办中看到'),
    invalidate: [keys.evaluation.all, keys.inbox.all],
    onOk: onClose,
  });
  return (
    <Modal open title={`审核：${m.title}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText="确定" destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ decision: 'accept' }}>
        <Form.Item name="decision" label="审核结果">
          <Radio.Group
            options={[
              { value: 'accept', label: '采纳' },
              { value: 'return', label: '退回' },
            ]}
          />
        </Form.Item>
        <Form.Item name="comment" label="审核意见" rules={decision === 'return' ? [{ required: true, message: '退回须写明原因' }] : []}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// Compose a notice: filter the period's problems, pick, reorder, title and dates.
// The same page edits a draft (/notices/:id/edit), e.g. one a leader sent back.
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Table } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage } from '../../api/client.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { SOURCE_LABELS } from '../../../../domain/problems/vocab.ts';
import { useCandidates, useNotice, type Candidate, type Notice } from './api.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';

/** A picked row: a candidate, or a draft's item (which names no source or report time). */
type Picked = Omit<Candidate, 'source' | 'created_at'> & Partial<Pick<Candidate, 'source' | 'created_at'>>;

/** A notice's item as a row of the picked list. */
function asCandidate(n: Notice): Picked[] {
  return n.items.map((i) => ({
    id: i.problemId,
    code: i.code,
    state: i.state,
    region_code: i.regionCode,
    community_name: i.communityName,
    place_name: i.placeName,
    address: i.address,
    description: i.description,
    category_name: i.categoryName,
    due_date: i.dueDate,
  }));
}

export default function ComposeNoticePage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const editId = Number(useParams().id) || 0;
  const editing = useNotice(editId, editId > 0);
  const draft = editing.data;
  const [form] = Form.useForm();
  const [filter, setFilter] = useState<{ from?: string; to?: string; source?: string; regionCode?: string }>({
    from: dayjs().subtract(30, 'day').format('YYYY-MM-DD'),
  });
  const [picked, setPicked] = useState<Picked[]>([]);
  const cands = useCandidates(filter);
  useEffect(() => {
    if (!draft) return;
    form.setFieldsValue({
      kind: draft.kind,
      title: draft.title,
      issuer: draft.issuer,
      intro: draft.intro ?? undefined,
      issueDate: dayjs(draft.issueDate),
      dueDate: draft.dueDate ? dayjs(draft.dueDate) : undefined,
    });
    setPicked(asCandidate(draft));
  }, [draft, form]);
  const move = (i: number, d: number) =>
    setPicked((p) => {
      const n = [...p];
      const [x] = n.splice(i, 1);
      n.splice(i + d, 0, x);
      return n;
    });
  const { save, busy: saving } = useSave({
    form,
    run: (v: { kind: string; title: string; issuer?: string; issueDate: Dayjs; dueDate?: Dayjs; intro?: string }) => {
      const body = {
        kind: v.kind,
        title: v.title,
        issuer: v.issuer || null,
        intro: v.intro || null,
        issueDate: v.issueDate.format('YYYY-MM-DD'),
        dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
        problemIds: picked.map((p) => p.id),
      };
      return draft ? api.put<Notice>(`/notices/${draft.id}`, { ...body, version: draft.version }) : api.post<Notice>('/notices', body);
    },
    ok: () => (draft ? '草稿已保存，可重新送审' : null),
    invalidate: () => (draft ? [keys.notices.detail(draft.id)] : []),
    onOk: (n) => navigate(`/notices/${n.id}`),
  });
  const cols = [
    { title: '编号', dataIndex: 'code', width: 120, className: 'mono' },
    { title: '社区', dataIndex: 'community_name', width: 140 },
    { title: '点位', key: 'place', render: (_: unknown, c: Picked) => c.place_name ?? c.address ?? '' },
    { title: '问题描述', dataIndex: 'description' },
    { title: '类别', dataIndex: 'category_name', width: 140 },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={draft ? `修改通报草稿：${draft.title}` : '新建通报'} loading={editId > 0 && editing.isLoading}>
        {editId > 0 && editing.error && <Alert type="error" showIcon message={errorMessage(editing.error)} style={{ marginBottom: 12 }} />}
        {draft?.rejectNote && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`领导退回修改：${draft.rejectNote}`} />}
        {draft && draft.state !== 'draft' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="只有草稿可以修改：这期通报已送审或已印发。" />}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => (picked.length ? save(v) : message.error('请至少选择一个问题'))}
          initialValues={{ kind: 'supervision', issueDate: dayjs() }}
        >
          <Space wrap align="start">
            <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
              <Select
                style={{ width: 160 }}
                options={[
                  { value: 'supervision', label: '督查通报' },
                  { value: 'unannounced_visit', label: '暗访情况通报' },
                ]}
              />
            </Form.Item>
            <Form.Item name="title" label="标题" rules={[{ required: true, min: 4, message: '请填写标题' }]}>
              <Input style={{ width: 420 }} placeholder="关于……督查情况的通报" />
            </Form.Item>
            <Form.Item name="issuer" label="发文机关（默认本单位）">
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="issueDate" label="发文日期" rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="dueDate" label="整改期限">
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="intro" label="导语（可选）">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} disabled={!!draft && draft.state !== 'draft'}>
            保存草稿（{picked.length} 个问题）
          </Button>
        </Form>
      </Card>
      <Card title={`已选问题（${picked.length}）`} size="small">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={picked}
          columns={[
            { title: '序号', key: 'i', width: 60, render: (_: unknown, __: Picked, i: number) => i + 1 },
            ...cols,
            {
              title: '',
              key: 'ops',
              width: 120,
              render: (_: unknown, __: Picked, i: number) => (
                <Space>
                  <Button size="small" aria-label="上移" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} />
                  <Button size="small" aria-label="下移" icon={<ArrowDownOutlined />} disabled={i === picked.length - 1} onClick={() => move(i, 1)} />
                  <Button size="small" aria-label="移除" icon={<DeleteOutlined />} onClick={() => setPicked((p) => p.filter((_, k) => k !== i))} />
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title="选择问题" size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker
            value={[filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]}
            onChange={(r) => setFilter((f) => ({ ...f, from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') }))}
          />
          <Select
            allowClear
            placeholder="来源"
            style={{ width: 160 }}
            value={filter.source}
            onChange={(v) => setFilter((f) => ({ ...f, source: v }))}
            options={Object.entries(SOURCE_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <RegionTreeSelect
            placeholder="社区"
            style={{ width: 220 }}
            value={filter.regionCode ?? null}
            onChange={(v) => setFilter((f) => ({ ...f, regionCode: v ?? undefined }))}
          />
        </Space>
        <Table
          rowKey="id"
          size="small"
          loading={cands.isLoading}
          dataSource={cands.data?.items ?? []}
          columns={cols}
          rowSelection={{
            selectedRowKeys: picked.map((p) => p.id),
            onSelect: (c, sel) => setPicked((p) => (sel ? [...p, c] : p.filter((x) => x.id !== c.id))),
            onSelectAll: (sel, _rows, changed) =>
              setPicked((p) => (sel ? [...p, ...changed.filter((c) => !p.some((x) => x.id === c.id))] : p.filter((x) => !changed.some((c) => c.id === x.id)))),
          }}
        />
      </Card>
    </Space>
  );
}

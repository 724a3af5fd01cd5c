// 服务记录: a team's (or person's, or activity's) service by month and status,
// the period's totals, the organiser's moves (确认, 不予确认, 更正), recording
// an activity's service, and the national upload (.xlsx with ID numbers).
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { useSave } from '../../api/save.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { SERVICE_STATUS_LABELS, SERVICE_STATUSES } from '../../../../domain/volunteers.ts';
import type { ServiceItem } from '../../../../domain/api/volunteers.ts';
import type { ActivityList } from '../../../../domain/api/activities.ts';
import { apiFilter, useService, useTeams, useTotals, useVolunteers } from './api.ts';
import { useUrlFilter } from '../../components/useUrlFilter.ts';

const ImportServiceModal = lazy(() => import('./ImportServiceModal.tsx'));

const STATUS_COLORS: Record<string, string> = { confirmed: 'green', pending: 'orange', rejected: 'default' };
const KEYS = ['teamId', 'personId', 'activityId', 'region', 'month', 'from', 'to', 'status'] as const;

export function ServiceTab() {
  const [f, set] = useUrlFilter<Partial<Record<(typeof KEYS)[number], string>>>(KEYS);
  const list = useService(f);
  const totals = useTotals(f).data;
  const teams = useTeams().data?.items ?? [];
  const can = useMe().data?.can;
  const [recording, setRecording] = useState(false);
  const [importing, setImporting] = useState(false);
  const qc = useQueryClient();
  const [moving, setMoving] = useState<{ item: ServiceItem; kind: 'reject' | 'correct' } | null>(null);
  const { status: _s, ...exportFilter } = apiFilter(f);
  const confirm = useSave({
    run: (id: number) => api.post(`/volunteers/service/${id}/confirm`),
    ok: '已确认',
    invalidate: [keys.volunteers.all],
  });
  return (
    <>
      <PageExtra>
        <Space wrap>
          {can?.['volunteer.manage'] && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setRecording(true)}>
              登记服务时长
            </Button>
          )}
          {can?.['volunteer.manage'] && (
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
              导入服务记录
            </Button>
          )}
          <Button icon={<DownloadOutlined aria-hidden />} href={withQuery('/api/volunteers/service/export.xlsx', apiFilter(f))} download>
            导出 Excel
          </Button>
          {can?.['volunteer.export_id'] && (
            <Button icon={<DownloadOutlined aria-hidden />} href={withQuery('/api/volunteers/service/national.xlsx', exportFilter)} download>
              导出全国志愿服务信息系统导入表
            </Button>
          )}
        </Space>
      </PageExtra>
      {importing && (
        <Suspense fallback={null}>
          <ImportServiceModal onClose={() => setImporting(false)} onImported={() => void qc.invalidateQueries({ queryKey: keys.volunteers.all })} />
        </Suspense>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="志愿服务队（全部）"
          style={{ width: 260 }}
          value={f.teamId ? Number(f.teamId) : undefined}
          onChange={(v) => set({ teamId: v ? String(v) : undefined })}
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
        />
        <DatePicker
          picker="month"
          placeholder="月份（全部）"
          inputReadOnly
          value={f.month ? dayjs(`${f.month}-01`) : null}
          onChange={(d) => set({ month: d ? d.format('YYYY-MM') : undefined, from: undefined, to: undefined })}
        />
        <Select
          allowClear
          placeholder="状态（全部）"
          style={{ width: 130 }}
          value={f.status}
          onChange={(v) => set({ status: v })}
          options={SERVICE_STATUSES.map((s) => ({ value: s, label: SERVICE_STATUS_LABELS[s] }))}
        />
        {(f.from || f.to) && (
          <Tag closable onClose={() => set({ from: undefined, to: undefined })}>
            {f.from ?? '…'} 至 {f.to ?? '…'}
          </Tag>
        )}
      </Space>
      {totals && (
        <Space size="large" style={{ marginBottom: 12 }}>
          <Statistic title="服务时长（小时）" value={totals.total.hours} />
          <Statistic title="服务人次" value={totals.total.records} />
          <Statistic title="志愿者人数" value={totals.total.people} />
        </Space>
      )}
      <Table<ServiceItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: list.isPending ? '正在加载…' : <EmptyState text="没有符合条件的服务记录：活动开展后由组织方登记，或志愿者签到签退后确认。" /> }}
        columns={[
          { title: '日期', dataIndex: 'onDate', width: 110 },
          { title: '志愿者', width: 110, render: (_, s) => <Link to={`/volunteers/${s.person.id}`}>{s.person.name}</Link> },
          { title: '活动', render: (_, s) => <Link to={`/activities/${s.activity.id}`}>{s.activity.title}</Link> },
          { title: '组织单位', width: 180, render: (_, s) => s.activity.organizerName },
          { title: '时长（小时）', width: 110, align: 'right', render: (_, s) => (s.supersededBy ? <del>{s.hours}</del> : s.hours) },
          {
            title: '状态',
            width: 150,
            render: (_, s) => (
              <>
                <Tag color={STATUS_COLORS[s.status]}>{s.statusLabel}</Tag>
                {s.supersededBy ? <Tag>已更正</Tag> : s.source !== 'organiser' ? <Tag>{s.sourceLabel}</Tag> : null}
              </>
            ),
          },
          {
            title: '操作',
            width: 200,
            render: (_, s) => (
              <Space size={4}>
                {s.can.confirm && (
                  <Button size="small" type="link" onClick={() => confirm.save(s.id)}>
                    确认
                  </Button>
                )}
                {s.can.confirm && (
                  <Button size="small" type="link" onClick={() => setMoving({ item: s, kind: 'reject' })}>
                    不予确认
                  </Button>
                )}
                {s.can.correct && (
                  <Button size="small" type="link" onClick={() => setMoving({ item: s, kind: 'correct' })}>
                    更正
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <LoadMore list={list} />
      {recording && <RecordModal onClose={() => setRecording(false)} />}
      {moving && <MoveModal {...moving} onClose={() => setMoving(null)} />}
    </>
  );
}

function MoveModal({ item, kind, onClose }: { item: ServiceItem; kind: 'reject' | 'correct'; onClose: () => void }) {
  const [form] = Form.useForm<{ hours?: number; reason: string }>();
  const { save, busy } = useSave({
    form,
    run: (v: { hours?: number; reason: string }) => api.post(`/volunteers/service/${item.id}/${kind}`, v),
    ok: kind === 'reject' ? '已标记为不予确认' : '已更正：新记录已确认，原记录保留',
    invalidate: [keys.volunteers.all],
    onOk: onClose,
  });
  return (
    <Modal open title={kind === 'reject' ? '不予确认' : '更正服务时长'} onOk={() => form.submit()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <p>
        {item.person.name} · {item.activity.title} · {item.onDate} · 原记录 {item.hours} 小时
      </p>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ hours: item.hours }}>
        {kind === 'correct' && (
          <Form.Item name="hours" label="更正后的时长（小时）" rules={[{ required: true, message: '请填写时长' }]}>
            <InputNumber min={0.1} max={24} step={0.5} />
          </Form.Item>
        )}
        <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }]}>
          <Input.TextArea maxLength={200} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RecordValues {
  activityId: number;
  personIds: number[];
  hours: number;
}

function RecordModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<RecordValues>();
  const held = useQuery({
    queryKey: keys.activities.list({ state: 'held', limit: 100 }),
    queryFn: () => api.get<ActivityList>('/activities', { state: 'held', limit: 100 }),
  });
  const people = useVolunteers({}).items;
  const { save, busy } = useSave({
    form,
    run: (v: RecordValues) =>
      api.post('/volunteers/service', { activityId: v.activityId, entries: v.personIds.map((personId) => ({ personId, hours: v.hours })) }),
    ok: '已登记服务时长',
    invalidate: [keys.volunteers.all],
    onOk: onClose,
  });
  return (
    <Modal open title="登记服务时长" okText="登记" onOk={() => form.submit()} confirmLoading={busy} onCancel={onClose} destroyOnHidden width={600}>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ hours: 2 }}>
        <Form.Item name="activityId" label="活动（已开展）" rules={[{ required: true, message: '请选择活动' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(held.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.onDate} ${a.title}（${a.organizer.name}）` }))}
          />
        </Form.Item>
        <Form.Item name="personIds" label="志愿者" rules={[{ required: true, message: '请选择志愿者' }]}>
          <Select mode="multiple" showSearch optionFilterProp="label" options={people.map((p) => ({ value: p.personId, label: p.name }))} />
        </Form.Item>
        <Form.Item name="hours" label="每人服务时长（小时）" rules={[{ required: true, message: '请填写时长' }]}>
          <InputNumber min={0.1} max={24} step={0.5} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

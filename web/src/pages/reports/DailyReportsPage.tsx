// 社区日报: the community daily reports of the caller's regions, per community
// or per day (the URL keeps region, from, to, late: figure ⑧ drills down
// here), the missing ones of the period, and for a community's cadre the
// day's form, pre-filled from the records.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { EditOutlined, FileTextOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { useSave } from '../../api/save.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { DAILY_FACT_LABELS, type DailyFacts } from '../../../../domain/reports.ts';
import { useDailyForm, useDailyReports, useMissing, type DailyReport } from './api.ts';
import { ReportsTabs } from './shared.tsx';

const FILTERS = ['region', 'from', 'to', 'late'] as const;

export function FactsLine({ facts }: { facts: DailyFacts }) {
  return (
    <Space size={4} wrap>
      {(Object.keys(DAILY_FACT_LABELS) as (keyof DailyFacts)[]).map((k) => (
        <Tag key={k}>
          {DAILY_FACT_LABELS[k]} {facts[k] ?? '—'}
        </Tag>
      ))}
    </Space>
  );
}

function DailyFormModal({ communities, onClose }: { communities: { code: string; name: string }[]; onClose: () => void }) {
  const [community, setCommunity] = useState<string | null>(communities[0]?.code ?? null);
  const [day, setDay] = useState(dayjs().format('YYYY-MM-DD'));
  const f = useDailyForm(community, day);
  const [form] = Form.useForm<{ body: string; photoIds: number[] }>();
  const existing = f.data?.report ?? null;
  const { save, busy } = useSave({
    run: (v: { body: string; photoIds: number[] }) =>
      existing
        ? api.put(`/reports/daily/${existing.id}`, {
            version: existing.version,
            body: v.body,
            photoIds: [...existing.attachments.photos.map((p) => p.id), ...(v.photoIds ?? [])],
          })
        : api.post('/reports/daily', { communityCode: community, day, body: v.body, photoIds: v.photoIds ?? [] }),
    ok: existing ? '日报已修改' : '日报已提交',
    form,
    invalidate: [keys.reports.all],
    onOk: onClose,
  });
  return (
    <Modal
      open
      title="社区每日创城情况汇报"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={existing ? '保存修改' : '提交'}
      confirmLoading={busy}
      width={720}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="社区"
          value={community}
          onChange={setCommunity}
          options={communities.map((c) => ({ value: c.code, label: c.name }))}
          style={{ width: 220 }}
        />
        <DatePicker
          aria-label="日期"
          value={dayjs(day)}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))}
        />
      </Space>
      {f.data && (
        <>
          {!f.data.owed && <Alert type="info" showIcon title="该日不是需要报送的工作日，也可以报送。" style={{ marginBottom: 8 }} />}
          {f.data.lateIfNow && !existing && (
            <Alert type="warning" showIcon title={`已过截止时间 ${f.data.cutoff}，现在提交将标记为迟报。`} style={{ marginBottom: 8 }} />
          )}
          <Descriptions
            size="small"
            column={1}
            items={[{ key: 'facts', label: '当日记录（自动汇总）', children: <FactsLine facts={(existing?.facts ?? f.data.facts) as DailyFacts} /> }]}
          />
        </>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save(v).then((r) => {
            if (r === undefined) void f.refetch(); // refused (e.g. 409: another cadre saved first): show the report as it now is
          })
        }
        initialValues={{ body: existing?.body ?? '' }}
        key={`${community}-${day}-${existing?.version ?? 0}`}
      >
        <Form.Item name="body" label="今日工作情况" rules={[{ required: true, min: 2, message: '请填写今日工作情况' }]}>
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="photoIds" label="现场照片">
          <PhotoUploader />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function DailyReportsPage() {
  const [sp, setSp] = useSearchParams();
  const f = Object.fromEntries(FILTERS.map((k) => [k, sp.get(k) || undefined])) as Record<(typeof FILTERS)[number], string | undefined>;
  const set = (patch: Partial<typeof f>) => setSp(Object.fromEntries(Object.entries({ ...f, ...patch }).filter(([, v]) => v)) as Record<string, string>);
  const list = useDailyReports(f);
  const missing = useMissing({ region: f.region, from: f.from, to: f.to });
  const me = useMe().data;
  const communities = (me?.roles ?? [])
    .filter((r) => r.role === 'community_staff' && r.scopeRegionCode?.length === 12)
    .map((r) => ({ code: r.scopeRegionCode!, name: r.scopeRegionName }));
  const [filling, setFilling] = useState(false);
  return (
    <Card>
      <PageExtra>
        {!!me?.can['report.submit'] && communities.length > 0 && (
          <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => setFilling(true)}>
            填写日报
          </Button>
        )}
      </PageExtra>
      <ReportsTabs />
      <div className="toolbar" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <RegionTreeSelect
          value={f.region ?? null}
          onChange={(v) => set({ region: v ?? undefined })}
          levels={['county', 'town', 'community']}
          placeholder="社区或乡镇"
          style={{ width: 220 }}
        />
        <DatePicker.RangePicker
          aria-label="日期"
          value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
          placeholder={['开始日期', '结束日期']}
          onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
        <Select
          aria-label="是否迟报"
          allowClear
          placeholder="全部（含迟报）"
          value={f.late}
          onChange={(v) => set({ late: v })}
          options={[
            { value: 'true', label: '只看迟报' },
            { value: 'false', label: '只看按时' },
          ]}
          style={{ width: 150 }}
        />
      </div>
      {missing.data && missing.data.items.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${missing.data.from} 至 ${missing.data.to} 缺报 ${missing.data.items.length} 篇（已报 ${missing.data.submitted} 篇，其中迟报 ${missing.data.late} 篇）`}
          description={missing.data.items
            .slice(0, 30)
            .map((m) => `${m.communityName ?? m.communityCode} ${m.day}`)
            .join('、')}
        />
      )}
      <Table
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: <EmptyState text="这段时间还没有社区日报。社区干部每天在截止时间前填写，当天的巡查、问题、活动等记录会自动带出。" /> }}
        columns={[
          { title: '日期', dataIndex: 'day', width: 110 },
          { title: '社区', dataIndex: 'communityName', width: 180 },
          {
            title: '报送',
            key: 'when',
            width: 220,
            render: (_: unknown, r: DailyReport) => (
              <Space size={4}>
                {fmtDateTime(r.submittedAt)}
                {r.late ? <Tag color="orange">迟报</Tag> : <Tag color="green">按时</Tag>}
              </Space>
            ),
          },
          { title: '报送人', dataIndex: 'submittedByName', width: 110 },
          {
            title: '工作情况',
            dataIndex: 'body',
            render: (v: string, r: DailyReport) => (
              <span className="wrap-anywhere">
                <FileTextOutlined aria-hidden /> {v.length > 80 ? `${v.slice(0, 80)}…` : v}
                {r.photos > 0 && <Tag style={{ marginLeft: 4 }}>照片 {r.photos}</Tag>}
              </span>
            ),
          },
        ]}
        expandable={{ expandedRowRender: (r: DailyReport) => <FactsLine facts={r.facts as DailyFacts} /> }}
      />
      <LoadMore list={list} />
      <div style={{ marginTop: 8 }}>
        <Link to="/reports/town">镇级日报与周报</Link>
      </div>
      {filling && <DailyFormModal communities={communities} onClose={() => setFilling(false)} />}
    </Card>
  );
}

// One survey wave: rates per item and community with their 95 % Wilson
// intervals, the sample and quotas by age band and sex (the wave's total and
// per community, against each community's own size), the weak items (each
// can become a task in the community's inbox or a planned activity), the
// answers list; interviewer and self-served answers shown apart (and counted
// toward the rates when the office chose so); the /h5 link; changing the plan,
// completing it; the results as .xlsx.
import { lazy, Suspense, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Progress, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { pct, useResponses, useResults, type WaveResults } from './api.ts';
import type { ResultView } from '../../../../domain/polls.ts';

const WaveEditModal = lazy(() => import('./WaveEditModal.tsx'));
import type { ActivityKindList, ActivityOptions } from '../../../../domain/api/activities.ts';

type Weak = WaveResults['weak'][number];
const ci = (r: { n: number; low: number; high: number }) => (r.n ? `${pct(r.low)} – ${pct(r.high)}` : '—');

export default function WavePage() {
  const id = Number(useParams().id);
  const [source, setSource] = useState<ResultView>('counted');
  const res = useResults(id, source);
  const [activityFor, setActivityFor] = useState<Weak | null>(null);
  const [editing, setEditing] = useState(false);
  const w = res.data?.wave;
  const manage = !!res.data?.can.manage;
  const close = useSave({
    run: () => api.post(`/polls/waves/${id}/close`, { version: w!.version }),
    ok: '调查批次已完成，结果计入测评预测',
    invalidate: [keys.polls.all],
  });
  const task = useSave({
    run: (x: Weak) => api.post(`/polls/waves/${id}/followups`, { itemCode: x.itemCode, communityCode: x.communityCode, kind: 'task' }),
    ok: '已交办社区，社区干部的待办中可见',
    invalidate: [keys.polls.all],
  });
  if (!res.data) return res.isLoading ? null : <EmptyState text="调查批次不存在或无权查看。" />;
  const d = res.data;
  return (
    <div>
      <PageExtra>
        <Space>
          {w?.publicPath && <Typography.Text copyable={{ text: `${location.origin}${w.publicPath}` }}>居民自助填答链接</Typography.Text>}
          <a href={`/api/polls/waves/${id}/results.xlsx?source=${source}`} download>
            <Button>导出 Excel</Button>
          </a>
          {manage && <Button onClick={() => setEditing(true)}>{w?.state === 'open' ? '修改抽样计划' : '自助答卷计入设置'}</Button>}
          {manage && w?.state === 'open' && (
            <Button
              onClick={() =>
                Modal.confirm({
                  title: '确认完成本批次？',
                  content: '完成后不再接收答卷，结果作为本镇最近一次问卷调查计入测评预测。',
                  onOk: () => close.save(),
                })
              }
            >
              完成调查
            </Button>
          )}
        </Space>
      </PageExtra>
      <p style={{ color: '#666' }}>
        {w!.name}：{w!.startsOn} 至 {w!.endsOn}，{w!.stateLabel}；{w!.communities} 个社区计划 {w!.planned} 份，调查员入户 {w!.responses} 份（超配额{' '}
        {w!.outOfQuota} 份），居民自助 {w!.selfResponses} 份（{w!.selfCounts ? '计入比率' : '单独统计，不计入比率'}）。 薄弱项：比率的 95% 置信区间上限仍低于{' '}
        {pct(d.target)} 的题目。
      </p>
      <Segmented
        value={source}
        onChange={(v) => setSource(v as ResultView)}
        options={
          w!.selfCounts
            ? [
                { value: 'counted', label: '计入比率（入户＋自助）' },
                { value: 'interviewer', label: '仅调查员入户' },
                { value: 'self', label: '仅居民自助填答' },
              ]
            : [
                { value: 'counted', label: '调查员入户（计入比率）' },
                { value: 'self', label: '居民自助填答（单独统计）' },
              ]
        }
        style={{ marginBottom: 12 }}
      />
      {source !== 'self' && <QuotaCard q={d.quota} />}
      <Card size="small" title="各题目" style={{ marginBottom: 12 }}>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={d.items}
          columns={[
            { title: '题号', dataIndex: 'code', width: 70 },
            { title: '题目', dataIndex: 'text' },
            { title: '指标', dataIndex: 'indicatorLabel', width: 80 },
            { title: '测评标准', dataIndex: 'standardCode', width: 90 },
            { title: '回答数', dataIndex: 'n', width: 80 },
            { title: '比率', width: 90, render: (_, r) => (r.n ? pct(r.rate) : '—') },
            { title: '95% 置信区间', width: 150, render: (_, r) => ci(r) },
            { title: '', width: 70, render: (_, r) => (r.weak ? <Tag color="red">薄弱</Tag> : null) },
          ]}
        />
      </Card>
      <Card size="small" title="薄弱项" style={{ marginBottom: 12 }}>
        {d.weak.length ? (
          <Table<Weak>
            rowKey={(r) => `${r.communityCode}:${r.itemCode}`}
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={d.weak}
            columns={[
              { title: '社区', dataIndex: 'communityName', width: 170 },
              { title: '题目', render: (_, r) => `${r.itemCode} ${r.text}` },
              { title: '比率', width: 80, render: (_, r) => pct(r.rate) },
              { title: '95% 置信区间', width: 140, render: (_, r) => ci(r) },
              {
                title: '处理',
                width: 230,
                render: (_, r) => {
                  const done = new Set(r.followups.map((f) => f.kind));
                  return (
                    <Space size={4} wrap>
                      {done.has('task') ? (
                        <Tag color="blue">已交办</Tag>
                      ) : (
                        manage && (
                          <Button size="small" onClick={() => task.save(r)}>
                            交办社区
                          </Button>
                        )
                      )}
                      {done.has('activity') ? (
                        <Tag color="green">已安排活动</Tag>
                      ) : (
                        manage && (
                          <Button size="small" onClick={() => setActivityFor(r)}>
                            安排活动
                          </Button>
                        )
                      )}
                    </Space>
                  );
                },
              },
            ]}
          />
        ) : (
          <EmptyState compact text="没有薄弱项：各社区各题的比率都不低于判定线，或答卷尚少、还不能下结论。" />
        )}
      </Card>
      <Card size="small" title={source === 'self' ? '各社区自助答卷（不计入配额）' : '各社区样本与配额'} style={{ marginBottom: 12 }}>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={d.communities}
          columns={[
            { title: '社区', dataIndex: 'name', width: 180 },
            {
              title: '样本完成',
              width: 200,
              render: (_, c) =>
                source === 'self' ? (
                  `${c.inQuota} 份`
                ) : (
                  <Progress percent={Math.round(c.fulfilment * 100)} size="small" format={() => `${c.inQuota}/${c.planned}`} />
                ),
            },
            { title: '超配额', dataIndex: 'outOfQuota', width: 70 },
            { title: '年龄段（已有/配额）', render: (_, c) => c.bands.map((b) => `${b.label} ${b.have}/${b.quota}`).join('，') },
            { title: '性别', width: 130, render: (_, c) => c.sexes.map((s) => `${s.label} ${s.have}/${s.quota}`).join('，') },
            { title: '总体肯定率', width: 100, render: (_, c) => (c.n ? pct(c.rate) : '—') },
          ]}
        />
      </Card>
      <ResponsesCard id={id} source={source === 'counted' ? (w!.selfCounts ? undefined : 'interviewer') : source} communities={d.communities} />
      {activityFor && <ActivityModal waveId={id} weak={activityFor} onClose={() => setActivityFor(null)} />}
      {editing && (
        <Suspense fallback={null}>
          <WaveEditModal wave={w!} onClose={() => setEditing(false)} />
        </Suspense>
      )}
    </div>
  );
}

/** The wave's sample and its quotas by age band and sex, over the communities shown (in-quota answers against the planned counts). */
function QuotaCard({ q }: { q: WaveResults['quota'] }) {
  const bar = (have: number, quota: number) => (
    <Progress percent={quota ? Math.min(100, Math.round((have / quota) * 100)) : 0} size="small" format={() => `${have}/${quota}`} />
  );
  const cell = { flex: '1 1 180px', minWidth: 180 };
  return (
    <Card size="small" title="样本与配额（合计）" style={{ marginBottom: 12 }}>
      <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
        <div style={cell}>
          <div>样本（配额内/计划），超配额 {q.outOfQuota} 份</div>
          {bar(q.inQuota, q.planned)}
        </div>
        {q.bands.map((b) => (
          <div key={b.band} style={cell}>
            <div>{b.label}</div>
            {bar(b.have, b.quota)}
          </div>
        ))}
        {q.sexes.map((s) => (
          <div key={s.sex} style={cell}>
            <div>{s.label}性</div>
            {bar(s.have, s.quota)}
          </div>
        ))}
      </div>
    </Card>
  );
}

function ResponsesCard({ id, source, communities }: { id: number; source?: string; communities: { code: string; name: string }[] }) {
  const [communityCode, setCommunity] = useState<string | undefined>();
  const list = useResponses(id, { source, communityCode });
  return (
    <Card
      size="small"
      title="答卷"
      extra={
        <Select
          allowClear
          placeholder="全部社区"
          style={{ width: 180 }}
          value={communityCode}
          onChange={setCommunity}
          options={communities.map((c) => ({ value: c.code, label: c.name }))}
        />
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isLoading}
        dataSource={list.items}
        locale={{ emptyText: <EmptyState compact text="还没有答卷：调查员在手机上填答、联网同步后出现在这里。" /> }}
        columns={[
          { title: '填答时间', width: 170, render: (_, r) => new Date(r.answeredAt).toLocaleString('zh-CN', { hour12: false }) },
          { title: '社区', dataIndex: 'communityName', width: 170 },
          { title: '来源', width: 150, render: (_, r) => (r.interviewerName ? `${r.sourceLabel}（${r.interviewerName}）` : r.sourceLabel) },
          { title: '问卷', dataIndex: 'questionnaireCode', width: 60 },
          { title: '受访者', width: 140, render: (_, r) => `${r.sex === 'male' ? '男' : '女'}，${r.age} 岁，居住 ${r.residenceMonths} 个月` },
          { title: '肯定/题数', width: 90, render: (_, r) => `${r.positive}/${r.answered}` },
          { title: '配额', render: (_, r) => (r.outOfQuota ? <Tag color="orange">{r.quotaNote ?? '超配额'}</Tag> : '配额内') },
        ]}
      />
      {list.hasNextPage && (
        <Button style={{ marginTop: 8 }} onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          加载更多
        </Button>
      )}
    </Card>
  );
}

interface ActivityValues {
  title: string;
  kindId: number;
  unitId: number;
  placeId: number;
  onDate: Dayjs;
}

/** A weak item becomes an activity in the community: the activities module plans it (its kinds, stations and places). */
function ActivityModal({ waveId, weak, onClose }: { waveId: number; weak: Weak; onClose: () => void }) {
  const [form] = Form.useForm<ActivityValues>();
  const kinds = useQuery({ queryKey: keys.activities.kinds(), queryFn: () => api.get<ActivityKindList>('/activities/kinds') });
  const opts = useQuery({
    queryKey: keys.activities.options(weak.communityCode),
    queryFn: () => api.get<ActivityOptions>('/activities/options', { regionCode: weak.communityCode }),
  });
  const { save, busy } = useSave({
    run: (v: ActivityValues) =>
      api.post(`/polls/waves/${waveId}/followups`, {
        itemCode: weak.itemCode,
        communityCode: weak.communityCode,
        kind: 'activity',
        activity: { title: v.title, kindId: v.kindId, unitId: v.unitId, placeId: v.placeId, onDate: v.onDate.format('YYYY-MM-DD') },
      }),
    ok: '已安排活动（文明实践活动中可见）',
    form,
    invalidate: [keys.polls.all],
    onOk: onClose,
  });
  const unitId = Form.useWatch('unitId', form);
  const places = (opts.data?.places ?? []).filter(
    (p) => p.regionCode.startsWith(weak.communityCode) || p.id === opts.data?.organizers.find((o) => o.id === unitId)?.placeId,
  );
  return (
    <Modal title={`为薄弱项安排活动：${weak.communityName}`} open onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText="保存">
      <Alert type="info" showIcon message={`${weak.itemCode} ${weak.text}：${weak.indicatorLabel} ${pct(weak.rate)}`} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ title: `${weak.indicatorLabel}提升：${weak.text.slice(0, 20)}` }}>
        <Form.Item name="title" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kindId" label="活动类别" rules={[{ required: true, message: '请选择活动类别' }]}>
          <Select options={(kinds.data?.items ?? []).filter((k) => k.active).map((k) => ({ value: k.id, label: k.name }))} />
        </Form.Item>
        <Form.Item name="unitId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
          <Select options={(opts.data?.organizers ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item name="placeId" label="地点" rules={[{ required: true, message: '请选择地点' }]}>
          <Select options={places.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="onDate" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

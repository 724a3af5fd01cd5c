// 问卷调查: the town's survey waves (plan, quotas, progress, the /h5 link,
// completing one) and its questionnaires (variants per population group, each
// item mapped to a 问卷调查 standard of the 测评体系; saving writes a new version).
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { DEFAULT_QUOTAS, POLL_INDICATOR_LABELS, POLL_INDICATORS } from '../../../../domain/polls.ts';
import { PlanFields, planOf, useTownCommunities } from './PlanFields.tsx';
import { TownPicker, usePollTown, useQuestionnaires, useStandards, useWaves, type Questionnaire, type Wave } from './api.ts';

export default function PollsPage() {
  const t = usePollTown();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'questionnaires' ? 'questionnaires' : 'waves';
  return (
    <div>
      <div style={{ marginBottom: 12 }}>
        <TownPicker {...t} />
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) =>
          setParams((p) => {
            p.set('tab', k);
            return p;
          })
        }
        items={[
          { key: 'waves', label: '调查批次', children: <WavesTab town={t.town} /> },
          { key: 'questionnaires', label: '问卷', children: <QuestionnairesTab town={t.town} /> },
        ]}
      />
    </div>
  );
}

function WavesTab({ town }: { town: string | null }) {
  const waves = useWaves(town);
  const qs = useQuestionnaires(town);
  const [creating, setCreating] = useState(false);
  const manage = !!waves.data?.can.manage;
  return (
    <>
      <PageExtra>
        {manage && (
          <Button type="primary" onClick={() => setCreating(true)} disabled={!qs.data?.items.length}>
            新建调查批次
          </Button>
        )}
      </PageExtra>
      <Table<Wave>
        rowKey="id"
        size="small"
        loading={waves.isLoading}
        dataSource={waves.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyState text={manage ? '还没有调查批次：先在“问卷”中建好问卷，再新建调查批次。' : '本镇还没有调查批次。'} /> }}
        columns={[
          { title: '批次', dataIndex: 'name', render: (v, w) => <Link to={`/polls/waves/${w.id}`}>{v}</Link> },
          { title: '时间', width: 200, render: (_, w) => `${w.startsOn} 至 ${w.endsOn}` },
          { title: '问卷', render: (_, w) => w.questionnaires.map((q) => `${q.code} ${q.groupLabel}（第 ${q.version} 版）`).join('、') },
          {
            title: '样本',
            width: 170,
            render: (_, w) =>
              w.plan.some((p) => p.override) ? `${w.communities} 个社区，共 ${w.planned} 份` : `每社区 ${w.perCommunity} 份，共 ${w.planned} 份`,
          },
          {
            title: '已收答卷',
            width: 190,
            render: (_, w) => (
              <span>
                入户 {w.responses} 份{w.outOfQuota ? `（超配额 ${w.outOfQuota}）` : ''}
                {w.selfServed ? `；自助 ${w.selfResponses} 份` : ''}
              </span>
            ),
          },
          { title: '状态', dataIndex: 'stateLabel', width: 80, render: (v, w) => <Tag color={w.state === 'open' ? 'processing' : 'default'}>{v}</Tag> },
        ]}
      />
      {creating && town && <WaveModal town={town} questionnaires={qs.data?.items ?? []} onClose={() => setCreating(false)} />}
    </>
  );
}

interface WaveValues {
  name: string;
  questionnaireIds: number[];
  dates: [Dayjs, Dayjs];
  perCommunity: number;
  communityPlan?: Record<string, number | null>;
  selfServed: boolean;
  selfCounts: boolean;
  quotas: typeof DEFAULT_QUOTAS;
}

function WaveModal({ town, questionnaires, onClose }: { town: string; questionnaires: Questionnaire[]; onClose: () => void }) {
  const [form] = Form.useForm<WaveValues>();
  const communities = useTownCommunities(town);
  const perCommunity = Form.useWatch('perCommunity', form);
  const { save, busy } = useSave({
    run: (v: WaveValues) =>
      api.post('/polls/waves', {
        townCode: town,
        name: v.name,
        questionnaireIds: v.questionnaireIds,
        startsOn: v.dates[0].format('YYYY-MM-DD'),
        endsOn: v.dates[1].format('YYYY-MM-DD'),
        perCommunity: v.perCommunity,
        communityPlan: planOf(v.communityPlan),
        quotas: v.quotas,
        selfServed: !!v.selfServed,
        selfCounts: !!v.selfCounts,
      }),
    ok: '已新建调查批次',
    form,
    invalidate: [keys.polls.all],
    onOk: onClose,
  });
  return (
    <Modal title="新建调查批次" open onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText="保存" width={720}>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ perCommunity: 20, quotas: DEFAULT_QUOTAS, selfServed: false, selfCounts: false }}>
        <Form.Item name="name" label="批次名称" rules={[{ required: true, message: '请填写批次名称' }]}>
          <Input maxLength={100} placeholder="如：第三季度模拟问卷调查" />
        </Form.Item>
        <Form.Item name="questionnaireIds" label="问卷（各人群版本）" rules={[{ required: true, message: '请选择问卷' }]}>
          <Select
            mode="multiple"
            options={questionnaires.map((q) => ({ value: q.id, label: `${q.code} ${q.title}（${q.groupLabel}，第 ${q.version} 版）` }))}
          />
        </Form.Item>
        <Form.Item name="dates" label="调查时间" rules={[{ required: true, message: '请选择起止日期' }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <PlanFields communities={communities} perCommunity={perCommunity} />
        <p style={{ color: '#666' }}>受访者须为 18-65 周岁、在本地居住满 6 个月的居民；不符合的答卷不予保存。超出配额的答卷会保存并标记。</p>
      </Form>
    </Modal>
  );
}

function QuestionnairesTab({ town }: { town: string | null }) {
  const qs = useQuestionnaires(town);
  const [editing, setEditing] = useState<Questionnaire | 'new' | null>(null);
  const manage = !!qs.data?.can.manage;
  return (
    <>
      <PageExtra>
        {manage && (
          <Button type="primary" onClick={() => setEditing('new')}>
            新建问卷
          </Button>
        )}
      </PageExtra>
      {!qs.isLoading && !qs.data?.items.length && (
        <EmptyState text={manage ? '还没有问卷：点“新建问卷”，题目对应测评体系中的“问卷调查”标准。' : '本镇还没有问卷。'} />
      )}
      {(qs.data?.items ?? []).map((q) => (
        <div key={q.id} style={{ marginBottom: 20 }}>
          <Space style={{ marginBottom: 8 }}>
            <strong>
              {q.code} {q.title}
            </strong>
            <Tag>{q.groupLabel}</Tag>
            <span style={{ color: '#666' }}>
              第 {q.version} 版 · {q.createdByName ?? ''}
            </span>
            {manage && (
              <Button size="small" onClick={() => setEditing(q)}>
                修订为新版本
              </Button>
            )}
          </Space>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={q.items}
            columns={[
              { title: '题号', dataIndex: 'code', width: 70 },
              { title: '题目', dataIndex: 'text' },
              { title: '指标', dataIndex: 'indicatorLabel', width: 80 },
              { title: '选项', width: 280, render: (_, i) => i.options.join(' / ') },
              { title: '测评标准', dataIndex: 'standardCode', width: 90 },
            ]}
          />
        </div>
      ))}
      {!!qs.data?.versions.length && (
        <p style={{ color: '#666' }}>
          历次版本：
          {qs.data.versions.map((v) => `${v.code} 第 ${v.version} 版${v.current ? '（现行）' : ''}，答卷 ${v.responses} 份`).join('；')}
        </p>
      )}
      {editing && town && <QuestionnaireModal town={town} from={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

interface QValues {
  code: string;
  title: string;
  groupLabel: string;
  items: { code: string; text: string; indicator: string; standardId: number }[];
}

function QuestionnaireModal({ town, from, onClose }: { town: string; from: Questionnaire | null; onClose: () => void }) {
  const [form] = Form.useForm<QValues>();
  const standards = useStandards(town);
  const { save, busy } = useSave({
    run: (v: QValues) => api.post<Questionnaire>('/polls/questionnaires', { townCode: town, ...v }),
    ok: (r) => `已保存为第 ${r.version} 版`,
    form,
    invalidate: [keys.polls.all],
    onOk: onClose,
  });
  const initial = from
    ? {
        code: from.code,
        title: from.title,
        groupLabel: from.groupLabel,
        items: from.items.map((i) => ({ code: i.code, text: i.text, indicator: i.indicator, standardId: i.standardId })),
      }
    : { items: [{ code: 'Q01', indicator: 'awareness' }] };
  return (
    <Modal
      title={from ? `修订问卷 ${from.code}（保存为新版本）` : '新建问卷'}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText="保存"
      width={900}
    >
      <Form form={form} layout="vertical" onFinish={save} initialValues={initial}>
        <Space wrap>
          <Form.Item name="code" label="问卷代码" rules={[{ required: true, message: '请填写问卷代码' }]}>
            <Input maxLength={8} disabled={!!from} placeholder="A" style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="title" label="问卷名称" rules={[{ required: true, message: '请填写问卷名称' }]}>
            <Input maxLength={100} style={{ width: 360 }} />
          </Form.Item>
          <Form.Item name="groupLabel" label="适用人群" rules={[{ required: true, message: '请填写适用人群' }]}>
            <Input maxLength={30} placeholder="居民、学生、商户…" style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'code']} rules={[{ required: true, message: '题号' }]}>
                    <Input placeholder="题号" style={{ width: 70 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} rules={[{ required: true, message: '请填写题目' }]}>
                    <Input placeholder="题目" style={{ width: 320 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'indicator']} rules={[{ required: true, message: '指标' }]}>
                    <Select style={{ width: 100 }} options={POLL_INDICATORS.map((i) => ({ value: i, label: POLL_INDICATOR_LABELS[i] }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'standardId']} rules={[{ required: true, message: '请选择测评标准' }]}>
                    <Select
                      placeholder="对应的问卷调查标准"
                      style={{ width: 240 }}
                      options={(standards.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
                    />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button onClick={() => add({ indicator: 'satisfaction' })}>添加题目</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

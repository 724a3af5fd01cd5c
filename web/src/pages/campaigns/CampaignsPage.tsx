// 集中整治: the town's clean-up campaigns, filtered by region, dates, state and
// kind (the URL holds the filter, so figures ⑱-㉖ drill down to exactly their
// campaigns); start one, export the list; this year's totals by kind.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, DatePicker, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { withQuery } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { CAMPAIGN_STATE_LABELS, CAMPAIGN_STATES } from '../../../../domain/campaigns.ts';
import type { CampaignItem } from '../../../../domain/api/campaigns.ts';
import { apiFilter, useCampaignKinds, useCampaigns, useCampaignTotals, type CampaignFilter } from './api.ts';
import { CampaignModal } from './CampaignModal.tsx';
import { useUrlFilter } from '../../components/useUrlFilter.ts';

export const PHASE_COLORS: Record<string, string> = { upcoming: 'blue', running: 'orange', ended: 'gold', closed: 'green' };
const FILTER_KEYS = ['region', 'from', 'to', 'state', 'kind', 'started'] as const;

function YearTotals() {
  const year = String(dayjs().year());
  const t = useCampaignTotals(year).data;
  if (!t) return null;
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} title={`${year}年合计（${t.campaigns} 次专项行动）`} style={{ marginBottom: 16 }}>
      {t.totals.map((x) => (
        <Descriptions.Item key={x.kindId} label={x.name}>
          {x.value} {x.unit}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

export default function CampaignsPage() {
  const [f, set, clear] = useUrlFilter<CampaignFilter>(FILTER_KEYS);
  const list = useCampaigns(f);
  const kinds = useCampaignKinds().data;
  const me = useMe().data;
  const manage = !!me?.can['campaign.manage'];
  const [creating, setCreating] = useState(false);
  const filtered = Object.keys(f).length > 0;
  return (
    <Card>
      <PageExtra>
        <Space wrap>
          {manage && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              组织专项行动
            </Button>
          )}
          <Button icon={<DownloadOutlined aria-hidden />} href={withQuery('/api/campaigns/export.xlsx', apiFilter(f))} download>
            导出 Excel
          </Button>
        </Space>
      </PageExtra>
      <Typography.Paragraph type="secondary">
        集中整治专项行动：每天登记投入人次和整治成效，行动期间在整治区域、目标类别内结案的问题自动关联（进行中实时统计，结束时固定）。
      </Typography.Paragraph>
      <YearTotals />
      <Space wrap style={{ marginBottom: 12 }}>
        <RegionTreeSelect value={f.region ?? null} onChange={(v) => set({ region: v ?? undefined })} placeholder="区域（全部）" style={{ width: 220 }} />
        <DatePicker.RangePicker
          inputReadOnly
          value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
          onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
        <Select
          allowClear
          placeholder="类别（全部）"
          style={{ width: 200 }}
          value={f.kind}
          onChange={(v) => set({ kind: v })}
          options={(kinds?.kinds ?? []).map((k) => ({ value: k.code, label: k.name }))}
        />
        <Select
          allowClear
          placeholder="状态（全部）"
          style={{ width: 140 }}
          value={f.state}
          onChange={(v) => set({ state: v })}
          options={CAMPAIGN_STATES.map((s) => ({ value: s, label: CAMPAIGN_STATE_LABELS[s] }))}
        />
        {f.started && (
          <Tag closable onClose={() => set({ started: undefined })}>
            按开始日期统计
          </Tag>
        )}
      </Space>
      <Table<CampaignItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{
          emptyText: filtered ? (
            <EmptyState text="没有符合筛选条件的专项行动：可以放宽日期、类别或状态再看。" action={<Button onClick={() => clear()}>清空筛选</Button>} />
          ) : (
            <EmptyState text={manage ? '还没有专项行动：点击右上角“组织专项行动”开始登记。' : '还没有专项行动。创城办组织专项行动后会出现在这里。'} />
          ),
        }}
        columns={[
          { title: '日期', width: 200, render: (_, c) => `${c.startDate} 至 ${c.endDate}` },
          { title: '行动主题', dataIndex: 'theme', render: (t: string, c) => <Link to={`/campaigns/${c.id}`}>{t}</Link> },
          { title: '类别', width: 170, render: (_, c) => c.kind.name },
          { title: '整治区域', width: 260, ellipsis: true, render: (_, c) => <span title={c.areaNames.join('、')}>{c.areaNames.join('、')}</span> },
          { title: '登记天数', width: 90, align: 'right', dataIndex: 'days' },
          { title: '投入人次', width: 90, align: 'right', dataIndex: 'staffTotal' },
          { title: '状态', width: 90, render: (_, c) => <Tag color={PHASE_COLORS[c.phase]}>{c.phaseLabel}</Tag> },
        ]}
      />
      <LoadMore list={list} />
      {creating && <CampaignModal onClose={() => setCreating(false)} />}
    </Card>
  );
}

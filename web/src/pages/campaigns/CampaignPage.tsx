// One campaign: what, when, where; each kind's total; the daily records (登记,
// 修改, Excel import of many days); the problems it closed (live while it runs,
// fixed when it closes); the summary .docx; 结束行动.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Image, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, FileWordOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { useFeedback } from '../../components/useActions.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ImportDialog } from '../../components/ImportDialog.tsx';
import { fmtDateTime } from '../../components/format.ts';
import type { CampaignDay, CampaignDayImport, CampaignDetail } from '../../../../domain/api/campaigns.ts';
import { useCampaign, useCampaignKinds, useLinked, useSummary } from './api.ts';
import { CampaignModal } from './CampaignModal.tsx';
import { DayModal } from './DayModal.tsx';
import { LinkedTable } from './LinkedTable.tsx';
import { PHASE_COLORS } from './CampaignsPage.tsx';
import { shortCommunityName } from '../../../../domain/regions.ts';

function Linked({ c }: { c: CampaignDetail }) {
  const list = useLinked(c.id);
  const s = useSummary(c.id).data;
  return (
    <Card size="small" title={`期间结案问题（${c.linkedProblems} 个，${c.linkedFrozen ? '结束时已固定' : '进行中实时统计'}）`} style={{ marginTop: 16 }}>
      {s && s.linked.total > 0 && (
        <Typography.Paragraph type="secondary">
          按期结案 {s.linked.onTime} 个。按类别：{s.linked.byCategory.map((b) => `${b.name} ${b.count}`).join('，')}；按社区：
          {s.linked.byCommunity.map((b) => `${shortCommunityName(b.name)} ${b.count}`).join('，')}
        </Typography.Paragraph>
      )}
      <LinkedTable list={list} empty="行动期间在整治区域、目标类别内还没有结案的问题。" />
    </Card>
  );
}

export default function CampaignPage() {
  const id = Number(useParams().id);
  const q = useCampaign(id);
  const kinds = useCampaignKinds().data?.tallyKinds ?? [];
  const qc = useQueryClient();
  const { confirm } = useFeedback();
  const [editing, setEditing] = useState(false);
  const [day, setDay] = useState<CampaignDay | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const close = useSave({
    run: () => api.post(`/campaigns/${id}/close`, { version: q.data?.version }),
    ok: '专项行动已结束，期间结案问题已固定',
    invalidate: [keys.campaigns.all],
  });
  const c = q.data;
  if (!c) return <Card loading={q.isLoading}>{q.error && <Alert type="error" showIcon title="无法读取该专项行动" />}</Card>;
  const shown = kinds.filter((k) => k.active || c.totals.some((t) => t.kindId === k.id && t.value > 0));
  return (
    <>
      <PageExtra>
        <Space wrap>
          {c.can.record && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDay('new')}>
              登记日记录
            </Button>
          )}
          {c.can.record && (
            <Button icon={<ImportOutlined aria-hidden />} onClick={() => setImporting(true)}>
              导入日记录
            </Button>
          )}
          <Button icon={<DownloadOutlined aria-hidden />} href={`/api/campaigns/${id}/days.xlsx`} download>
            下载日记录
          </Button>
          <Button icon={<FileWordOutlined aria-hidden />} href={`/api/campaigns/${id}/summary.docx`} download>
            下载行动总结
          </Button>
          {c.can.edit && (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
              修改
            </Button>
          )}
          {c.can.close && (
            <Button danger onClick={() => confirm('结束专项行动', '结束后不能再登记日记录，期间结案问题将固定下来。确定结束吗？', () => close.save())}>
              结束行动
            </Button>
          )}
        </Space>
      </PageExtra>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="行动主题">{c.theme}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={PHASE_COLORS[c.phase]}>{c.phaseLabel}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="类别">{c.kind.name}</Descriptions.Item>
          <Descriptions.Item label="起止日期">
            {c.startDate} 至 {c.endDate}
          </Descriptions.Item>
          <Descriptions.Item label="整治区域" span={2}>
            {c.areas.map((a) => a.place?.name ?? a.communityName ?? a.communityCode).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="目标类别" span={2}>
            {c.categories.length ? c.categories.map((x) => x.name).join('、') : '全部类别'}
          </Descriptions.Item>
          {c.summary && (
            <Descriptions.Item label="说明" span={2}>
              {c.summary}
            </Descriptions.Item>
          )}
          <Descriptions.Item label="登记人">{c.createdByName ?? '—'}</Descriptions.Item>
          {c.closedAt && <Descriptions.Item label="结束时间">{fmtDateTime(c.closedAt)}</Descriptions.Item>}
        </Descriptions>
        <Space wrap size={32} style={{ marginTop: 12 }}>
          {c.totals
            .filter((t) => t.value > 0)
            .map((t) => (
              <Statistic key={t.kindId} title={t.name} value={t.value} suffix={t.unit} />
            ))}
          <Statistic title="期间结案问题" value={c.linkedProblems} suffix="个" />
        </Space>
      </Card>
      <Card size="small" title={`日记录（${c.dayRecords.length} 天）`} style={{ marginTop: 16 }}>
        <Table<CampaignDay>
          rowKey="id"
          size="small"
          dataSource={c.dayRecords}
          pagination={false}
          locale={{ emptyText: <EmptyState text={c.can.record ? '还没有日记录：点击“登记日记录”填写当天的投入人次和整治成效。' : '还没有日记录。'} /> }}
          columns={[
            { title: '日期', width: 104, render: (_, d) => <Link to={`/campaigns/${c.id}/days/${d.onDate}`}>{d.onDate}</Link> },
            // Every kind in the window at 1440 px: the header wraps (name, then unit) instead of scrolling.
            ...shown.map((k) => ({
              title: (
                <>
                  {k.name}
                  <br />（{k.unit}）
                </>
              ),
              align: 'right' as const,
              render: (_: unknown, d: CampaignDay) => d.counts.find((x) => x.kindId === k.id)?.value ?? 0,
            })),
            {
              title: '整治前后照片',
              width: 176,
              render: (_, d) =>
                d.before.length + d.after.length ? (
                  <Image.PreviewGroup>
                    <Space size={4}>
                      {[...d.before, ...d.after].slice(0, 4).map((p, i) => (
                        <Image
                          key={p.id}
                          width={40}
                          height={30}
                          style={{ objectFit: 'cover' }}
                          src={p.thumbUrl}
                          preview={{ src: p.url }}
                          alt={i < d.before.length ? '整治前' : '整治后'}
                        />
                      ))}
                    </Space>
                  </Image.PreviewGroup>
                ) : (
                  '—'
                ),
            },
            { title: '备注', dataIndex: 'note', width: 200, ellipsis: true, render: (t: string | null) => (t ? <span title={t}>{t}</span> : '—') },
            ...(c.can.record
              ? [
                  {
                    title: '',
                    width: 80,
                    render: (_: unknown, d: CampaignDay) => (
                      <Button size="small" onClick={() => setDay(d)}>
                        修改
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Linked c={c} />
      {editing && <CampaignModal campaign={c} onClose={() => setEditing(false)} />}
      {day && <DayModal campaign={c} day={day === 'new' ? null : day} onClose={() => setDay(null)} />}
      {importing && (
        <ImportDialog<CampaignDayImport>
          title="导入日记录"
          path={`/campaigns/${id}/days/import`}
          onClose={() => setImporting(false)}
          onImported={() => qc.invalidateQueries({ queryKey: keys.campaigns.all })}
          intro={
            <Typography.Paragraph>
              每天一行：日期（行动期间内，不晚于今天）、各统计项的数字（非负整数，不填为 0）、备注。可先
              <a href={`/api/campaigns/${id}/days.xlsx`} download>
                下载日记录
              </a>
              作为模板；已登记的日期请在页面上修改。文件中有任何一行出错，整个文件都不会导入。
            </Typography.Paragraph>
          }
          success={(r) => <Alert type="success" showIcon title={`导入成功：${r.saved} 天的日记录`} />}
        />
      )}
    </>
  );
}

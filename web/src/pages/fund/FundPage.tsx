// 创城工作基金: the balance of a period (opening, income by source, spending,
// closing), the ledger (every entry, reversals beside what they reverse),
// recording income and spending (the office, with a voucher), reversing an
// entry, the ledger .xlsx; and the projects the fund pays for.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Col, DatePicker, Progress, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { withQuery } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import type { FundEntry, FundProjectItem } from '../../../../domain/api/fund.ts';
import { useBalance, useEntries, useProjects, yuan } from './api.ts';
import { EntryModal } from './EntryModal.tsx';
import { ReverseModal } from './ReverseModal.tsx';
import { ProjectModal } from './ProjectModal.tsx';

function Ledger() {
  const me = useMe().data;
  const manage = !!me?.can['fund.manage'];
  const [year, setYear] = useState(String(dayjs().year()));
  const b = useBalance(year).data;
  const list = useEntries({ from: `${year}-01-01`, to: `${year}-12-31` });
  const [recording, setRecording] = useState<'income' | 'spend' | null>(null);
  const [reversing, setReversing] = useState<FundEntry | null>(null);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="year" inputReadOnly allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(String(d.year()))} />
        {manage && (
          <>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setRecording('income')}>
              登记收入
            </Button>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setRecording('spend')}>
              登记支出
            </Button>
          </>
        )}
        <Button icon={<DownloadOutlined aria-hidden />} href={withQuery('/api/fund/ledger.xlsx', { period: year })} download>
          导出台账
        </Button>
      </Space>
      {b && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col span={6}>
            <Statistic title="期初余额（元）" value={yuan(b.openingFen)} />
          </Col>
          <Col span={6}>
            <Statistic title="本期收入（元）" value={yuan(b.incomeFen)} />
            <Typography.Text type="secondary">{b.bySource.map((s) => `${s.label} ${yuan(s.amountFen)}`).join('，')}</Typography.Text>
          </Col>
          <Col span={6}>
            <Statistic title="本期支出（元）" value={yuan(b.spendFen)} />
          </Col>
          <Col span={6}>
            <Statistic title="期末余额（元）" value={yuan(b.closingFen)} />
          </Col>
        </Row>
      )}
      <Table<FundEntry>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <EmptyState text={manage ? '本年度还没有收支记录：点击“登记收入”开始记账。' : '本年度还没有收支记录。'} /> }}
        columns={[
          { title: '日期', dataIndex: 'onDate', width: 110 },
          {
            title: '收支',
            width: 120,
            render: (_, e) => (
              <>
                <Tag color={e.direction === 'income' ? 'green' : 'orange'}>{e.directionLabel}</Tag>
                {e.sourceLabel && <div style={{ color: '#888' }}>{e.sourceLabel}</div>}
              </>
            ),
          },
          {
            title: '摘要',
            dataIndex: 'note',
            ellipsis: true,
            render: (t: string, e) => (
              <Link to={`/fund/entries/${e.id}`} title={t}>
                {t}
              </Link>
            ),
          },
          { title: '项目', width: 200, render: (_, e) => (e.project ? <Link to={`/fund/projects/${e.project.id}`}>{e.project.name}</Link> : '—') },
          { title: '金额（元）', width: 140, align: 'right', render: (_, e) => e.amountYuan },
          {
            title: '凭证',
            width: 90,
            render: (_, e) =>
              e.vouchers.length
                ? e.vouchers.map((v, i) => (
                    <a key={v.id} href={v.url} target="_blank" rel="noreferrer">
                      凭证{i + 1}{' '}
                    </a>
                  ))
                : '—',
          },
          {
            title: '',
            width: 110,
            render: (_, e) =>
              e.reversesId ? (
                <Tag>冲正记录</Tag>
              ) : e.reversedById ? (
                <Tag color="default">已冲正</Tag>
              ) : e.can.reverse ? (
                <Button size="small" onClick={() => setReversing(e)}>
                  冲正
                </Button>
              ) : null,
          },
        ]}
      />
      <LoadMore list={list} />
      {recording && <EntryModal direction={recording} onClose={() => setRecording(null)} />}
      {reversing && <ReverseModal entry={reversing} onClose={() => setReversing(null)} />}
    </>
  );
}

function Projects() {
  const q = useProjects();
  const [creating, setCreating] = useState(false);
  return (
    <>
      {q.data?.can.manage && (
        <Button type="primary" icon={<PlusOutlined aria-hidden />} style={{ marginBottom: 12 }} onClick={() => setCreating(true)}>
          新建项目
        </Button>
      )}
      <Table<FundProjectItem>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <EmptyState text="还没有基金项目。" /> }}
        columns={[
          { title: '项目名称', render: (_, p) => <Link to={`/fund/projects/${p.id}`}>{p.name}</Link> },
          { title: '类别', dataIndex: 'kind', width: 120 },
          { title: '实施单位', width: 200, render: (_, p) => p.unit.name },
          { title: '预算（元）', width: 130, align: 'right', render: (_, p) => yuan(p.budgetFen) },
          {
            title: '已支出（元）',
            width: 130,
            align: 'right',
            render: (_, p) => <span style={{ color: p.remainingFen < 0 ? '#c00' : undefined }}>{yuan(p.spentFen)}</span>,
          },
          { title: '进度', width: 140, render: (_, p) => <Progress percent={p.progress} size="small" /> },
          { title: '状态', width: 90, render: (_, p) => <Tag>{p.stateLabel}</Tag> },
        ]}
      />
      {creating && <ProjectModal onClose={() => setCreating(false)} />}
    </>
  );
}

export default function FundPage() {
  const [sp, setSp] = useSearchParams();
  const tab = sp.get('tab') ?? 'ledger';
  return (
    <Card>
      <Typography.Paragraph type="secondary">
        创城工作基金由镇创城办记账：每笔收支附凭证；支出必须对应项目，超出项目预算须确认；记错的不修改，登记冲正记录。
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp(k === 'ledger' ? {} : { tab: k })}
        items={[
          { key: 'ledger', label: '收支台账', children: <Ledger /> },
          { key: 'projects', label: '项目', children: <Projects /> },
        ]}
      />
    </Card>
  );
}

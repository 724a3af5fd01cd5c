// One entry of the fund's ledger: amount, day, source or project, the
// contributing unit, who recorded it, its vouchers (documents to download,
// photos to view), and the correction story: the entry it reverses, or the
// reversal that corrected it. The office reverses from here too.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Image, Space, Tag, Typography } from 'antd';
import { FileTextOutlined, RollbackOutlined } from '@ant-design/icons';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { fmtDateTime } from '../../components/format.ts';
import type { FundEntry } from '../../../../domain/api/fund.ts';
import { useEntry } from './api.ts';
import { ReverseModal } from './ReverseModal.tsx';

function Vouchers({ e }: { e: FundEntry }) {
  const docs = e.vouchers.filter((v) => v.kind === 'document');
  const photos = e.vouchers.filter((v) => v.kind === 'photo');
  if (!e.vouchers.length) return <EmptyState text="这笔记录没有凭证。" />;
  return (
    <>
      {docs.map((d) => (
        <p key={d.id} style={{ margin: '0 0 8px' }}>
          <FileTextOutlined aria-hidden />{' '}
          <a href={d.url} download>
            {d.name}
          </a>
        </p>
      ))}
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap>
            {photos.map((p) => (
              <Image key={p.id} width={160} height={120} style={{ objectFit: 'cover' }} src={`${p.url}?thumb=1`} preview={{ src: p.url }} alt="凭证照片" />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
    </>
  );
}

function Counterpart({ title, e, text }: { title: string; e: FundEntry; text: string }) {
  return (
    <Card size="small" title={title} style={{ marginTop: 16 }}>
      <Typography.Paragraph>{text}</Typography.Paragraph>
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label="日期">{e.onDate}</Descriptions.Item>
        <Descriptions.Item label="金额（元）">{e.amountYuan}</Descriptions.Item>
        <Descriptions.Item label="登记人">{e.createdByName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="摘要" span={3}>
          <Link to={`/fund/entries/${e.id}`}>{e.note}</Link>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export default function EntryPage() {
  const id = Number(useParams().id);
  const q = useEntry(id);
  const [reversing, setReversing] = useState(false);
  const e = q.data;
  if (!e) return <Card loading={q.isLoading}>{q.error && <Alert type="error" showIcon title="无法读取这笔记录" description={q.error.message} />}</Card>;
  return (
    <>
      <PageExtra>
        {e.can.reverse && (
          <Button icon={<RollbackOutlined aria-hidden />} onClick={() => setReversing(true)}>
            冲正
          </Button>
        )}
      </PageExtra>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="收支">
            <Tag color={e.direction === 'income' ? 'green' : 'orange'}>{e.directionLabel}</Tag>
            {e.reversesId && <Tag>冲正记录</Tag>}
            {e.reversedById && <Tag color="red">已冲正</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="金额（元）">
            <b>{e.amountYuan}</b>
          </Descriptions.Item>
          <Descriptions.Item label="日期">{e.onDate}</Descriptions.Item>
          <Descriptions.Item label="收入来源">{e.sourceLabel ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={e.direction === 'income' ? '专项用于项目' : '项目'}>
            {e.project ? <Link to={`/fund/projects/${e.project.id}`}>{e.project.name}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="出资单位">{e.unit?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="摘要" span={2}>
            {e.note}
          </Descriptions.Item>
          <Descriptions.Item label="登记">
            {e.createdByName ?? '—'}，{fmtDateTime(e.createdAt)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="凭证" style={{ marginTop: 16 }}>
        <Vouchers e={e} />
      </Card>
      {e.reverses && <Counterpart title="被冲正的原记录" e={e.reverses} text="本记录是下面这笔记录的冲正：金额相反，原记录保留不改。" />}
      {e.reversedBy && <Counterpart title="冲正记录" e={e.reversedBy} text="这笔记录已由下面的冲正记录更正，两笔合计为零。" />}
      {reversing && <ReverseModal entry={e} onClose={() => setReversing(false)} />}
    </>
  );
}

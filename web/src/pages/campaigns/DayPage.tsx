// One day of a campaign: the person-times and results by kind, the note, the
// before/after photos side by side, the problems the campaign closed that day,
// the days before and after; whoever records the campaign edits it here.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Image, Row, Space, Statistic, Typography } from 'antd';
import { EditOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import type { CampaignDay } from '../../../../domain/api/campaigns.ts';
import { useCampaign, useCampaignKinds, useLinked } from './api.ts';
import { DayModal } from './DayModal.tsx';
import { LinkedTable } from './LinkedTable.tsx';

function Photos({ title, photos }: { title: string; photos: CampaignDay['before'] }) {
  return (
    <Card size="small" title={`${title}（${photos.length} 张）`}>
      {photos.length ? (
        <Image.PreviewGroup>
          <Space wrap>
            {photos.map((p) => (
              <Image key={p.id} width={240} height={180} style={{ objectFit: 'cover' }} src={p.thumbUrl} preview={{ src: p.url }} alt={title} />
            ))}
          </Space>
        </Image.PreviewGroup>
      ) : (
        <EmptyState text={`当天没有上传${title}照片。`} />
      )}
    </Card>
  );
}

function ClosedThatDay({ campaignId, day }: { campaignId: number; day: string }) {
  const list = useLinked(campaignId, day);
  return (
    <Card size="small" title="当天结案的问题（整治区域、目标类别内）" style={{ marginTop: 16 }}>
      <LinkedTable list={list} empty="当天在整治区域、目标类别内没有结案的问题。" />
    </Card>
  );
}

export default function DayPage() {
  const params = useParams();
  const id = Number(params.id);
  const onDate = params.day ?? '';
  const q = useCampaign(id);
  const kinds = useCampaignKinds().data?.tallyKinds ?? [];
  const [editing, setEditing] = useState(false);
  const c = q.data;
  if (!c) return <Card loading={q.isLoading}>{q.error && <Alert type="error" showIcon title="无法读取该专项行动" />}</Card>;
  const i = c.dayRecords.findIndex((d) => d.onDate === onDate);
  const d = c.dayRecords[i];
  if (!d) {
    return (
      <Card>
        <EmptyState text={`专项行动“${c.theme}”在 ${onDate} 没有日记录。`} />
        <Link to={`/campaigns/${id}`}>返回专项行动</Link>
      </Card>
    );
  }
  const prev = c.dayRecords[i - 1];
  const next = c.dayRecords[i + 1];
  const value = (kindId: number) => d.counts.find((x) => x.kindId === kindId)?.value ?? 0;
  const of = (measure: 'staff' | 'result') => kinds.filter((k) => k.measure === measure && (k.active || value(k.id) > 0));
  const staff = of('staff');
  const people = staff.reduce((n, k) => n + value(k.id), 0);
  return (
    <>
      <PageExtra>
        <Space wrap>
          {prev && (
            <Link to={`/campaigns/${id}/days/${prev.onDate}`}>
              <Button icon={<LeftOutlined aria-hidden />}>前一天（{prev.onDate}）</Button>
            </Link>
          )}
          {next && (
            <Link to={`/campaigns/${id}/days/${next.onDate}`}>
              <Button>
                后一天（{next.onDate}）
                <RightOutlined aria-hidden />
              </Button>
            </Link>
          )}
          {c.can.record && (
            <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
              修改
            </Button>
          )}
        </Space>
      </PageExtra>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="专项行动">
            <Link to={`/campaigns/${id}`}>{c.theme}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="日期">
            {d.onDate}（第 {i + 1} 天记录，共 {c.dayRecords.length} 天）
          </Descriptions.Item>
          <Descriptions.Item label="备注" span={2}>
            {d.note ?? '—'}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5} style={{ marginTop: 12 }}>
          投入力量（共 {people} 人次）
        </Typography.Title>
        <Space wrap size={32}>
          {staff.map((k) => (
            <Statistic key={k.id} title={k.name} value={value(k.id)} suffix={k.unit} />
          ))}
        </Space>
        <Typography.Title level={5} style={{ marginTop: 12 }}>
          整治成效
        </Typography.Title>
        <Space wrap size={32}>
          {of('result').map((k) => (
            <Statistic key={k.id} title={k.name} value={value(k.id)} suffix={k.unit} />
          ))}
        </Space>
      </Card>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Photos title="整治前" photos={d.before} />
        </Col>
        <Col xs={24} lg={12}>
          <Photos title="整治后" photos={d.after} />
        </Col>
      </Row>
      <ClosedThatDay campaignId={id} day={d.onDate} />
      {editing && <DayModal campaign={c} day={d} onClose={() => setEditing(false)} />}
    </>
  );
}

// One study trip as recorded, with its photos and files.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, Descriptions, Spin, Typography } from 'antd';
import { useTrip } from './api.ts';
import { PageExtra, usePageTitle } from '../../components/PageHeader.tsx';
import { AttachmentList, MeetingsTabs } from './shared.tsx';
import { TripFormModal } from './TripFormModal.tsx';

export default function TripPage() {
  const id = Number(useParams().id);
  const q = useTrip(id);
  const [editing, setEditing] = useState(false);
  usePageTitle(q.data ? `${q.data.day} ${q.data.destination}` : undefined);
  if (q.isLoading) return <Spin />;
  const t = q.data;
  if (!t)
    return (
      <Card>
        记录不存在，或不在您的查看范围内。请回到<Link to="/meetings/trips">学习考察</Link>。
      </Card>
    );
  return (
    <div>
      <MeetingsTabs />
      <PageExtra>{t.can.edit && <Button onClick={() => setEditing(true)}>修改记录</Button>}</PageExtra>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="组织单位">{t.regionName}</Descriptions.Item>
          <Descriptions.Item label="带队领导">{t.leaderName}</Descriptions.Item>
          <Descriptions.Item label="人数">{t.headCount} 人</Descriptions.Item>
          <Descriptions.Item label="分享会议">
            {t.sharedMeeting ? <Link to={`/meetings/${t.sharedMeeting.id}`}>{t.sharedMeeting.title}</Link> : '未分享'}
          </Descriptions.Item>
          <Descriptions.Item label="登记的人员" span={2}>
            {t.participants.map((p) => p.name).join('、') || '—'}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>考察目的</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{t.purpose ?? '—'}</Typography.Paragraph>
        <Typography.Title level={5}>学习收获</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{t.learned ?? '—'}</Typography.Paragraph>
        <Typography.Title level={5}>照片和文件</Typography.Title>
        <AttachmentList a={t.attachments} />
      </Card>
      {editing && <TripFormModal trip={t} onClose={() => setEditing(false)} />}
    </div>
  );
}

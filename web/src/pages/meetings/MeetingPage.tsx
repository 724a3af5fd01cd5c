// One meeting: what it was, who attended, agenda, 传达, minutes, photos and
// files, its decisions (with their state) and the study trips shared at it.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { fmtDateTime } from '../../components/format.ts';
import { PageExtra, usePageTitle } from '../../components/PageHeader.tsx';
import { ATTENDANCE_LABELS } from '../../../../domain/meetings.ts';
import { useMeeting, type Decision, type MeetingDetail } from './api.ts';
import { AttachmentList, DecisionTag, MeetingsTabs } from './shared.tsx';
import { DecisionModal } from './DecisionModal.tsx';

const Para = ({ text, empty }: { text: string | null; empty: string }) =>
  text ? (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} className="wrap-anywhere">
      {text}
    </Typography.Paragraph>
  ) : (
    <span style={{ color: '#888' }}>{empty}</span>
  );

export default function MeetingPage() {
  const id = Number(useParams().id);
  const q = useMeeting(id);
  const [adding, setAdding] = useState(false);
  usePageTitle(q.data?.title);
  if (q.isLoading) return <Spin />;
  if (!q.data)
    return (
      <Card>
        会议不存在，或不在您的查看范围内。请回到<Link to="/meetings">会议列表</Link>。
      </Card>
    );
  const m: MeetingDetail = q.data;
  const ATT_COLORS = { present: 'green', absent: 'red', leave: 'gold' } as const;
  return (
    <div>
      <MeetingsTabs />
      <PageExtra>
        {m.can.edit && (
          <Link to={`/meetings/${m.id}/edit`}>
            <Button icon={<EditOutlined aria-hidden />}>修改会议</Button>
          </Link>
        )}
      </PageExtra>
      <Card title="会议情况" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label="会议类别">
            <Tag>{m.kindName}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="召开时间">{fmtDateTime(m.startsAt)}</Descriptions.Item>
          <Descriptions.Item label="召开单位">{m.regionName}</Descriptions.Item>
          <Descriptions.Item label="地点">{m.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="主持人">{m.chairName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="出席情况">
            出席 {m.attendance.present} 人，缺席 {m.attendance.absent} 人，请假 {m.attendance.leave} 人
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>会议议程</Typography.Title>
        <Para text={m.agenda} empty="未填写议程" />
        <Typography.Title level={5}>传达精神</Typography.Title>
        <Para text={m.relayed} empty="本次会议未登记传达的上级指示" />
        <Typography.Title level={5}>会议纪要</Typography.Title>
        <Para text={m.minutes} empty="还没有纪要；可以点击“修改”补充，或上传纪要文件。" />
        <Typography.Title level={5}>照片和文件</Typography.Title>
        <AttachmentList a={m.attachments} />
        {m.trips.length > 0 && (
          <>
            <Typography.Title level={5}>在本次会议上分享的学习考察</Typography.Title>
            <ul>
              {m.trips.map((t) => (
                <li key={t.id}>
                  <Link to={`/meetings/trips/${t.id}`}>
                    {t.day} {t.destination}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
      <Card title={`参会人员（${m.attendees.length}）`} style={{ marginBottom: 16 }}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={m.attendees}
          locale={{ emptyText: '没有登记参会人员。点击右上方“修改会议”添加人员并标记出席、缺席或请假。' }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '单位或职务', dataIndex: 'org', render: (v: string | null, a) => v ?? (a.personId ? '本系统人员' : '—') },
            { title: '出席情况', dataIndex: 'status', render: (s: 'present' | 'absent' | 'leave') => <Tag color={ATT_COLORS[s]}>{ATTENDANCE_LABELS[s]}</Tag> },
          ]}
        />
      </Card>
      <Card
        title={`决定事项（${m.decisionList.length}）`}
        extra={
          m.can.addDecision && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
              添加决定事项
            </Button>
          )
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={m.decisionList}
          scroll={{ x: 800 }}
          locale={{ emptyText: '本次会议还没有决定事项。会上交办的工作请点击“添加决定事项”，指定责任单位或责任人和办理期限。' }}
          columns={[
            {
              title: '事项',
              dataIndex: 'content',
              render: (t: string, d: Decision) => (
                <Link to={`/meetings/decisions/${d.id}`} className="wrap-anywhere">
                  {t}
                </Link>
              ),
            },
            { title: '责任单位 / 责任人', key: 'owner', width: 200, render: (_: unknown, d: Decision) => d.owner.name },
            { title: '办理期限', dataIndex: 'dueDate', width: 200, render: (v: string, d: Decision) => `${v}（${d.workingDays} 个工作日）` },
            {
              title: '状态',
              key: 'state',
              width: 170,
              render: (_: unknown, d: Decision) => (
                <Space size={4}>
                  <DecisionTag d={d} />
                  {d.problem && <Tag>已转问题</Tag>}
                </Space>
              ),
            },
            { title: '最新进展', dataIndex: 'lastNote', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      {adding && <DecisionModal meeting={m} onClose={() => setAdding(false)} />}
    </div>
  );
}

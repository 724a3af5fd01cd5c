// An activity's volunteer check-in: the organiser opens the 6-digit code for
// the time the activity runs (shown large, with its QR for the phones), and
// everyone who reads it sees who signed up, checked in and out, and the
// records the check-outs made (confirmed on the 服务记录 tab).
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Form, QRCode, Space, Table, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useActivity } from '../activities/api.ts';
import { useRoster } from './api.ts';

const time = (v: string | null) => (v ? dayjs(v).format('HH:mm') : '—');

export default function CheckinPage() {
  const id = Number(useParams().id);
  const activity = useActivity(id).data;
  const roster = useRoster(id);
  const r = roster.data;
  const [form] = Form.useForm<{ span: [Dayjs, Dayjs] }>();
  const { save, busy } = useSave({
    form,
    run: (v: { span: [Dayjs, Dayjs] }) => {
      const at = (t: Dayjs) => `${activity!.onDate}T${t.format('HH:mm')}:00+08:00`;
      return api.post(`/volunteers/activities/${id}/code`, { startsAt: at(v.span[0]), endsAt: at(v.span[1]) });
    },
    ok: '签到码已生成',
    invalidate: [keys.volunteers.roster(id)],
  });
  if (!activity || !r) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={<Link to={`/activities/${id}`}>{activity.title}</Link>} extra={`${activity.onDate} · ${activity.place.name}`}>
        {r.can.manage && (
          <Form form={form} layout="inline" onFinish={save} initialValues={{ span: [dayjs('09:00', 'HH:mm'), dayjs('11:00', 'HH:mm')] }}>
            <Form.Item name="span" label="活动时间（签到码有效）" rules={[{ required: true, message: '请选择时间' }]}>
              <TimePicker.RangePicker format="HH:mm" minuteStep={5} inputReadOnly />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {r.code ? '重新生成签到码' : '生成签到码'}
            </Button>
          </Form>
        )}
        {r.code ? (
          <Space size="large" align="center" style={{ marginTop: 16 }}>
            <QRCode value={`${window.location.origin}${r.code.url}`} size={180} />
            <div>
              <Typography.Text type="secondary">签到码</Typography.Text>
              <div style={{ fontSize: 56, letterSpacing: 12, fontWeight: 600 }}>{r.code.code}</div>
              <Typography.Text type="secondary">
                {time(String(r.code.startsAt))}–{time(String(r.code.endsAt))} 有效（开始前 30 分钟可签到），只对本场活动有效
              </Typography.Text>
            </div>
          </Space>
        ) : (
          !r.can.manage && <Alert type="info" showIcon message="组织方开放签到后，志愿者用手机扫码或输入签到码签到、签退" />
        )}
      </Card>
      <Card title={`报名与签到（${r.items.length} 人）`}>
        <Table
          rowKey="personId"
          size="small"
          pagination={false}
          dataSource={r.items}
          locale={{ emptyText: <EmptyState compact text="还没有志愿者报名或签到：志愿者在手机上报名，活动时扫码签到。" /> }}
          columns={[
            { title: '志愿者', render: (_, p) => <Link to={`/volunteers/${p.personId}`}>{p.name}</Link> },
            { title: '手机号', width: 130, render: (_, p) => p.phone ?? '—' },
            { title: '签到', width: 90, render: (_, p) => time(p.checkinAt as string | null) },
            { title: '签退', width: 90, render: (_, p) => time(p.checkoutAt as string | null) },
            { title: '服务时长（小时）', width: 140, align: 'right', render: (_, p) => p.hours ?? '—' },
            {
              title: '记录',
              width: 100,
              render: (_, p) => (p.serviceStatus === 'pending' ? '待确认' : p.serviceStatus === 'confirmed' ? '已确认' : p.serviceStatus ? '未采纳' : '—'),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

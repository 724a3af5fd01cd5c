// One activity: what, where, who organised it with whom, when; once held,
// the participants by kind, the photos, the report and the publicity link;
// or why it was cancelled. 登记开展 / 取消 / 修改 while it is planned.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Image, Input, InputNumber, Modal, Result, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { PageExtra, usePageTitle } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PARTICIPANT_KINDS, PARTICIPANT_LABELS } from '../../../../domain/activities.ts';
import type { ActivityDetail } from '../../../../domain/api/activities.ts';
import { useActivity } from './api.ts';
import { PlanModal } from './PlanModal.tsx';
import { STATE_COLORS } from './ActivitiesPage.tsx';

interface HoldValues {
  heldOn: Dayjs;
  residents: number;
  volunteers: number;
  cadres: number;
  coBuildingStaff: number;
  report?: string;
  publicityUrl?: string;
  photoIds?: number[];
}

function HoldModal({ a, onClose }: { a: ActivityDetail; onClose: () => void }) {
  const [form] = Form.useForm<HoldValues>();
  const [uploading, setUploading] = useState(false);
  const { save, busy } = useSave({
    form,
    run: (v: HoldValues) =>
      api.post(`/activities/${a.id}/hold`, {
        ...v,
        version: a.version,
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        report: v.report || null,
        publicityUrl: v.publicityUrl || null,
        photoIds: v.photoIds ?? [],
      }),
    ok: '已登记开展情况',
    invalidate: [keys.activities.all],
    onOk: onClose,
  });
  const today = dayjs();
  return (
    <Modal
      open
      title="登记开展情况"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: uploading }}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ heldOn: dayjs(a.onDate).isAfter(today) ? today : dayjs(a.onDate), residents: 0, volunteers: 0, cadres: 0, coBuildingStaff: 0 }}
      >
        <Form.Item name="heldOn" label="开展日期" rules={[{ required: true, message: '请选择开展日期' }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(today, 'day')} />
        </Form.Item>
        <Space wrap>
          {PARTICIPANT_KINDS.map((k) => (
            <Form.Item key={k} name={k} label={`${PARTICIPANT_LABELS[k]}（人次）`} rules={[{ required: true, message: '请填写人数' }]}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: 130 }} />
            </Form.Item>
          ))}
        </Space>
        <Form.Item name="report" label="活动简报">
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="时间、地点、内容、成效，一两段即可" />
        </Form.Item>
        <Form.Item name="publicityUrl" label="宣传报道链接" rules={[{ type: 'url', message: '请填写以 http:// 或 https:// 开头的网址' }]}>
          <Input placeholder="如：https://mp.weixin.qq.com/s/…" maxLength={500} />
        </Form.Item>
        <Form.Item name="photoIds" label="活动照片">
          <PhotoUploader onBusyChange={setUploading} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CancelModal({ a, onClose }: { a: ActivityDetail; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { save, busy } = useSave({
    form,
    run: (v: { reason: string }) => api.post(`/activities/${a.id}/cancel`, { version: a.version, reason: v.reason }),
    ok: '活动已取消',
    invalidate: [keys.activities.all],
    onOk: onClose,
  });
  return (
    <Modal
      open
      title="取消活动"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="确认取消活动"
      cancelText="返回"
      okButtonProps={{ danger: true }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="reason" label="取消原因" rules={[{ required: true, min: 2, message: '请填写取消原因（至少 2 个字）' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ActivityPage() {
  const id = Number(useParams().id);
  const q = useActivity(id);
  usePageTitle(q.data?.title);
  const [dialog, setDialog] = useState<'hold' | 'cancel' | 'edit' | null>(null);
  if (q.error)
    return (
      <Result
        status="404"
        title="活动不存在或不在您的管辖范围内"
        extra={
          <Link to="/activities">
            <Button>返回活动列表</Button>
          </Link>
        }
      />
    );
  const a = q.data;
  if (!a) return <Card loading />;
  return (
    <Card
      title={
        <Space>
          {a.kind.name}
          <Tag color={STATE_COLORS[a.state]}>{a.stateLabel}</Tag>
        </Space>
      }
    >
      <PageExtra>
        <Space wrap>
          {a.state !== 'cancelled' && <Link to={`/volunteers/activities/${a.id}`}>志愿者签到</Link>}
          {a.can.edit && <Button onClick={() => setDialog('edit')}>修改计划</Button>}
          {a.can.cancel && (
            <Button danger onClick={() => setDialog('cancel')}>
              取消活动
            </Button>
          )}
          {a.can.hold && (
            <Button type="primary" onClick={() => setDialog('hold')}>
              登记开展
            </Button>
          )}
        </Space>
      </PageExtra>
      {a.state === 'planned' && a.can.hold && (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          title="活动开展后，请点“登记开展”填写参与人次、照片、简报和宣传报道链接；不能开展的请“取消活动”并写明原因。"
        />
      )}
      {a.state === 'cancelled' && <Alert style={{ marginBottom: 16 }} type="warning" showIcon title={`已取消：${a.cancelReason ?? ''}`} />}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'kind', label: '活动类别', children: a.kind.name },
          { key: 'date', label: a.state === 'held' ? '开展日期' : '计划日期', children: a.onDate },
          { key: 'org', label: '组织单位', children: `${a.organizer.name}（${a.organizer.kindLabel}）` },
          { key: 'place', label: '活动地点', children: `${a.place.name} · ${a.communityName ?? a.regionCode}` },
          { key: 'theme', label: '每月主题', children: a.theme ?? '—' },
          { key: 'festival', label: '节日', children: a.festival ?? '—' },
          { key: 'co', label: '共建单位', span: 2, children: a.coUnits.length ? a.coUnits.map((u) => <Tag key={u.id}>{u.name}</Tag>) : '—' },
          ...(a.state === 'held'
            ? [
                {
                  key: 'people',
                  label: '参与人次',
                  span: 2,
                  children: `${PARTICIPANT_KINDS.map((k) => `${PARTICIPANT_LABELS[k]} ${a.participants[k]}`).join('，')}；合计 ${a.participants.total}`,
                },
                {
                  key: 'report',
                  label: '活动简报',
                  span: 2,
                  children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.report ?? '—'}</Typography.Paragraph>,
                },
                {
                  key: 'url',
                  label: '宣传报道',
                  span: 2,
                  children: a.publicityUrl ? (
                    <a href={a.publicityUrl} target="_blank" rel="noopener noreferrer" className="wrap-anywhere">
                      {a.publicityUrl}
                    </a>
                  ) : (
                    '—'
                  ),
                },
              ]
            : []),
          { key: 'by', label: '登记人', children: a.createdByName ?? '—' },
          { key: 'at', label: '登记时间', children: dayjs(a.createdAt).format('YYYY-MM-DD HH:mm') },
        ]}
      />
      {a.state === 'held' && (
        <Card type="inner" title={`活动照片（${a.photos.length}）`} style={{ marginTop: 16 }}>
          {a.photos.length ? (
            <Image.PreviewGroup>
              <Space wrap>
                {a.photos.map((p) => (
                  <Image key={p.id} width={160} height={120} style={{ objectFit: 'cover' }} src={p.thumbUrl} preview={{ src: p.url }} alt="活动照片" />
                ))}
              </Space>
            </Image.PreviewGroup>
          ) : (
            <EmptyState text="登记开展时没有上传照片。活动档案需要照片，请在下次活动时拍照上传。" />
          )}
        </Card>
      )}
      {dialog === 'hold' && <HoldModal a={a} onClose={() => setDialog(null)} />}
      {dialog === 'cancel' && <CancelModal a={a} onClose={() => setDialog(null)} />}
      {dialog === 'edit' && <PlanModal activity={a} onClose={() => setDialog(null)} />}
    </Card>
  );
}

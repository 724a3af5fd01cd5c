// 登记会议 / 修改会议: kind, title, time, who held it, place, chair, attendees
// (people of the directory marked 出席/缺席/请假, and named outsiders), agenda,
// minutes, 传达, photos and files. Saved with useSave; the server's field
// errors land on the fields.
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Card, DatePicker, Form, Input, Radio, Space, Spin } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { useMe } from '../../api/queries.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { usePageTitle } from '../../components/PageHeader.tsx';
import { PersonSelect } from '../inspections/pickers.tsx';
import { ATTENDANCE, ATTENDANCE_LABELS } from '../../../../domain/meetings.ts';
import type { LinkedPhoto, StoredDocument } from '../../../../domain/api/files.ts';
import { useMeeting, type MeetingDetail } from './api.ts';
import { KindSelect, MeetingsTabs } from './shared.tsx';
import { DocUploader, KeptPhotos } from './uploads.tsx';

interface Values {
  regionCode: string;
  kindId: number;
  title: string;
  startsAt: Dayjs;
  place?: string;
  chairPersonId?: number | null;
  chairName?: string;
  agenda?: string;
  minutes?: string;
  relayed?: string;
  attendees?: { personId?: number | null; name?: string; org?: string; status: 'present' | 'absent' | 'leave' }[];
}

export default function MeetingFormPage() {
  const { id } = useParams();
  const existing = useMeeting(Number(id ?? 0), !!id);
  if (id && !existing.data) return <Spin />;
  return <MeetingForm meeting={id ? existing.data! : null} />;
}

function MeetingForm({ meeting }: { meeting: MeetingDetail | null }) {
  const nav = useNavigate();
  const me = useMe().data;
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<LinkedPhoto[]>(meeting?.attachments.photos ?? []);
  const [newPhotos, setNewPhotos] = useState<number[]>([]);
  const [files, setFiles] = useState<StoredDocument[]>(meeting?.attachments.files ?? []);
  const [uploading, setUploading] = useState(false);
  const region = Form.useWatch('regionCode', form);
  usePageTitle(meeting ? `修改会议：${meeting.title}` : undefined);
  useEffect(() => {
    if (meeting) {
      form.setFieldsValue({
        regionCode: meeting.regionCode,
        kindId: meeting.kindId,
        title: meeting.title,
        startsAt: dayjs(meeting.startsAt),
        place: meeting.place ?? undefined,
        chairPersonId: meeting.chairPersonId,
        chairName: meeting.chairPersonId ? undefined : (meeting.chairName ?? undefined),
        agenda: meeting.agenda ?? undefined,
        minutes: meeting.minutes ?? undefined,
        relayed: meeting.relayed ?? undefined,
        attendees: meeting.attendees.map((a) => ({ personId: a.personId, name: a.personId ? undefined : a.name, org: a.org ?? undefined, status: a.status })),
      });
    } else {
      const own = me?.roles.find(
        (g) => (g.role === 'office_staff' || g.role === 'community_staff') && g.scopeRegionCode && g.scopeRegionCode.length >= 9,
      )?.scopeRegionCode;
      form.setFieldsValue({ regionCode: own ?? undefined, startsAt: dayjs().minute(0).second(0), attendees: [] });
    }
  }, [meeting, me, form]);

  const { save, busy } = useSave({
    form,
    run: (v: Values) => {
      const body = {
        ...v,
        startsAt: v.startsAt.toISOString(),
        chairPersonId: v.chairPersonId ?? null,
        chairName: v.chairPersonId ? null : v.chairName || null,
        attendees: (v.attendees ?? []).map((a) => ({
          personId: a.personId ?? null,
          name: a.personId ? null : a.name || null,
          org: a.org || null,
          status: a.status,
        })),
        photoIds: [...photos.map((p) => p.id), ...newPhotos],
        fileIds: files.map((f) => f.id),
      };
      return meeting ? api.put<MeetingDetail>(`/meetings/${meeting.id}`, { ...body, version: meeting.version }) : api.post<MeetingDetail>('/meetings', body);
    },
    ok: meeting ? '会议已保存' : '会议已登记',
    invalidate: [keys.meetings.all],
    onOk: (m) => nav(`/meetings/${m.id}`),
  });

  return (
    <div>
      <MeetingsTabs />
      <Card>
        <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 880 }} scrollToFirstError>
          <Space wrap size="large" align="start">
            <Form.Item name="kindId" label="会议类别" rules={[{ required: true, message: '请选择会议类别' }]}>
              <KindSelect activeOnly style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="startsAt" label="召开时间" rules={[{ required: true, message: '请选择召开时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
            <Form.Item name="regionCode" label="召开单位" rules={[{ required: true, message: '请选择乡镇或社区' }]} style={{ minWidth: 240 }}>
              <RegionTreeSelect levels={['town', 'community']} placeholder="本镇或所属社区" />
            </Form.Item>
          </Space>
          <Form.Item name="title" label="会议名称" rules={[{ required: true, min: 2, message: '请填写会议名称' }]}>
            <Input maxLength={200} placeholder="如 第12周创城工作例会" />
          </Form.Item>
          <Space wrap size="large" align="start">
            <Form.Item name="place" label="地点">
              <Input maxLength={200} placeholder="如 镇政府三楼会议室" style={{ width: 280 }} />
            </Form.Item>
            <Form.Item name="chairPersonId" label="主持人（从人员中选择）">
              <PersonSelect value={null} onChange={() => {}} regionCode={region?.slice(0, 9)} placeholder="选择主持人" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="chairName" label="或填写主持人姓名">
              <Input maxLength={50} style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <Form.List name="attendees">
            {(fields, { add, remove }) => (
              <Form.Item label={`参会人员（${fields.length} 人）`}>
                {fields.map((field) => (
                  <Space key={field.key} wrap align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                    <Form.Item name={[field.name, 'personId']} noStyle>
                      <PersonSelect value={null} onChange={() => {}} regionCode={region?.slice(0, 9)} placeholder="从人员中选择" style={{ width: 200 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'name']} noStyle>
                      <Input placeholder="或填写姓名（外单位）" maxLength={50} style={{ width: 170 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'org']} noStyle>
                      <Input placeholder="单位或职务" maxLength={100} style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'status']} noStyle initialValue="present">
                      <Radio.Group optionType="button" options={ATTENDANCE.map((a) => ({ value: a, label: ATTENDANCE_LABELS[a] }))} />
                    </Form.Item>
                    <Button type="text" aria-label="移除此人" icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ status: 'present' })}>
                  添加参会人员
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.Item name="agenda" label="会议议程">
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item name="relayed" label="传达精神（传达的上级指示、批示）">
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item name="minutes" label="会议纪要">
            <Input.TextArea rows={6} maxLength={20000} />
          </Form.Item>
          <Form.Item label="会议照片">
            <KeptPhotos value={photos} onChange={setPhotos} />
            <PhotoUploader value={newPhotos} onChange={setNewPhotos} onBusyChange={setUploading} label="会议照片" />
          </Form.Item>
          <Form.Item label="文件（签到表、纪要、讲话稿等）">
            <DocUploader value={files} onChange={setFiles} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} disabled={uploading}>
              {meeting ? '保存' : '登记会议'}
            </Button>
            <Button onClick={() => nav(meeting ? `/meetings/${meeting.id}` : '/meetings')}>取消</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}

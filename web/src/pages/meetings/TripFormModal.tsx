// Record or change a study trip: date, destination, leader, participants (people
// of the directory, or names) and the head count, purpose, what was learned, the
// 培训会 where it was shared, photos and files.
import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { useMe } from '../../api/queries.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { PersonSelect } from '../inspections/pickers.tsx';
import type { LinkedPhoto, StoredDocument } from '../../../../domain/api/files.ts';
import { useKinds, useMeetings, type StudyTripDetail } from './api.ts';
import { DocUploader, KeptPhotos } from './uploads.tsx';

interface Values {
  regionCode: string;
  day: Dayjs;
  destination: string;
  leaderPersonId?: number | null;
  leaderName?: string;
  headCount: number;
  purpose?: string;
  learned?: string;
  sharedMeetingId?: number | null;
  participants?: { personId?: number | null; name?: string }[];
}

export function TripFormModal({ trip, onClose }: { trip?: StudyTripDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const me = useMe().data;
  const region = Form.useWatch('regionCode', form);
  const training = useKinds().data?.items.find((k) => k.code === 'training');
  const meetings = useMeetings({ kindId: training ? String(training.id) : undefined });
  const [photos, setPhotos] = useState<LinkedPhoto[]>(trip?.attachments.photos ?? []);
  const [newPhotos, setNewPhotos] = useState<number[]>([]);
  const [files, setFiles] = useState<StoredDocument[]>(trip?.attachments.files ?? []);
  const [uploading, setUploading] = useState(false);
  const own = me?.roles.find((g) => g.role === 'office_staff' && g.scopeRegionCode)?.scopeRegionCode;
  const { save, busy } = useSave({
    form,
    run: (v: Values) => {
      const body = {
        ...v,
        day: v.day.format('YYYY-MM-DD'),
        leaderPersonId: v.leaderPersonId ?? null,
        leaderName: v.leaderPersonId ? null : v.leaderName || null,
        sharedMeetingId: v.sharedMeetingId ?? null,
        participants: (v.participants ?? []).map((p) => ({ personId: p.personId ?? null, name: p.personId ? null : p.name || null })),
        photoIds: [...photos.map((p) => p.id), ...newPhotos],
        fileIds: files.map((f) => f.id),
      };
      return trip ? api.put(`/meetings/trips/${trip.id}`, { ...body, version: trip.version }) : api.post('/meetings/trips', body);
    },
    ok: trip ? '学习考察已保存' : '学习考察已登记',
    invalidate: [keys.meetings.all],
    onOk: onClose,
  });
  return (
    <Modal
      open
      title={trip ? '修改学习考察' : '登记学习考察'}
      onCancel={onClose}
      width={760}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} disabled={uploading} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={
          trip
            ? {
                regionCode: trip.regionCode,
                day: dayjs(trip.day),
                destination: trip.destination,
                leaderPersonId: trip.leaderPersonId,
                leaderName: trip.leaderPersonId ? undefined : trip.leaderName,
                headCount: trip.headCount,
                purpose: trip.purpose ?? undefined,
                learned: trip.learned ?? undefined,
                sharedMeetingId: trip.sharedMeeting?.id ?? null,
                participants: trip.participants.map((p) => ({ personId: p.personId, name: p.personId ? undefined : p.name })),
              }
            : { regionCode: own ?? undefined, day: dayjs(), headCount: 1, participants: [] }
        }
      >
        <Space wrap size="large" align="start">
          <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="regionCode" label="组织单位" rules={[{ required: true, message: '请选择乡镇或社区' }]} style={{ minWidth: 220 }}>
            <RegionTreeSelect levels={['town', 'community']} />
          </Form.Item>
          <Form.Item name="headCount" label="人数" rules={[{ required: true, message: '请填写人数' }]}>
            <InputNumber min={1} max={10000} addonAfter="人" />
          </Form.Item>
        </Space>
        <Form.Item name="destination" label="考察地点" rules={[{ required: true, min: 2, message: '请填写考察地点' }]}>
          <Input maxLength={200} placeholder="如 福建省三明市沙县区" />
        </Form.Item>
        <Space wrap size="large" align="start">
          <Form.Item name="leaderPersonId" label="带队领导（从人员中选择）">
            <PersonSelect value={null} onChange={() => {}} regionCode={region?.slice(0, 9)} placeholder="选择带队领导" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="leaderName" label="或填写姓名">
            <Input maxLength={50} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.List name="participants">
          {(fields, { add, remove }) => (
            <Form.Item label={`登记的参加人员（${fields.length} 人；人数可多于登记的人员）`}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[field.name, 'personId']} noStyle>
                    <PersonSelect value={null} onChange={() => {}} regionCode={region?.slice(0, 9)} placeholder="从人员中选择" style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} noStyle>
                    <Input placeholder="或填写姓名" maxLength={50} style={{ width: 180 }} />
                  </Form.Item>
                  <Button type="text" aria-label="移除此人" icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})}>
                添加人员
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="purpose" label="考察目的">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="learned" label="学习收获">
          <Input.TextArea rows={4} maxLength={10000} />
        </Form.Item>
        <Form.Item name="sharedMeetingId" label="分享经验的培训会">
          <Select
            allowClear
            placeholder="选择在哪次培训会上分享"
            options={meetings.items.map((m) => ({ value: m.id, label: `${m.day} ${m.title}` }))}
            notFoundContent="还没有培训会记录"
          />
        </Form.Item>
        <Form.Item label="照片">
          <KeptPhotos value={photos} onChange={setPhotos} />
          <PhotoUploader value={newPhotos} onChange={setNewPhotos} onBusyChange={setUploading} />
        </Form.Item>
        <Form.Item label="文件">
          <DocUploader value={files} onChange={setFiles} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// 登记日记录 / 修改: the day (inside the campaign, not after today), person-times
// and results by kind (non-negative integers), before/after photos, a note.
// Editing keeps the day's photos (each removable) beside the newly uploaded ones.
import { useState } from 'react';
import { DatePicker, Divider, Form, Input, InputNumber, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { KeptPhotos } from '../../components/KeptPhotos.tsx';
import type { CampaignDay, CampaignDetail } from '../../../../domain/api/campaigns.ts';
import { useCampaignKinds } from './api.ts';

interface Values {
  day: Dayjs;
  counts: Record<string, number | null>;
  note?: string;
  beforePhotoIds?: number[];
  afterPhotoIds?: number[];
}

export function DayModal({ campaign, day, onClose }: { campaign: CampaignDetail; day: CampaignDay | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [keptBefore, setKeptBefore] = useState(day?.before ?? []);
  const [keptAfter, setKeptAfter] = useState(day?.after ?? []);
  const kinds = (useCampaignKinds().data?.tallyKinds ?? []).filter((k) => k.active);
  const { save, busy } = useSave({
    form,
    run: (v: Values) =>
      api.put(`/campaigns/${campaign.id}/days/${v.day.format('YYYY-MM-DD')}`, {
        version: day?.version,
        note: v.note || null,
        counts: kinds.map((k) => ({ kindId: k.id, value: v.counts?.[k.id] ?? 0 })),
        beforePhotoIds: [...keptBefore.map((p) => p.id), ...(v.beforePhotoIds ?? [])],
        afterPhotoIds: [...keptAfter.map((p) => p.id), ...(v.afterPhotoIds ?? [])],
      }),
    ok: '日记录已保存',
    invalidate: [keys.campaigns.all],
    onOk: onClose,
  });
  const today = dayjs().format('YYYY-MM-DD');
  const last = campaign.endDate < today ? campaign.endDate : today;
  const initial: Partial<Values> = {
    day: day ? dayjs(day.onDate) : dayjs(last),
    counts: Object.fromEntries((day?.counts ?? []).map((c) => [c.kindId, c.value])),
    note: day?.note ?? undefined,
  };
  const group = (measure: string) => kinds.filter((k) => k.measure === measure);
  return (
    <Modal
      open
      title={day ? `修改 ${day.onDate} 的日记录` : '登记日记录'}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText="保存"
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save}>
        <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker inputReadOnly disabled={!!day} disabledDate={(d) => d.format('YYYY-MM-DD') < campaign.startDate || d.format('YYYY-MM-DD') > last} />
        </Form.Item>
        {(['staff', 'result'] as const).map((m) => (
          <div key={m}>
            <Divider titlePlacement="start" plain>
              {m === 'staff' ? '投入人次' : '整治成效'}
            </Divider>
            <Space wrap>
              {group(m).map((k) => (
                <Form.Item key={k.id} name={['counts', String(k.id)]} label={`${k.name}（${k.unit}）`} style={{ width: 170 }}>
                  <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} placeholder="0" />
                </Form.Item>
              ))}
            </Space>
          </div>
        ))}
        <Form.Item label="整治前照片">
          <KeptPhotos value={keptBefore} onChange={setKeptBefore} />
          <Form.Item name="beforePhotoIds" noStyle>
            <PhotoUploader label="整治前照片" max={20 - keptBefore.length} />
          </Form.Item>
        </Form.Item>
        <Form.Item label="整治后照片">
          <KeptPhotos value={keptAfter} onChange={setKeptAfter} />
          <Form.Item name="afterPhotoIds" noStyle>
            <PhotoUploader label="整治后照片" max={20 - keptAfter.length} />
          </Form.Item>
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

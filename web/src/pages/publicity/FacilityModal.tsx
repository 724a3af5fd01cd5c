// 登记宣传设施: kind, theme, the community and the point it belongs to, owner
// unit, installed date, condition, and the location: the point's own
// coordinates, the phone's GPS (定位), or typed in (WGS84). The server
// refuses a location far outside the town, with the reason.
import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { useSave } from '../../api/save.ts';
import { useFeedback } from '../../components/useActions.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { defaultRegion } from '../inspections/region.ts';
import { CONDITION_LABELS, CONDITIONS } from '../../../../domain/publicity.ts';
import type { PlaceList } from '../../../../domain/api/regions.ts';
import type { UnitList } from '../../../../domain/api/units.ts';
import { useTerms } from './api.ts';

export function FacilityModal({ onClose }: { onClose: () => void }) {
  const me = useMe().data!;
  const [form] = Form.useForm();
  const { fail } = useFeedback();
  const [community, setCommunity] = useState<string | null>(defaultRegion(me, 12));
  const terms = useTerms().data;
  const places = useQuery({
    queryKey: keys.publicity.places(community),
    enabled: !!community,
    queryFn: () => api.get<PlaceList>('/places', { regionCode: community ?? undefined }),
  });
  const town = community?.slice(0, 9) ?? null;
  const units = useQuery({
    queryKey: keys.publicity.units(town),
    enabled: !!town,
    queryFn: () => api.get<UnitList>('/units', { regionCode: town ?? undefined }),
  });
  const { save, busy } = useSave({
    form,
    run: (v: Record<string, unknown>) =>
      api.post('/publicity/facilities', {
        ...v,
        regionCode: community,
        installedOn: v.installedOn ? (v.installedOn as Dayjs).format('YYYY-MM-DD') : null,
        note: v.note || null,
      }),
    ok: '宣传设施已登记',
    invalidate: [keys.publicity.all],
    onOk: onClose,
  });
  const locate = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) => form.setFieldsValue({ lat: Number(p.coords.latitude.toFixed(6)), lng: Number(p.coords.longitude.toFixed(6)) }),
      () => fail(new Error('无法获取定位：请允许浏览器定位，或选择点位、手动填写经纬度')),
    );
  return (
    <Modal
      open
      title="登记宣传设施"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ condition: 'good' }}>
        <Form.Item label="社区" required>
          <RegionTreeSelect value={community} onChange={setCommunity} levels={['community']} placeholder="设施所在的社区" />
        </Form.Item>
        <Form.Item name="placeId" label="所属点位" extra="选择点位后自动填入点位的位置，可再微调。">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={places.isLoading}
            options={(places.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            onChange={(id: number) => {
              const p = places.data?.items.find((x) => x.id === id);
              if (p?.lat != null && p.lng != null) form.setFieldsValue({ lat: p.lat, lng: p.lng });
            }}
          />
        </Form.Item>
        <Form.Item name="name" label="设施名称或位置说明" rules={[{ required: true, min: 2, message: '请填写设施名称（至少 2 个字）' }]}>
          <Input maxLength={100} placeholder="如：市场入口宣传栏" />
        </Form.Item>
        <Form.Item name="kindId" label="设施类别" rules={[{ required: true, message: '请选择设施类别' }]}>
          <Select options={(terms?.kinds ?? []).filter((k) => k.active).map((k) => ({ value: k.id, label: k.name }))} />
        </Form.Item>
        <Form.Item name="themeId" label="内容主题">
          <Select allowClear options={(terms?.themes ?? []).filter((k) => k.active).map((k) => ({ value: k.id, label: k.name }))} />
        </Form.Item>
        <Form.Item name="ownerUnitId" label="管理单位" extra="报告破损时，问题派给管理单位。">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={units.isLoading}
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="installedOn" label="设置日期">
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="condition" label="状况">
          <Select options={CONDITIONS.map((c) => ({ value: c, label: CONDITION_LABELS[c] }))} />
        </Form.Item>
        <Form.Item label="位置（WGS84 经纬度）" required>
          <Space wrap>
            <Form.Item name="lat" noStyle rules={[{ required: true, message: '请填写纬度' }]}>
              <InputNumber placeholder="纬度" min={-90} max={90} step={0.0001} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="lng" noStyle rules={[{ required: true, message: '请填写经度' }]}>
              <InputNumber placeholder="经度" min={-180} max={180} step={0.0001} style={{ width: 160 }} />
            </Form.Item>
            <Button icon={<AimOutlined aria-hidden />} onClick={locate}>
              定位
            </Button>
          </Space>
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea maxLength={1000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

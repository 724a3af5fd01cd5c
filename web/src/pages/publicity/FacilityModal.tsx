// 登记 or 修改 a publicity facility: kind, theme, the community and the point
// it belongs to, owner unit, installed date, condition, photos, and the
// location: clicked on the map, the point's own coordinates, the browser's
// GPS (定位), or typed in (WGS84). A location far outside the town (its
// places and boundary, grown by FACILITY_NEAR_DEGREES) is flagged at once,
// as the server will refuse it with the reason.
import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { useSave } from '../../api/save.ts';
import { useFeedback } from '../../components/useActions.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { useMapRecords, type MapRecords } from '../../components/map/useMapRecords.ts';
import { defaultRegion } from '../inspections/region.ts';
import { bboxNear, bboxOf, unionBBox, type BBox, type Position } from '../../../../domain/geo.ts';
import { CONDITION_LABELS, CONDITIONS, FACILITY_NEAR_DEGREES } from '../../../../domain/publicity.ts';
import type { FacilityDetail } from '../../../../domain/api/publicity.ts';
import type { PlaceList } from '../../../../domain/api/regions.ts';
import type { UnitList } from '../../../../domain/api/units.ts';
import { useTerms } from './api.ts';

const MapPicker = lazy(() => import('../../components/MapPicker.tsx').then((m) => ({ default: m.MapPicker })));

/** The town's extent as the records know it: its located places and its imported boundary (the server's townExtent). */
function townExtent(records: MapRecords | undefined, town: string | null): BBox | null {
  if (!records || !town) return null;
  const places = bboxOf(records.places.flatMap((p) => (p.regionCode.startsWith(town) && p.lat != null && p.lng != null ? [[p.lng, p.lat] as Position] : [])));
  const outline = bboxOf(records.boundaries.filter((b) => b.regionCode === town).flatMap((b) => b.geometry.coordinates.flat(2)));
  return unionBBox(places, outline);
}

export function FacilityModal({ facility, onClose }: { facility?: FacilityDetail; onClose: () => void }) {
  const me = useMe().data!;
  const [form] = Form.useForm();
  const { fail } = useFeedback();
  const [community, setCommunity] = useState<string | null>(facility?.regionCode ?? defaultRegion(me, 12));
  const [uploading, setUploading] = useState(false);
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
  const records = useMapRecords(!!me.can['region.read']);
  const extent = useMemo(() => townExtent(records, town), [records, town]);
  const lat = Form.useWatch('lat', form) as number | null | undefined;
  const lng = Form.useWatch('lng', form) as number | null | undefined;
  const point = lat != null && lng != null && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;
  const far = !!point && !!extent && !bboxNear(extent, [point.lng, point.lat, point.lng, point.lat], FACILITY_NEAR_DEGREES);
  const others = (places.data?.items ?? []).flatMap((p) => (p.lat != null && p.lng != null ? [{ lat: p.lat, lng: p.lng, name: p.name }] : []));
  const { save, busy } = useSave({
    form,
    run: (v: Record<string, unknown>) => {
      const { newPhotoIds, ...rest } = v as { newPhotoIds?: number[] } & Record<string, unknown>;
      const body = {
        ...rest,
        regionCode: community,
        placeId: rest.placeId ?? null,
        themeId: rest.themeId ?? null,
        ownerUnitId: rest.ownerUnitId ?? null,
        installedOn: rest.installedOn ? (rest.installedOn as Dayjs).format('YYYY-MM-DD') : null,
        note: rest.note || null,
        photoIds: [...(facility?.photos.map((p) => p.id) ?? []), ...(newPhotoIds ?? [])],
      };
      return facility ? api.put(`/publicity/facilities/${facility.id}`, { ...body, version: facility.version }) : api.post('/publicity/facilities', body);
    },
    ok: facility ? '宣传设施已保存' : '宣传设施已登记',
    invalidate: [keys.publicity.all],
    onOk: onClose,
  });
  const locate = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) => form.setFieldsValue({ lat: Number(p.coords.latitude.toFixed(6)), lng: Number(p.coords.longitude.toFixed(6)) }),
      () => fail(new Error('无法获取定位：请允许浏览器定位，或在地图上点选、手动填写经纬度')),
    );
  const initialValues = facility
    ? {
        name: facility.name,
        kindId: facility.kind.id,
        themeId: facility.theme?.id,
        placeId: facility.place?.id,
        ownerUnitId: facility.ownerUnit?.id,
        installedOn: facility.installedOn ? dayjs(facility.installedOn) : undefined,
        condition: facility.condition,
        lat: facility.lat,
        lng: facility.lng,
        note: facility.note ?? undefined,
      }
    : { condition: 'good' };
  return (
    <Modal
      open
      title={facility ? '修改宣传设施' : '登记宣传设施'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: uploading }}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={save} initialValues={initialValues}>
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
        <Form.Item label="位置（WGS84 经纬度）" required extra="在地图上点击设施所在的位置，或选择点位、定位、直接填写经纬度。">
          <Space wrap style={{ marginBottom: 8 }}>
            <Form.Item name="lat" noStyle rules={[{ required: true, message: '请在地图上选点或填写纬度' }]}>
              <InputNumber aria-label="纬度" placeholder="纬度" min={-90} max={90} step={0.0001} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="lng" noStyle rules={[{ required: true, message: '请在地图上选点或填写经度' }]}>
              <InputNumber aria-label="经度" placeholder="经度" min={-180} max={180} step={0.0001} style={{ width: 160 }} />
            </Form.Item>
            <Button icon={<AimOutlined aria-hidden />} onClick={locate}>
              定位
            </Button>
          </Space>
          {far && <Alert type="error" showIcon style={{ marginBottom: 8 }} title="该位置远在本镇范围之外，保存时会被拒绝：请在地图上重新选点或检查定位" />}
          <Suspense fallback={<div style={{ height: 280 }} />}>
            <MapPicker value={point} onChange={(v) => form.setFieldsValue(v)} others={others} records={records} height={280} />
          </Suspense>
        </Form.Item>
        <Form.Item name="newPhotoIds" label={facility?.photos.length ? `添加照片（已有 ${facility.photos.length} 张）` : '照片'}>
          <PhotoUploader label="设施照片" max={20 - (facility?.photos.length ?? 0)} onBusyChange={setUploading} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea maxLength={1000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// Create or edit a street, compound or point. Points need a point type and
// a position; the position is set on the map or typed as coordinates.
import { Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { api } from '../../api/client.ts';
import type { Place, Region } from '../../api/types.ts';
import { PLACE_KIND_LABELS, POINT_TYPES, POINT_TYPE_LABELS, type PlaceKind, type PointType } from '../../../../domain/regions.ts';
import { MapPicker, type MapMark } from '../../components/MapPicker.tsx';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';

interface Values {
  name: string;
  regionCode: string;
  address?: string;
  pointType?: PointType;
  isDemoPoint?: boolean;
  lat?: number | null;
  lng?: number | null;
}

export function PlaceFormModal({
  kind,
  region,
  grids,
  place,
  others,
  onClose,
  onSaved,
}: {
  kind: PlaceKind;
  region: Region;
  grids: Region[];
  place: Place | null;
  others: MapMark[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const label = PLACE_KIND_LABELS[kind];
  const [form] = Form.useForm<Values>();
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);
  const isPoint = kind === 'point';
  // A place belongs to the community itself or to one of its grids.
  const homeOptions =
    region.level === 'community'
      ? [{ value: region.code, label: `${region.name}（不划入网格）` }, ...grids.map((g) => ({ value: g.code, label: g.name }))]
      : [{ value: region.code, label: region.name }];

  const { save, busy } = useSave({
    form,
    run: (v: Values) => {
      const body = {
        name: v.name,
        regionCode: v.regionCode,
        address: v.address || null,
        lat: v.lat ?? null,
        lng: v.lng ?? null,
        ...(isPoint ? { pointType: v.pointType, isDemoPoint: !!v.isDemoPoint } : {}),
      };
      return place ? api.patch(`/places/${place.id}`, { version: place.version, ...body }) : api.post('/places', { kind, ...body });
    },
    ok: place ? `${label}已保存` : `${label}已添加`,
    invalidate: [keys.places.all],
    onOk: onSaved,
  });

  return (
    <Modal
      open
      title={place ? `编辑${label}` : `新增${label}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      width={isPoint ? 720 : 560}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name={`place-${kind}`}
        layout="vertical"
        requiredMark={false}
        onFinish={save}
        initialValues={
          place
            ? {
                name: place.name,
                regionCode: place.regionCode,
                address: place.address ?? undefined,
                pointType: place.pointType ?? undefined,
                isDemoPoint: place.isDemoPoint,
                lat: place.lat,
                lng: place.lng,
              }
            : { regionCode: region.code, isDemoPoint: false }
        }
      >
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: `请输入${label}名称` },
            { max: 100, message: '名称最多 100 个字' },
          ]}
        >
          <Input maxLength={100} placeholder={kind === 'street' ? '如：水东街' : kind === 'compound' ? '如：幸福家园小区' : '如：中心农贸市场'} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="regionCode" label="所属网格" rules={[{ required: true, message: '请选择所属社区或网格' }]}>
              <Select options={homeOptions} />
            </Form.Item>
          </Col>
          {isPoint && (
            <Col xs={24} sm={12}>
              <Form.Item name="pointType" label="点位类型" rules={[{ required: true, message: '请选择点位类型' }]}>
                <Select placeholder="请选择" options={POINT_TYPES.map((t) => ({ value: t, label: POINT_TYPE_LABELS[t] }))} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="address" label="地址" rules={[{ max: 200, message: '地址最多 200 个字' }]}>
          <Input maxLength={200} placeholder="选填" />
        </Form.Item>
        {isPoint && (
          <Form.Item name="isDemoPoint" label="示范点" valuePropName="checked" extra="示范点每月考察一次">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        )}
        <Form.Item label={isPoint ? '位置（在地图上点击设置）' : '位置（选填，在地图上点击设置）'} style={{ marginBottom: 8 }}>
          <MapPicker
            height={isPoint ? 300 : 240}
            value={lat != null && lng != null ? { lat, lng } : null}
            onChange={(p) => form.setFieldsValue({ lat: p.lat, lng: p.lng })}
            others={others}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="lat" label="纬度" rules={isPoint ? [{ required: true, message: '请在地图上点击或填写纬度' }] : []}>
              <InputNumber min={-90} max={90} step={0.0001} precision={6} style={{ width: '100%' }} placeholder="如 25.8425" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="lng" label="经度" rules={isPoint ? [{ required: true, message: '请在地图上点击或填写经度' }] : []}>
              <InputNumber min={-180} max={180} step={0.0001} precision={6} style={{ width: '100%' }} placeholder="如 116.3575" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

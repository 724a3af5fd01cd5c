// 登记需求 / 修改: kind, where (a place of the town, or a community with an
// address), the point on the map, quantity and size, who found it and when,
// the departments to coordinate with, photos.
import { Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { useSave } from '../../api/save.ts';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import type { NeedDetail } from '../../../../domain/api/surveys.ts';
import { useNeedKinds, useNeedOptions } from './api.ts';

interface Values {
  kindId: number;
  regionCode?: string;
  placeId?: number;
  address?: string;
  description: string;
  quantity: number;
  size?: string;
  foundBy: string;
  foundOn: Dayjs;
  unitIds: number[];
  photoIds?: number[];
}

export function NeedModal({ need, onClose }: { need?: NeedDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const me = useMe().data;
  const kinds = useNeedKinds().data?.items ?? [];
  const region = Form.useWatch('regionCode', form);
  const town = need?.townCode ?? (region ?? me?.user.regionCode ?? '').slice(0, 9);
  const options = useNeedOptions(town.length === 9 ? town : null).data;
  const { save, busy } = useSave({
    form,
    run: (v: Values) => {
      const body = {
        kindId: v.kindId,
        regionCode: v.placeId ? null : (v.regionCode ?? null),
        placeId: v.placeId ?? null,
        address: v.address || null,
        description: v.description,
        quantity: v.quantity,
        size: v.size || null,
        foundBy: v.foundBy,
        foundOn: v.foundOn.format('YYYY-MM-DD'),
        unitIds: v.unitIds ?? [],
        photoIds: v.photoIds,
      };
      return need ? api.put<NeedDetail>(`/surveys/needs/${need.id}`, { ...body, version: need.version }) : api.post<NeedDetail>('/surveys/needs', body);
    },
    ok: '摸排需求已保存',
    invalidate: [keys.surveys.all],
    onOk: (n: NeedDetail) => {
      onClose();
      if (!need) navigate(`/surveys/${n.id}`);
    },
  });
  const initial: Partial<Values> = need
    ? {
        kindId: need.kind.id,
        regionCode: need.regionCode,
        placeId: need.place?.id,
        address: need.address ?? undefined,
        description: need.description,
        quantity: need.quantity,
        size: need.size ?? undefined,
        foundBy: need.foundBy,
        foundOn: dayjs(need.foundOn),
        unitIds: need.units.map((u) => u.id),
      }
    : { quantity: 1, foundBy: me?.user.name, foundOn: dayjs() };
  const places = (options?.places ?? []).filter((p) => !region || p.regionCode.startsWith(region));
  return (
    <Modal open title={need ? '修改摸排需求' : '登记摸排需求'} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText="保存" width={680}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save}>
        <Form.Item name="kindId" label="需求类别" rules={[{ required: true, message: '请选择需求类别' }]}>
          <Select options={kinds.filter((k) => k.active).map((k) => ({ value: k.id, label: k.name }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="regionCode" label="所在社区">
              <RegionTreeSelect placeholder="选择社区" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="placeId" label="地点（街巷、小区或点位）" extra="选了地点即按地点所在社区登记">
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={places.map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label="详细位置">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label="需求描述" rules={[{ required: true, min: 2, message: '请描述需求（至少 2 个字）' }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="quantity" label="数量" rules={[{ required: true, message: '请填写数量' }]}>
              <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="size" label="规模（面积、长度等）">
              <Input maxLength={50} placeholder="如：约200平方米" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="foundBy" label="发现人" rules={[{ required: true, message: '请填写发现人' }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="foundOn" label="发现日期" rules={[{ required: true, message: '请选择发现日期' }]}>
              <DatePicker inputReadOnly style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="unitIds" label="对接部门" rules={[{ required: true, message: '请选择至少一个对接部门' }]}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={(options?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="photoIds" label="现场照片">
          <PhotoUploader label="现场照片" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// Create or edit a unit: kind, name, home region, contact, and the
// communities it is paired with (挂钩社区).
import { Col, Form, Input, Modal, Row, Select } from 'antd';
import { api } from '../../api/client.ts';
import type { Unit } from '../../api/types.ts';
import { COMMUNITY_LEVEL_UNITS, PAIRABLE_UNITS, UNIT_KINDS, UNIT_KIND_LABELS, UNIT_LEVELS, type UnitKind } from '../../../../domain/units.ts';
import type { RegionLevel } from '../../../../domain/regions.ts';
import { CommunityMultiSelect, RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';

interface Values {
  kind: UnitKind;
  name: string;
  regionCode: string;
  contactName?: string;
  contactPhone?: string;
  communityCodes?: string[];
}

// Where each kind may live (the server enforces the same table).
const LEVELS: Record<UnitKind, RegionLevel[]> = UNIT_LEVELS; // the server's own rule (domain/units.ts)

export function UnitFormModal({ unit, onClose, onSaved }: { unit: Unit | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) as UnitKind | undefined;

  const { save, busy } = useSave({
    form,
    run: (v: Values) => {
      const body = {
        kind: v.kind,
        name: v.name,
        regionCode: v.regionCode,
        contactName: v.contactName || null,
        contactPhone: v.contactPhone || null,
        communityCodes: v.communityCodes ?? [],
      };
      return unit ? api.patch(`/units/${unit.id}`, { version: unit.version, ...body }) : api.post('/units', body);
    },
    ok: unit ? '单位已保存' : '单位已添加',
    invalidate: [keys.units.all],
    onOk: onSaved,
  });

  return (
    <Modal
      open
      title={unit ? '编辑单位' : '新增单位'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      width={640}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="unit"
        layout="vertical"
        requiredMark={false}
        onFinish={save}
        initialValues={
          unit
            ? {
                kind: unit.kind,
                name: unit.name,
                regionCode: unit.regionCode,
                contactName: unit.contactName ?? undefined,
                contactPhone: unit.contactPhone ?? undefined,
                communityCodes: unit.communities.map((c) => c.code),
              }
            : { communityCodes: [] }
        }
      >
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item name="kind" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]}>
              <Select placeholder="请选择" options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item
              name="name"
              label="单位名称"
              rules={[
                { required: true, whitespace: true, message: '请输入单位名称' },
                { max: 100, message: '最多 100 个字' },
              ]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="regionCode"
          label="所属区域"
          rules={[{ required: true, message: '请选择所属区域' }]}
          extra={kind && COMMUNITY_LEVEL_UNITS.includes(kind) ? '该类单位归属于某个社区' : undefined}
        >
          <RegionTreeSelect levels={kind ? LEVELS[kind] : undefined} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="contactName" label="联系人" rules={[{ max: 50, message: '最多 50 个字' }]}>
              <Input maxLength={50} placeholder="选填" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="contactPhone"
              label="联系电话"
              rules={[{ pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, message: '请填写手机号或座机号（如 0597-1234567）' }]}
            >
              <Input maxLength={20} placeholder="选填" inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="communityCodes"
          label="挂钩社区"
          extra={kind && PAIRABLE_UNITS.includes(kind) ? '挂钩共建：该单位联系、帮扶的社区' : '一般只有挂钩共建单位和职能部门需要填写'}
        >
          <CommunityMultiSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}

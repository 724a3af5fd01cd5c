// Add or change a decision: the content, one owner (a unit the town may assign
// work to — its reachable units, grouped as in dispatch — or a person of the
// town), the working days it has, and optionally the place it is about.
import { Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { PersonSelect, PlaceSelect } from '../inspections/pickers.tsx';
import { useOwnerUnits, type DecisionDetail } from './api.ts';

interface Values {
  content: string;
  ownerKind: 'unit' | 'person';
  ownerUnitId?: number;
  ownerPersonId?: number;
  workingDays: number;
  placeId?: number | null;
}

export function DecisionModal({ meeting, decision, onClose }: { meeting: { id: number; regionCode: string }; decision?: DecisionDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('ownerKind', form) ?? decision?.owner.kind ?? 'unit';
  const units = useOwnerUnits(meeting.regionCode);
  const groups = new Map<string, { value: number; label: string }[]>();
  for (const u of units.data?.items ?? []) groups.set(u.viaLabel, [...(groups.get(u.viaLabel) ?? []), { value: u.id, label: u.name }]);
  const { save, busy } = useSave({
    form,
    run: (v: Values) => {
      const body = {
        content: v.content,
        workingDays: v.workingDays,
        placeId: v.placeId ?? null,
        ownerUnitId: v.ownerKind === 'unit' ? (v.ownerUnitId ?? null) : null,
        ownerPersonId: v.ownerKind === 'person' ? (v.ownerPersonId ?? null) : null,
      };
      return decision
        ? api.put(`/meetings/decisions/${decision.id}`, { ...body, version: decision.version })
        : api.post(`/meetings/${meeting.id}/decisions`, body);
    },
    ok: decision ? '决定事项已修改' : '已添加决定事项，已进入责任方的待办',
    invalidate: [keys.meetings.all, keys.inbox.all],
    onOk: onClose,
  });
  return (
    <Modal
      open
      title={decision ? '修改决定事项' : '添加决定事项'}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText="保存"
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={
          decision
            ? {
                content: decision.content,
                ownerKind: decision.owner.kind,
                ownerUnitId: decision.owner.kind === 'unit' ? decision.owner.id : undefined,
                ownerPersonId: decision.owner.kind === 'person' ? decision.owner.id : undefined,
                workingDays: decision.workingDays,
                placeId: decision.place?.id ?? null,
              }
            : { ownerKind: 'unit', workingDays: 5 }
        }
      >
        <Form.Item name="content" label="决定事项" rules={[{ required: true, min: 2, message: '请填写会上决定的事项' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="ownerKind" label="责任方">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'unit', label: '责任单位' },
              { value: 'person', label: '责任人' },
            ]}
          />
        </Form.Item>
        {kind === 'unit' ? (
          <Form.Item name="ownerUnitId" label="责任单位（本镇可派遣的单位）" rules={[{ required: true, message: '请选择责任单位' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="输入单位名称搜索"
              loading={units.isLoading}
              notFoundContent="没有匹配的单位"
              options={[...groups].map(([label, options]) => ({ label, options }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="ownerPersonId" label="责任人" rules={[{ required: true, message: '请选择责任人' }]}>
            <PersonSelect value={null} onChange={() => {}} regionCode={meeting.regionCode.slice(0, 9)} placeholder="选择本镇人员" style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="workingDays" label="办理期限（工作日，自会议当天起算，节假日不计）" rules={[{ required: true, message: '请填写办理期限' }]}>
          <InputNumber min={1} max={250} addonAfter="个工作日" />
        </Form.Item>
        <Form.Item name="placeId" label="涉及的点位（选填；指明点位的事项可以转为问题跟踪整改）">
          <PlaceSelect
            value={null}
            onChange={() => {}}
            regionCode={meeting.regionCode.slice(0, 9)}
            placeholder="选择街巷、小区或点位"
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

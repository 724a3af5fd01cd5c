// 角色: replace a person's role grants (PUT /api/people/:id/roles).
import { Form, Modal, Typography } from 'antd';
import { api } from '../../api/client.ts';
import type { Person } from '../../api/types.ts';
import type { Role } from '../../../../domain/roles.ts';
import { RolesField, toGrants } from './RolesField.tsx';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';

interface Values {
  roles: { role?: Role; scopeRegionCode?: string | null; scopeUnitId?: number | null }[];
}

export function RolesModal({ person, onClose, onSaved }: { person: Person; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { save, busy } = useSave({
    form,
    run: (v: Values) => api.put(`/people/${person.id}/roles`, { roles: toGrants(v.roles) }),
    ok: '角色已保存',
    invalidate: [keys.people.all],
    onOk: onSaved,
  });
  return (
    <Modal
      open
      title={`角色：${person.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      width={640}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">每个角色都有管辖范围：区域类角色选择管辖的县、镇或社区，单位联络员和志愿者选择所属单位。</Typography.Paragraph>
      <Form<Values>
        form={form}
        name="roles"
        onFinish={save}
        requiredMark={false}
        initialValues={{ roles: person.roles.map((r) => ({ role: r.role, scopeRegionCode: r.scopeRegionCode, scopeUnitId: r.scopeUnitId })) }}
      >
        <RolesField />
      </Form>
    </Modal>
  );
}

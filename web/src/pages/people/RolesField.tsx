// Role grants as a Form.List: each row a role and its scope. Region-scoped
// roles pick a region of the allowed levels; 单位联络员 and 志愿者 pick a unit
// (domain/roles.ts ROLE_SCOPE).
import { Button, Form, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLES, ROLE_LABELS, ROLE_SCOPE, type Role } from '../../../../domain/roles.ts';
import { useMe, useUnitOptions } from '../../api/queries.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';

function ScopeField({ index }: { index: number }) {
  const form = Form.useFormInstance();
  const role = Form.useWatch(['roles', index, 'role'], form) as Role | undefined;
  const units = useUnitOptions(role ? ROLE_SCOPE[role].kind === 'unit' : false);
  if (!role) return <div style={{ flex: 1, minWidth: 160 }} />;
  const rule = ROLE_SCOPE[role];
  if (rule.kind === 'unit') {
    return (
      <Form.Item name={[index, 'scopeUnitId']} rules={[{ required: true, message: '请选择所属单位' }]} style={{ flex: 1, minWidth: 160, marginBottom: 8 }}>
        <Select
          placeholder="所属单位"
          options={units.data ?? []}
          loading={units.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          notFoundContent="没有可选的单位"
        />
      </Form.Item>
    );
  }
  return (
    <Form.Item
      name={[index, 'scopeRegionCode']}
      rules={role === 'admin' ? [] : [{ required: true, message: '请选择管辖区域' }]}
      style={{ flex: 1, minWidth: 160, marginBottom: 8 }}
    >
      <RegionTreeSelect levels={rule.levels} placeholder={role === 'admin' ? '管辖区域（留空为全部区域）' : undefined} />
    </Form.Item>
  );
}

export function RolesField() {
  const me = useMe().data!;
  const options = ROLES.filter((r) => me.can['role.grant_admin'] || (r !== 'admin' && r !== 'county_viewer')).map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  const form = Form.useFormInstance();
  return (
    <Form.List name="roles">
      {(fields, { add, remove }) => (
        <div>
          {fields.map((f) => (
            <div key={f.key} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
              <Form.Item name={[f.name, 'role']} rules={[{ required: true, message: '请选择角色' }]} style={{ width: 140, marginBottom: 8 }}>
                <Select
                  placeholder="角色"
                  options={options}
                  onChange={() =>
                    form.setFields([
                      { name: ['roles', f.name, 'scopeRegionCode'], value: undefined },
                      { name: ['roles', f.name, 'scopeUnitId'], value: undefined },
                    ])
                  }
                />
              </Form.Item>
              <ScopeField index={f.name} />
              <Button aria-label="删除该角色" icon={<DeleteOutlined aria-hidden />} onClick={() => remove(f.name)} />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})} block>
            添加角色
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** Form values → API grants. */
export function toGrants(rows: { role?: Role; scopeRegionCode?: string | null; scopeUnitId?: number | null }[] | undefined) {
  return (rows ?? [])
    .filter((r) => r.role)
    .map((r) =>
      ROLE_SCOPE[r.role!].kind === 'unit'
        ? { role: r.role!, scopeUnitId: r.scopeUnitId ?? null }
        : { role: r.role!, scopeRegionCode: r.scopeRegionCode ?? null },
    );
}

// Create a person (with roles; the server may generate the initial
// password) or edit one (name, phone, username, title, unit, active).
import { Col, Divider, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { api } from '../../api/client.ts';
import { useUnitOptions } from '../../api/queries.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { Person } from '../../api/types.ts';
import { PHONE_RE, USERNAME_RE, passwordProblem } from '../../../../domain/people.ts';
import type { Role } from '../../../../domain/roles.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { RolesField, toGrants } from './RolesField.tsx';

interface Values {
  name: string;
  phone: string;
  username?: string;
  title?: string;
  regionCode?: string | null;
  unitId?: number | null;
  password?: string;
  active?: boolean;
  roles?: { role?: Role; scopeRegionCode?: string | null; scopeUnitId?: number | null }[];
}

export function PersonFormModal({
  person,
  onClose,
  onSaved,
}: {
  person: Person | null;
  onClose: () => void;
  onSaved: (r: { person: Person; initialPassword?: string | null }) => void;
}) {
  const [form] = Form.useForm<Values>();
  const units = useUnitOptions();
  const masked = !!person?.phone?.includes('*');

  const { save, busy } = useSave({
    form,
    run: async (v: Values): Promise<{ person: Person; initialPassword?: string | null }> => {
      const common = {
        name: v.name,
        username: v.username || null,
        title: v.title || null,
        unitId: v.unitId ?? null,
        ...(masked ? {} : { phone: v.phone }),
      };
      if (person) {
        const p = await api.patch<Person>(`/people/${person.id}`, {
          version: person.version,
          ...common,
          active: v.active,
          ...(v.regionCode && v.regionCode !== person.regionCode ? { regionCode: v.regionCode } : {}),
        });
        return { person: p };
      }
      return api.post<{ person: Person; initialPassword: string | null }>('/people', {
        ...common,
        regionCode: v.regionCode || undefined,
        password: v.password || undefined,
        roles: toGrants(v.roles),
      });
    },
    ok: person ? '人员信息已保存' : '人员已添加',
    invalidate: [keys.people.all],
    onOk: onSaved,
  });

  return (
    <Modal
      open
      title={person ? `编辑人员：${person.name}` : '新增人员'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      width={680}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="person"
        layout="vertical"
        requiredMark={false}
        onFinish={save}
        initialValues={
          person
            ? {
                name: person.name,
                phone: person.phone ?? '',
                username: person.username ?? '',
                title: person.title ?? '',
                regionCode: person.regionCode,
                unitId: person.unitId,
                active: person.active,
              }
            : { roles: [{}] }
        }
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label="姓名"
              rules={[
                { required: true, whitespace: true, message: '请输入姓名' },
                { max: 50, message: '最多 50 个字' },
              ]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="phone"
              label="手机号"
              rules={
                masked
                  ? []
                  : [
                      { required: true, message: '请输入手机号' },
                      { pattern: PHONE_RE, message: '请输入 11 位手机号' },
                    ]
              }
              extra={masked ? '您无权查看或修改完整手机号' : '可用于登录'}
            >
              <Input maxLength={11} inputMode="tel" disabled={masked} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="username"
              label="用户名"
              rules={[{ pattern: USERNAME_RE, message: '须以字母开头，3-32 位字母、数字或 _ . -' }]}
              extra="选填，可用于登录"
            >
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="title" label="职务" rules={[{ max: 50, message: '最多 50 个字' }]}>
              <Input maxLength={50} placeholder="选填，如：社区书记" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="regionCode" label="所属区域" extra={person ? undefined : '留空则按所属单位或角色确定'}>
              <RegionTreeSelect allowClear={!person} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="unitId" label="所属单位">
              <Select
                allowClear
                placeholder="选填"
                options={units.data ?? []}
                loading={units.isLoading}
                showSearch={{ optionFilterProp: 'label' }}
                notFoundContent="没有可选的单位"
              />
            </Form.Item>
          </Col>
          {person ? (
            <Col xs={24} sm={12}>
              <Form.Item name="active" label="账号状态" valuePropName="checked" extra="停用后立即下线，不能再登录">
                <Switch checkedChildren="启用" unCheckedChildren="停用" />
              </Form.Item>
            </Col>
          ) : (
            <Col xs={24} sm={12}>
              <Form.Item
                name="password"
                label="初始密码"
                extra="留空则自动生成；首次登录须修改"
                rules={[
                  {
                    validator: (_, v) => {
                      const p = v ? passwordProblem(v) : null;
                      return p ? Promise.reject(new Error(p)) : Promise.resolve();
                    },
                  },
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          )}
        </Row>
        {!person && (
          <>
            <Divider titlePlacement="start" plain>
              角色与管辖范围
            </Divider>
            <RolesField />
          </>
        )}
      </Form>
    </Modal>
  );
}

// A unit's liaisons (单位联络员): who they are (phones masked unless the
// caller manages them), add a new one (a one-time password is shown once)
// and remove one. Whether the caller may manage them is the server's answer
// (can.manage): a town's units by its office, county-level units by the
// county office.
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Unit } from '../../api/types.ts';
import { useFeedback } from '../../components/useActions.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';

import type { Liaison, LiaisonList } from '../../../../domain/api/units.ts';

export function LiaisonsModal({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const { confirm } = useFeedback();
  const [form] = Form.useForm();
  const [password, setPassword] = useState<{ name: string; password: string } | null>(null);
  const key = keys.units.liaisons(unit.id);
  const q = useQuery({ queryKey: key, queryFn: () => api.get<LiaisonList>(`/units/${unit.id}/liaisons`) });
  const manage = !!q.data?.can.manage;

  const { save: add } = useSave({
    form,
    run: (v: { name: string; phone: string; title?: string }) =>
      api.post<{ liaison: Liaison; initialPassword: string | null }>(`/units/${unit.id}/liaisons`, { name: v.name, phone: v.phone, title: v.title || null }),
    ok: (r) => `已添加联络员${r.liaison.name}`,
    invalidate: [keys.units.all],
    onOk: (r) => {
      if (r.initialPassword) setPassword({ name: r.liaison.name, password: r.initialPassword });
      form.resetFields();
    },
  });
  const del = useSave({ run: (l: Liaison) => api.del(`/units/${unit.id}/liaisons/${l.id}`), ok: '已移除', invalidate: [keys.units.all] });
  const remove = (l: Liaison) => confirm('移除联络员', `确定不再由“${l.name}”担任${unit.name}的联络员吗？`, () => del.save(l));

  return (
    <Modal open title={`${unit.name}：单位联络员`} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} width={640} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        {!manage && q.data && (
          <Typography.Text type="secondary">
            {unit.regionCode.length < 9 ? '县级单位的联络员由县创城办或系统管理员管理，此处仅供查看。' : '此处仅供查看。'}
          </Typography.Text>
        )}
        <Table<Liaison>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: manage ? '还没有联络员：在下方填写姓名和手机号添加' : '还没有联络员' }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '职务', dataIndex: 'title', render: (v: string | null) => v || '—' },
            { title: '手机号', dataIndex: 'phone', render: (v: string | null) => v || '—' },
            { title: '状态', dataIndex: 'active', width: 70, render: (a: boolean) => (a ? '在用' : '停用') },
            ...(manage
              ? [
                  {
                    title: '操作',
                    key: 'ops',
                    width: 80,
                    render: (_: unknown, l: Liaison) => (
                      <Button type="link" size="small" danger onClick={() => remove(l)}>
                        移除
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {password && (
          <Alert
            type="success"
            showIcon
            closable
            onClose={() => setPassword(null)}
            message={`${password.name}的初始密码：${password.password}`}
            description="请转告本人；首次登录须修改密码。此密码只显示这一次。"
          />
        )}
        {manage && (
          <Form form={form} layout="inline" onFinish={add} aria-label="添加联络员">
            <Form.Item name="name" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input placeholder="姓名" maxLength={50} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item
              name="phone"
              rules={[
                { required: true, message: '请填写手机号' },
                { pattern: /^1[3-9]\d{9}$/, message: '手机号应为 11 位手机号' },
              ]}
            >
              <Input placeholder="手机号" maxLength={11} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="title">
              <Input placeholder="职务（可选）" maxLength={50} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit">
                添加联络员
              </Button>
            </Form.Item>
          </Form>
        )}
      </Space>
    </Modal>
  );
}

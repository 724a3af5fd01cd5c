// 活动类别 (the admin): rename, reorder, retire and add kinds. A retired kind
// stays on past activities and can no longer be planned.
import { useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { ActivityKind } from '../../../../domain/api/activities.ts';
import { useKinds } from './api.ts';

interface Values {
  name: string;
  sort?: number;
  active?: boolean;
}

export function KindsTab() {
  const q = useKinds();
  const [editing, setEditing] = useState<ActivityKind | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const { save, busy } = useSave({
    form,
    run: (v: Values) =>
      editing === 'new'
        ? api.post('/activities/kinds', { name: v.name, sort: v.sort })
        : api.patch(`/activities/kinds/${(editing as ActivityKind).id}`, { ...v, version: (editing as ActivityKind).version }),
    ok: '活动类别已保存',
    invalidate: [keys.activities.all],
    onOk: () => setEditing(null),
  });
  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined aria-hidden />}
        style={{ marginBottom: 12 }}
        onClick={() => {
          form.resetFields();
          setEditing('new');
        }}
      >
        新增类别
      </Button>
      <Table<ActivityKind>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '排序', dataIndex: 'sort', width: 90 },
          { title: '状态', width: 90, render: (_, k) => (k.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          {
            title: '',
            width: 100,
            render: (_, k) => (
              <Button
                size="small"
                onClick={() => {
                  form.setFieldsValue({ name: k.name, sort: k.sort, active: k.active });
                  setEditing(k);
                }}
              >
                修改
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新增活动类别' : '修改活动类别'}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ sort: 100, active: true }}>
          <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, message: '请填写类别名称（2-20 个字）' }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="sort" label="排序（小的在前）">
            <InputNumber min={0} max={9999} precision={0} />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="active" label="启用" valuePropName="checked" extra="停用后不能再用于计划新活动，已有活动不受影响。">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

// 单元网格 of a community: list, add (POST /regions/:code/grids), delete.
import { useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import type { Region } from '../../api/types.ts';
import { useFeedback } from '../../components/useActions.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { EmptyState } from '../../components/EmptyState.tsx';

export function GridsTab({ community, grids, canAdd, onSelect }: { community: Region; grids: Region[]; canAdd: boolean; onSelect: (code: string) => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; seq?: number }>();
  const { confirm } = useFeedback();

  const { save, busy } = useSave({
    form,
    run: (v: { name: string; seq?: number }) => api.post(`/regions/${community.code}/grids`, { name: v.name, seq: v.seq ?? undefined }),
    ok: '网格已添加',
    invalidate: [keys.regions.all],
    onOk: () => {
      setOpen(false);
      form.resetFields();
    },
  });

  const del = useSave({ run: (g: Region) => api.del(`/regions/${g.code}`), ok: '网格已删除', invalidate: [keys.regions.all] });
  const remove = (g: Region) => confirm('删除网格', `确定删除网格“${g.name}”吗？网格下的街巷、小区和点位须先移走。`, () => del.save(g));

  return (
    <div>
      {canAdd && (
        <div className="toolbar">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>
            新增网格
          </Button>
        </div>
      )}
      <Table
        rowKey="code"
        size="small"
        dataSource={grids}
        pagination={false}
        locale={{ emptyText: <EmptyState text={canAdd ? '该社区还没有单元网格，点击“新增网格”添加' : '该社区还没有单元网格'} /> }}
        columns={[
          { title: '网格名称', dataIndex: 'name', render: (v: string, g) => <a onClick={() => onSelect(g.code)}>{v}</a> },
          { title: '网格编码', dataIndex: 'code', responsive: ['sm'], render: (v: string) => <span className="mono">{v}</span> },
          ...(canAdd
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  width: 80,
                  render: (_: unknown, g: Region) => (
                    <Button type="link" danger size="small" onClick={() => remove(g)}>
                      删除
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        title={`新增网格：${community.name}`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
          <Form.Item
            name="name"
            label="名称"
            rules={[
              { required: true, whitespace: true, message: '请输入网格名称' },
              { max: 100, message: '名称最多 100 个字' },
            ]}
          >
            <Input placeholder="如：第一网格" maxLength={100} />
          </Form.Item>
          <Form.Item
            name="seq"
            label="序号"
            extra={<Typography.Text type="secondary">1-999，留空则自动取下一个序号；网格编码 = 社区代码 + 3 位序号</Typography.Text>}
          >
            <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

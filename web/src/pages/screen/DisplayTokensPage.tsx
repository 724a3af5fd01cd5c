// 大屏令牌: the office creates a display token for a wall display of its town
// (or a community, or the county office its county), sees it once with the
// screen's address to open on the display, lists the displays with when they
// last read, and revokes one (the display stops at its next refresh).
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { DesktopOutlined, PlusOutlined } from '@ant-design/icons';
import type { DisplayToken, DisplayTokenCreated } from '../../../../domain/api/screen.ts';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useCursorPages } from '../../api/pages.ts';
import { useSave } from '../../api/save.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { fmtDateTime } from '../../components/format.ts';

function CreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (t: DisplayTokenCreated) => void }) {
  const [form] = Form.useForm<{ name: string; regionCode: string }>();
  const { save, busy } = useSave({
    run: (v: { name: string; regionCode: string }) => api.post<DisplayTokenCreated>('/screen/tokens', v),
    form,
    invalidate: [keys.screenTokens.all],
    onOk: (t) => onCreated(t),
  });
  return (
    <Modal open title="新建大屏令牌" okText="创建" onOk={() => form.submit()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save(v)}>
        <Form.Item name="name" label="大屏名称" rules={[{ required: true, message: '请填写大屏名称' }]} extra="如：镇政府一楼大厅、书记办公室">
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="regionCode" label="显示的区划" rules={[{ required: true, message: '请选择区划' }]} extra="大屏只能看到这个区划（及其下级）的数字">
          <RegionTreeSelect levels={['county', 'town', 'community']} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Created({ t, onClose }: { t: DisplayTokenCreated; onClose: () => void }) {
  const url = `${window.location.origin}${t.url}`;
  return (
    <Modal open title="大屏令牌已创建" okText="我已记下" onOk={onClose} onCancel={onClose} cancelButtonProps={{ style: { display: 'none' } }}>
      <Alert
        type="warning"
        showIcon
        message="地址中的令牌只显示这一次"
        description="请复制后在大屏的浏览器中打开；之后大屏会记住它，地址栏不再显示令牌。令牌泄露时在此撤销即可。"
      />
      <p style={{ marginTop: 16 }}>
        {t.name}（{t.regionName}）的大屏地址：
      </p>
      <Typography.Paragraph className="mono wrap-anywhere" copyable={{ text: url, tooltips: ['复制', '已复制'] }}>
        {url}
      </Typography.Paragraph>
    </Modal>
  );
}

export default function DisplayTokensPage() {
  const list = useCursorPages<DisplayToken>(keys.screenTokens.all, '/screen/tokens', {});
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<DisplayTokenCreated | null>(null);
  const revoke = useSave({
    run: (id: number) => api.post<DisplayToken>(`/screen/tokens/${id}/revoke`),
    ok: '已撤销，该大屏下次刷新时停止显示',
    invalidate: [keys.screenTokens.all],
  });
  const add = (
    <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
      新建大屏令牌
    </Button>
  );
  return (
    <Card>
      <PageExtra>
        <Space>
          <Button icon={<DesktopOutlined aria-hidden />} href="/screen" target="_blank">
            打开大屏
          </Button>
          {add}
        </Space>
      </PageExtra>
      <Typography.Paragraph type="secondary">
        大屏令牌让会议室、大厅的显示屏不用登录个人账号即可显示指挥大屏：只能查看所选区划的数字，不能做任何修改，长期有效，随时可以撤销。
      </Typography.Paragraph>
      <Table
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: <EmptyState text="还没有大屏令牌。为大厅或会议室的显示屏新建一个，复制地址在显示屏上打开即可。" action={add} /> }}
        columns={[
          { title: '大屏名称', dataIndex: 'name', render: (v: string) => <span className="wrap-anywhere">{v}</span> },
          { title: '显示区划', dataIndex: 'regionName', width: 160 },
          { title: '创建人', dataIndex: 'createdByName', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '创建时间', dataIndex: 'createdAt', width: 170, render: (v: string) => fmtDateTime(v) },
          { title: '最近使用', dataIndex: 'lastUsedAt', width: 170, render: (v: string | null) => (v ? fmtDateTime(v) : '尚未使用') },
          {
            title: '状态',
            key: 'state',
            width: 150,
            render: (_: unknown, t: DisplayToken) => (t.revokedAt ? <Tag>已撤销 {fmtDateTime(t.revokedAt).slice(0, 10)}</Tag> : <Tag color="green">有效</Tag>),
          },
          {
            title: '操作',
            key: 'op',
            width: 90,
            render: (_: unknown, t: DisplayToken) =>
              t.canRevoke && (
                <Popconfirm title={`撤销“${t.name}”的令牌？该大屏将停止显示`} okText="撤销" cancelText="取消" onConfirm={() => revoke.save(t.id)}>
                  <Button type="link" danger>
                    撤销
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <LoadMore list={list} />
      {creating && (
        <CreateModal
          onClose={() => setCreating(false)}
          onCreated={(t) => {
            setCreating(false);
            setCreated(t);
          }}
        />
      )}
      {created && <Created t={created} onClose={() => setCreated(null)} />}
    </Card>
  );
}

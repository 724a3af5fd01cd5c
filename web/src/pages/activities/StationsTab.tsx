// 实践所（站）: each practice institute and station with the place on the map it
// is linked to; the town office sets the place (planning then starts there).
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Form, Modal, Select, Table, Tag } from 'antd';
import { EmptyState } from '../../components/EmptyState.tsx';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { Station } from '../../../../domain/api/activities.ts';
import { useOptions, useStations } from './api.ts';

function PlaceModal({ s, onClose }: { s: Station; onClose: () => void }) {
  const [form] = Form.useForm<{ placeId: number }>();
  const options = useOptions(s.regionCode.slice(0, 9));
  const places = (options.data?.places ?? []).filter((p) => p.regionCode.startsWith(s.regionCode));
  const { save, busy } = useSave({
    form,
    run: (v: { placeId: number }) => api.put(`/activities/stations/${s.id}/place`, v),
    ok: '位置已设置',
    invalidate: [keys.activities.all],
    onOk: onClose,
  });
  return (
    <Modal
      open
      title={`设置“${s.name}”的位置`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ placeId: s.place?.id }}>
        <Form.Item
          name="placeId"
          label="所在地点"
          rules={[{ required: true, message: '请选择地点' }]}
          extra={
            options.data && !places.length
              ? '该社区还没有登记街巷、小区或点位：请先在“区划与点位”中添加实践站所在的点位。'
              : '从本社区已登记的街巷、小区、点位中选择。'
          }
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={options.isLoading}
            options={places.map((p) => ({ value: p.id, label: `${p.name} · ${p.regionName ?? ''}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function StationsTab() {
  const q = useStations();
  const [editing, setEditing] = useState<Station | null>(null);
  return (
    <>
      <Table<Station>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{
          emptyText: (
            <EmptyState
              text="还没有新时代文明实践所（站）：请先在“单位”页面新增类型为“新时代文明实践所/站”的单位，再回到这里设置位置。"
              action={
                <Link to="/units">
                  <Button>去单位页面</Button>
                </Link>
              }
            />
          ),
        }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kindLabel', width: 160 },
          { title: '所属', dataIndex: 'regionName', width: 160 },
          { title: '位置', render: (_, s) => (s.place ? s.place.name : <Tag color="orange">未设置</Tag>) },
          {
            title: '',
            width: 120,
            render: (_, s) =>
              s.canManage && (
                <Button size="small" onClick={() => setEditing(s)}>
                  {s.place ? '修改位置' : '设置位置'}
                </Button>
              ),
          },
        ]}
      />
      {editing && <PlaceModal s={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

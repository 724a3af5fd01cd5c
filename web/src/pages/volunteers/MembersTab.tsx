// 志愿者: the volunteers in scope, by team, name or phone; add one (a person of
// the directory, or a new one without an account) to a team.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { useMe } from '../../api/queries.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { GENDER_LABELS, GENDERS, POLITICAL_STATUS_LABELS, POLITICAL_STATUSES } from '../../../../domain/volunteers.ts';
import type { VolunteerDetail, VolunteerItem } from '../../../../domain/api/volunteers.ts';
import { useTeams, useVolunteers } from './api.ts';

export function MembersTab({ params }: { params: URLSearchParams }) {
  const [, setSp] = useSearchParams();
  const f = { teamId: params.get('teamId') ?? undefined, q: params.get('q') ?? undefined, region: params.get('region') ?? undefined };
  const list = useVolunteers(f);
  const teams = useTeams().data?.items ?? [];
  const [adding, setAdding] = useState(false);
  // A team's leader adds members to their own team too: the list says so (can.manage), the menu's abilities do not.
  const manage = !!useMe().data?.can['volunteer.manage'] || !!list.data?.pages[0]?.can.manage;
  const set = (k: string, v?: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setSp(next, { replace: true });
  };
  return (
    <>
      {manage && (
        <PageExtra>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            登记志愿者
          </Button>
        </PageExtra>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="志愿服务队（全部）"
          style={{ width: 260 }}
          value={f.teamId ? Number(f.teamId) : undefined}
          onChange={(v) => set('teamId', v ? String(v) : undefined)}
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
        />
        <Input.Search allowClear placeholder="姓名或手机号" style={{ width: 220 }} defaultValue={f.q} onSearch={(v) => set('q', v.trim() || undefined)} />
      </Space>
      <Table<VolunteerItem>
        rowKey="personId"
        size="middle"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        locale={{
          emptyText: list.isPending ? (
            '正在加载…'
          ) : (
            <EmptyState text={manage ? '还没有志愿者：点击右上角“登记志愿者”，把队员加入志愿服务队。' : '还没有志愿者。'} />
          ),
        }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 120, render: (n: string, v) => <Link to={`/volunteers/${v.personId}`}>{n}</Link> },
          { title: '手机号', dataIndex: 'phone', width: 130, render: (p: string | null) => p ?? '—' },
          { title: '性别', width: 70, render: (_, v) => v.genderLabel ?? '—' },
          { title: '政治面貌', width: 110, render: (_, v) => v.politicalStatusLabel ?? '—' },
          {
            title: '所在队伍',
            render: (_, v) =>
              v.teams
                .filter((t) => !t.leftOn)
                .map((t) => (
                  <Tag key={t.id} color={t.role === 'leader' ? 'red' : undefined}>
                    {t.name}
                    {t.role === 'leader' ? '（队长）' : ''}
                  </Tag>
                )),
          },
          { title: '特长', width: 180, render: (_, v) => v.skills.join('、') || '—' },
          {
            title: '账号',
            width: 90,
            render: (_, v) => (!v.active ? <Tag>已停用</Tag> : v.hasAccount ? <Tag color="green">已开通</Tag> : <Tag>未开通</Tag>),
          },
        ]}
      />
      <LoadMore list={list} />
      {adding && <AddVolunteerModal onClose={() => setAdding(false)} teamId={f.teamId ? Number(f.teamId) : undefined} />}
    </>
  );
}

interface Values {
  name: string;
  phone?: string;
  teamId: number;
  gender?: string;
  birthYear?: number;
  politicalStatus?: string;
  skills?: string[];
  idNumber?: string;
}

function AddVolunteerModal({ onClose, teamId }: { onClose: () => void; teamId?: number }) {
  const [form] = Form.useForm<Values>();
  const teams = useTeams().data?.items ?? [];
  const { save, busy } = useSave({
    form,
    run: (v: Values) => api.post<VolunteerDetail>('/volunteers', { ...v, phone: v.phone || null, idNumber: v.idNumber || null }),
    ok: '已登记志愿者',
    invalidate: [keys.volunteers.all],
    onOk: onClose,
  });
  return (
    <Modal open title="登记志愿者" okText="登记" onOk={() => form.submit()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ teamId }}>
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="phone" label="手机号" extra="开通账号后用手机号登录">
          <Input maxLength={11} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="teamId" label="加入志愿服务队" rules={[{ required: true, message: '请选择志愿服务队' }]}>
          <Select options={teams.map((t) => ({ value: t.id, label: t.name }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="gender" label="性别">
            <Select allowClear style={{ width: 100 }} options={GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }))} />
          </Form.Item>
          <Form.Item name="birthYear" label="出生年份">
            <InputNumber min={1900} max={2100} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="politicalStatus" label="政治面貌">
            <Select allowClear style={{ width: 160 }} options={POLITICAL_STATUSES.map((s) => ({ value: s, label: POLITICAL_STATUS_LABELS[s] }))} />
          </Form.Item>
        </Space>
        <Form.Item name="skills" label="特长">
          <Select mode="tags" placeholder="输入后回车" />
        </Form.Item>
        <Form.Item name="idNumber" label="证件号码（居民身份证）" extra="加密保存，页面上只显示脱敏号码；只在导出全国志愿服务信息系统导入表时使用">
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// One volunteer: the profile (ID number masked), teams joined and left, the
// totals and every service record, the certificate (printable page and
// .docx), and for those who manage them: edit, join a team, give an account.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Modal, Select, Space, Statistic, Table, Tag } from 'antd';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import type { AccountGiven, ServiceItem } from '../../../../domain/api/volunteers.ts';
import { useService, useTeams, useVolunteer } from './api.ts';

export default function VolunteerPage() {
  const id = Number(useParams().id);
  const v = useVolunteer(id).data;
  const records = useService({ personId: String(id) });
  const [joining, setJoining] = useState(false);
  const [account, setAccount] = useState(false);
  if (!v) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={v.name}
        extra={
          <Space wrap>
            <Link to={`/volunteers/${id}/certificate`}>志愿服务记录证明</Link>
            <Button href={`/api/volunteers/${id}/certificate.docx`} download>
              下载证明（docx）
            </Button>
            {v.can.manage && <Button onClick={() => setJoining(true)}>加入队伍</Button>}
            {v.can.giveAccount && !v.hasAccount && (
              <Button type="primary" onClick={() => setAccount(true)}>
                开通账号
              </Button>
            )}
          </Space>
        }
      >
        {!v.active && <Alert type="info" showIcon message="该人员已停用，服务记录保留" style={{ marginBottom: 12 }} />}
        <Descriptions column={3} size="small" bordered>
          <Descriptions.Item label="手机号">{v.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="性别">{v.genderLabel ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="出生年份">{v.birthYear ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="政治面貌">{v.politicalStatusLabel ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="证件号码">{v.idNumber ?? '未登记'}</Descriptions.Item>
          <Descriptions.Item label="账号">{v.hasAccount ? '已开通（手机号登录）' : '未开通'}</Descriptions.Item>
          <Descriptions.Item label="特长" span={3}>
            {v.skills.join('、') || '—'}
          </Descriptions.Item>
        </Descriptions>
        <Space size="large" style={{ marginTop: 16 }}>
          <Statistic title="累计服务时长（小时）" value={v.totals.hours} />
          <Statistic title="服务次数" value={v.totals.records} />
        </Space>
      </Card>
      <Card title="所在队伍">
        <Table
          rowKey={(t) => `${t.id}-${t.joinedOn}`}
          size="small"
          pagination={false}
          dataSource={v.teams}
          columns={[
            { title: '志愿服务队', dataIndex: 'name' },
            { title: '职务', dataIndex: 'roleLabel', width: 90 },
            { title: '加入日期', dataIndex: 'joinedOn', width: 120 },
            { title: '退出日期', width: 120, render: (_, t) => t.leftOn ?? <Tag color="green">在队</Tag> },
          ]}
        />
      </Card>
      <Card title="服务记录">
        <Table<ServiceItem>
          rowKey="id"
          size="small"
          pagination={false}
          loading={records.isLoading}
          dataSource={records.items}
          columns={[
            { title: '日期', dataIndex: 'onDate', width: 110 },
            { title: '活动', render: (_, s) => <Link to={`/activities/${s.activity.id}`}>{s.activity.title}</Link> },
            { title: '组织单位', width: 200, render: (_, s) => s.activity.organizerName },
            { title: '时长（小时）', width: 110, align: 'right', render: (_, s) => (s.supersededBy ? <del>{s.hours}</del> : s.hours) },
            { title: '状态', width: 160, render: (_, s) => `${s.statusLabel}${s.supersededBy ? '（已更正）' : ''}` },
          ]}
        />
        <LoadMore list={records} />
      </Card>
      {joining && <JoinModal personId={id} onClose={() => setJoining(false)} />}
      {account && <AccountModal personId={id} teams={v.teams.filter((t) => !t.leftOn)} onClose={() => setAccount(false)} />}
    </Space>
  );
}

function JoinModal({ personId, onClose }: { personId: number; onClose: () => void }) {
  const [form] = Form.useForm<{ teamId: number; role: string }>();
  const teams = useTeams().data?.items ?? [];
  const { save, busy } = useSave({
    form,
    run: (v: { teamId: number; role: string }) => api.post(`/volunteers/${personId}/teams`, v),
    ok: '已加入',
    invalidate: [keys.volunteers.all],
    onOk: onClose,
  });
  return (
    <Modal open title="加入志愿服务队" onOk={() => form.submit()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ role: 'member' }}>
        <Form.Item name="teamId" label="志愿服务队" rules={[{ required: true, message: '请选择志愿服务队' }]}>
          <Select options={teams.map((t) => ({ value: t.id, label: t.name }))} />
        </Form.Item>
        <Form.Item name="role" label="职务">
          <Select
            options={[
              { value: 'member', label: '队员' },
              { value: 'leader', label: '队长' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AccountModal({ personId, teams, onClose }: { personId: number; teams: { id: number; name: string }[]; onClose: () => void }) {
  const [form] = Form.useForm<{ teamId: number }>();
  const [given, setGiven] = useState<AccountGiven | null>(null);
  const { save, busy } = useSave({
    form,
    run: (v: { teamId: number }) => api.post<AccountGiven>(`/volunteers/${personId}/account`, v),
    ok: '已开通账号',
    invalidate: [keys.volunteers.all],
    onOk: (r) => setGiven(r),
  });
  return (
    <Modal
      open
      title="开通志愿者账号"
      onOk={given ? onClose : () => form.submit()}
      okText={given ? '完成' : '开通'}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      {given ? (
        <Alert
          type="success"
          showIcon
          message={`登录账号：${given.login}`}
          description={given.initialPassword ? `初始密码：${given.initialPassword}（只显示这一次，首次登录须修改）` : '沿用原有密码'}
        />
      ) : (
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ teamId: teams[0]?.id }}>
          <Form.Item name="teamId" label="以哪支队伍的志愿者身份登录" rules={[{ required: true, message: '请选择队伍' }]}>
            <Select options={teams.map((t) => ({ value: t.id, label: t.name }))} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

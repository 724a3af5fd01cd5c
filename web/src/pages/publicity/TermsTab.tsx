// 类别与主题: the facility kinds (each in the figure group ⑪ ⑫ counts it
// under) and the content themes. Everyone who reads publicity sees them; the
// admin (publicity.admin) adds, renames, regroups, reorders, retires and
// restores them. A retired one stays on the facilities that have it but is
// no longer offered; a code never changes, so the seeded requirements and
// imports keep working.
import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { FACILITY_GROUP_LABELS, FACILITY_GROUPS } from '../../../../domain/publicity.ts';
import type { PublicityTerm } from '../../../../domain/api/publicity.ts';
import { useTerms } from './api.ts';

type List = 'kind' | 'theme';
const NOUN: Record<List, string> = { kind: '设施类别', theme: '内容主题' };

function TermModal({ list, term, onClose }: { list: List; term?: PublicityTerm; onClose: () => void }) {
  const [form] = Form.useForm();
  const { save, busy } = useSave({
    form,
    run: (v: { name: string; group?: string; sort?: number }) =>
      term ? api.patch(`/publicity/terms/${term.id}`, { ...v, version: term.version }) : api.post('/publicity/terms', { ...v, list }),
    ok: term ? '已保存' : `已添加${NOUN[list]}`,
    invalidate: [keys.publicity.all],
    onOk: onClose,
  });
  return (
    <Modal
      open
      title={term ? `修改${NOUN[list]}` : `添加${NOUN[list]}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={term ? { name: term.name, group: term.group ?? undefined, sort: term.sort } : { group: 'other', sort: 100 }}
      >
        <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, max: 30, message: '请填写名称（2-30 个字）' }]}>
          <Input maxLength={30} placeholder={list === 'kind' ? '如：文明标语牌' : '如：垃圾分类'} />
        </Form.Item>
        {list === 'kind' && (
          <Form.Item name="group" label="统计分组" extra="年度数字⑪“展板、宣传栏、便民张贴栏”和⑫“公益广告及景观小品”按分组统计。">
            <Select options={FACILITY_GROUPS.map((g) => ({ value: g, label: FACILITY_GROUP_LABELS[g] }))} />
          </Form.Item>
        )}
        <Form.Item name="sort" label="排序" extra="数字小的排在前面。">
          <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ActiveSwitch({ term }: { term: PublicityTerm }) {
  const { save, busy } = useSave({
    run: () => api.patch(`/publicity/terms/${term.id}`, { version: term.version, active: !term.active }),
    ok: term.active ? `已停用“${term.name}”` : `已启用“${term.name}”`,
    invalidate: [keys.publicity.all],
  });
  return (
    <Button size="small" type="link" danger={term.active} loading={busy} onClick={() => save()}>
      {term.active ? '停用' : '启用'}
    </Button>
  );
}

function TermTable({ list, items, manage }: { list: List; items: PublicityTerm[]; manage: boolean }) {
  const [editing, setEditing] = useState<PublicityTerm | 'new' | null>(null);
  return (
    <Card
      size="small"
      title={NOUN[list]}
      extra={
        manage && (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            添加{NOUN[list]}
          </Button>
        )
      }
    >
      <Table<PublicityTerm>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: <EmptyState text={`还没有${NOUN[list]}。`} /> }}
        columns={[
          { title: '名称', render: (_, t) => (t.active ? t.name : <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t.name}</span>) },
          ...(list === 'kind'
            ? [{ title: '统计分组', width: 200, render: (_: unknown, t: PublicityTerm) => (t.group ? FACILITY_GROUP_LABELS[t.group] : '—') }]
            : []),
          { title: '排序', dataIndex: 'sort', width: 70, align: 'right' as const },
          { title: '状态', width: 80, render: (_, t) => (t.active ? <Tag color="green">在用</Tag> : <Tag>已停用</Tag>) },
          ...(manage
            ? [
                {
                  title: '操作',
                  width: 120,
                  render: (_: unknown, t: PublicityTerm) => (
                    <Space size={0}>
                      <Button size="small" type="link" onClick={() => setEditing(t)}>
                        修改
                      </Button>
                      <ActiveSwitch term={t} />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <TermModal list={list} term={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

export function TermsTab() {
  const q = useTerms();
  const t = q.data;
  if (!t) return <Card loading={q.isLoading}>{q.error && <Alert type="error" showIcon title="无法读取设施类别和内容主题" />}</Card>;
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          t.can.manage
            ? '登记设施和点位达标要求时从这里选择类别和主题。停用后不再供选择，已登记的设施保留原类别；名称可以修改，统计和导入随之更新。'
            : '登记设施和点位达标要求时从这里选择类别和主题。如需增加或修改，请联系系统管理员。'
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={13}>
          <TermTable list="kind" items={t.kinds} manage={t.can.manage} />
        </Col>
        <Col xs={24} xl={11}>
          <TermTable list="theme" items={t.themes} manage={t.can.manage} />
        </Col>
      </Row>
    </>
  );
}

// 问题类别: the 数字城管 tree (事件/部件 → 大类 → 小类) with each category's
// default tier, working-day deadlines, 回头看 delay and default route; the
// admin edits them, adds 小类, and deactivates what is no longer used.
import { useState } from 'react';
import { Button, Card, Col, Form, Grid, Input, InputNumber, Modal, Radio, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { TIERS, TIER_LABELS, type Tier } from '../../../../domain/problems/vocab.ts';
import { useFeedback } from '../../components/useActions.ts';
import type { CategoryNode, CategoryTree } from '../problems/api.ts';
import { TierTag } from '../problems/labels.tsx';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { EmptyState } from '../../components/EmptyState.tsx';

interface Values {
  code?: string;
  name: string;
  plainName?: string;
  defaultTier: Tier;
  deadlineDays: number;
  centralizedDeadlineDays: number;
  reinspectDays: number;
  defaultRoute: 'community' | 'unit';
  defaultUnitName?: string;
  active: boolean;
  sort: number;
}

type Dialog = { kind: 'edit'; c: CategoryNode } | { kind: 'add'; parent: CategoryNode } | null;

function CategoryModal({ dialog, onClose, onSaved }: { dialog: NonNullable<Dialog>; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const route = Form.useWatch('defaultRoute', form);
  const c = dialog.kind === 'edit' ? dialog.c : null;
  const parent = dialog.kind === 'add' ? dialog.parent : null;
  const { save, busy } = useSave({
    form,
    run: (v: Values) => {
      const body = {
        name: v.name,
        plainName: v.plainName || null,
        defaultTier: v.defaultTier,
        deadlineDays: v.deadlineDays,
        centralizedDeadlineDays: v.centralizedDeadlineDays,
        reinspectDays: v.reinspectDays,
        defaultRoute: v.defaultRoute,
        defaultUnitName: v.defaultRoute === 'unit' ? v.defaultUnitName || null : v.defaultUnitName || null,
        active: v.active,
        sort: v.sort,
      };
      return c
        ? api.patch(`/categories/${c.id}`, { version: c.version, ...body })
        : api.post('/categories', { kind: parent!.kind, code: v.code, parentId: parent!.id, ...body });
    },
    ok: c ? '类别已保存' : '小类已添加',
    invalidate: [keys.categories.all],
    onOk: onSaved,
  });
  const init: Values = c
    ? {
        name: c.name,
        plainName: c.plainName ?? undefined,
        defaultTier: c.defaultTier,
        deadlineDays: c.deadlineDays,
        centralizedDeadlineDays: c.centralizedDeadlineDays,
        reinspectDays: c.reinspectDays,
        defaultRoute: c.defaultRoute,
        defaultUnitName: c.defaultUnitName ?? undefined,
        active: c.active,
        sort: c.sort,
      }
    : {
        code: parent!.code,
        name: '',
        defaultTier: parent!.defaultTier,
        deadlineDays: parent!.deadlineDays,
        centralizedDeadlineDays: parent!.centralizedDeadlineDays,
        reinspectDays: parent!.reinspectDays,
        defaultRoute: parent!.defaultRoute,
        defaultUnitName: parent!.defaultUnitName ?? undefined,
        active: true,
        sort: 0,
      };
  return (
    <Modal
      open
      title={c ? `编辑类别：${c.code} ${c.name}` : `在“${parent!.name}”下新增小类`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      width={640}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={init} onFinish={save}>
        <Row gutter={12}>
          {!c && (
            <Col xs={24} sm={8}>
              <Form.Item
                name="code"
                label="编码"
                rules={[
                  { required: true, message: '请填写编码' },
                  { pattern: /^[0-9A-Za-z]{1,10}$/, message: '1-10 位数字或字母' },
                ]}
                extra={`如 ${parent!.code}09`}
              >
                <Input maxLength={10} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={c ? 12 : 8}>
            <Form.Item
              name="name"
              label="标准名称"
              rules={[
                { required: true, whitespace: true, message: '请填写类别名称' },
                { max: 50, message: '最多 50 个字' },
              ]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={c ? 12 : 8}>
            <Form.Item name="plainName" label="通俗名称（选填）" extra="上报人看到的说法，如“牛皮癣”">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="defaultTier" label="默认整改层级">
          <Radio.Group options={TIERS.map((t) => ({ value: t, label: TIER_LABELS[t] }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item name="deadlineDays" label="整改时限（工作日）" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="centralizedDeadlineDays" label="集中整时限（工作日）" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={0} max={730} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="reinspectDays" label="回头看间隔（天）" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item name="defaultRoute" label="默认派往">
              <Select
                options={[
                  { value: 'community', label: '属地社区' },
                  { value: 'unit', label: '职能部门' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item
              name="defaultUnitName"
              label="责任部门名称"
              rules={[{ required: route === 'unit', whitespace: true, message: '默认派往职能部门时，须填写责任部门名称' }]}
              extra="按名称匹配县、镇的部门，如“城市管理局”"
            >
              <Input maxLength={50} disabled={route !== 'unit'} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="sort" label="排序">
              <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="active" label="启用" valuePropName="checked">
              <Switch checkedChildren="启用" unCheckedChildren="停用" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

export default function CategoriesPage() {
  const { confirm } = useFeedback();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [q, setQ] = useState('');
  const wide = !!Grid.useBreakpoint().md;
  const tree = useQuery({ queryKey: keys.categories.tree(), queryFn: () => api.get<CategoryTree>('/categories') });
  const del = useSave({
    run: (c: CategoryNode) => api.del<{ deleted: boolean }>(`/categories/${c.id}`),
    ok: (r) => (r.deleted ? '类别已删除' : '类别已停用'),
    invalidate: [keys.categories.all],
  });
  const remove = (c: CategoryNode) =>
    confirm('删除或停用类别', `“${c.name}”若已被问题或派遣规则使用、或属于标准类别，将改为停用。确定继续吗？`, () => del.save(c));

  const needle = q.trim();
  const items = (tree.data?.items ?? [])
    .map((m) => ({
      ...m,
      children: (m.children ?? []).filter((c) => !needle || `${c.code}${c.name}${c.plainName ?? ''}`.includes(needle)),
    }))
    .filter((m) => !needle || m.children.length || `${m.code}${m.name}`.includes(needle));

  return (
    <div>
      <Card>
        <div className="toolbar">
          <Input.Search allowClear placeholder="编码或名称" onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} style={{ width: 240 }} />
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
            按《数字化城市管理信息系统》事件、部件分类；编码不可修改，不用的类别请停用。
          </Typography.Text>
        </div>
        <Table<CategoryNode>
          rowKey="id"
          size="small"
          loading={tree.isLoading}
          dataSource={items}
          pagination={false}
          expandable={{ defaultExpandAllRows: false, expandedRowKeys: needle ? items.map((i) => i.id) : undefined, childrenColumnName: 'children' }}
          scroll={wide ? { x: 900 } : undefined}
          locale={{ emptyText: <EmptyState text={needle ? '没有匹配的类别' : '还没有问题类别。系统启动时会自动写入标准类别，请刷新页面。'} /> }}
          columns={[
            {
              title: '编码',
              dataIndex: 'code',
              width: wide ? 110 : 72,
              render: (v: string, c) => <span className="mono">{c.level === 1 ? `${c.kindLabel} ${v}` : v}</span>,
            },
            {
              title: '名称',
              dataIndex: 'name',
              render: (v: string, c) => (
                <Space size={4} wrap>
                  <span style={{ fontWeight: c.level === 1 ? 600 : undefined }}>{v}</span>
                  {c.plainName && c.plainName !== v && <Typography.Text type="secondary">（{c.plainName}）</Typography.Text>}
                  {!c.active && <Tag>已停用</Tag>}
                </Space>
              ),
            },
            { title: '默认层级', dataIndex: 'defaultTier', width: 90, responsive: ['md'], render: (t: Tier) => <TierTag tier={t} /> },
            {
              title: '时限',
              key: 'days',
              width: 130,
              responsive: ['md'],
              render: (_: unknown, c) => `${c.deadlineDays} / ${c.centralizedDeadlineDays} 个工作日`,
            },
            { title: '回头看', dataIndex: 'reinspectDays', width: 80, responsive: ['lg'], render: (v: number) => `${v} 天后` },
            {
              title: '默认派往',
              key: 'route',
              responsive: ['lg'],
              render: (_: unknown, c) => (c.defaultRoute === 'unit' ? `职能部门：${c.defaultUnitName ?? '—'}` : '属地社区'),
            },
            {
              title: '操作',
              key: 'ops',
              width: wide ? 170 : 64,
              fixed: wide ? 'right' : undefined,
              render: (_: unknown, c) => (
                <Space size={0} orientation={wide ? 'horizontal' : 'vertical'} align="start">
                  {c.can.update && (
                    <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', c })}>
                      编辑
                    </Button>
                  )}
                  {c.level === 1 && tree.data?.can.create && (
                    <Button type="link" size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'add', parent: c })}>
                      小类
                    </Button>
                  )}
                  {c.level === 2 && c.can.delete && c.active && (
                    <Button type="link" size="small" danger onClick={() => remove(c)}>
                      停用
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {dialog && <CategoryModal dialog={dialog} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />}
    </div>
  );
}

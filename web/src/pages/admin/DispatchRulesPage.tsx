// 派遣规则: the dispatch matrix, (category, region) → responsible unit. The
// most specific rule wins (longest region, then a category over 全部类别);
// without one, the category's default department, then the community
// committee. "测试派遣" shows where a problem would go and why.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Form, Modal, Row, Segmented, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { CategoryCascader } from '../../components/CategoryCascader.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { useFeedback } from '../../components/useActions.ts';
import { useDispatchUnits, useResolve, type DispatchRule } from '../problems/api.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

interface Values {
  allCategories: boolean;
  categoryId?: number | null;
  regionCode: string;
  unitId: number;
}

function RuleModal({ rule, onClose, onSaved }: { rule: DispatchRule | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const all = Form.useWatch('allCategories', form);
  const regionCode = Form.useWatch('regionCode', form) as string | undefined;
  const units = useDispatchUnits(regionCode ?? rule?.regionCode);
  const { save, busy } = useSave({
    form,
    run: (v: Values) =>
      api.put('/dispatch-rules', {
        categoryId: v.allCategories ? null : (v.categoryId ?? null),
        regionCode: v.regionCode,
        unitId: v.unitId,
        version: rule?.version,
      }),
    ok: '派遣规则已保存',
    invalidate: [keys.dispatchRules.all],
    onOk: onSaved,
  });
  return (
    <Modal
      open
      title={rule ? '修改派遣规则' : '新增派遣规则'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={save}
        initialValues={
          rule
            ? { allCategories: rule.categoryId == null, categoryId: rule.categoryId, regionCode: rule.regionCode, unitId: rule.unitId }
            : { allCategories: false }
        }
      >
        <Form.Item name="allCategories" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox disabled={!!rule}>适用于全部类别</Checkbox>
        </Form.Item>
        {!all && (
          <Form.Item name="categoryId" label="问题类别" rules={[{ required: true, message: '请选择问题类别，或勾选“适用于全部类别”' }]}>
            {rule ? <Select disabled options={[{ value: rule.categoryId, label: rule.categoryName }]} /> : <CategoryCascader />}
          </Form.Item>
        )}
        <Form.Item name="regionCode" label="区域" rules={[{ required: true, message: '请选择区域' }]} extra="可设在县、镇（街道）、社区或网格上，越具体越优先">
          <RegionTreeSelect levels={['county', 'town', 'community', 'grid']} allowClear={false} />
        </Form.Item>
        <Form.Item name="unitId" label="责任单位" rules={[{ required: true, message: '请选择责任单位' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={units.data ?? []}
            loading={units.isLoading}
            placeholder={regionCode ? '请选择' : '请先选择区域'}
            notFoundContent={regionCode ? '没有可派遣的单位' : '请先选择区域'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TestRoute() {
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const r = useResolve(categoryId, regionCode);
  return (
    <Card title="测试派遣" size="small" style={{ marginBottom: 16 }}>
      <Row gutter={[12, 8]}>
        <Col xs={24} md={10}>
          <CategoryCascader value={categoryId} onChange={setCategoryId} placeholder="问题类别（可不选）" />
        </Col>
        <Col xs={24} md={10}>
          <RegionTreeSelect value={regionCode} onChange={setRegionCode} levels={['community', 'grid']} placeholder="问题所在社区或网格" />
        </Col>
      </Row>
      <div style={{ marginTop: 12 }} aria-live="polite">
        {!regionCode ? (
          <Typography.Text type="secondary">选择类别和社区，查看问题会派给哪个单位、依据哪条规则。</Typography.Text>
        ) : r.isLoading ? (
          <Typography.Text type="secondary">正在计算…</Typography.Text>
        ) : r.isError ? (
          <Alert type="error" showIcon title={r.error.message} />
        ) : (
          r.data && (
            <Alert
              type={r.data.unitId ? 'success' : 'warning'}
              showIcon
              title={r.data.unitId ? `派往：${r.data.unitName}` : '没有找到责任单位'}
              description={r.data.reason}
            />
          )
        )}
      </div>
    </Card>
  );
}

export default function DispatchRulesPage() {
  const { confirm } = useFeedback();
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [view, setView] = useState<'list' | 'matrix'>('list');
  const [dialog, setDialog] = useState<{ rule: DispatchRule | null } | null>(null);
  const rules = useQuery({
    queryKey: keys.dispatchRules.list(regionCode),
    queryFn: () => api.get<{ items: DispatchRule[]; can: { create: boolean } }>('/dispatch-rules', { regionCode: regionCode ?? undefined }),
  });
  const del = useSave({ run: (r: DispatchRule) => api.del(`/dispatch-rules/${r.id}`), ok: '派遣规则已删除', invalidate: [keys.dispatchRules.all] });
  const remove = (r: DispatchRule) =>
    confirm(
      '删除派遣规则',
      `删除后，${r.regionName ?? r.regionCode}的${r.categoryName ? `“${r.categoryName}”` : '全部类别'}问题将按上一级规则或默认方式派遣。确定删除吗？`,
      () => del.save(r),
    );

  const items = rules.data?.items ?? [];
  const matrix = useMemo(() => {
    const regions = [...new Map(items.map((r) => [r.regionCode, r.regionName ?? r.regionCode])).entries()].sort(([a], [b]) => a.localeCompare(b));
    const cats = [...new Map(items.map((r) => [r.categoryId ?? 0, r.categoryName ?? '全部类别'])).entries()];
    return {
      regions,
      rows: cats.map(([id, name]) => ({ id, name, cells: Object.fromEntries(items.filter((r) => (r.categoryId ?? 0) === id).map((r) => [r.regionCode, r])) })),
    };
  }, [items]);

  const empty = <EmptyState text="还没有派遣规则：问题将按类别的默认责任部门、否则按属地派往社区居委会。需要改派时，点击“新增规则”。" />;
  return (
    <div>
      <PageExtra>
        {rules.data?.can.create && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ rule: null })}>
            新增规则
          </Button>
        )}
      </PageExtra>
      <TestRoute />
      <Card>
        <div className="toolbar">
          <RegionTreeSelect value={regionCode} onChange={setRegionCode} placeholder="全部区域" style={{ width: 240 }} />
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'list' | 'matrix')}
            options={[
              { value: 'list', label: '列表' },
              { value: 'matrix', label: '矩阵' },
            ]}
          />
        </div>
        {view === 'list' ? (
          <Table<DispatchRule>
            rowKey="id"
            size="middle"
            loading={rules.isLoading}
            dataSource={items}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: empty }}
            columns={[
              {
                title: '问题类别',
                dataIndex: 'categoryName',
                render: (v: string | null, r) =>
                  v ? (
                    <span>
                      <span className="mono" style={{ color: '#999' }}>
                        {r.categoryCode}{' '}
                      </span>
                      {v}
                    </span>
                  ) : (
                    <b>全部类别</b>
                  ),
              },
              { title: '区域', dataIndex: 'regionName', render: (v: string | null, r) => v ?? r.regionCode },
              {
                title: '责任单位',
                dataIndex: 'unitName',
                render: (v: string | null, r) => (
                  <span>
                    {v ?? '—'}
                    {r.unitKindLabel && <Typography.Text type="secondary">（{r.unitKindLabel}）</Typography.Text>}
                  </span>
                ),
              },
              {
                title: '操作',
                key: 'ops',
                width: 120,
                render: (_: unknown, r) => (
                  <Space size={0}>
                    {r.can.update && (
                      <Button type="link" size="small" onClick={() => setDialog({ rule: r })}>
                        修改
                      </Button>
                    )}
                    {r.can.delete && (
                      <Button type="link" size="small" danger onClick={() => remove(r)}>
                        删除
                      </Button>
                    )}
                    {!r.can.update && <Typography.Text type="secondary">上级规则</Typography.Text>}
                  </Space>
                ),
              },
            ]}
          />
        ) : (
          <Table
            rowKey="id"
            size="small"
            bordered
            loading={rules.isLoading}
            dataSource={matrix.rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: empty }}
            columns={[
              { title: '类别 \\ 区域', dataIndex: 'name', fixed: 'left', width: 160 },
              ...matrix.regions.map(([code, name]) => ({
                title: name,
                key: code,
                width: 150,
                render: (_: unknown, row: (typeof matrix.rows)[number]) => {
                  const r = row.cells[code];
                  return r ? (
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}
                      disabled={!r.can.update}
                      onClick={() => setDialog({ rule: r })}
                    >
                      {r.unitName}
                    </Button>
                  ) : (
                    <Typography.Text type="secondary">—</Typography.Text>
                  );
                },
              })),
            ]}
          />
        )}
      </Card>
      {dialog && <RuleModal rule={dialog.rule} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />}
    </div>
  );
}

// 测评标准 (/admin/checklists): each point type's current checklist and its
// items; editing saves a new version with a note (inspections keep the
// version they used), and the version history shows who changed what when.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { fmtDateTime } from '../../components/format.ts';
import { POINT_TYPE_LABELS, type PointType } from '../../../../domain/regions.ts';
import { usePlainCategories } from '../problems/api.ts';
import { useChecklist, useChecklists, useChecklistVersions, type Checklist, type ChecklistItemRow, type ChecklistVersion } from './api.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { EmptyState } from '../../components/EmptyState.tsx';

/** Problem categories by key ('event:0201' → 非法小广告), for showing and picking an item's usual finding. */
function useCategoryOptions() {
  const q = usePlainCategories();
  const options = (q.data ?? []).map((c) => ({ value: `${c.kind}:${c.code}`, label: c.plainName !== c.name ? `${c.plainName}（${c.name}）` : c.name }));
  return { options, names: new Map(options.map((o) => [o.value, o.label])) };
}

function itemColumns(names: Map<string, string>) {
  return [
    { title: '编号', dataIndex: 'code', width: 70, className: 'mono' },
    { title: '测评项目', dataIndex: 'title', width: 140 },
    { title: '测评标准', dataIndex: 'criterion' },
    { title: '分值', dataIndex: 'points', width: 60 },
    { title: '常见问题类别', dataIndex: 'categoryKey', width: 160, render: (k: string | null) => (k ? (names.get(k) ?? k) : '—') },
  ];
}

interface FormValues {
  title: string;
  note?: string;
  items: ChecklistItemRow[];
}

function Editor({ pointType, base, onDone }: { pointType: string; base: Checklist | null; onDone: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const cats = useCategoryOptions();
  const items = Form.useWatch('items', form) ?? [];
  const total = items.reduce((s, it) => s + (Number(it?.points) || 0), 0);
  const { save, busy: saving } = useSave({
    form,
    run: (v: FormValues) =>
      api.post('/checklists', {
        pointType,
        title: v.title,
        note: v.note || null,
        items: v.items.map((it) => ({ code: it.code, title: it.title, criterion: it.criterion, points: it.points, categoryKey: it.categoryKey || null })),
      }),
    ok: '已保存为新版本；此后的检查按新版本打分，已有记录保留原版本',
    invalidate: [keys.checklists.all],
    onOk: () => {
      onDone();
      window.scrollTo({ top: 0 }); // the editor was long: show the saved version from its title
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={save}
      initialValues={{
        title: base?.title ?? `${POINT_TYPE_LABELS[pointType as PointType] ?? pointType}实地考察标准`,
        note: '',
        items: base?.items.map((it) => ({ code: it.code, title: it.title, criterion: it.criterion, points: it.points, categoryKey: it.categoryKey })) ?? [
          { code: '', title: '', criterion: '', points: 1, categoryKey: null },
        ],
      }}
    >
      <Form.Item name="title" label="标准名称" rules={[{ required: true, message: '请填写标准名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="note" label="修订说明" rules={[{ required: !!base, message: '请说明这次修订改了什么' }]}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} placeholder="例如：按 2026 年测评体系调整公益广告数量要求" />
      </Form.Item>
      <Typography.Text strong>测评项目（合计 {Math.round(total * 100) / 100} 分）</Typography.Text>
      <Form.List name="items">
        {(fields, { add, remove, move }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map((f, i) => (
              <Card key={f.key} size="small" style={{ marginBottom: 8 }} styles={{ body: { paddingBottom: 0 } }}>
                <div style={{ display: 'grid', gridTemplateColumns: '90px minmax(120px, 1fr) 90px minmax(150px, 220px) auto', gap: 8, alignItems: 'start' }}>
                  <Form.Item name={[f.name, 'code']} label={i === 0 ? '编号' : undefined} rules={[{ required: true, message: '请填写编号' }]}>
                    <Input aria-label="编号" placeholder="MK01" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'title']} label={i === 0 ? '测评项目' : undefined} rules={[{ required: true, message: '请填写测评项目' }]}>
                    <Input aria-label="测评项目" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'points']} label={i === 0 ? '分值' : undefined} rules={[{ required: true, message: '请填写分值' }]}>
                    <InputNumber aria-label="分值" min={0.5} max={100} step={0.5} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'categoryKey']} label={i === 0 ? '常见问题类别' : undefined}>
                    <Select
                      aria-label="常见问题类别"
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder="不指定"
                      options={cats.options}
                      popupMatchSelectWidth={false}
                    />
                  </Form.Item>
                  <Space size={0} style={{ marginTop: i === 0 ? 30 : 0 }}>
                    <Button type="text" aria-label="上移" icon={<ArrowUpOutlined aria-hidden />} disabled={i === 0} onClick={() => move(i, i - 1)} />
                    <Button
                      type="text"
                      aria-label="下移"
                      icon={<ArrowDownOutlined aria-hidden />}
                      disabled={i === fields.length - 1}
                      onClick={() => move(i, i + 1)}
                    />
                    <Button
                      type="text"
                      danger
                      aria-label="删除"
                      icon={<DeleteOutlined aria-hidden />}
                      disabled={fields.length === 1}
                      onClick={() => remove(f.name)}
                    />
                  </Space>
                </div>
                <Form.Item name={[f.name, 'criterion']} rules={[{ required: true, message: '请填写测评标准' }]}>
                  <Input.TextArea aria-label="测评标准" autoSize={{ minRows: 1, maxRows: 4 }} placeholder="测评标准：达到什么要求、什么情况算问题" />
                </Form.Item>
              </Card>
            ))}
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ code: '', title: '', criterion: '', points: 1, categoryKey: null })}>
              添加项目
            </Button>
          </div>
        )}
      </Form.List>
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存为新版本
        </Button>
        <Button onClick={onDone}>取消</Button>
      </Space>
    </Form>
  );
}

function ItemsTable({ items }: { items: ChecklistItemRow[] }) {
  const cats = useCategoryOptions();
  return <Table<ChecklistItemRow> rowKey="code" size="small" pagination={false} dataSource={items} columns={itemColumns(cats.names)} scroll={{ x: 820 }} />;
}

function Versions({ pointType, onView }: { pointType: string; onView: (id: number) => void }) {
  const q = useChecklistVersions(pointType);
  return (
    <Table<ChecklistVersion>
      rowKey="id"
      size="small"
      loading={q.isLoading}
      dataSource={q.data?.versions ?? []}
      pagination={false}
      scroll={{ x: 780 }}
      locale={{ emptyText: '还没有版本' }}
      columns={[
        {
          title: '版本',
          dataIndex: 'version',
          width: 80,
          render: (v: number, r) => (
            <Space>
              第 {v} 版{r.current && <Tag color="green">现行</Tag>}
            </Space>
          ),
        },
        { title: '修订说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
        { title: '项目数', dataIndex: 'itemCount', width: 70 },
        { title: '总分', dataIndex: 'totalPoints', width: 70 },
        { title: '使用次数', dataIndex: 'inspections', width: 80 },
        { title: '修订人', dataIndex: 'createdByName', width: 100, render: (n: string | null) => n ?? '系统预置' },
        { title: '时间', dataIndex: 'createdAt', width: 150, render: (t: string) => fmtDateTime(t) },
        {
          title: '',
          key: 'view',
          width: 60,
          render: (_: unknown, r) => (
            <Button type="link" size="small" onClick={() => onView(r.id)}>
              查看
            </Button>
          ),
        },
      ]}
    />
  );
}

export default function ChecklistsPage() {
  const q = useChecklists();
  const [sp, setSp] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const [viewId, setViewId] = useState<number | null>(null);
  const view = useChecklist(viewId);
  const types = [
    ...(q.data?.items ?? []).map((c) => ({ pointType: c.pointType, label: c.pointTypeLabel, current: c as Checklist | null })),
    ...(q.data?.missingTypes ?? []).map((m) => ({ pointType: m.pointType, label: m.pointTypeLabel, current: null })),
  ];
  const selected = sp.get('type') ?? types[0]?.pointType ?? null;
  const cur = types.find((t) => t.pointType === selected);
  const pick = (t: string) => {
    setEditing(false);
    setSp({ type: t }, { replace: true });
  };
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(220px, 280px) minmax(0, 1fr)', gap: 16, alignItems: 'start' }}>
      <Card title="点位类型" size="small" loading={q.isLoading} styles={{ body: { padding: 0 } }}>
        {types.map((t) => (
          <div
            key={t.pointType}
            role="button"
            tabIndex={0}
            onClick={() => pick(t.pointType)}
            onKeyDown={(e) => e.key === 'Enter' && pick(t.pointType)}
            style={{ padding: '10px 16px', cursor: 'pointer', borderBottom: '1px solid #f0f0f0', background: t.pointType === selected ? '#fff1f0' : undefined }}
          >
            <div>{t.label}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.current ? `第 ${t.current.version} 版 · ${t.current.items.length} 项 · ${t.current.totalPoints} 分` : '尚无标准'}
            </Typography.Text>
          </div>
        ))}
      </Card>
      <Space direction="vertical" size="middle" style={{ width: '100%', minWidth: 0 }}>
        {!cur && !q.isLoading && <EmptyState text="请选择左侧的点位类型" />}
        {cur && (
          <Card
            title={cur.current ? `${cur.current.title}（第 ${cur.current.version} 版）` : `${cur.label}：尚无测评标准`}
            extra={
              q.data?.canManage &&
              !editing && (
                <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
                  {cur.current ? '修订' : '新建标准'}
                </Button>
              )
            }
          >
            {editing ? (
              <Editor key={cur.pointType} pointType={cur.pointType} base={cur.current} onDone={() => setEditing(false)} />
            ) : cur.current ? (
              <>
                {cur.current.note && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`修订说明：${cur.current.note}`} />}
                <ItemsTable items={cur.current.items} />
              </>
            ) : (
              <EmptyState text="这个点位类型还没有测评标准。点击“新建标准”添加测评项目，检查时即可逐项评定等级。" />
            )}
          </Card>
        )}
        {cur && (
          <Card title="版本历史" size="small">
            <Versions pointType={cur.pointType} onView={setViewId} />
          </Card>
        )}
      </Space>
      <Drawer
        open={viewId !== null}
        onClose={() => setViewId(null)}
        size="large"
        title={view.data ? `${view.data.title}（第 ${view.data.version} 版）` : '测评标准'}
      >
        {view.data && (
          <>
            <Typography.Paragraph type="secondary">
              {view.data.note ?? '（无修订说明）'} · {view.data.createdByName ?? '系统预置'} · {fmtDateTime(view.data.createdAt)}
            </Typography.Paragraph>
            <ItemsTable items={view.data.items} />
          </>
        )}
      </Drawer>
    </div>
  );
}

// 测评体系: a town's versions of the 全国文明城市测评体系 as a tree (测评项目 →
// 测评内容 → 测评标准, each standard with its methods, points, departments,
// the checklist items it is inspected by and the materials it needs), a new
// version from the seeded edition or the town's own handbook (.xlsx), the
// export, and the town's cycle (year, version, assumed test month, deadline).
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Card, DatePicker, Form, InputNumber, Modal, Select, Space, Table, Tag, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ImportDialog } from '../../components/ImportDialog.tsx';
import { EVAL_METHOD_LABELS, MATERIAL_KIND_LABELS } from '../../../../domain/evaluation.ts';
import { POINT_TYPE_LABELS, type PointType } from '../../../../domain/regions.ts';
import { useCycles, useSystems, useTowns, useTree, type EvaluationCycle, type EvaluationNode } from './api.ts';

type Row = EvaluationNode & { children?: Row[] };
const METHOD_COLOURS = { field: 'blue', material: 'gold', survey: 'purple' } as const;

export function useTown() {
  const towns = useTowns();
  const [params, setParams] = useSearchParams();
  const town = params.get('town') ?? towns[0]?.value ?? null;
  const setTown = (t: string) =>
    setParams((p) => {
      p.set('town', t);
      return p;
    });
  return { towns, town, setTown };
}

export function TownPicker({ towns, town, setTown }: ReturnType<typeof useTown>) {
  if (towns.length <= 1) return null;
  return <Select aria-label="乡镇" value={town ?? undefined} onChange={setTown} options={towns} style={{ width: 160 }} />;
}

export default function EvaluationPage() {
  const t = useTown();
  const systems = useSystems(t.town);
  const [picked, setPicked] = useState<number | null>(null);
  const current = picked ?? systems.data?.items[0]?.id ?? null;
  const tree = useTree(current);
  const [importing, setImporting] = useState(false);
  const manage = !!systems.data?.can.manage;
  const seed = useSave({
    run: () => api.post<{ system: { version: number } }>('/evaluation/systems/seed', { townCode: t.town }),
    ok: (r) => `已按预置测评体系新建第 ${r.system.version} 版`,
    invalidate: [keys.evaluation.all],
    onOk: () => setPicked(null),
  });
  const rows = useMemo(() => {
    const nodes = tree.data?.nodes ?? [];
    const byId = new Map<number, Row>(nodes.map((n) => [n.id, { ...n }]));
    const roots: Row[] = [];
    for (const n of nodes) {
      const r = byId.get(n.id)!;
      const parent = n.parentId ? byId.get(n.parentId) : undefined;
      if (parent) (parent.children ??= []).push(r);
      else roots.push(r);
    }
    return roots;
  }, [tree.data]);
  return (
    <div>
      <PageExtra>
        <Space>
          {manage && (
            <Button onClick={() => seed.save()} loading={seed.busy}>
              按预置版本新建
            </Button>
          )}
          {manage && <Button onClick={() => setImporting(true)}>导入本年度手册</Button>}
          {current && (
            <a href={`/api/evaluation/systems/${current}/export.xlsx`} download>
              <Button>导出 Excel</Button>
            </a>
          )}
        </Space>
      </PageExtra>
      <div className="toolbar" style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 12, flexWrap: 'wrap' }}>
        <TownPicker {...t} />
        <Select
          aria-label="版本"
          value={current ?? undefined}
          onChange={setPicked}
          placeholder="尚无版本"
          options={(systems.data?.items ?? []).map((s) => ({
            value: s.id,
            label: `第 ${s.version} 版 · ${s.name}${s.cycles.length ? `（${s.cycles.join('、')} 年度使用）` : ''}`,
          }))}
          style={{ minWidth: 360 }}
        />
        {tree.data && (
          <span style={{ color: '#666' }}>
            {tree.data.totals.standards} 条标准，共 {tree.data.totals.points} 分：
            {Object.entries(tree.data.totals.byMethod)
              .map(([m, p]) => `${EVAL_METHOD_LABELS[m as keyof typeof EVAL_METHOD_LABELS]} ${Math.round(p * 100) / 100} 分`)
              .join('，')}
          </span>
        )}
      </div>
      <CycleCard town={t.town} systems={systems.data?.items ?? []} />
      <Table<Row>
        rowKey="id"
        size="small"
        loading={tree.isLoading}
        dataSource={rows}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        key={current ?? 0}
        locale={{
          emptyText: <EmptyState compact text={manage ? '还没有测评体系：点“按预置版本新建”，或导入本年度的测评手册。' : '本镇还没有测评体系。'} />,
        }}
        columns={[
          { title: '编号', dataIndex: 'code', width: 90 },
          {
            title: '测评项目 / 内容 / 标准',
            dataIndex: 'name',
            render: (v: string, n) => (n.level === 'standard' ? v : <strong>{v}</strong>),
          },
          {
            title: '测评方法',
            dataIndex: 'methods',
            width: 110,
            render: (ms: Row['methods']) =>
              ms.map((m) => (
                <Tag key={m} color={METHOD_COLOURS[m]}>
                  {EVAL_METHOD_LABELS[m]}
                </Tag>
              )),
          },
          { title: '分值', dataIndex: 'points', width: 64, render: (v: number | null) => v ?? '' },
          {
            title: '责任单位',
            key: 'units',
            width: 200,
            render: (_: unknown, n) =>
              n.level === 'standard'
                ? n.units.length === n.departmentNames.length
                  ? n.units.map((u) => u.name).join('、')
                  : `${n.departmentNames.join('、')}（${n.units.length ? `本镇对应：${n.units.map((u) => u.name).join('、')}` : '本镇未对应单位'}）`
                : '',
          },
          {
            title: '实地考察清单条目',
            key: 'items',
            width: 180,
            render: (_: unknown, n) =>
              n.checklistItems.map((c) => (
                // The item's code (BS01 …) only in the tooltip: the page speaks Chinese.
                <Tooltip key={c.code} title={`清单条目 ${c.code}`}>
                  <Tag>{c.title ? `${POINT_TYPE_LABELS[c.pointType as PointType] ?? ''}·${c.title}` : '清单中已无此条目'}</Tag>
                </Tooltip>
              )),
          },
          {
            title: '所需材料',
            dataIndex: 'materialKinds',
            width: 180,
            render: (ks: Row['materialKinds']) => ks.map((k) => MATERIAL_KIND_LABELS[k]).join('、'),
          },
        ]}
      />
      {importing && t.town && (
        <ImportDialog<{ system: { version: number; standards: number } }>
          title="导入本年度测评手册"
          path={`/evaluation/systems/import?town=${t.town}`}
          intro={
            <p>
              每行一条测评标准，列为：测评项目、测评内容、测评标准、测评方法（实地考察、材料审核、问卷调查）、分值、责任单位、点位类型、清单条目、材料类型。可先
              <a href="/api/evaluation/import-template.xlsx" download>
                下载导入模板
              </a>
              或导出现有版本修改。导入生成新的版本，已有版本及其测评结果不变；有一处错误则整个文件不导入。
            </p>
          }
          success={(r) => `已导入第 ${r.system.version} 版，共 ${r.system.standards} 条标准。`}
          onClose={() => setImporting(false)}
          onImported={() => setPicked(null)}
        />
      )}
    </div>
  );
}

function CycleCard({ town, systems }: { town: string | null; systems: { id: number; version: number; name: string }[] }) {
  const cycles = useCycles(town);
  const [editing, setEditing] = useState<EvaluationCycle | 'new' | null>(null);
  const c = cycles.data?.items[0];
  return (
    <Card
      size="small"
      title="测评周期"
      style={{ marginBottom: 12 }}
      extra={cycles.data?.can.manage && systems.length > 0 && <Button onClick={() => setEditing(c ?? 'new')}>{c ? '修改本周期' : '设置测评周期'}</Button>}
    >
      {c ? (
        <span>
          {c.year} 年度，按第 {c.systemVersion} 版测评；假定测评月 {c.testMonth}，材料有效期 {c.window.from} 至 {c.window.to}；各部门材料报送截止 {c.deadline}
          ，共 {c.assignments} 项报送任务。
        </span>
      ) : (
        <span>尚未设置测评周期：设置年度、测评体系版本和假定测评月后，各材料审核标准会进入责任单位的待办。</span>
      )}
      {editing && town && <CycleModal town={town} cycle={editing === 'new' ? null : editing} systems={systems} onClose={() => setEditing(null)} />}
    </Card>
  );
}

interface CycleForm {
  year: number;
  systemId: number;
  testMonth: Dayjs;
  deadline: Dayjs;
}

function CycleModal({
  town,
  cycle,
  systems,
  onClose,
}: {
  town: string;
  cycle: EvaluationCycle | null;
  systems: { id: number; version: number; name: string }[];
  onClose: () => void;
}) {
  const [form] = Form.useForm<CycleForm>();
  const { save, busy } = useSave({
    form,
    run: (v: CycleForm) =>
      api.put('/evaluation/cycles', {
        townCode: town,
        year: v.year,
        systemId: v.systemId,
        testMonth: v.testMonth.format('YYYY-MM'),
        deadline: v.deadline.format('YYYY-MM-DD'),
        version: cycle?.version,
      }),
    ok: '测评周期已保存',
    invalidate: [keys.evaluation.all],
    onOk: onClose,
  });
  const year = dayjs().year();
  return (
    <Modal open title="测评周期" onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText="保存" destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{
          year: cycle?.year ?? year,
          systemId: cycle?.systemId ?? systems[0]?.id,
          testMonth: cycle ? dayjs(`${cycle.testMonth}-01`) : dayjs().add(4, 'month').startOf('month'),
          deadline: cycle ? dayjs(cycle.deadline) : dayjs().add(3, 'month').startOf('month').subtract(1, 'day'),
        }}
      >
        <Form.Item name="year" label="测评年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2000} max={2100} disabled={!!cycle} />
        </Form.Item>
        <Form.Item name="systemId" label="测评体系版本" rules={[{ required: true, message: '请选择版本' }]}>
          <Select options={systems.map((s) => ({ value: s.id, label: `第 ${s.version} 版 · ${s.name}` }))} />
        </Form.Item>
        <Space size="large">
          <Form.Item name="testMonth" label="假定测评月" extra="实际测评不预先通知；材料按此月前 12 个月计" rules={[{ required: true, message: '请选择月份' }]}>
            <DatePicker picker="month" />
          </Form.Item>
          <Form.Item name="deadline" label="材料报送截止" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

// 新建项目 / 修改: kind, name, budget (元, kept as fen), the department doing
// it, state, description, milestones with progress, the 摸排 needs it answers, photos.
import { Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { useSave } from '../../api/save.ts';
import { useCursorPages } from '../../api/pages.ts';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { parseYuan, PROJECT_STATE_LABELS, PROJECT_STATES, yuan } from '../../../../domain/fund.ts';
import type { FundProjectDetail } from '../../../../domain/api/fund.ts';
import type { NeedItem } from '../../../../domain/api/surveys.ts';
import { useFundOptions } from './api.ts';

interface Values {
  kind: string;
  name: string;
  budget: string;
  unitId: number;
  state: string;
  description?: string;
  milestones?: { id?: number; name: string; dueDate?: Dayjs; progress: number; doneOn?: Dayjs }[];
  needIds?: number[];
  photoIds?: number[];
}

export function ProjectModal({ project, onClose }: { project?: FundProjectDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const me = useMe().data;
  const town = project?.townCode ?? me?.user.regionCode?.slice(0, 9) ?? null;
  const options = useFundOptions(town && town.length === 9 ? town : null).data;
  const needs = useCursorPages<NeedItem>(
    keys.surveys.list({ regionCode: town ?? undefined, limit: 200 }),
    '/surveys/needs',
    me?.can['survey.read'] && town ? { regionCode: town, limit: 200 } : null,
  );
  const { save, busy } = useSave({
    form,
    run: (v: Values) => {
      const body = {
        regionCode: town,
        kind: v.kind,
        name: v.name,
        budgetFen: parseYuan(v.budget),
        unitId: v.unitId,
        state: v.state,
        description: v.description || null,
        milestones: (v.milestones ?? []).map((m) => ({
          id: m.id,
          name: m.name,
          progress: m.progress ?? 0,
          dueDate: m.dueDate ? m.dueDate.format('YYYY-MM-DD') : null,
          doneOn: m.doneOn ? m.doneOn.format('YYYY-MM-DD') : null,
        })),
        needIds: v.needIds ?? [],
        photoIds: v.photoIds,
      };
      return project
        ? api.put<FundProjectDetail>(`/fund/projects/${project.id}`, { ...body, version: project.version })
        : api.post<FundProjectDetail>('/fund/projects', body);
    },
    ok: '项目已保存',
    invalidate: [keys.fund.all],
    onOk: (p: FundProjectDetail) => {
      onClose();
      if (!project) navigate(`/fund/projects/${p.id}`);
    },
  });
  const initial: Partial<Values> = project
    ? {
        kind: project.kind,
        name: project.name,
        budget: yuan(project.budgetFen).replace(/,/g, ''),
        unitId: project.unit.id,
        state: project.state,
        description: project.description ?? undefined,
        milestones: project.milestones.map((m) => ({
          id: m.id,
          name: m.name,
          progress: m.progress,
          dueDate: m.dueDate ? dayjs(m.dueDate) : undefined,
          doneOn: m.doneOn ? dayjs(m.doneOn) : undefined,
        })),
        needIds: project.needs.map((n) => n.id),
      }
    : { state: 'planned', milestones: [] };
  return (
    <Modal open title={project ? '修改项目' : '新建项目'} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText="保存" width={720}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="kind" label="项目类别" rules={[{ required: true, min: 2, message: '请填写项目类别' }]}>
              <Select
                showSearch
                options={(options?.projectKinds ?? []).map((k) => ({ value: k, label: k }))}
                placeholder="选择或输入"
                onSearch={(v) => v && form.setFieldValue('kind', v)}
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label="项目名称" rules={[{ required: true, min: 2, message: '请填写项目名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="budget"
              label="预算（元）"
              rules={[
                { required: true, message: '请填写预算' },
                { validator: (_, v) => (!v || parseYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error('预算应为非负数，最多两位小数'))) },
              ]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="unitId" label="实施单位" rules={[{ required: true, message: '请选择实施单位' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={(options?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="state" label="状态">
              <Select options={PROJECT_STATES.map((s) => ({ value: s, label: PROJECT_STATE_LABELS[s] }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label="项目内容">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '节点名称' }]}>
                    <Input placeholder="节点名称" style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueDate']}>
                    <DatePicker inputReadOnly placeholder="计划完成" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'progress']} initialValue={0}>
                    <InputNumber min={0} max={100} precision={0} addonAfter="%" style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'doneOn']}>
                    <DatePicker inputReadOnly placeholder="完成日期" />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="删除节点" onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ progress: 0 })} style={{ marginBottom: 16 }}>
                添加节点
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="needIds" label="对应的摸排需求">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={needs.items.map((n) => ({ value: n.id, label: `${n.kind.name}：${n.description}` }))}
          />
        </Form.Item>
        <Form.Item name="photoIds" label="项目照片">
          <PhotoUploader label="项目照片" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

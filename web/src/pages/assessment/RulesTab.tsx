// 考核评比's 奖惩规则 tab: the reward/punishment rules of a region, each with
// its versions; a manager adds a rule or a new version from a date.
import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { EVENT_KINDS, EVENT_KIND_LABELS, SUBJECT_KINDS, SUBJECT_KIND_LABELS } from '../../../../domain/assessment/rules.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { RuleList, RuleVersionRow } from '../../../../domain/api/assessment.ts';

type RuleRow = RuleList['rules'][number];
export function Rules({ region }: { region: string }) {
  const [editing, setEditing] = useState<RuleRow | 'new' | null>(null);
  const [form] = Form.useForm();
  const q = useQuery({
    queryKey: keys.assessment.rules(region),
    queryFn: () => api.get<{ rules: RuleRow[]; can: { manage: boolean } }>('/assessment/rules', { region }),
  });
  const { save } = useSave({
    form,
    run: async (v: any) => {
      const effectiveFrom = (v.effectiveFrom as Dayjs).format('YYYY-MM-DD');
      if (editing === 'new')
        await api.post('/assessment/rules', {
          regionCode: region,
          name: v.name,
          eventKind: v.eventKind,
          subjectKind: v.subjectKind,
          points: v.points,
          capPerPeriod: v.capPerPeriod ?? null,
          threshold: v.threshold ?? null,
          effectiveFrom,
        });
      else if (editing)
        await api.post(`/assessment/rules/${editing.ruleKey}/versions`, {
          name: v.name,
          points: v.points,
          capPerPeriod: v.capPerPeriod ?? null,
          threshold: v.threshold ?? null,
          active: v.active,
          effectiveFrom,
        });
    },
    ok: '规则已保存；已发布和较早的统计期不受影响',
    invalidate: [keys.assessment.rulesAll()],
    onOk: () => setEditing(null),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {q.data?.can.manage && (
        <Button
          type="primary"
          onClick={() => {
            form.resetFields();
            setEditing('new');
          }}
        >
          新增规则
        </Button>
      )}
      <Table<RuleRow>
        rowKey="ruleKey"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.rules ?? []}
        pagination={false}
        locale={{ emptyText: q.data?.can.manage ? '尚未制定奖惩规则：点击“新增规则”，按本镇奖惩办法录入事项、对象、分值和生效日期' : '本级尚未制定奖惩规则' }}
        expandable={{
          expandedRowRender: (r) => (
            <Table<RuleVersionRow>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.versions}
              columns={[
                { title: '版本', dataIndex: 'version' },
                { title: '生效日期', dataIndex: 'effectiveFrom' },
                { title: '分值', dataIndex: 'points' },
                { title: '每月上限', dataIndex: 'capPerPeriod', render: (v) => v ?? '不限' },
                { title: '状态', dataIndex: 'active', render: (a) => (a ? '启用' : '停用') },
              ]}
            />
          ),
        }}
        columns={[
          { title: '规则', render: (_, r) => r.current?.name ?? r.versions.at(-1)?.name },
          { title: '事项', dataIndex: 'eventLabel' },
          { title: '对象', dataIndex: 'subjectLabel' },
          { title: '现行分值', render: (_, r) => (r.current ? (r.current.active ? r.current.points : '停用') : '未生效') },
          { title: '每月上限', render: (_, r) => r.current?.capPerPeriod ?? '不限' },
          { title: '版本数', render: (_, r) => r.versions.length },
          {
            title: '',
            render: (_, r) =>
              r.canManage && (
                <Button
                  size="small"
                  onClick={() => {
                    const v = r.versions.at(-1)!;
                    form.setFieldsValue({
                      name: v.name,
                      points: v.points,
                      capPerPeriod: v.capPerPeriod,
                      threshold: v.threshold,
                      active: true,
                      effectiveFrom: dayjs().add(1, 'day'),
                    });
                    setEditing(r);
                  }}
                >
                  自某日起调整
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新增奖惩规则' : '新版本（自生效日期起适用，不改变此前各期）'}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText="保存"
        cancelText="取消"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ effectiveFrom: dayjs(), active: true, subjectKind: 'community' }}>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写规则名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          {editing === 'new' && (
            <>
              <Form.Item name="eventKind" label="事项" rules={[{ required: true, message: '请选择事项' }]}>
                <Select options={EVENT_KINDS.map((k) => ({ value: k, label: EVENT_KIND_LABELS[k] }))} />
              </Form.Item>
              <Form.Item name="subjectKind" label="考核对象">
                <Select options={SUBJECT_KINDS.map((k) => ({ value: k, label: SUBJECT_KIND_LABELS[k] }))} />
              </Form.Item>
            </>
          )}
          <Form.Item name="points" label="分值（加分为正，扣分为负）" rules={[{ required: true, message: '请填写分值' }]}>
            <InputNumber step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="capPerPeriod" label="每月上限（绝对值，空为不限）">
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.eventKind !== b.eventKind}>
            {({ getFieldValue }) =>
              (editing === 'new' ? getFieldValue('eventKind') : editing?.eventKind) === 'activity_shortfall' && (
                <Form.Item
                  name="threshold"
                  label="每月最少开展活动场次（少于此数的月份按分值计一次）"
                  rules={[{ required: true, message: '请填写每月最少场次' }]}
                >
                  <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              )
            }
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="active" label="启用" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
          <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
            <DatePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

// The cadence of each kind for a town (or a county's default): period, times
// per period and whether weekends and holidays count. Saved with PUT
// /api/inspections/cadence as a new version from a date (today or later: past
// periods keep the cadence they had); the page says where the current setting
// comes from and lists the versions.
import { useEffect } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, Button, DatePicker, Form, InputNumber, Select, Space, Switch, Table, Tag } from 'antd';
import { api } from '../../api/client.ts';
import { CADENCE_PERIOD_LABELS, CADENCE_PERIODS, type Cadence } from '../../../../domain/inspections/cadence.ts';
import { INSPECTION_KIND_LABELS, INSPECTION_KINDS, type InspectionKind } from '../../../../domain/inspections/vocab.ts';
import { useCadence } from './api.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';

const FROM: Record<string, string> = { own: '本级设置', county: '沿用县级设置', global: '沿用全局设置', default: '系统默认' };
const WHO: Record<InspectionKind, string> = {
  patrol: '每位街巷长 × 每个负责地点',
  supervision: '每个社区',
  unannounced_visit: '每位镇领导',
  demo_visit: '每个示范点',
  mock_evaluation: '不定期，不计考勤',
};

export function CadenceForm({ regionCode }: { regionCode: string }) {
  const q = useCadence(regionCode);
  const [form] = Form.useForm<Record<InspectionKind, Cadence> & { effectiveFrom?: Dayjs | null }>();
  const { save } = useSave({
    form,
    run: ({ effectiveFrom, ...v }: Record<InspectionKind, Cadence> & { effectiveFrom?: Dayjs | null }) =>
      api.put(`/inspections/cadence?regionCode=${regionCode}`, { ...v, ...(effectiveFrom ? { effectiveFrom: effectiveFrom.format('YYYY-MM-DD') } : {}) }),
    ok: (_, v) => `巡查频次已保存，考勤自 ${v.effectiveFrom ? v.effectiveFrom.format('YYYY-MM-DD') : '今天'} 起按新设置计算，此前的统计期不变`,
    invalidate: [keys.inspections.all],
    onOk: () => form.setFieldValue('effectiveFrom', null),
  });
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data.cadence);
  }, [q.data, form]);
  if (q.error) return <Alert type="warning" showIcon message={q.error.message} />;
  const manage = !!q.data?.can.manage;
  return (
    <Form form={form} onFinish={save} disabled={!manage}>
      {q.data && (
        <div style={{ marginBottom: 8 }}>
          当前：<Tag>{FROM[q.data.inheritedFrom]}</Tag>
          {q.data.inheritedFrom !== 'own' && manage && '保存后成为本级设置。'}
        </div>
      )}
      <Table
        rowKey="kind"
        size="small"
        pagination={false}
        loading={q.isLoading}
        dataSource={INSPECTION_KINDS.map((k) => ({ kind: k }))}
        scroll={{ x: 760 }}
        columns={[
          { title: '检查类型', dataIndex: 'kind', width: 120, render: (k: InspectionKind) => INSPECTION_KIND_LABELS[k] },
          { title: '考勤对象', dataIndex: 'kind', key: 'who', width: 170, render: (k: InspectionKind) => WHO[k] },
          {
            title: '周期',
            key: 'period',
            width: 120,
            render: (_: unknown, r) => (
              <Form.Item name={[r.kind, 'period']} noStyle>
                <Select
                  aria-label={`${INSPECTION_KIND_LABELS[r.kind]}周期`}
                  style={{ width: 100 }}
                  options={CADENCE_PERIODS.map((p) => ({ value: p, label: CADENCE_PERIOD_LABELS[p] }))}
                />
              </Form.Item>
            ),
          },
          {
            title: '每周期次数',
            key: 'times',
            width: 110,
            render: (_: unknown, r) => (
              <Form.Item name={[r.kind, 'times']} noStyle>
                <InputNumber aria-label={`${INSPECTION_KIND_LABELS[r.kind]}次数`} min={0} max={10} precision={0} style={{ width: 80 }} />
              </Form.Item>
            ),
          },
          {
            title: '周末计入',
            key: 'weekends',
            width: 90,
            render: (_: unknown, r) => (
              <Form.Item name={[r.kind, 'countWeekends']} valuePropName="checked" noStyle>
                <Switch aria-label={`${INSPECTION_KIND_LABELS[r.kind]}周末计入`} />
              </Form.Item>
            ),
          },
          {
            title: '节假日计入',
            key: 'holidays',
            width: 100,
            render: (_: unknown, r) => (
              <Form.Item name={[r.kind, 'countHolidays']} valuePropName="checked" noStyle>
                <Switch aria-label={`${INSPECTION_KIND_LABELS[r.kind]}节假日计入`} />
              </Form.Item>
            ),
          },
        ]}
      />
      <p style={{ color: '#8c8c8c', marginTop: 8 }}>调休上班日按工作日计入；节假日以“节假日”设置中的工作日历为准。</p>
      {manage && (
        <Space wrap>
          <Form.Item name="effectiveFrom" label="生效日期" style={{ marginBottom: 0 }}>
            <DatePicker placeholder="今天" inputReadOnly disabledDate={(d) => !!q.data && d.isBefore(dayjs(q.data.today), 'day')} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            保存频次设置
          </Button>
        </Space>
      )}
      {!!q.data?.versions.length && (
        <Table
          rowKey="version"
          size="small"
          style={{ marginTop: 16 }}
          pagination={false}
          dataSource={q.data.versions}
          columns={[
            { title: '版本', dataIndex: 'version', width: 60 },
            {
              title: '生效日期',
              dataIndex: 'effectiveFrom',
              width: 110,
              render: (d: string, r) => (
                <>
                  {d} {r.inForce && <Tag color="green">执行中</Tag>}
                  {r.scheduled && <Tag color="blue">待生效</Tag>}
                </>
              ),
            },
            { title: '街巷长巡查', key: 'patrol', render: (_: unknown, r) => `${CADENCE_PERIOD_LABELS[r.cadence.patrol.period]} ${r.cadence.patrol.times} 次` },
            {
              title: '督查',
              key: 'supervision',
              render: (_: unknown, r) => `${CADENCE_PERIOD_LABELS[r.cadence.supervision.period]} ${r.cadence.supervision.times} 次`,
            },
            { title: '设置人', dataIndex: 'createdByName', render: (n: string | null) => n ?? '—' },
          ]}
        />
      )}
    </Form>
  );
}

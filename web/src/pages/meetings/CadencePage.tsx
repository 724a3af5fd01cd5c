// 例会要求: each town's weekly 例会 (how many a week, from when) and the weeks of
// the year that ended without enough of them.
import { useState } from 'react';
import { Button, Card, DatePicker, Form, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { useCadence, type CadenceAnswer } from './api.ts';
import { MeetingsTabs } from './shared.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

type Town = CadenceAnswer['towns'][number];

export default function CadencePage() {
  const [year, setYear] = useState(dayjs().year());
  const q = useCadence(year);
  const [editing, setEditing] = useState<Town | null>(null);
  return (
    <div>
      <MeetingsTabs />
      <div className="toolbar" style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 12 }}>
        <Select
          aria-label="年份"
          value={year}
          onChange={setYear}
          options={[0, 1, 2].map((i) => ({ value: dayjs().year() - i, label: `${dayjs().year() - i} 年` }))}
          style={{ width: 110 }}
        />
        <span style={{ color: '#888' }}>
          每周例会按周一至周日计；没有工作日的周（如春节、国庆假期）不要求召开。缺开的周按考核办法“未按要求召开每周例会”扣分。
        </span>
      </div>
      {(q.data?.towns ?? []).map((t) => (
        <Card
          key={t.townCode}
          title={t.townName}
          style={{ marginBottom: 16 }}
          extra={q.data?.can.manage && <Button onClick={() => setEditing(t)}>设置例会要求</Button>}
        >
          <p>{t.perWeek > 0 ? `要求：自 ${t.effectiveFrom} 起每周召开每周例会 ${t.perWeek} 次。` : '尚未设置例会要求：设置后，缺开例会的周会列在这里。'}</p>
          {t.perWeek > 0 && (
            <Table
              rowKey="week"
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={t.missed}
              locale={{ emptyText: <EmptyState compact text={`${year} 年已结束的周都按要求召开了例会。`} /> }}
              columns={[
                { title: '周', key: 'week', render: (_: unknown, w: Town['missed'][number]) => `${w.week}（周一）至 ${w.end}（周日）` },
                {
                  title: '召开',
                  dataIndex: 'held',
                  width: 100,
                  render: (v: number, w) => (
                    <Tag color="red">
                      {v} / {w.required} 次
                    </Tag>
                  ),
                },
              ]}
            />
          )}
        </Card>
      ))}
      {q.data && q.data.towns.length === 0 && <Card>您的管辖范围内没有乡镇。</Card>}
      {editing && <CadenceModal town={editing} year={year} onClose={() => setEditing(null)} />}
    </div>
  );
}

function CadenceModal({ town, year, onClose }: { town: Town; year: number; onClose: () => void }) {
  const [form] = Form.useForm<{ perWeek: number; effectiveFrom: Dayjs }>();
  const { save, busy } = useSave({
    form,
    run: (v: { perWeek: number; effectiveFrom: Dayjs }) =>
      api.put('/meetings/cadence', { townCode: town.townCode, perWeek: v.perWeek, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), version: town.version }),
    ok: '例会要求已保存',
    invalidate: [keys.meetings.all],
    onOk: onClose,
  });
  return (
    <Modal open title={`${town.townName}：每周例会要求`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText="保存" destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ perWeek: town.perWeek || 1, effectiveFrom: town.effectiveFrom ? dayjs(town.effectiveFrom) : dayjs(`${year}-01-01`) }}
      >
        <Space size="large">
          <Form.Item name="perWeek" label="每周召开次数（0 为不要求）" rules={[{ required: true, message: '请填写次数' }]}>
            <InputNumber min={0} max={7} addonAfter="次" />
          </Form.Item>
          <Form.Item name="effectiveFrom" label="自何日起" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

// 节假日: the working-day calendar deadlines run on — statutory days off and
// 调休 working days from the data package, plus the admin's own entries.
// A year the package does not have yet is flagged so the admin enters it.
import { useState } from 'react';
import { Alert, Badge, Button, Calendar, Card, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined, SyncOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useFeedback } from '../../components/useActions.ts';
import { fmtDay } from '../problems/labels.tsx';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { Wire } from '../../../../domain/api/common.ts';
import type { calendarYear } from '../../../../domain/api/calendar.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

type YearView = Wire<typeof calendarYear>;
type Day = YearView['days'][number];
interface Values {
  day: Dayjs;
  kind: 'holiday' | 'workday';
  name?: string;
}

const WEEK = ['日', '一', '二', '三', '四', '五', '六'];
const KIND = { holiday: { label: '放假', color: 'red' }, workday: { label: '调休上班', color: 'blue' } } as const;

function DayModal({ year, day, onClose, onSaved }: { year: number; day: Day | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { save, busy } = useSave({
    form,
    run: (v: Values) => api.put(`/calendar/days/${v.day.format('YYYY-MM-DD')}`, { kind: v.kind, name: v.name?.trim() || null }),
    ok: '已保存',
    invalidate: [keys.calendar.all],
    onOk: onSaved,
  });
  return (
    <Modal
      open
      title={day ? `修改 ${fmtDay(day.day)}` : '添加放假日或调休上班日'}
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
        initialValues={day ? { day: dayjs(day.day), kind: day.kind, name: day.name ?? undefined } : { kind: 'holiday', day: dayjs(`${year}-01-01`) }}
      >
        <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} disabled={!!day} inputReadOnly />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Radio.Group
            options={[
              { value: 'holiday', label: '放假（不计工作日）' },
              { value: 'workday', label: '调休上班（周末计为工作日）' },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label="名称（选填）" rules={[{ max: 30, message: '最多 30 个字' }]}>
          <Input maxLength={30} placeholder="如 国庆节、春节调休" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function CalendarPage() {
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [dialog, setDialog] = useState<{ day: Day | null } | null>(null);
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const { confirm } = useFeedback();
  const q = useQuery({ queryKey: keys.calendar.year(year), queryFn: () => api.get<YearView>('/calendar', { year }) });
  const restoreSave = useSave({ run: (d: Day) => api.put(`/calendar/days/${d.day}`, { kind: null }), ok: '已恢复默认', invalidate: [keys.calendar.all] });
  const reseedSave = useSave({
    run: () => api.post<YearView>(`/calendar/${year}/reseed`),
    ok: (r) => (r.published ? '已同步' : '数据包中还没有该年安排，请手工录入'),
    invalidate: [keys.calendar.all],
  });
  const data = q.data;
  const byDay = new Map((data?.days ?? []).map((d) => [d.day, d]));

  const restore = (d: Day) =>
    confirm('恢复默认', `删除 ${fmtDay(d.day)} 的手工设置，恢复为数据包中的安排（没有安排则按普通周末/工作日计算）。确定吗？`, () => restoreSave.save(d));
  const reseed = () => confirm('从数据包同步', `用节假日数据包更新 ${year} 年的放假安排。您手工录入的日期不会被覆盖。`, () => reseedSave.save(), false);

  const holidays = (data?.days ?? []).filter((d) => d.kind === 'holiday').length;
  const workdays = (data?.days ?? []).filter((d) => d.kind === 'workday').length;
  return (
    <div>
      <PageExtra>
        <Space wrap>
          <Select
            value={year}
            onChange={(y) => {
              setYear(y);
              setMonth(dayjs(`${y}-01-01`));
            }}
            style={{ width: 110 }}
            options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: y, label: `${y} 年` }))}
          />
          {data?.can.manage && (
            <Button icon={<SyncOutlined aria-hidden />} onClick={reseed}>
              从数据包同步
            </Button>
          )}
          {data?.can.manage && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ day: null })}>
              添加
            </Button>
          )}
        </Space>
      </PageExtra>
      {data && !data.published && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`${year} 年的放假安排尚未收录`} description={data.notice} />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card size="small" title={`${year} 年：放假 ${holidays} 天，调休上班 ${workdays} 天`} style={{ marginBottom: 16 }}>
            <Table<Day>
              rowKey="day"
              size="small"
              loading={q.isLoading}
              dataSource={data?.days ?? []}
              pagination={false}
              locale={{
                emptyText: (
                  <EmptyState text={data?.can.manage ? '该年还没有节假日。点击“从数据包同步”，或按国务院办公厅通知逐日“添加”。' : '该年还没有节假日安排'} />
                ),
              }}
              onRow={(d) => ({ onClick: () => setMonth(dayjs(d.day)) })}
              columns={[
                { title: '日期', dataIndex: 'day', render: (v: string) => `${fmtDay(v)}（周${WEEK[dayjs(v).day()]}）` },
                { title: '类型', dataIndex: 'kind', width: 100, render: (k: Day['kind']) => <Tag color={KIND[k].color}>{KIND[k].label}</Tag> },
                { title: '名称', dataIndex: 'name', render: (v: string | null) => v ?? '—' },
                {
                  title: '来源',
                  dataIndex: 'source',
                  width: 90,
                  responsive: ['sm'],
                  render: (s: string) => (s === 'admin' ? <Tag color="orange">手工录入</Tag> : '数据包'),
                },
                ...(data?.can.manage
                  ? [
                      {
                        title: '操作',
                        key: 'ops',
                        width: 130,
                        render: (_: unknown, d: Day) => (
                          <Space size={0}>
                            <Button type="link" size="small" onClick={() => setDialog({ day: d })}>
                              修改
                            </Button>
                            {d.source === 'admin' && (
                              <Button type="link" size="small" danger onClick={() => restore(d)}>
                                恢复默认
                              </Button>
                            )}
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title="日历" style={{ marginBottom: 16 }}>
            <Calendar
              fullscreen={false}
              value={month}
              onPanelChange={(d) => setMonth(d)}
              onSelect={(d, info) => {
                setMonth(d);
                if (info.source === 'date' && data?.can.manage) {
                  const x = byDay.get(d.format('YYYY-MM-DD'));
                  if (x) setDialog({ day: x });
                }
              }}
              validRange={[dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]}
              fullCellRender={(d, info) => {
                if (info.type !== 'date') return info.originNode;
                const x = byDay.get(d.format('YYYY-MM-DD'));
                const weekend = d.day() === 0 || d.day() === 6;
                const off = x ? x.kind === 'holiday' : weekend;
                return (
                  <div
                    className="ant-picker-cell-inner"
                    title={x?.name ?? undefined}
                    style={{ color: d.month() !== month.month() ? '#ccc' : off ? '#cf1322' : undefined, fontWeight: x ? 600 : undefined }}
                  >
                    {x ? (
                      <Badge dot color={KIND[x.kind].color === 'red' ? '#cf1322' : '#1677ff'} offset={[2, 0]}>
                        {d.date()}
                      </Badge>
                    ) : (
                      d.date()
                    )}
                  </div>
                );
              }}
            />
            <Space size={12} style={{ fontSize: 12, color: '#666' }}>
              <span>
                <Badge color="#cf1322" /> 放假
              </span>
              <span>
                <Badge color="#1677ff" /> 调休上班
              </span>
              <span>红字为休息日</span>
            </Space>
          </Card>
        </Col>
      </Row>
      {dialog && <DayModal year={year} day={dialog.day} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />}
    </div>
  );
}

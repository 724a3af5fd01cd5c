// Bulk 立案 / 立案并派遣 from the problem list (the office): the bar over the
// selected rows, the dialog that picks the unit (the dispatch dialog's
// grouped, searchable picker of the town's reachable units) and the result
// dialog listing each problem's outcome, done or refused with the server's
// reason (POST /api/problems/bulk moves each problem on its own).
import { useState } from 'react';
import { Alert, Button, DatePicker, Form, List, Modal, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { BulkMoveResult } from '../../../../domain/api/dispatch.ts';
import { useDispatchUnits, type ProblemListItem } from './api.ts';

type BulkAction = 'file' | 'dispatch';
const WORD: Record<BulkAction, string> = { file: '立案', dispatch: '立案并派遣' };

/** Which rows a bulk move may take: 立案 a new report; 立案并派遣 a new or filed one. */
export const bulkSelectable = (p: ProblemListItem) => p.state === 'reported' || p.state === 'filed';

export function BulkBar({ selected, onClear, onDone }: { selected: ProblemListItem[]; onClear: () => void; onDone: () => void }) {
  const [open, setOpen] = useState<BulkAction | null>(null);
  const [result, setResult] = useState<{ action: BulkAction; r: BulkMoveResult; rows: ProblemListItem[] } | null>(null);
  const reported = selected.filter((p) => p.state === 'reported');
  return (
    <>
      {selected.length > 0 && (
        <Alert
          type="info"
          style={{ marginBottom: 8 }}
          role="region"
          aria-label="批量操作"
          title={
            <Space wrap>
              <span>已选 {selected.length} 个问题</span>
              <Button type="primary" size="small" onClick={() => setOpen('dispatch')}>
                立案并派遣…
              </Button>
              <Button size="small" disabled={!reported.length} title={reported.length ? undefined : '所选问题都已立案'} onClick={() => setOpen('file')}>
                立案
              </Button>
              <Button size="small" type="link" onClick={onClear}>
                取消选择
              </Button>
            </Space>
          }
        />
      )}
      {open && (
        <BulkModal
          action={open}
          rows={open === 'file' ? reported : selected}
          onClose={() => setOpen(null)}
          onDone={(r, rows) => {
            setOpen(null);
            setResult({ action: open, r, rows });
            onClear();
            onDone();
          }}
        />
      )}
      {result && <BulkResult {...result} onClose={() => setResult(null)} />}
    </>
  );
}

interface Values {
  unitId?: number;
  dueDate?: Dayjs | null;
}

function BulkModal({
  action,
  rows,
  onClose,
  onDone,
}: {
  action: BulkAction;
  rows: ProblemListItem[];
  onClose: () => void;
  onDone: (r: BulkMoveResult, rows: ProblemListItem[]) => void;
}) {
  const [form] = Form.useForm<Values>();
  // The town's reachable units are the same for every community of the town: the first row's region stands for all.
  const units = useDispatchUnits(rows[0]?.regionCode, action === 'dispatch');
  const { save, busy } = useSave({
    form,
    run: (v: Values) =>
      api.post<BulkMoveResult>('/problems/bulk', {
        action,
        items: rows.map((p) => ({ id: p.id, version: p.version })),
        unitId: v.unitId ?? null,
        dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
      }),
    ok: (r) => (r.failed ? `${r.done} 个已${WORD[action]}，${r.failed} 个未能处理` : `${r.done} 个问题已${WORD[action]}`),
    invalidate: [keys.problems.lists(), keys.notifications.all],
    onOk: (r) => onDone(r, rows),
  });
  return (
    <Modal
      open
      title={`批量${WORD[action]}（${rows.length} 个问题）`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={WORD[action]}
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={save}>
        {action === 'dispatch' ? (
          <>
            <Form.Item name="unitId" label="责任单位" extra="不选则按调度规则为每个问题匹配责任单位；已立案的问题直接派遣">
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                allowClear
                options={units.data ?? []}
                loading={units.isLoading}
                placeholder="输入单位名称查找，如：城市管理局"
                notFoundContent="没有可派遣的单位"
              />
            </Form.Item>
            <Form.Item name="dueDate" label="整改期限（选填）" extra="不填则按各问题类别的工作日时限自动计算（节假日顺延）">
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} inputReadOnly placeholder="选择日期" />
            </Form.Item>
          </>
        ) : (
          <Typography.Paragraph>将为所选的 {rows.length} 个待立案问题立案，之后可在“待派遣”中派遣。</Typography.Paragraph>
        )}
        <Typography.Text type="secondary">每个问题单独处理：某个问题刚被他人处理过或不能派遣时，只有它不处理，并在结果中说明原因。</Typography.Text>
      </Form>
    </Modal>
  );
}

function BulkResult({ action, r, rows, onClose }: { action: BulkAction; r: BulkMoveResult; rows: ProblemListItem[]; onClose: () => void }) {
  const byId = new Map(rows.map((p) => [p.id, p]));
  return (
    <Modal
      open
      title={`批量${WORD[action]}结果`}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          知道了
        </Button>
      }
      width={640}
    >
      <Alert
        type={r.failed ? 'warning' : 'success'}
        showIcon
        style={{ marginBottom: 12 }}
        title={r.failed ? `${r.done} 个已${WORD[action]}，${r.failed} 个未能处理` : `全部 ${r.done} 个问题已${WORD[action]}`}
      />
      <List
        size="small"
        dataSource={r.results}
        renderItem={(x) => {
          const p = byId.get(x.id);
          return (
            <List.Item data-testid="bulk-result">
              <div style={{ width: '100%', minWidth: 0 }}>
                <Space size={8} wrap>
                  <span className="mono">{p?.code ?? x.id}</span>
                  <span>{p?.categoryName ?? ''}</span>
                  {x.ok ? <Tag color="green">已{WORD[action]}</Tag> : <Tag color="red">未处理</Tag>}
                </Space>
                {!x.ok && x.error && (
                  <div className="wrap-anywhere" style={{ color: '#cf1322', fontSize: 13 }}>
                    原因：{x.error.message}
                  </div>
                )}
              </div>
            </List.Item>
          );
        }}
      />
    </Modal>
  );
}

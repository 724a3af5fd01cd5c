// One modal per workflow action (立案, 不予立案, 合并, 派遣, 接收, 退回,
// 提交整改, 核查通过, 核查不通过), for 立案并派遣 of a new report in one step
// (POST /api/problems/bulk with this one problem: both moves or neither) and
// for extensions. Each sends the version the
// page loaded; a 409 means someone else acted first: say so and reload.
import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import { REJECT_REASONS, REJECT_REASON_LABELS, TERMINAL_STATES } from '../../../../domain/problems/vocab.ts';
import type { ProblemAction } from '../../../../domain/problems/workflow.ts';
import { PROBLEM_ACTION_LABELS } from '../../../../domain/problems/workflow.ts';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { useFeedback } from '../../components/useActions.ts';
import { useDispatchUnits, useResolve, type ExtensionRow, type Problem, type ProblemList } from './api.ts';
import { fmtDay } from './labels.tsx';
import type { BulkMoveResult } from '../../../../domain/api/dispatch.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';

export type Dialog =
  | { kind: 'action'; action: ProblemAction }
  | { kind: 'fileDispatch' }
  | { kind: 'extension' }
  | { kind: 'decide'; request: ExtensionRow; approve: boolean };

interface Values {
  note?: string;
  reason?: string;
  unitId?: number;
  dueDate?: Dayjs | null;
  targetId?: number;
  photoIds?: number[];
  days?: number;
}

const NOTE_REQUIRED: Partial<Record<ProblemAction, string>> = {
  return: '请说明退回原因（如：不属于本单位职责，应派往哪个单位）',
  submit: '请填写整改说明',
  verify_fail: '请说明核查不通过的原因',
  recall: '请说明撤回原因（责任单位会收到通知）',
  redispatch: '请说明改派原因（原单位和新单位都会收到通知）',
};
const NOTE_LABEL: Partial<Record<ProblemAction, string>> = {
  return: '退回原因',
  submit: '整改说明',
  verify_fail: '不通过的原因',
  reject: '补充说明（选填）',
  recall: '撤回原因',
  redispatch: '改派原因',
};
const OK_TEXT: Partial<Record<ProblemAction, string>> = { submit: '提交整改', verify_pass: '通过并结案', verify_fail: '退回返工' };

const disabledPast = (d: Dayjs) => d.isBefore(dayjs().startOf('day'));

function MergeTarget({ problem, value, onChange, id }: { problem: Problem; value?: number; onChange?: (v: number) => void; id?: string }) {
  const q = useQuery({
    queryKey: keys.problems.mergeTargets(problem.regionCode),
    queryFn: () => api.get<ProblemList>('/problems', { regionCode: problem.regionCode.slice(0, 12), limit: 200 }),
  });
  const options = (q.data?.items ?? [])
    .filter((p) => p.id !== problem.id && !TERMINAL_STATES.includes(p.state))
    .map((p) => ({ value: p.id, label: `${p.code} · ${p.categoryName ?? ''} · ${p.placeName ?? p.regionName ?? ''} · ${p.stateLabel}` }));
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      loading={q.isLoading}
      options={options}
      placeholder="输入编号或类别查找原问题"
      notFoundContent="本社区没有可合并的未结问题"
    />
  );
}

export function ActionModal({
  problem,
  dialog,
  onClose,
  onDone,
}: {
  problem: Problem;
  dialog: Dialog;
  onClose: () => void;
  onDone: (p: Problem | null) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [uploading, setUploading] = useState(false);
  const { message } = useFeedback();
  const action = dialog.kind === 'action' ? dialog.action : null;
  const fileDispatch = dialog.kind === 'fileDispatch';
  const dispatching = action === 'dispatch' || action === 'redispatch' || fileDispatch;
  const units = useDispatchUnits(problem.regionCode, dispatching);
  // 改派 goes to another unit: no default from the routing matrix.
  const routed = useResolve(problem.category.id, problem.regionCode, action === 'dispatch' || fileDispatch);

  useEffect(() => {
    if (dispatching && routed.data?.unitId && !form.isFieldTouched('unitId')) form.setFieldValue('unitId', routed.data.unitId);
  }, [dispatching, routed.data?.unitId, form]);

  const title =
    dialog.kind === 'action'
      ? PROBLEM_ACTION_LABELS[dialog.action]
      : fileDispatch
        ? '立案并派遣'
        : dialog.kind === 'extension'
          ? '申请延期'
          : dialog.approve
            ? '批准延期'
            : '不批准延期';

  const { save, busy } = useSave({
    form,
    run: (v: Values): Promise<Problem | null> =>
      fileDispatch
        ? // Both moves in one savepoint; the page reloads the problem.
          api
            .post<BulkMoveResult>('/problems/bulk', {
              action: 'dispatch',
              items: [{ id: problem.id, version: problem.version }],
              unitId: v.unitId ?? null,
              dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
            })
            .then(() => null)
        : dialog.kind === 'action'
          ? api.post<Problem>(`/problems/${problem.id}/actions/${dialog.action}`, {
              version: problem.version,
              note: v.note?.trim() || null,
              reason: v.reason ?? null,
              unitId: v.unitId ?? null,
              dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
              targetId: v.targetId ?? null,
              photoIds: v.photoIds?.length ? v.photoIds : undefined,
            })
          : dialog.kind === 'extension'
            ? api.post<Problem>(`/problems/${problem.id}/extensions`, { days: v.days, reason: v.note?.trim() ?? '' })
            : api.post<Problem>(`/problems/${problem.id}/extensions/${dialog.request.id}/decision`, { approve: dialog.approve, note: v.note?.trim() || null }),
    ok: fileDispatch
      ? '已立案并派遣'
      : dialog.kind === 'action'
        ? `已${PROBLEM_ACTION_LABELS[dialog.action].replace(/（.*）/, '')}`
        : dialog.kind === 'extension'
          ? '延期申请已提交，等待镇创城办审批'
          : dialog.approve
            ? '已批准延期'
            : '已不批准延期',
    invalidate: [keys.problems.lists(), keys.notifications.all, keys.inbox.all],
    onOk: onDone,
    onFail: (e) => {
      if (!(e instanceof ApiError && e.status === 409 && e.code === 'CONFLICT')) return false;
      message.warning('该问题刚被他人处理过，已为您刷新为最新状态，请确认后再操作');
      onDone(null);
      return true;
    },
  });

  const noteRequired = action ? NOTE_REQUIRED[action] : dialog.kind === 'extension' ? '请说明延期理由' : undefined;
  const noteLabel = action ? (NOTE_LABEL[action] ?? '说明（选填）') : dialog.kind === 'extension' ? '延期理由' : '审批意见（选填）';
  const withNote = !fileDispatch; // 立案并派遣 takes no note

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={action ? (OK_TEXT[action] ?? '确定') : fileDispatch ? '立案并派遣' : '确定'}
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: uploading, danger: action === 'reject' || action === 'verify_fail' || (dialog.kind === 'decide' && !dialog.approve) }}
      destroyOnHidden
      width={560}
    >
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={save} initialValues={{ photoIds: [], days: 3 }}>
        {action === 'reject' && (
          <Form.Item name="reason" label="不予立案的原因" rules={[{ required: true, message: '请选择不予立案的原因' }]}>
            <Select options={REJECT_REASONS.map((r) => ({ value: r, label: REJECT_REASON_LABELS[r] }))} placeholder="请选择" />
          </Form.Item>
        )}
        {action === 'merge' && (
          <Form.Item
            name="targetId"
            label="原问题"
            rules={[{ required: true, message: '请选择要合并到的原问题' }]}
            extra="本问题将作为重复上报合并到原问题，上报人会收到原问题的进展"
          >
            <MergeTarget problem={problem} />
          </Form.Item>
        )}
        {dispatching && (
          <>
            {routed.data && <Alert type={routed.data.unitId ? 'info' : 'warning'} showIcon title={routed.data.reason} style={{ marginBottom: 12 }} />}
            <Form.Item
              name="unitId"
              label="责任单位"
              rules={[{ required: !routed.data?.unitId && !routed.isLoading, message: '没有找到该问题的责任单位，请手动选择' }]}
              extra={routed.data?.unitId ? '已按调度规则预选，可改派其他单位' : undefined}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                allowClear
                options={units.data ?? []}
                loading={units.isLoading || routed.isLoading}
                placeholder="请选择责任单位"
                notFoundContent="没有可派遣的单位"
              />
            </Form.Item>
            <Form.Item name="dueDate" label="整改期限（选填）" extra="不填则按问题类别的工作日时限自动计算（节假日顺延）">
              <DatePicker style={{ width: '100%' }} disabledDate={disabledPast} inputReadOnly placeholder="选择日期" />
            </Form.Item>
          </>
        )}
        {action === 'verify_fail' && (
          <Form.Item name="dueDate" label="新的整改期限（选填）" extra={problem.dueDate ? `当前期限：${fmtDay(problem.dueDate)}；不填则不变` : undefined}>
            <DatePicker style={{ width: '100%' }} disabledDate={disabledPast} inputReadOnly placeholder="选择日期" />
          </Form.Item>
        )}
        {dialog.kind === 'extension' && (
          <Form.Item
            name="days"
            label="延期天数（工作日）"
            rules={[{ required: true, message: '请填写延期天数' }]}
            extra={problem.dueDate ? `当前期限：${fmtDay(problem.dueDate)}，批准后从当前期限起顺延` : undefined}
          >
            <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} inputMode="numeric" />
          </Form.Item>
        )}
        {dialog.kind === 'decide' && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`${dialog.request.requestedByName ?? '责任单位'}申请延期 ${dialog.request.days} 个工作日`}
            description={`理由：${dialog.request.reason}`}
          />
        )}
        {withNote && (
          <Form.Item
            name="note"
            label={noteLabel}
            rules={[
              ...(noteRequired ? [{ required: true, whitespace: true, message: noteRequired }] : []),
              { max: dialog.kind === 'action' ? 2000 : 1000, message: '内容过长' },
            ]}
          >
            <Input.TextArea
              rows={3}
              maxLength={dialog.kind === 'action' ? 2000 : 1000}
              placeholder={action === 'submit' ? '例如：已联系车主挪车，并设置禁停标识' : undefined}
            />
          </Form.Item>
        )}
        {action === 'submit' && (
          <Form.Item name="photoIds" label="整改后照片" rules={[{ type: 'array', min: 1, message: '请上传整改后的照片' }]} style={{ marginBottom: 0 }}>
            <PhotoUploader id="after-photos" label="整改后照片" onBusyChange={setUploading} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

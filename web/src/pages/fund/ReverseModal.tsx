// 冲正: the original entry stays as it was; a new entry with the opposite
// amount, its reason and its voucher corrects it.
import { Form, Input, Modal, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { FundEntry } from '../../../../domain/api/fund.ts';
import type { StoredDocument } from '../../../../domain/api/files.ts';
import { VoucherFields, voucherBody } from './EntryModal.tsx';

export function ReverseModal({ entry, onClose }: { entry: FundEntry; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string; voucherPhotoIds?: number[]; voucherFiles?: StoredDocument[] }>();
  const { save, busy } = useSave({
    form,
    run: (v: { reason: string; voucherPhotoIds?: number[]; voucherFiles?: StoredDocument[] }) =>
      api.post(`/fund/entries/${entry.id}/reverse`, { reason: v.reason, ...voucherBody(v) }),
    ok: '已登记冲正记录',
    invalidate: [keys.fund.all],
    onOk: onClose,
  });
  return (
    <Modal open title={`冲正：${entry.note}（${entry.amountYuan} 元）`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText="登记冲正">
      <Typography.Paragraph type="secondary">原记录保留不改，另登记一笔金额相反的冲正记录。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="reason" label="冲正原因" rules={[{ required: true, min: 2, message: '请填写冲正原因' }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <VoucherFields />
      </Form>
    </Modal>
  );
}

// 登记收入 / 登记支出: the amount typed in 元 (kept as integer fen), the day,
// for income its source (and optionally the project it is earmarked for and
// the contributing unit), for spending the project; a note and the voucher:
// scanned documents (PDF, Word, Excel through the file store) and/or photos,
// at least one. A spend past its project's budget asks for confirmation first.
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { useSave } from '../../api/save.ts';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { DocUploader } from '../../components/DocUploader.tsx';
import type { StoredDocument } from '../../../../domain/api/files.ts';
import { INCOME_SOURCE_LABELS, INCOME_SOURCES, parseYuan } from '../../../../domain/fund.ts';
import { useFundOptions } from './api.ts';

interface Values {
  amount: string;
  onDate: Dayjs;
  source?: string;
  projectId?: number;
  unitId?: number;
  note: string;
  voucherPhotoIds?: number[];
  voucherFiles?: StoredDocument[];
}

/** The voucher of an entry or a reversal: documents and/or photos, at least one in all. */
export function VoucherFields() {
  return (
    <>
      <Form.Item
        name="voucherFiles"
        label="凭证文件（收据、发票、拨款文件的扫描件：PDF、Word、Excel）"
        dependencies={['voucherPhotoIds']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, files?: StoredDocument[]) =>
              files?.length || getFieldValue('voucherPhotoIds')?.length ? Promise.resolve() : Promise.reject(new Error('请上传凭证：扫描件或照片至少一份')),
          }),
        ]}
      >
        <DocUploader label="上传凭证文件" />
      </Form.Item>
      <Form.Item name="voucherPhotoIds" label="凭证照片（选填）">
        <PhotoUploader label="凭证" max={10} />
      </Form.Item>
    </>
  );
}

/** The voucher fields as the API takes them. */
export const voucherBody = (v: { voucherPhotoIds?: number[]; voucherFiles?: StoredDocument[] }) => ({
  voucherPhotoIds: v.voucherPhotoIds ?? [],
  voucherFileIds: (v.voucherFiles ?? []).map((f) => f.id),
});

export function EntryModal({ direction, onClose }: { direction: 'income' | 'spend'; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [modal, holder] = Modal.useModal();
  const me = useMe().data;
  const town = me?.user.regionCode?.slice(0, 9) ?? null;
  const options = useFundOptions(town && town.length === 9 ? town : null).data;
  const { save, busy } = useSave({
    form,
    run: async (v: Values) => {
      const body = {
        regionCode: town,
        direction,
        source: direction === 'income' ? v.source : null,
        amountFen: parseYuan(v.amount),
        onDate: v.onDate.format('YYYY-MM-DD'),
        projectId: v.projectId ?? null,
        unitId: v.unitId ?? null,
        note: v.note,
        ...voucherBody(v),
      };
      try {
        return await api.post('/fund/entries', body);
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 'CONFIRMATION_REQUIRED') throw e;
        const yes = await modal.confirm({
          title: '超出项目预算',
          content: e.message,
          okText: '确认超支并登记',
          cancelText: '暂不登记',
          okButtonProps: { danger: true },
        });
        return yes ? api.post('/fund/entries', { ...body, confirmOverspend: true }) : null;
      }
    },
    ok: (r) => (r === null ? null : direction === 'income' ? '收入已登记' : '支出已登记'),
    invalidate: [keys.fund.all],
    onOk: (r) => {
      if (r !== null) onClose();
    },
  });
  return (
    <Modal open title={direction === 'income' ? '登记收入' : '登记支出'} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText="登记">
      {holder}
      <Form form={form} layout="vertical" initialValues={{ onDate: dayjs() }} onFinish={save}>
        <Form.Item
          name="amount"
          label="金额（元）"
          rules={[
            { required: true, message: '请填写金额' },
            { validator: (_, v) => (!v || (parseYuan(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error('金额应为大于 0 的数，最多两位小数'))) },
          ]}
        >
          <Input inputMode="decimal" placeholder="如：12500.00" />
        </Form.Item>
        <Form.Item name="onDate" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {direction === 'income' && (
          <Form.Item name="source" label="收入来源" rules={[{ required: true, message: '请选择收入来源' }]}>
            <Select options={INCOME_SOURCES.map((s) => ({ value: s, label: INCOME_SOURCE_LABELS[s] }))} />
          </Form.Item>
        )}
        <Form.Item
          name="projectId"
          label={direction === 'income' ? '专项用于项目（选填）' : '项目'}
          rules={direction === 'spend' ? [{ required: true, message: '支出须对应一个项目' }] : []}
        >
          <Select allowClear options={(options?.projects ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        {direction === 'income' && (
          <Form.Item name="unitId" label="出资单位（选填）">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(options?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        )}
        <Form.Item name="note" label="摘要" rules={[{ required: true, min: 2, message: '请填写摘要' }]}>
          <Input maxLength={500} />
        </Form.Item>
        <VoucherFields />
      </Form>
    </Modal>
  );
}

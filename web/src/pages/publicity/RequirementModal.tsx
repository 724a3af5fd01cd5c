// 修改要求 (the admin): a new version of a point type's publicity requirement,
// line by line (a facility kind and/or a content theme, at least how many);
// the old versions are kept, the new one applies from now on.
import { Button, Form, InputNumber, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { PublicityRequirement } from '../../../../domain/api/publicity.ts';
import { useTerms } from './api.ts';

interface Line {
  kindId?: number | null;
  themeId?: number | null;
  minCount: number;
}

export function RequirementModal({ req, onClose }: { req: PublicityRequirement; onClose: () => void }) {
  const [form] = Form.useForm<{ items: Line[] }>();
  const terms = useTerms().data;
  const { save, busy } = useSave({
    form,
    run: (v: { items: Line[] }) => api.post('/publicity/requirements', { pointType: req.pointType, items: v.items ?? [] }),
    ok: `${req.pointTypeLabel}的要求已发布新版本`,
    invalidate: [keys.publicity.all],
    onOk: onClose,
  });
  return (
    <Modal
      open
      title={`修改要求：${req.pointTypeLabel}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="发布新版本"
      cancelText="取消"
      confirmLoading={busy}
      width={680}
      destroyOnHidden
    >
      <Form
        form={form}
        onFinish={save}
        initialValues={{ items: req.items.map((i) => ({ kindId: i.kind?.id ?? null, themeId: i.theme?.id ?? null, minCount: i.minCount })) }}
      >
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'kindId']} label="设施类别">
                    <Select allowClear style={{ width: 150 }} placeholder="不限" options={(terms?.kinds ?? []).map((k) => ({ value: k.id, label: k.name }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'themeId']} label="内容主题">
                    <Select allowClear style={{ width: 180 }} placeholder="不限" options={(terms?.themes ?? []).map((k) => ({ value: k.id, label: k.name }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'minCount']} label="至少" rules={[{ required: true, message: '请填写数量' }]}>
                    <InputNumber min={1} max={1000} precision={0} style={{ width: 80 }} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="删除这条要求" onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ minCount: 1 })} block>
                添加一条要求
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

// Change a wave: while it is open, its name, end date, sample plan (N per
// community and per-community sizes), quotas, the /h5 link and whether
// self-served answers count toward the rates; once completed, only the latter
// (the forecast reads it). Answers already kept keep their quota flags.
import { DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { PollQuotas } from '../../../../domain/polls.ts';
import type { Wave } from './api.ts';
import { PlanFields, planOf, SelfCountsField, useTownCommunities } from './PlanFields.tsx';

interface Values {
  name: string;
  endsOn: Dayjs;
  perCommunity: number;
  communityPlan: Record<string, number | null>;
  quotas: PollQuotas;
  selfServed: boolean;
  selfCounts: boolean;
}

export default function WaveEditModal({ wave, onClose }: { wave: Wave; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const open = wave.state === 'open';
  const communities = useTownCommunities(wave.townCode);
  const perCommunity = Form.useWatch('perCommunity', form);
  const { save, busy } = useSave({
    run: (v: Values) =>
      api.patch(
        `/polls/waves/${wave.id}`,
        open
          ? {
              version: wave.version,
              name: v.name,
              endsOn: v.endsOn.format('YYYY-MM-DD'),
              perCommunity: v.perCommunity,
              communityPlan: planOf(v.communityPlan),
              quotas: v.quotas,
              selfServed: !!v.selfServed,
              selfCounts: !!v.selfCounts,
            }
          : { version: wave.version, selfCounts: !!v.selfCounts },
      ),
    ok: '已保存',
    form,
    invalidate: [keys.polls.all],
    onOk: onClose,
  });
  const initial = {
    name: wave.name,
    endsOn: dayjs(wave.endsOn),
    perCommunity: wave.perCommunity,
    communityPlan: Object.fromEntries(wave.plan.filter((p) => p.override).map((p) => [p.code, p.planned])),
    quotas: wave.quotas as PollQuotas,
    selfServed: wave.selfServed,
    selfCounts: wave.selfCounts,
  };
  return (
    <Modal
      title={open ? `修改调查批次：${wave.name}` : `自助答卷是否计入比率：${wave.name}`}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText="保存"
      width={open ? 720 : 520}
    >
      <Form form={form} layout="vertical" onFinish={save} initialValues={initial}>
        {open ? (
          <>
            <Form.Item name="name" label="批次名称" rules={[{ required: true, message: '请填写批次名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="endsOn" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
              <DatePicker />
            </Form.Item>
            <PlanFields communities={communities} perCommunity={perCommunity} />
            <p style={{ color: '#666' }}>已收的答卷保留原有的配额标记；新答卷按修改后的计划和配额判定。</p>
          </>
        ) : (
          <>
            <p style={{ color: '#666' }}>本批次已完成，抽样计划和配额不再修改；是否计入比率影响测评预测中的问卷调查部分。</p>
            <SelfCountsField />
          </>
        )}
      </Form>
    </Modal>
  );
}

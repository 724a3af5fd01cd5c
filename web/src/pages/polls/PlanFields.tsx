// The sample plan's and quotas' fields of the wave forms (new wave, change a
// wave): N per community, a size per community where it differs (0 leaves a
// community out), the quotas by age band and sex, the /h5 link and whether
// self-served answers count toward the rates.
import { Form, InputNumber, Space, Switch, Table } from 'antd';
import { AGE_BAND_LABELS, AGE_BANDS, MAX_PER_COMMUNITY, SEX_LABELS, SEXES } from '../../../../domain/polls.ts';
import { flattenTree, useRegionTree } from '../../api/queries.ts';

/** The town's communities (from the region tree the caller sees). */
export function useTownCommunities(town: string) {
  const tree = useRegionTree();
  return flattenTree(tree.data)
    .filter((n) => n.level === 'community' && n.code.startsWith(town) && n.code.length === 12)
    .map((n) => ({ code: n.code, name: n.name }));
}

type Plan = Record<string, number | null | undefined>;

/** A size per community: empty means the wave's N; the form's value holds only the communities set apart. */
function PlanTable({
  communities,
  perCommunity,
  value,
  onChange,
}: {
  communities: { code: string; name: string }[];
  perCommunity: number;
  value?: Plan;
  onChange?: (v: Plan) => void;
}) {
  const plan = value ?? {};
  return (
    <Table
      rowKey="code"
      size="small"
      pagination={false}
      scroll={{ y: 240 }}
      dataSource={communities}
      columns={[
        { title: '社区', dataIndex: 'name' },
        {
          title: '样本数（留空按每社区样本数，0 为不抽样）',
          width: 300,
          render: (_, c) => (
            <InputNumber
              aria-label={`${c.name}样本数`}
              min={0}
              max={MAX_PER_COMMUNITY}
              placeholder={String(perCommunity ?? '')}
              value={plan[c.code] ?? null}
              onChange={(n) => onChange?.({ ...plan, [c.code]: n })}
            />
          ),
        },
      ]}
    />
  );
}

/** The overrides to send: the communities with a size set. */
export const planOf = (p: Plan | undefined) => Object.fromEntries(Object.entries(p ?? {}).filter(([, n]) => n != null)) as Record<string, number>;

export function PlanFields({ communities, perCommunity }: { communities: { code: string; name: string }[]; perCommunity: number }) {
  return (
    <>
      <Form.Item name="perCommunity" label="每社区样本数" rules={[{ required: true, message: '请填写样本数' }]}>
        <InputNumber min={0} max={MAX_PER_COMMUNITY} />
      </Form.Item>
      <Form.Item name="communityPlan" label="各社区样本数（与上面不同的社区在此单独设定）">
        <PlanTable communities={communities} perCommunity={perCommunity} />
      </Form.Item>
      <Space wrap>
        {AGE_BANDS.map((b) => (
          <Form.Item key={b} name={['quotas', 'ageBands', b]} label={`${AGE_BAND_LABELS[b]}配额 %`}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        ))}
        {SEXES.map((s) => (
          <Form.Item key={s} name={['quotas', 'sex', s]} label={`${SEX_LABELS[s]}性配额 %`}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        ))}
      </Space>
      <Form.Item name="selfServed" label="开放居民扫码自助填答（单独统计，每个手机号一次）" valuePropName="checked">
        <Switch />
      </Form.Item>
      <SelfCountsField />
    </>
  );
}

export function SelfCountsField() {
  return (
    <Form.Item
      name="selfCounts"
      label="居民自助答卷计入比率（计入结果合计、测评预测和指标；不计入配额）"
      valuePropName="checked"
      extra="默认不计入：自助答卷未经抽样，只单独统计。"
    >
      <Switch />
    </Form.Item>
  );
}

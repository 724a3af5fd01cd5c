// 负责街巷: the streets and compounds a street chief answers for
// (PUT /api/people/:id/places). Choices come from /api/places, limited to
// the communities of the person's street-chief roles when there are any. The
// change holds from its effective date (default today; back to the first day
// of last month at the earliest): the days before keep who held what.
import { useMemo } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { DatePicker, Form, Modal, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { flattenTree, useRegionTree } from '../../api/queries.ts';
import type { Person, PlaceList } from '../../api/types.ts';
import { PLACE_KIND_LABELS } from '../../../../domain/regions.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';

export function PlacesModal({ person, onClose, onSaved }: { person: Person; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ placeIds: number[]; effectiveFrom?: Dayjs | null }>();
  const tree = useRegionTree();
  const scopes = person.roles.filter((r) => r.role === 'street_chief' && r.scopeRegionCode).map((r) => r.scopeRegionCode!);
  const places = useQuery({ queryKey: keys.places.forAssign(), queryFn: () => api.get<PlaceList>('/places') });
  const names = useMemo(() => new Map(flattenTree(tree.data).map((n) => [n.code, n.name])), [tree.data]);
  const options = useMemo(() => {
    const items = (places.data?.items ?? []).filter(
      (p) =>
        (p.kind === 'street' || p.kind === 'compound') &&
        (!scopes.length || scopes.some((s) => p.regionCode.startsWith(s)) || person.places.some((x) => x.id === p.id)),
    );
    const groups = new Map<string, { label: string; options: { value: number; label: string }[] }>();
    for (const p of items) {
      const community = p.regionCode.slice(0, 12);
      const g = groups.get(community) ?? { label: names.get(community) ?? community, options: [] };
      g.options.push({ value: p.id, label: `${p.name}（${PLACE_KIND_LABELS[p.kind]}）` });
      groups.set(community, g);
    }
    return [...groups.values()];
  }, [places.data, scopes.join(), names, person.places]);

  const { save, busy } = useSave({
    form,
    run: (v: { placeIds: number[]; effectiveFrom?: Dayjs | null }) =>
      api.put(`/people/${person.id}/places`, {
        placeIds: v.placeIds ?? [],
        ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD') } : {}),
      }),
    ok: '负责街巷已保存',
    invalidate: [keys.people.all],
    onOk: onSaved,
  });
  return (
    <Modal
      open
      title={`负责街巷：${person.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      width={600}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {scopes.length ? '可选范围为其街巷长角色所在社区的街巷和小区。' : '该人员没有街巷长角色，可选您管辖范围内的全部街巷和小区。'}
      </Typography.Paragraph>
      <Form form={form} name="places" layout="vertical" onFinish={save} initialValues={{ placeIds: person.places.map((p) => p.id) }}>
        <Form.Item name="placeIds" label="街巷与小区">
          <Select
            mode="multiple"
            options={options}
            loading={places.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择负责的街巷或小区"
            notFoundContent="没有可选的街巷或小区，请先在“区划与点位”中添加"
          />
        </Form.Item>
        <Form.Item name="effectiveFrom" label="生效日期" extra="自该日起按新的负责地点计算巡查考勤，此前各日仍由原负责人承担；不填为今天。">
          <DatePicker
            placeholder="今天"
            inputReadOnly
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs().subtract(1, 'month').startOf('month'), 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// 计划活动 / 修改计划: the organiser (a practice institute or station brings
// its place), the place, the kind and the day; the month's theme and
// festivals from the year's calendar are offered as the day is picked;
// co-organisers from the town's reachable units.
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { AutoComplete, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { useSave } from '../../api/save.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { defaultRegion } from '../inspections/region.ts';
import type { ActivityDetail } from '../../../../domain/api/activities.ts';
import { useCalendar, useKinds, useOptions } from './api.ts';

interface Values {
  title: string;
  kindId: number;
  unitId: number;
  placeId: number;
  onDate: Dayjs;
  theme?: string;
  festival?: string;
  coUnitIds?: number[];
}

export function PlanModal({ onClose, activity }: { onClose: () => void; activity?: ActivityDetail }) {
  const me = useMe().data!;
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [region, setRegion] = useState<string | null>(activity?.townCode ?? defaultRegion(me, 9));
  const options = useOptions(region);
  const kinds = (useKinds().data?.items ?? []).filter((k) => k.active || k.id === activity?.kind.id);
  const day = Form.useWatch('onDate', form) as Dayjs | undefined;
  const cal = useCalendar((day ?? dayjs()).year());
  const month = cal.data?.months.find((m) => m.month === (day ?? dayjs()).month() + 1);
  const o = options.data;
  const organizerOptions = useMemo(() => (o?.organizers ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.kindLabel}）` })), [o]);
  const placeOptions = useMemo(() => (o?.places ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.regionName ?? p.regionCode}` })), [o]);

  useEffect(() => {
    if (activity) {
      form.setFieldsValue({
        title: activity.title,
        kindId: activity.kind.id,
        unitId: activity.organizer.id,
        placeId: activity.place.id,
        onDate: dayjs(activity.onDate),
        theme: activity.theme ?? undefined,
        festival: activity.festival ?? undefined,
        coUnitIds: activity.coUnits.map((u) => u.id),
      });
    }
  }, [activity, form]);

  const { save, busy } = useSave({
    form,
    run: (v: Values) => {
      const body = { ...v, onDate: v.onDate.format('YYYY-MM-DD'), theme: v.theme || null, festival: v.festival || null, coUnitIds: v.coUnitIds ?? [] };
      return activity
        ? api.put<ActivityDetail>(`/activities/${activity.id}`, { ...body, version: activity.version })
        : api.post<ActivityDetail>('/activities', body);
    },
    ok: activity ? '活动计划已修改' : '活动已列入计划；开展后请在活动页登记开展情况',
    invalidate: [keys.activities.all],
    onOk: (a) => {
      onClose();
      if (!activity) navigate(`/activities/${a.id}`);
    },
  });

  return (
    <Modal
      open
      title={activity ? '修改活动计划' : '计划活动'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      width={640}
      destroyOnHidden
    >
      {!activity && !defaultRegion(me, 9) && (
        <Form.Item label="乡镇或社区" required>
          <RegionTreeSelect value={region} onChange={setRegion} levels={['town', 'community']} placeholder="先选择活动所在的乡镇或社区" />
        </Form.Item>
      )}
      <Form form={form} layout="vertical" onFinish={save} disabled={!region} initialValues={{ onDate: dayjs() }}>
        <Form.Item name="title" label="活动名称" rules={[{ required: true, min: 2, message: '请填写活动名称（至少 2 个字）' }]}>
          <Input maxLength={100} placeholder="如：学雷锋志愿服务进小区" />
        </Form.Item>
        <Form.Item
          name="unitId"
          label="组织单位"
          rules={[{ required: true, message: '请选择组织单位' }]}
          extra="新时代文明实践所（站）已设置位置的，选中后自动填入活动地点。"
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={organizerOptions}
            loading={options.isLoading}
            onChange={(id: number) => {
              const p = o?.organizers.find((u) => u.id === id)?.placeId;
              if (p && !form.getFieldValue('placeId')) form.setFieldValue('placeId', p);
            }}
          />
        </Form.Item>
        <Form.Item
          name="placeId"
          label="活动地点"
          rules={[{ required: true, message: '请选择活动地点' }]}
          extra={o && !o.places.length ? '您管辖的社区还没有登记街巷、小区或点位：请先在“区划与点位”中添加。' : undefined}
        >
          <Select showSearch optionFilterProp="label" options={placeOptions} loading={options.isLoading} placeholder="本镇的街巷、小区或点位" />
        </Form.Item>
        <Form.Item name="kindId" label="活动类别" rules={[{ required: true, message: '请选择活动类别' }]}>
          <Select options={kinds.map((k) => ({ value: k.id, label: k.name }))} />
        </Form.Item>
        <Form.Item name="onDate" label="计划日期" rules={[{ required: true, message: '请选择计划日期' }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="theme" label="每月主题" extra={month?.theme ? `本月主题：${month.theme}` : undefined}>
          <AutoComplete options={month?.theme ? [{ value: month.theme }] : []} placeholder={month?.theme ?? '如：学雷锋志愿服务月'} maxLength={100} />
        </Form.Item>
        <Form.Item
          name="festival"
          label="节日"
          extra={
            month?.festivals.length ? `本月节日：${month.festivals.map((f) => `${f.name}${f.onDate ? `（${f.onDate.slice(5)}）` : ''}`).join('、')}` : undefined
          }
        >
          <AutoComplete options={(month?.festivals ?? []).map((f) => ({ value: f.name }))} placeholder="可不填" maxLength={50} />
        </Form.Item>
        <Form.Item name="coUnitIds" label="共建单位" extra="只能选本镇单位、与本镇社区挂钩共建的单位和本县职能部门。">
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            maxCount={20}
            loading={options.isLoading}
            options={(o?.coUnits ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.viaLabel}）` }))}
          />
        </Form.Item>
        {!region && <Typography.Text type="secondary">请先选择乡镇或社区。</Typography.Text>}
      </Form>
    </Modal>
  );
}

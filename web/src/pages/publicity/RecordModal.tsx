// 登记 or 修改 a record of an output register: an article (公众号 or another
// channel, 特色供稿 with where it was carried), an LED programme, a handout
// (宣传单 or 宣传品) or a 入户宣传 session. The region is the town or one of
// its communities (入户宣传: a community); the server checks the rest. A
// correction sends the record's version and keeps what the form does not
// show (units, the LED屏 facility, the activity or campaign).
import { useState } from 'react';
import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { useSave } from '../../api/save.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { defaultRegion } from '../inspections/region.ts';
import type { FacilityList } from '../../../../domain/api/publicity.ts';
import type { UnitList } from '../../../../domain/api/units.ts';
import { REGISTER_PATH, type Register } from './api.ts';

const TITLES: Record<Register, string> = { articles: '登记稿件', led: '登记LED屏节目', handouts: '登记宣传品发放', door: '登记入户宣传' };
const DAY_FIELDS = ['publishedOn', 'handedOn', 'onDate', 'fromDate', 'toDate'];

/** What a correction keeps of the record that the form does not show: the activity or campaign a handout was for. */
const kept = (reg: Register, r: any): Record<string, unknown> =>
  reg === 'handouts' ? { activityId: r.activity?.id ?? null, campaignId: r.campaignId ?? null } : {};

/** The record's fields as the form holds them (days as dayjs, units and the screen by id). */
function initial(r: any): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of [
    'channel',
    'channelName',
    'title',
    'url',
    'featured',
    'carriedBy',
    'screen',
    'content',
    'kind',
    'quantity',
    'location',
    'households',
    'note',
  ])
    if (r[k] !== undefined) out[k] = r[k];
  for (const k of DAY_FIELDS) if (r[k]) out[k] = dayjs(r[k]);
  out.authorUnitId = r.authorUnit?.id;
  out.facilityId = r.facility?.id;
  out.unitId = r.unit?.id;
  out.unitIds = r.units?.map((u: { id: number }) => u.id);
  return out;
}

export function RecordModal({ reg, record, onClose }: { reg: Register; record?: any; onClose: () => void }) {
  const me = useMe().data!;
  const [form] = Form.useForm();
  const [region, setRegion] = useState<string | null>(record?.regionCode ?? defaultRegion(me, reg === 'door' ? 12 : 9));
  const featured = Form.useWatch('featured', form) as boolean | undefined;
  const town = region?.slice(0, 9) ?? null;
  const units = useQuery({
    queryKey: keys.publicity.units(town),
    enabled: !!town,
    queryFn: () => api.get<UnitList>('/units', { regionCode: town ?? undefined }),
  });
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  const screens = useQuery({
    queryKey: keys.publicity.list('facilities', { group: 'led', regionCode: town }),
    enabled: reg === 'led' && !!town,
    queryFn: () => api.get<FacilityList>('/publicity/facilities', { group: 'led', regionCode: town ?? undefined, limit: 200 }),
  });
  const unitSelect = (name: string, label: string, extra?: string, multiple = false) => (
    <Form.Item name={name} label={label} extra={extra}>
      <Select allowClear showSearch mode={multiple ? 'multiple' : undefined} optionFilterProp="label" loading={units.isLoading} options={unitOptions} />
    </Form.Item>
  );
  const { save, busy } = useSave({
    form,
    run: (v: Record<string, unknown>) => {
      const body: Record<string, unknown> = { ...(record ? { ...kept(reg, record), version: record.version } : {}), regionCode: region };
      for (const [k, x] of Object.entries(v))
        body[k] = DAY_FIELDS.includes(k) && x ? (x as Dayjs).format('YYYY-MM-DD') : x === '' || x === undefined ? null : x;
      if (reg === 'door') body.unitIds = v.unitIds ?? [];
      const path = `/publicity/${REGISTER_PATH[reg]}`;
      return record ? api.put(`${path}/${record.id}`, body) : api.post(path, body);
    },
    ok: record ? '已保存' : '已登记',
    invalidate: [keys.publicity.all],
    onOk: onClose,
  });
  const today = dayjs();
  return (
    <Modal
      open
      title={record ? TITLES[reg].replace('登记', '修改') : TITLES[reg]}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      width={600}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={record ? initial(record) : { channel: 'wechat', kind: 'flyer', featured: false, publishedOn: today, handedOn: today, onDate: today }}
      >
        <Form.Item label={reg === 'door' ? '社区' : '乡镇或社区'} required>
          <RegionTreeSelect
            value={region}
            onChange={setRegion}
            levels={reg === 'door' ? ['community'] : ['town', 'community']}
            placeholder="选择所属的乡镇或社区"
          />
        </Form.Item>
        {reg === 'articles' && (
          <>
            <Form.Item name="channel" label="渠道">
              <Radio.Group
                options={[
                  { value: 'wechat', label: '公众号' },
                  { value: 'other', label: '其他渠道' },
                ]}
              />
            </Form.Item>
            <Form.Item name="channelName" label="渠道名称">
              <Input maxLength={50} placeholder="如：汀州镇人民政府公众号、今日头条" />
            </Form.Item>
            <Form.Item name="title" label="标题" rules={[{ required: true, min: 2, message: '请填写标题' }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="url" label="链接">
              <Input maxLength={500} placeholder="https://mp.weixin.qq.com/s/…" />
            </Form.Item>
            <Form.Item name="publishedOn" label="发布日期" rules={[{ required: true, message: '请选择发布日期' }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly />
            </Form.Item>
            {unitSelect('authorUnitId', '作者单位')}
            <Form.Item name="featured" label="特色供稿" valuePropName="checked" extra="被县级、市级媒体采用的特色供稿">
              <Switch />
            </Form.Item>
            {featured && (
              <Form.Item name="carriedBy" label="采用媒体">
                <Input maxLength={200} placeholder="如：闽西日报、龙岩电视台" />
              </Form.Item>
            )}
          </>
        )}
        {reg === 'led' && (
          <>
            <Form.Item name="screen" label="LED屏" rules={[{ required: true, min: 2, message: '请填写LED屏名称或位置' }]}>
              <Input maxLength={100} placeholder="如：镇政府门口LED屏" />
            </Form.Item>
            <Form.Item name="facilityId" label="登记的LED屏设施" extra="该屏已在“宣传设施”中登记的，在此选择。">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                loading={screens.isLoading}
                options={(screens.data?.items ?? []).filter((f) => f.condition !== 'removed').map((f) => ({ value: f.id, label: f.name }))}
              />
            </Form.Item>
            <Form.Item name="content" label="播放内容" rules={[{ required: true, min: 2, message: '请填写播放内容' }]}>
              <Input.TextArea maxLength={500} rows={3} />
            </Form.Item>
            <Form.Item name="fromDate" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly />
            </Form.Item>
            <Form.Item name="toDate" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly />
            </Form.Item>
          </>
        )}
        {reg === 'handouts' && (
          <>
            <Form.Item name="kind" label="种类">
              <Radio.Group
                options={[
                  { value: 'flyer', label: '宣传单' },
                  { value: 'item', label: '宣传品' },
                ]}
              />
            </Form.Item>
            <Form.Item name="title" label="名称" rules={[{ required: true, min: 2, message: '请填写名称' }]}>
              <Input maxLength={100} placeholder="如：创建文明城市倡议书、环保袋" />
            </Form.Item>
            <Form.Item name="quantity" label="数量（份）" rules={[{ required: true, message: '请填写数量' }]}>
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="handedOn" label="发放日期" rules={[{ required: true, message: '请选择发放日期' }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly />
            </Form.Item>
            <Form.Item name="location" label="发放地点">
              <Input maxLength={200} />
            </Form.Item>
            {unitSelect('unitId', '发放单位')}
          </>
        )}
        {reg === 'door' && (
          <>
            <Form.Item name="onDate" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly />
            </Form.Item>
            <Form.Item name="households" label="走访户数" rules={[{ required: true, message: '请填写走访户数' }]}>
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            {unitSelect('unitIds', '参加单位', '有共建单位参加即为联合开展的入户宣传。', true)}
            <Form.Item name="note" label="情况说明">
              <Input.TextArea maxLength={1000} rows={3} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

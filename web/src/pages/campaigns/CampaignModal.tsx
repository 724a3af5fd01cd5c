// 组织专项行动 / 修改: kind (环境卫生集中整治 by default), theme, dates, the areas
// (whole communities, and single places of the town) and the target problem
// categories (none: every category).
import { Form, Input, Modal, DatePicker, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { useMe } from '../../api/queries.ts';
import { CommunityMultiSelect } from '../../components/RegionPicker.tsx';
import type { CampaignDetail } from '../../../../domain/api/campaigns.ts';
import { useCampaignKinds, useCampaignOptions } from './api.ts';

interface Values {
  kindId?: number;
  theme: string;
  dates: [Dayjs, Dayjs];
  communityCodes?: string[];
  placeIds?: number[];
  categoryIds?: number[];
  summary?: string;
}

export function CampaignModal({ campaign, onClose }: { campaign?: CampaignDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const kinds = useCampaignKinds().data;
  const communities = Form.useWatch('communityCodes', form) ?? [];
  const me = useMe().data;
  const own = me?.user.regionCode?.length === 9 ? me.user.regionCode : null;
  const town = campaign?.townCode ?? communities[0]?.slice(0, 9) ?? own;
  const options = useCampaignOptions(town).data;
  const { save, busy } = useSave({
    form,
    run: (v: Values) => {
      const body = {
        kindId: v.kindId ?? null,
        theme: v.theme,
        startDate: v.dates[0].format('YYYY-MM-DD'),
        endDate: v.dates[1].format('YYYY-MM-DD'),
        communityCodes: v.communityCodes ?? [],
        placeIds: v.placeIds ?? [],
        categoryIds: v.categoryIds ?? [],
        summary: v.summary || null,
      };
      return campaign
        ? api.put<CampaignDetail>(`/campaigns/${campaign.id}`, { ...body, version: campaign.version })
        : api.post<CampaignDetail>('/campaigns', body);
    },
    ok: '专项行动已保存',
    invalidate: [keys.campaigns.all],
    onOk: (c: CampaignDetail) => {
      onClose();
      if (!campaign) navigate(`/campaigns/${c.id}`);
    },
  });
  const initial: Partial<Values> = campaign
    ? {
        kindId: campaign.kind.id,
        theme: campaign.theme,
        dates: [dayjs(campaign.startDate), dayjs(campaign.endDate)],
        communityCodes: campaign.areas.filter((a) => !a.place).map((a) => a.communityCode),
        placeIds: campaign.areas.flatMap((a) => (a.place ? [a.place.id] : [])),
        categoryIds: campaign.categories.map((c) => c.id),
        summary: campaign.summary ?? undefined,
      }
    : { kindId: kinds?.defaultKindId ?? undefined };
  return (
    <Modal
      open
      title={campaign ? '修改专项行动' : '组织专项行动'}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText="保存"
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save}>
        <Form.Item name="kindId" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={(kinds?.kinds ?? []).filter((k) => k.active).map((k) => ({ value: k.id, label: k.name }))} />
        </Form.Item>
        <Form.Item name="theme" label="行动主题" rules={[{ required: true, min: 2, message: '请填写行动主题（至少 2 个字）' }]}>
          <Input maxLength={100} placeholder="如：背街小巷环境卫生百日攻坚" />
        </Form.Item>
        <Form.Item name="dates" label="起止日期" rules={[{ required: true, message: '请选择起止日期' }]}>
          <DatePicker.RangePicker inputReadOnly style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="communityCodes" label="整治社区（整个社区）">
          <CommunityMultiSelect />
        </Form.Item>
        <Form.Item name="placeIds" label="整治地点（单个街巷、小区或点位）" extra="社区和地点至少选一个；须在同一个乡镇内">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={town ? '选择地点（可多选）' : '先选择一个社区'}
            disabled={!options}
            options={(options?.places ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="categoryIds" label="目标问题类别" extra="不选则为全部类别；选大类包括其下小类">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部类别"
            disabled={!options}
            options={(options?.categories ?? []).map((c) => ({ value: c.id, label: c.level === 1 ? `${c.name}（大类）` : c.name }))}
          />
        </Form.Item>
        <Form.Item name="summary" label="行动方案或说明">
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

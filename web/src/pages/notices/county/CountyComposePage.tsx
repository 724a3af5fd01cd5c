// 下发县级通报: the county office lists what its inspection found, community by
// community; issuing numbers it and sends each town its part as problems.
import { useNavigate } from 'react-router';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../api/client.ts';
import { RegionTreeSelect } from '../../../components/RegionPicker.tsx';
import { CategoryCascader } from '../../../components/CategoryCascader.tsx';
import { keys } from '../../../api/keys.ts';
import { useSave } from '../../../api/save.ts';

interface Values {
  kind: string;
  title: string;
  issuer?: string;
  issueDate: Dayjs;
  dueDate?: Dayjs;
  intro?: string;
  items: { regionCode: string; categoryId: number; description: string; address?: string }[];
}
const day = (d?: Dayjs) => (d ? d.format('YYYY-MM-DD') : null);

export default function CountyComposePage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { save, busy } = useSave({
    form,
    run: (v: Values) =>
      api.post<{ id: number }>('/notices/county', {
        kind: v.kind,
        title: v.title,
        issuer: v.issuer || null,
        issueDate: day(v.issueDate),
        dueDate: day(v.dueDate),
        intro: v.intro || null,
        items: v.items ?? [],
      }),
    ok: '已下发到各乡镇',
    invalidate: [keys.notices.all],
    onOk: (r) => navigate(`/notices/county/${r.id}`),
  });
  return (
    <Card>
      <Alert
        showIcon
        type="info"
        style={{ marginBottom: 16 }}
        message="下发后自动编号，按乡镇拆分：每个乡镇收到本镇的问题清单，问题按类别派给责任单位并带上整改期限，乡镇整改后在系统中报送反馈。县级通报无需领导审批。"
      />
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ kind: 'county_notice', issueDate: dayjs(), items: [{}] }}>
        <Space wrap align="start">
          <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
            <Select
              style={{ width: 160 }}
              options={[
                { value: 'county_notice', label: '县督查通报' },
                { value: 'county_weekly', label: '县创城周报' },
              ]}
            />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, min: 4, message: '请填写标题（至少 4 个字）' }]}>
            <Input style={{ width: 380 }} placeholder="关于第四季度创城督查情况的通报" />
          </Form.Item>
          <Form.Item name="issuer" label="发文机关" tooltip="不填则为“本县名称 + 创城办”">
            <Input style={{ width: 180 }} placeholder="如 长汀县创城办" />
          </Form.Item>
          <Form.Item name="issueDate" label="发文日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="dueDate" label="整改期限" tooltip="不填则按问题类别的整改时限">
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="intro" label="正文开头">
          <Input.TextArea rows={2} maxLength={2000} placeholder="如：近期县创城办对各乡镇创建工作开展了督查，现将发现的问题通报如下。" />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, k) => (
                <Space key={f.key} wrap align="start">
                  <span style={{ display: 'inline-block', width: 28, marginTop: 34, color: '#888' }}>{k + 1}.</span>
                  <Form.Item name={[f.name, 'regionCode']} label="社区" rules={[{ required: true, message: '请选择社区' }]}>
                    <RegionTreeSelect levels={['community']} placeholder="请选择社区" style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'categoryId']} label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
                    <CategoryCascader />
                  </Form.Item>
                  <Form.Item name={[f.name, 'description']} label="问题描述" rules={[{ required: true, min: 2, message: '请描述问题' }]}>
                    <Input style={{ width: 320 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'address']} label="地址">
                    <Input style={{ width: 200 }} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      aria-label={`删除第 ${k + 1} 条`}
                      icon={<MinusCircleOutlined aria-hidden />}
                      style={{ marginTop: 30 }}
                      onClick={() => remove(f.name)}
                    />
                  )}
                </Space>
              ))}
              <div>
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                  添加问题
                </Button>
              </div>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={busy}>
          下发到各乡镇
        </Button>
      </Form>
    </Card>
  );
}

// 登记县级通报 / 周报: by hand (items one by one) or from an .xlsx
// (columns 社区, 问题类别, 问题描述, 地址, 整改期限, optional 整改层级; all rows or none).
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Upload } from 'antd';
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, errorMessage, request } from '../../api/client.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { CategoryCascader } from '../../components/CategoryCascader.tsx';
import type { Notice } from './api.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';

interface Meta {
  kind: string;
  docNumber: string;
  title: string;
  issuer: string;
  issueDate: Dayjs;
  dueDate?: Dayjs;
}
const metaBody = (v: Meta) => ({
  kind: v.kind,
  docNumber: v.docNumber,
  title: v.title,
  issuer: v.issuer,
  issueDate: v.issueDate.format('YYYY-MM-DD'),
  dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
});

export default function ReceivedNoticePage() {
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const { save, busy } = useSave({
    form,
    run: (v: Meta & { items?: { regionCode: string; categoryId: number; description: string; address?: string }[] }) => {
      if (file) {
        const fd = new FormData();
        for (const [k, val] of Object.entries(metaBody(v))) if (val) fd.append(k, val);
        fd.append('file', file);
        return request<Notice>('POST', '/notices/received/import', fd);
      }
      return api.post<Notice>('/notices/received', { ...metaBody(v), items: v.items ?? [] });
    },
    invalidate: [keys.notices.all],
    onOk: (n) => navigate(`/notices/${n.id}`),
    onFail: (e) => {
      // An import refused row by row: every row's reason in one dialog.
      const rows = e instanceof ApiError ? ((e.details as any)?.errors as { row: number; column: string; message: string }[] | undefined) : undefined;
      if (!rows?.length) return false;
      modal.error({
        title: errorMessage(e),
        content: (
          <ul>
            {rows.slice(0, 50).map((r, i) => (
              <li key={i}>
                第 {r.row} 行「{r.column}」：{r.message}
              </li>
            ))}
          </ul>
        ),
      });
      return true;
    },
  });
  return (
    <Card title="登记县级通报 / 周报">
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ kind: 'county_notice', issueDate: dayjs(), issuer: '县创城办', items: [{}] }}>
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
          <Form.Item name="docNumber" label="期号 / 文号" rules={[{ required: true, message: '请填写期号或文号' }]}>
            <Input style={{ width: 220 }} placeholder="长汀县创城办〔2026〕12号" />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true }]}>
            <Input style={{ width: 360 }} />
          </Form.Item>
          <Form.Item name="issuer" label="发文单位" rules={[{ required: true }]}>
            <Input style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="issueDate" label="发文日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="dueDate" label="整改期限">
            <DatePicker />
          </Form.Item>
        </Space>
        <Card size="small" title="从 .xlsx 导入（列：社区、问题类别、问题描述、地址、整改期限；可选：整改层级，社区整或集中整）" style={{ marginBottom: 16 }}>
          <Upload
            accept=".xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined aria-hidden />}>选择文件</Button>
          </Upload>
          {file && <div style={{ marginTop: 8 }}>将导入“{file.name}”，下方逐条录入的问题不再使用。</div>}
        </Card>
        {!file && (
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="start">
                    <Form.Item name={[f.name, 'regionCode']} label="社区" rules={[{ required: true, message: '请选择社区' }]}>
                      <RegionTreeSelect style={{ width: 220 }} />
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
                    <Button aria-label="删除此条" icon={<MinusCircleOutlined />} style={{ marginTop: 30 }} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                  添加问题
                </Button>
              </>
            )}
          </Form.List>
        )}
        <div>
          <Button type="primary" htmlType="submit" loading={busy}>
            登记并派遣
          </Button>
        </div>
      </Form>
    </Card>
  );
}

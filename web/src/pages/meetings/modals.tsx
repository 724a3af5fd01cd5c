// The meetings list's dialogs: the .xlsx import (all or nothing, errors by row)
// and the admin's list of meeting kinds.
import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Switch, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { ImportDialog } from '../../components/ImportDialog.tsx';
import { useKinds, type MeetingKind } from './api.ts';

export function ImportMeetingsModal({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  return (
    <ImportDialog<{ imported: number }>
      title="导入会议台账"
      path="/meetings/import"
      hint="仅支持 .xlsx，最多 2,000 行"
      refused="文件有错误，没有导入任何会议"
      onClose={onClose}
      onImported={onImported}
      intro={
        <>
          <Typography.Paragraph>
            第一步：
            <a href="/api/meetings/import-template.xlsx" download>
              <DownloadOutlined aria-hidden /> 下载导入模板
            </a>
            ，每行一场会议；“召开单位”填乡镇或社区名称，“召开时间”如 2026-03-16 09:00。
          </Typography.Paragraph>
          <Typography.Paragraph>第二步：上传填好的 .xlsx 文件。任何一行有错误时整个文件都不会导入，请按错误清单修改后重新上传。</Typography.Paragraph>
        </>
      }
      success={(r) => (
        <Alert type="success" showIcon title={`导入成功，共新增 ${r.imported} 场会议`} description="出席人员、照片和决定事项可以在每场会议的页面中补充。" />
      )}
    />
  );
}

/** The admin's list of kinds: rename, reorder, retire, add. The five seeded kinds keep their place in the year's figures. */
export function KindsModal({ onClose }: { onClose: () => void }) {
  const kinds = useKinds();
  const [form] = Form.useForm<{ name: string }>();
  const add = useSave({
    run: (v: { name: string }) => api.post('/meetings/kinds', v),
    ok: '已添加会议类别',
    form,
    invalidate: [keys.meetings.all],
    onOk: () => form.resetFields(),
  });
  const [edits, setEdits] = useState<Record<number, Partial<MeetingKind>>>({});
  const update = useSave({
    run: (k: MeetingKind) =>
      api.patch(`/meetings/kinds/${k.id}`, {
        version: k.version,
        name: edits[k.id]?.name ?? k.name,
        sort: edits[k.id]?.sort ?? k.sort,
        active: edits[k.id]?.active ?? k.active,
      }),
    ok: '已保存',
    invalidate: [keys.meetings.all],
    onOk: (_r, k) => setEdits((e) => ({ ...e, [k.id]: {} })),
  });
  const edit = (k: MeetingKind, patch: Partial<MeetingKind>) => setEdits((e) => ({ ...e, [k.id]: { ...e[k.id], ...patch } }));
  return (
    <Modal open title="会议类别" onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} width={680}>
      <Typography.Paragraph type="secondary">
        预置的五个类别计入年度总结的数字（① 动员部署会和专题会，② 培训会，③ 每周例会，④ 内部工作会议）；新增的类别只用于登记，不计入这些数字。
      </Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={kinds.data?.items ?? []}
        columns={[
          {
            title: '名称',
            key: 'name',
            render: (_: unknown, k: MeetingKind) => (
              <Input aria-label="类别名称" value={edits[k.id]?.name ?? k.name} onChange={(e) => edit(k, { name: e.target.value })} />
            ),
          },
          {
            title: '排序',
            key: 'sort',
            width: 90,
            render: (_: unknown, k: MeetingKind) => (
              <InputNumber aria-label="排序" min={0} max={1000} value={edits[k.id]?.sort ?? k.sort} onChange={(v) => edit(k, { sort: v ?? 0 })} />
            ),
          },
          {
            title: '启用',
            key: 'active',
            width: 70,
            render: (_: unknown, k: MeetingKind) => (
              <Switch aria-label="启用" checked={edits[k.id]?.active ?? k.active} onChange={(v) => edit(k, { active: v })} />
            ),
          },
          { title: '计入数字', key: 'fig', width: 90, render: (_: unknown, k: MeetingKind) => (k.figure ? '是' : '否') },
          {
            title: '',
            key: 'save',
            width: 70,
            render: (_: unknown, k: MeetingKind) => (
              <Button size="small" loading={update.busy} disabled={!edits[k.id] || !Object.keys(edits[k.id]).length} onClick={() => update.save(k)}>
                保存
              </Button>
            ),
          },
        ]}
      />
      <Form form={form} layout="inline" style={{ marginTop: 12 }} onFinish={(v) => add.save(v)}>
        <Form.Item name="name" rules={[{ required: true, min: 2, message: '请填写类别名称（至少 2 个字）' }]}>
          <Input placeholder="新类别名称，如 现场推进会" style={{ width: 260 }} />
        </Form.Item>
        <Button htmlType="submit" loading={add.busy}>
          添加类别
        </Button>
      </Form>
    </Modal>
  );
}

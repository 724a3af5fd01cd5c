// One notice: its fields, approval buttons (from the server's `can`), the
// items' rectification progress and the documents.
import { lateLabel } from '../../../../domain/problems/overdue.ts';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Input, Modal, Progress, Space, Table, Tag } from 'antd';
import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { ApiError, api, errorMessage } from '../../api/client.ts';
import type { NoticeAction } from '../../../../domain/notices/vocab.ts';
import { useNotice, type NoticeItem } from './api.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { FeedbackCard } from './county/FeedbackCard.tsx';
import { usePageTitle } from '../../components/PageHeader.tsx';

interface DeadlineChange {
  problemId: number;
  code: string;
  oldDueDate: string;
  newDueDate: string;
}

/** The deadline changes a publication would make, for the confirm dialog. */
function DeadlineChanges({ message, changes }: { message: string; changes: DeadlineChange[] }) {
  return (
    <div>
      <p>{message}</p>
      <Table<DeadlineChange>
        rowKey="problemId"
        size="small"
        pagination={false}
        dataSource={changes}
        scroll={{ y: 240 }}
        columns={[
          { title: '问题编号', dataIndex: 'code' },
          { title: '原整改期限', dataIndex: 'oldDueDate', width: 120 },
          { title: '新整改期限', dataIndex: 'newDueDate', width: 120, render: (d: string) => <Tag color="orange">{d}</Tag> },
        ]}
      />
    </div>
  );
}

export default function NoticePage() {
  const id = Number(useParams().id);
  const q = useNotice(id);
  usePageTitle(q.data?.title);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [modal, modalHolder] = Modal.useModal();
  const { save, busy } = useSave({
    run: async ({ action, extra }: { action: NoticeAction; extra?: { note?: string } }) => {
      const url = `/notices/${id}/actions/${action}`;
      const body = { version: q.data!.version, ...extra };
      try {
        return await api.post(url, body);
      } catch (e) {
        // Publishing would move running problems' deadlines: show each change and ask.
        if (!(e instanceof ApiError) || e.code !== 'CONFIRMATION_REQUIRED') throw e;
        const changes = (e.details as { deadlineChanges?: DeadlineChange[] } | undefined)?.deadlineChanges ?? [];
        const yes = await modal.confirm({
          title: '发布将调整以下问题的整改期限',
          width: 560,
          okText: '确认调整并发布',
          cancelText: '暂不发布',
          content: <DeadlineChanges message={e.message} changes={changes} />,
        });
        return yes ? api.post(url, { ...body, confirmDeadlineChanges: true }) : null;
      }
    },
    ok: (r) => (r === null ? null : '已完成'),
    invalidate: [keys.notices.all, keys.inbox.all],
    onOk: () => setRejecting(false),
  });
  const n = q.data;
  if (!n) return <Card loading={q.isLoading}>{q.error ? errorMessage(q.error) : null}</Card>;
  const act = (action: NoticeAction, extra: { note?: string } = {}) => save({ action, extra });
  const columns = [
    { title: '序号', dataIndex: 'position', width: 60 },
    { title: '社区', dataIndex: 'communityName', width: 140 },
    { title: '点位', key: 'place', render: (_: unknown, i: NoticeItem) => i.placeName ?? i.address ?? '' },
    { title: '问题描述', dataIndex: 'description', render: (d: string, i: NoticeItem) => <Link to={`/problems/${i.problemId}`}>{d}</Link> },
    {
      title: '状态',
      dataIndex: 'stateLabel',
      width: 90,
      render: (s: string, i: NoticeItem) => <Tag color={i.state === 'closed' ? 'green' : i.overdue ? 'red' : 'blue'}>{s}</Tag>,
    },
    { title: '整改期限', dataIndex: 'dueDate', width: 110 },
    { title: '超期', key: 'overdue', width: 90, render: (_: unknown, i: NoticeItem) => (i.overdue ? <Tag color="red">{lateLabel(i.overdueDays)}</Tag> : '—') },
  ];
  const pct = n.progress.total ? Math.round((n.progress.closed / n.progress.total) * 100) : 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {modalHolder}
      <Card
        title={n.title}
        extra={
          <Space wrap>
            {n.can.actions.map((a) =>
              a.action === 'reject' ? (
                <Button key={a.action} danger disabled={busy} onClick={() => setRejecting(true)}>
                  {a.label}
                </Button>
              ) : (
                <Button key={a.action} type="primary" loading={busy} onClick={() => act(a.action)}>
                  {a.label}
                </Button>
              ),
            )}
            {n.can.edit && (
              <Link to={`/notices/${n.id}/edit`}>
                <Button icon={<EditOutlined aria-hidden />}>修改草稿</Button>
              </Link>
            )}
            <Button icon={<DownloadOutlined aria-hidden />} href={`/api/notices/${n.id}/document.docx`}>
              下载通报 (.docx)
            </Button>
            {n.can.feedback && (
              <Button type="primary" icon={<DownloadOutlined aria-hidden />} href={`/api/notices/${n.id}/feedback.docx`}>
                {n.direction === 'received' ? '下载书面反馈' : '下载整改情况反馈'}
              </Button>
            )}
          </Space>
        }
      >
        {n.rejectNote && n.state === 'draft' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`领导退回修改：${n.rejectNote}`} />}
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'kind', label: '类型', children: n.kindLabel },
            { key: 'no', label: '文号', children: n.docNumber ?? '印发时编号' },
            { key: 'issue', label: '期号', children: n.issueLabel ?? '—' },
            { key: 'state', label: '状态', children: <Tag>{n.stateLabel}</Tag> },
            { key: 'issuer', label: '发文机关', children: n.issuer },
            { key: 'date', label: '发文日期', children: n.issueDate },
            { key: 'due', label: '整改期限', children: n.dueDate ?? '按问题类别' },
          ]}
        />
      </Card>
      <Card
        title="整改进度"
        size="small"
        extra={
          <span>
            已整改 {n.progress.closed}/{n.progress.total}
            {n.progress.overdue ? `，超期 ${n.progress.overdue}` : ''}
          </span>
        }
      >
        <Progress percent={pct} status={n.progress.allClosed ? 'success' : n.progress.overdue ? 'exception' : 'active'} aria-label="整改进度" />
        {n.progress.allClosed && <Alert type="success" showIcon style={{ margin: '12px 0' }} message="全部问题已整改完毕，整改情况反馈已生成，可下载。" />}
        <Table rowKey="problemId" size="small" pagination={false} dataSource={n.items} columns={columns} />
      </Card>
      <FeedbackCard n={n} />
      <Modal
        title="退回修改"
        open={rejecting}
        onCancel={() => setRejecting(false)}
        okText="退回"
        okButtonProps={{ danger: true, loading: busy, disabled: !note.trim() }}
        onOk={() => act('reject', { note })}
      >
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder="请说明退回修改的原因" aria-label="退回原因" />
      </Modal>
    </Space>
  );
}

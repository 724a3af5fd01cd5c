// 整改情况反馈 on a town's copy of a county notice: what the town sent back
// (and when), and for the town office a box to send it (again).
import { useState } from 'react';
import { Button, Card, Input, Space, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { api } from '../../../api/client.ts';
import { keys } from '../../../api/keys.ts';
import { useSave } from '../../../api/save.ts';
import type { Notice } from '../api.ts';

export function FeedbackCard({ n }: { n: Notice }) {
  const [note, setNote] = useState('');
  const { save, busy } = useSave({
    run: () => api.post<Notice>(`/notices/${n.id}/feedback`, { version: n.version, note }),
    ok: '已报送县创城办',
    invalidate: [keys.notices.all],
    onOk: () => setNote(''),
  });
  if (!n.fromCounty) return null;
  return (
    <Card title="整改情况反馈" size="small">
      {n.feedback ? (
        <Typography.Paragraph>
          <Typography.Text type="secondary">{n.feedback.at.slice(0, 10)} 已报送：</Typography.Text>
          <span style={{ whiteSpace: 'pre-wrap' }}>{n.feedback.note}</span>
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary">尚未向{n.issuer}报送整改情况反馈。</Typography.Paragraph>
      )}
      {n.can.sendFeedback && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-label="整改情况反馈"
            placeholder="写明各问题的整改措施、完成情况和长效管理办法"
          />
          <Button type="primary" icon={<SendOutlined aria-hidden />} loading={busy} disabled={note.trim().length < 4} onClick={() => save()}>
            {n.feedback ? '重新报送反馈' : '报送反馈'}
          </Button>
        </Space>
      )}
    </Card>
  );
}

// A weak item given to a community (the inbox item's link): what it is, the
// wave's results to open, and the cadres' report that it has been worked on.
import { useParams, Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input } from 'antd';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { EmptyState } from '../../components/EmptyState.tsx';

interface Followup {
  id: number;
  kind: 'task' | 'activity';
  waveId: number;
  itemCode: string;
  communityCode: string;
  inboxItemId: number | null;
  activityId: number | null;
}

export default function FollowupPage() {
  const id = Number(useParams().id);
  const f = useQuery({ queryKey: keys.polls.followup(id), queryFn: () => api.get<Followup>(`/polls/followups/${id}`) });
  const [form] = Form.useForm<{ note: string }>();
  const { save, busy } = useSave({
    run: (v: { note: string }) => api.post(`/polls/followups/${id}/done`, v),
    ok: '已办结，待办已关闭',
    form,
    invalidate: [keys.polls.all, keys.inbox.all],
  });
  if (!f.data) return f.isLoading ? null : <EmptyState text="交办记录不存在或无权查看。" />;
  return (
    <Card size="small" title="问卷薄弱项交办">
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="题目">{f.data.itemCode}</Descriptions.Item>
        <Descriptions.Item label="调查结果">
          <Link to={`/polls/waves/${f.data.waveId}`}>查看本批次各社区、各题目的结果</Link>
        </Descriptions.Item>
      </Descriptions>
      {f.data.kind === 'task' && (
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="note" label="改进情况" rules={[{ required: true, message: '请说明改进情况' }]}>
            <Input.TextArea rows={3} maxLength={500} placeholder="如：已组织入户宣传，清理了小区楼道杂物" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            办结
          </Button>
        </Form>
      )}
    </Card>
  );
}

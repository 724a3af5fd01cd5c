// 通知中心: my notifications, unread first; open one to mark it read and go
// to its problem; mark all read.
import { useNavigate } from 'react-router';
import { Badge, Button, Card, List, Space, Tag } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { fmtDateTime } from '../../components/format.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { Notification as Note, NotificationPage } from '../../../../domain/api/notifications.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

const KIND_LABELS: Record<string, { label: string; color: string }> = {
  dispatch: { label: '派遣', color: 'blue' },
  return: { label: '退回', color: 'orange' },
  submit: { label: '待核查', color: 'purple' },
  verify_fail: { label: '返工', color: 'volcano' },
  reminder: { label: '到期提醒', color: 'gold' },
  escalation: { label: '超期督办', color: 'red' },
  extension_requested: { label: '延期申请', color: 'cyan' },
  extension_decided: { label: '延期审批', color: 'cyan' },
  deadline: { label: '期限调整', color: 'gold' },
  reinspection_due: { label: '回头看', color: 'geekblue' },
  reinspection_recurred: { label: '复发', color: 'red' },
  accountability: { label: '问责', color: 'magenta' },
  inbox: { label: '待办', color: 'orange' },
  notice_decided: { label: '通报审批', color: 'green' },
};

export default function NotificationsPage() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: keys.notifications.list(),
    queryFn: ({ pageParam }) => api.get<NotificationPage>('/notifications', { cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const all = list.data?.pages.flatMap((p) => p.items) ?? [];
  const items = [...all.filter((n) => !n.read), ...all.filter((n) => n.read)];
  const unread = all.filter((n) => !n.read).length;
  const refresh = () => qc.invalidateQueries({ queryKey: keys.notifications.all });

  const open = async (n: Note) => {
    if (!n.read) await api.post(`/notifications/${n.id}/read`).then(refresh, () => undefined);
    if (n.problemId) navigate(`/problems/${n.problemId}`);
    else if (n.kind === 'inbox') navigate('/inbox');
  };
  const readAllSave = useSave({
    run: () => api.post<{ updated: number }>('/notifications/read-all'),
    ok: (r) => (r.updated ? `已将 ${r.updated} 条通知标为已读` : '没有未读通知'),
    invalidate: [keys.notifications.all],
  });
  const readAll = () => readAllSave.save();
  const markRead = useSave({ run: (n: Note) => api.post(`/notifications/${n.id}/read`), invalidate: [keys.notifications.all] });

  return (
    <div className="narrow-page">
      <PageExtra>
        {unread > 0 && (
          <Button icon={<CheckOutlined aria-hidden />} onClick={readAll}>
            全部标为已读
          </Button>
        )}
      </PageExtra>
      <Card>
        <List<Note>
          loading={list.isLoading}
          dataSource={items}
          locale={{ emptyText: <EmptyState text="暂无通知。问题派给您、被退回、需要核查或即将到期时，会在这里提醒您。" /> }}
          renderItem={(n) => {
            const k = KIND_LABELS[n.kind];
            return (
              <List.Item
                style={{ cursor: n.problemId || !n.read ? 'pointer' : undefined, opacity: n.read ? 0.7 : 1 }}
                onClick={() => open(n)}
                actions={
                  !n.read
                    ? [
                        <Button
                          key="r"
                          type="link"
                          size="small"
                          onClick={(e) => {
                            e.stopPropagation();
                            void markRead.save(n);
                          }}
                        >
                          标为已读
                        </Button>,
                      ]
                    : undefined
                }
              >
                <div style={{ minWidth: 0 }}>
                  <Space size={6} wrap>
                    {!n.read && <Badge status="error" />}
                    {k && (
                      <Tag color={k.color} style={{ marginInlineEnd: 0 }}>
                        {k.label}
                      </Tag>
                    )}
                    <span className="wrap-anywhere" style={{ fontWeight: n.read ? undefined : 600 }}>
                      {n.title}
                    </span>
                  </Space>
                  {n.body && (
                    <div className="wrap-anywhere" style={{ color: '#555', marginTop: 2 }}>
                      {n.body}
                    </div>
                  )}
                  <div style={{ color: '#999', fontSize: 12, marginTop: 2 }}>
                    {fmtDateTime(n.createdAt)}
                    {n.problemCode ? ` · 问题 ${n.problemCode}` : ''}
                  </div>
                </div>
              </List.Item>
            );
          }}
        />
        {list.hasNextPage && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
              加载更多
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}

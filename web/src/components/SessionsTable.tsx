// A person's sign-in sessions (GET /api/people/:id/sessions), with revoke
// buttons when allowed.
import { Button, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../api/client.ts';
import type { Session } from '../api/types.ts';
import { deviceOf, fmtDateTime } from './format.ts';
import { useFeedback } from './useActions.ts';
import { keys } from '../api/keys.ts';
import { useSave } from '../api/save.ts';
import { EmptyState } from './EmptyState.tsx';

export function SessionsTable({ personId, canRevoke, currentHint }: { personId: number; canRevoke: boolean; currentHint?: boolean }) {
  const key = keys.sessions(personId);
  const q = useQuery({ queryKey: key, queryFn: () => api.get<{ items: Session[] }>(`/people/${personId}/sessions`) });
  const { confirm } = useFeedback();
  const revokeSave = useSave({
    run: (sessionId?: string) => api.post<{ revoked: number }>(`/people/${personId}/sessions/revoke`, sessionId ? { sessionId } : {}),
    ok: (r) => `已下线 ${r.revoked} 个会话`,
    invalidate: [key],
  });
  const revoke = (sessionId?: string) =>
    confirm(
      sessionId ? '下线该设备' : '全部下线',
      sessionId ? '该设备须重新登录。' : `所有设备都须重新登录${currentHint ? '（包括您当前使用的这台）' : ''}。`,
      () => revokeSave.save(sessionId),
    );
  const items = q.data?.items ?? [];
  if (q.error) {
    // Viewing one's own sessions needs person.read on the server today; say so plainly.
    const text = currentHint
      ? '您的角色暂不能查看登录设备记录。如怀疑账号被他人使用，请立即修改密码，其他设备会自动下线。'
      : `暂时无法查看登录记录：${errorMessage(q.error)}`;
    return <EmptyState text={text} />;
  }
  const anyActive = items.some((s) => s.active);
  return (
    <div>
      {canRevoke && anyActive && (
        <div className="toolbar">
          <Button danger onClick={() => revoke()}>
            全部下线
          </Button>
        </div>
      )}
      <Table<Session>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: <EmptyState text="没有登录记录" /> }}
        columns={[
          {
            title: '设备',
            dataIndex: 'userAgent',
            render: (v: string | null, s) => (
              <Space orientation="vertical" size={0}>
                <span>{deviceOf(v)}</span>
                <span style={{ color: '#999', fontSize: 12 }}>
                  登录于 {fmtDateTime(s.createdAt)}
                  {s.ip ? ` · ${s.ip}` : ''}
                </span>
              </Space>
            ),
          },
          { title: '最近活动', dataIndex: 'lastSeenAt', responsive: ['md'], render: (v: string | null) => fmtDateTime(v) },
          { title: '到期时间', dataIndex: 'expiresAt', responsive: ['lg'], render: (v: string) => fmtDateTime(v) },
          {
            title: '状态',
            key: 'state',
            width: 80,
            render: (_: unknown, s) => (s.active ? <Tag color="green">有效</Tag> : s.revokedAt ? <Tag>已退出</Tag> : <Tag>已过期</Tag>),
          },
          ...(canRevoke
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  width: 80,
                  render: (_: unknown, s: Session) =>
                    s.active ? (
                      <Button type="link" size="small" danger onClick={() => revoke(s.id)}>
                        下线
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

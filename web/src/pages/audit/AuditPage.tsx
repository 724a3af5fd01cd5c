// 审计日志: every change, newest first, with before/after; and a check
// that the hash chain is intact (GET /api/audit/verify).
import { useState } from 'react';
import { Alert, Button, Card, Select, Space, Table, Tag } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { AuditPage as Page, AuditRow, AuditVerify } from '../../api/types.ts';
import { fmtDateTime } from '../../components/format.ts';
import { actionLabel, ENTITY_LABELS, ChangeTable } from './labels.tsx';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

export default function AuditPage() {
  const [entity, setEntity] = useState<string | undefined>();
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const { save: check, busy: checking } = useSave({
    run: () => api.get<AuditVerify>('/audit/verify'),
    onOk: setVerify,
  });
  const q = useInfiniteQuery({
    queryKey: keys.audit(entity),
    queryFn: ({ pageParam }) => api.get<Page>('/audit', { entity, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div>
      <PageExtra>
        <Button icon={<SafetyCertificateOutlined aria-hidden />} loading={checking} onClick={() => check()}>
          校验哈希链
        </Button>
      </PageExtra>
      {verify && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          type={verify.ok ? 'success' : 'error'}
          title={verify.ok ? `哈希链完整：已校验 ${verify.rows} 条记录，未发现篡改` : `哈希链校验失败：第 ${verify.brokenId ?? '?'} 号记录处断开`}
          description={
            verify.ok ? undefined : `已校验 ${verify.rows} 条。${verify.reason ?? ''}该记录或其之前的记录可能被修改或删除，请立即核查数据库访问情况。`
          }
        />
      )}
      <Card>
        <div className="toolbar">
          <Select
            allowClear
            placeholder="全部对象"
            value={entity}
            onChange={setEntity}
            style={{ width: 160 }}
            options={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </div>
        <Table<AuditRow>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: <EmptyState text={entity ? '该类对象还没有操作记录' : '还没有任何操作记录'} /> }}
          expandable={{
            expandedRowRender: (r) => <ChangeTable before={r.before} after={r.after} />,
            rowExpandable: (r) => r.before != null || r.after != null,
          }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => fmtDateTime(v) },
            { title: '操作人', dataIndex: 'actorName', render: (v: string | null) => v ?? '系统' },
            {
              title: '操作',
              key: 'what',
              render: (_: unknown, r) => (
                <Space size={4} wrap>
                  <Tag color={r.action === 'delete' ? 'red' : r.action === 'create' ? 'green' : 'blue'}>{actionLabel(r.action)}</Tag>
                  <span>{ENTITY_LABELS[r.entity] ?? '其他对象'}</span>
                  {r.entityId && (
                    <span className="mono" style={{ color: '#888' }}>
                      {r.entityId}
                    </span>
                  )}
                </Space>
              ),
            },
            { title: '区划代码', dataIndex: 'regionCode', responsive: ['lg'], render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—') },
            { title: '序号', dataIndex: 'id', responsive: ['md'], width: 80 },
          ]}
        />
        {q.hasNextPage && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button loading={q.isFetchingNextPage} onClick={() => q.fetchNextPage()}>
              加载更早的记录
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}

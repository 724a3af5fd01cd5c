// Webhook 内网主机: the admin's allow-list of hosts webhooks may reach over
// http:// or at private addresses (a chat robot on the town's intranet).
// Without an entry, webhooks must use https:// to a public address (the
// server refuses loopback and private networks, see server/modules/webhooks/target.ts).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Select, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';

export default function WebhookHostsPage() {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: keys.webhooks.allowedHosts(), queryFn: () => api.get<{ hosts: string[] }>('/webhooks/allowed-hosts') });
  const [hosts, setHosts] = useState<string[]>([]);
  useEffect(() => {
    if (q.data) setHosts(q.data.hosts);
  }, [q.data]);
  const { save, busy } = useSave({
    run: () => api.put<{ hosts: string[] }>('/webhooks/allowed-hosts', { hosts }),
    ok: '已保存',
    onOk: (r) => qc.setQueryData(keys.webhooks.allowedHosts(), r),
  });
  return (
    <Card>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Alert
          type="info"
          showIcon
          message="Webhook 地址须为 https:// 开头的公网地址。列在这里的主机（如内网的群机器人）可以使用 http://，也可以是内网地址；本机和内网的其他地址一律拒绝。"
        />
        <Typography.Text>允许的主机（主机名或 IP 地址，不含 http:// 和端口；输入后按回车）</Typography.Text>
        <Select
          mode="tags"
          aria-label="允许的主机"
          style={{ width: '100%' }}
          value={hosts}
          onChange={setHosts}
          tokenSeparators={[',', ' ', '，']}
          placeholder="例如 robot.intranet 或 10.1.2.3"
          open={false}
          loading={q.isPending}
        />
        <Button type="primary" onClick={() => save()} loading={busy} disabled={q.isPending}>
          保存
        </Button>
      </Space>
    </Card>
  );
}

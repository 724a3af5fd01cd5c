// The public red/black list (no sign-in): the latest published ranking of a
// town, from GET /api/public/rankings/latest?town=...; the town is picked from
// the towns that publish one (GET /api/public/rankings/towns), or taken from the address.
import { useSearchParams } from 'react-router';
import { Card, Col, List, Result, Row, Select, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';

import type { PublicRanking as Latest, PublicTowns } from '../../../../domain/api/assessment.ts';

type Entry = Latest['red'][number];

export default function PublicRankingsPage() {
  const [params, setParams] = useSearchParams();
  const towns = useQuery({ queryKey: keys.publicRankingTowns(), queryFn: () => api.get<PublicTowns>('/public/rankings/towns'), retry: false });
  const townList = towns.data?.items ?? [];
  // The town in the address, else the only town that publishes one; otherwise the visitor picks from the list.
  const town = params.get('town') ?? (townList.length === 1 ? townList[0].code : '');
  const q = useQuery({
    enabled: /^\d{6,9}$/.test(town),
    queryKey: keys.publicRankings(town),
    queryFn: () => api.get<Latest>('/public/rankings/latest', { town }),
    retry: false,
  });
  const picker = townList.length > 1 && (
    <div style={{ textAlign: 'center', marginBottom: 16 }}>
      <Select
        aria-label="选择乡镇"
        placeholder="选择乡镇查看红黑榜"
        value={town || undefined}
        style={{ width: 260 }}
        onChange={(v) => setParams({ town: v })}
        options={townList.map((t) => ({ value: t.code, label: t.name }))}
      />
    </div>
  );
  if (towns.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!townList.length) return <Result status="info" title="暂无已发布的红黑榜" subTitle="各乡镇审批发布红黑榜后，会在这里向社会公布。" />;
  if (!town)
    return (
      <div style={{ maxWidth: 880, margin: '48px auto', padding: 16 }}>
        <Typography.Title level={2} style={{ textAlign: 'center' }}>
          红黑榜
        </Typography.Title>
        {picker}
      </div>
    );
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (q.error || !q.data)
    return (
      <div style={{ maxWidth: 880, margin: '24px auto', padding: 16 }}>
        {picker}
        <Result status="404" title="该乡镇暂无已发布的红黑榜" />
      </div>
    );
  const list = (items: Entry[], which: string) => (
    <List
      dataSource={items}
      locale={{ emptyText: `本期无社区上${which}（得分相同、没有可考核的记录或未达上榜条件）` }}
      renderItem={(e) => (
        <List.Item>
          <span>
            第 {e.rank} 名　{e.name}
          </span>
          <span>{e.score} 分</span>
        </List.Item>
      )}
    />
  );
  return (
    <div style={{ maxWidth: 880, margin: '24px auto', padding: 16 }}>
      {picker}
      <Typography.Title level={2} style={{ textAlign: 'center' }}>
        {q.data.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
        统计期 {q.data.periodStart} 至 {q.data.periodEnd}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Card title="红榜" styles={{ header: { background: '#cf1322', color: '#fff' } }}>
            {list(q.data.red, '红榜')}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title="黑榜" styles={{ header: { background: '#262626', color: '#fff' } }}>
            {list(q.data.black, '黑榜')}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

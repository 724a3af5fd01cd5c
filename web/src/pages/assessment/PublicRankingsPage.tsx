// The public red/black list (no sign-in): the latest published ranking of a
// town, from GET /api/public/rankings/latest?town=...
import { useSearchParams } from 'react-router';
import { Card, Col, List, Result, Row, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';

import type { PublicRanking as Latest } from '../../../../domain/api/assessment.ts';

type Entry = Latest['red'][number];

export default function PublicRankingsPage() {
  const [params] = useSearchParams();
  const town = params.get('town') ?? '';
  const q = useQuery({ enabled: /^\d{6,9}$/.test(town), queryKey: keys.publicRankings(town), queryFn: () => api.get<Latest>('/public/rankings/latest', { town }), retry: false });
  if (!/^\d{6,9}$/.test(town)) return <Result status="info" title="请在地址中指定乡镇区划代码（?town=）" />;
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (q.error || !q.data) return <Result status="404" title="暂无已发布的红黑榜" />;
  const list = (items: Entry[], which: string) => (
    <List dataSource={items} locale={{ emptyText: `本期无社区上${which}（得分相同、没有可考核的记录或未达上榜条件）` }} renderItem={(e) => <List.Item><span>第 {e.rank} 名　{e.name}</span><span>{e.score} 分</span></List.Item>} />
  );
  return (
    <div style={{ maxWidth: 880, margin: '24px auto', padding: 16 }}>
      <Typography.Title level={2} style={{ textAlign: 'center' }}>{q.data.title}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>统计期 {q.data.periodStart} 至 {q.data.periodEnd}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}><Card title="红榜" styles={{ header: { background: '#cf1322', color: '#fff' } }}>{list(q.data.red, '红榜')}</Card></Col>
        <Col xs={24} md={12}><Card title="黑榜" styles={{ header: { background: '#262626', color: '#fff' } }}>{list(q.data.black, '黑榜')}</Card></Col>
      </Row>
    </div>
  );
}

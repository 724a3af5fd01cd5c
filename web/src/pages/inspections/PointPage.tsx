// A point's page (/inspections/points/:placeId): what the place is and who
// answers for it, the latest grades, the score-rate trend, the problems still
// open there and the inspections that came by. Figures come from the server.
import { Link, useNavigate, useParams } from 'react-router';
import { Card, Col, Descriptions, Result, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { usePointPage, type GradedItem, type Head } from './api.ts';
import { GradeTag, ProblemTable, Rate } from './shared.tsx';
import { TrendChart } from './TrendChart.tsx';
import { usePageTitle } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

export default function PointPage() {
  const placeId = Number(useParams().placeId);
  const navigate = useNavigate();
  const q = usePointPage(placeId);
  usePageTitle(q.data?.place.name);
  if (q.error)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={q.error.message}
        extra={<Link to="/inspections/points">返回点位列表</Link>}
      />
    );
  const d = q.data;
  if (!d) return <Card loading />;
  const p = d.place;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span>{p.name}</span>
            <Tag>{p.kindLabel}</Tag>
            {p.pointTypeLabel && <Tag color="blue">{p.pointTypeLabel}</Tag>}
            {p.isDemoPoint && <Tag color="red">示范点</Tag>}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'community', label: '所属社区', children: `${p.townName ?? ''} ${p.communityName ?? p.communityCode}` },
            { key: 'address', label: '地址', children: p.address ?? '—' },
            { key: 'checklist', label: '测评标准', children: p.checklistTypeLabel ?? '—' },
            {
              key: 'chiefs',
              label: '街巷长 / 责任人',
              children: p.streetChiefs.length ? (
                p.streetChiefs.map((c) => c.name).join('、')
              ) : (
                <Typography.Text type="secondary">未指定（在“人员与角色”中为街巷长分配地点）</Typography.Text>
              ),
            },
            ...(p.isDemoPoint
              ? [{ key: 'unit', label: '示范点责任单位', children: p.responsibleUnit?.name ?? <Typography.Text type="secondary">未指定</Typography.Text> }]
              : []),
          ]}
        />
      </Card>

      <Row gutter={[16, 16]}>
        {d.countsByKind.map((c) => (
          <Col key={c.kind} flex="1 1 170px">
            <Card size="small">
              <Statistic title={c.label} value={c.count} suffix="次" />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.lastOn ? `最近 ${c.lastOn}` : '尚无记录'}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>

      <Card title="最近一次测评结果" extra={d.latest && <Link to={`/inspections/${d.latest.id}`}>查看该次记录</Link>}>
        {d.latest ? (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              <span>{d.latest.onDate}</span>
              <Tag>{d.latest.kindLabel}</Tag>
              <span>检查人：{d.latest.inspectorName}</span>
              {d.latest.score !== null && (
                <span>
                  得分 {d.latest.score} / {d.latest.max}
                </span>
              )}
              <span>
                得分率 <Rate rate={d.latest.rate} strong />
              </span>
              <Typography.Text type="secondary">
                {d.latest.checklist.title}（第 {d.latest.checklist.version} 版）
              </Typography.Text>
            </Space>
            <Table<GradedItem>
              rowKey="itemId"
              size="small"
              pagination={false}
              dataSource={d.latest.items}
              scroll={{ x: 920 }}
              columns={[
                { title: '编号', dataIndex: 'code', width: 70, className: 'mono' },
                { title: '测评项目', dataIndex: 'title', width: 140 },
                { title: '测评标准', dataIndex: 'criterion' },
                { title: '分值', dataIndex: 'points', width: 60 },
                { title: '等级', dataIndex: 'grade', width: 70, render: (g) => <GradeTag grade={g} /> },
                { title: '得分', dataIndex: 'score', width: 60, render: (s: number | null) => s ?? '—' },
                { title: '备注', dataIndex: 'note', width: 160, render: (n: string | null) => n ?? '' },
              ]}
            />
          </>
        ) : (
          <EmptyState text="该点位还没有按测评标准打分的检查记录。督查、暗访、示范点考察或模拟测评时逐项评定等级后，这里显示最近一次结果。" />
        )}
      </Card>

      <Card title="得分率变化（近 12 个月）">
        {d.trend.length ? (
          <TrendChart points={d.trend} onPick={(id) => navigate(`/inspections/${id}`)} />
        ) : (
          <EmptyState text="近 12 个月没有计分的检查。督查、暗访、示范点考察和模拟测评会计算得分率。" />
        )}
      </Card>

      <Card title={`未办结问题（${d.openProblems.length}）`}>
        <ProblemTable items={d.openProblems} showPlace={false} empty="该点位没有未办结的问题" />
      </Card>

      <Card title="检查记录" extra={<Link to={`/inspections?placeId=${p.id}`}>全部记录</Link>}>
        <Table<Head>
          rowKey="id"
          size="small"
          dataSource={d.recent}
          pagination={false}
          scroll={{ x: 820 }}
          locale={{ emptyText: '该点位还没有巡查、督查或测评记录' }}
          onRow={(r) => ({ onClick: () => navigate(`/inspections/${r.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: '日期', dataIndex: 'onDate', width: 110, render: (v: string, r) => <Link to={`/inspections/${r.id}`}>{v}</Link> },
            { title: '类型', dataIndex: 'kindLabel', width: 110 },
            { title: '检查人', dataIndex: 'inspectorName', width: 110 },
            { title: '批次', dataIndex: 'batch', render: (b: string | null) => b ?? '—' },
            { title: '得分率', dataIndex: 'rate', width: 90, render: (r: number | null) => <Rate rate={r} /> },
            { title: '发现问题', dataIndex: 'problemsFound', width: 90 },
            { title: '状态', dataIndex: 'stateLabel', width: 80 },
          ]}
        />
      </Card>
    </Space>
  );
}

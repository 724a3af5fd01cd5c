// The figures on the home page (GET /api/home): each a link to the list that
// produces it, the week's trend as an ECharts chart, the ranking, the street
// chief's day and a county's towns. Empty parts say what to do next.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { Card, Col, Progress, Row, Space, Statistic, Typography } from 'antd';
import type { HomeFigures as Figures } from '../../../../domain/api/home.ts';
import { EChart } from '../../components/charts/EChart.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

const RUNNING = 'dispatched,rectifying,rectified';
const OPEN = 'reported,filed,dispatched,rectifying,rectified';

/** Exactly the problems 三日内到期 counts: running, due from today through the third working day. */
const dueSoonLink = (p: NonNullable<Figures['problems']>, today: string) => `/problems?state=${RUNNING}&dueFrom=${today}&dueTo=${p.dueSoonTo}&sort=due`;
const dueHint = (p: NonNullable<Figures['problems']>) => `今天至 ${Number(p.dueSoonTo.slice(5, 7))}月${Number(p.dueSoonTo.slice(8))}日（3 个工作日）到期`;

interface Figure {
  key: string;
  title: string;
  value: number;
  to: string;
  hint: string;
  alert?: boolean;
}

function FigureCard({ f }: { f: Figure }) {
  return (
    <Link to={f.to} aria-label={`${f.title} ${f.value}`} data-figure={f.key}>
      <Card hoverable size="small">
        <Statistic title={f.title} value={f.value} valueStyle={f.alert && f.value > 0 ? { color: '#c0392b' } : undefined} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {f.hint}
        </Typography.Text>
      </Card>
    </Link>
  );
}

export function ProblemFigures({ p, today, office }: { p: NonNullable<Figures['problems']>; today: string; office: boolean }) {
  const figures: Figure[] = office
    ? [
        { key: 'newToday', title: '今日新增', value: p.newToday, to: `/problems?createdFrom=${today}&createdTo=${today}`, hint: '今天上报或登记的问题' },
        { key: 'dueSoon', title: '三日内到期', value: p.dueSoon, to: dueSoonLink(p, today), hint: `${dueHint(p)}，先催办最近到期的` },
        { key: 'overdue', title: '已超期', value: p.overdue, to: '/problems?overdue=1', hint: '超过整改期限仍未结案', alert: true },
        { key: 'awaitingVerification', title: '待核查', value: p.awaitingVerification, to: '/problems?state=rectified', hint: '已整改，等待核查结案' },
      ]
    : [
        { key: 'open', title: '待处理问题', value: p.open, to: `/problems?state=${OPEN}`, hint: '管辖范围内未结案的问题' },
        {
          key: 'rectifying',
          title: '待接收/整改中',
          value: (p.byState.dispatched ?? 0) + (p.byState.rectifying ?? 0),
          to: '/problems?state=dispatched,rectifying&sort=due',
          hint: '派给本单位或本社区、尚未整改完成的',
        },
        { key: 'overdue', title: '已超期', value: p.overdue, to: '/problems?overdue=1', hint: '超过整改期限仍未结案', alert: true },
        { key: 'dueSoon', title: '三日内到期', value: p.dueSoon, to: dueSoonLink(p, today), hint: `${dueHint(p)}，尽快整改避免超期扣分` },
      ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {figures.map((f) => (
        <Col key={f.key} xs={12} lg={6}>
          <FigureCard f={f} />
        </Col>
      ))}
    </Row>
  );
}

export function TrendCard({ trend }: { trend: NonNullable<Figures['trend']> }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, right: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: trend.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '上报', type: 'bar', data: trend.map((d) => d.reported), barMaxWidth: 28 },
        { name: '结案', type: 'line', data: trend.map((d) => d.closed), smooth: true },
      ],
    }),
    [trend],
  );
  const quiet = trend.every((d) => d.reported === 0 && d.closed === 0);
  return (
    <Card size="small" title="近七天问题趋势" extra={<Link to="/problems">全部问题</Link>} style={{ height: '100%' }}>
      {quiet ? (
        <EmptyState text="近七天没有上报或结案的问题。巡查发现问题后，在“问题”中上报或登记，这里会显示每天的数量。" />
      ) : (
        <EChart option={option} label="近七天问题趋势" height={240} />
      )}
    </Card>
  );
}

export function RankingCard({ r }: { r: NonNullable<Figures['ranking']> }) {
  const row = (x: { code: string; name: string; rank: number | null; score: number }) => (
    <div key={x.code} style={{ display: 'flex', justifyContent: 'space-between', padding: '2px 0' }}>
      <span>
        {x.rank !== null ? `第 ${x.rank} 名　` : '无数据　'}
        {x.name}
      </span>
      <span>{x.score} 分</span>
    </div>
  );
  return (
    <Card
      size="small"
      title={`${r.periodTitle}实时排名`}
      extra={
        <span>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 8 }}>
            计算于 {new Date(r.computedAt).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' })}
          </Typography.Text>
          <Link to={`/assessment?region=${r.regionCode}`}>考核评比</Link>
        </span>
      }
      style={{ height: '100%' }}
    >
      {r.own && (
        <Statistic
          title="本社区"
          value={r.own.rank ?? '无数据'}
          suffix={r.own.rank !== null ? `/ ${r.total} 名　${r.own.score} 分` : undefined}
          style={{ marginBottom: 8 }}
        />
      )}
      {r.total === 0 ? (
        <EmptyState text="本月还没有可排名的数据。问题立案、整改和结案后，排名会按考核规则自动计算。" />
      ) : (
        <Row gutter={16}>
          <Col span={12}>
            <Typography.Text strong>前三名</Typography.Text>
            {r.top.map(row)}
          </Col>
          <Col span={12}>
            <Typography.Text strong type="danger">
              后三名
            </Typography.Text>
            {r.bottom.length ? r.bottom.map(row) : <div>—</div>}
          </Col>
        </Row>
      )}
    </Card>
  );
}

export function PatrolCard({ p }: { p: NonNullable<Figures['patrols']> }) {
  return (
    <Card size="small" title="今日巡查" extra={<a href="/m/">打开手机巡查</a>} style={{ height: '100%' }}>
      {p.places === 0 ? (
        <EmptyState text="您还没有负责的点位。请联系镇创城办在“人员与角色”中为您分配负责的街巷。" />
      ) : (
        <>
          <Statistic title={p.countedDay ? '今天已巡查的点位' : '今天不计入巡查频次，可自愿巡查'} value={p.done} suffix={`/ ${p.places}`} />
          <Progress percent={Math.round((p.done / p.places) * 100)} strokeColor="#c0392b" />
          <Link to="/problems?mine=1">负责点位的未结案问题 {p.openProblems} 个</Link>
        </>
      )}
    </Card>
  );
}

/** A plain table, not antd's Table: the home page stays in the desk's initial bundle without it. */
export function TownsCard({ towns }: { towns: NonNullable<Figures['towns']> }) {
  const cell: React.CSSProperties = { padding: '8px 12px', borderBottom: '1px solid #f0f0f0', textAlign: 'left' };
  return (
    <Card size="small" title="各乡镇问题" style={{ marginBottom: 16 }}>
      {towns.length === 0 ? (
        <EmptyState text="本县还没有乡镇区划。请系统管理员先导入区划。" />
      ) : (
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr style={{ background: '#fafafa' }}>
              {['乡镇', '未结案', '已超期', '今日新增'].map((h) => (
                <th key={h} style={cell}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {towns.map((t) => (
              <tr key={t.code}>
                <td style={cell}>{t.name}</td>
                <td style={cell}>
                  <Link to={`/problems?regionCode=${t.code}&state=${OPEN}`}>{t.open}</Link>
                </td>
                <td style={cell}>
                  <Link to={`/problems?regionCode=${t.code}&overdue=1`} style={t.overdue ? { color: '#c0392b' } : undefined}>
                    {t.overdue}
                  </Link>
                </td>
                <td style={cell}>{t.newToday}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

/** A town leader's worst points: most open problems and recent recurrences, each opening the point's record. */
export function WorstPointsCard({ points }: { points: NonNullable<Figures['worstPoints']> }) {
  return (
    <Card size="small" title="问题最多的点位" extra={<Link to="/inspections/points">点位档案</Link>} style={{ height: '100%' }}>
      {points.length === 0 ? (
        <EmptyState text="各点位目前没有未结案或复发的问题。巡查和督查发现问题后，问题最多的点位会排在这里。" />
      ) : (
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {points.map((x) => (
            <li key={x.placeId} style={{ padding: '3px 0' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <Link to={`/inspections/points/${x.placeId}`} className="wrap-anywhere">
                  {x.name}
                  {x.communityName ? `（${x.communityName}）` : ''}
                </Link>
                <span style={{ whiteSpace: 'nowrap' }}>
                  未结案 {x.open}
                  {x.recurred > 0 && <Typography.Text type="danger">　复发 {x.recurred}</Typography.Text>}
                </span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** The county notices whose 整改情况反馈 the town office owes; each opens its copy, where the feedback is sent. */
export function CountyNoticesCard({ notices }: { notices: NonNullable<Figures['countyNotices']> }) {
  if (notices.length === 0) return null;
  return (
    <Card size="small" title="县级通报待反馈" extra={<Link to="/notices?tab=received">全部县级通报</Link>} style={{ marginBottom: 16 }}>
      {notices.map((n) => (
        <div key={n.id} style={{ display: 'flex', justifyContent: 'space-between', gap: 12, padding: '4px 0', flexWrap: 'wrap' }}>
          <Link to={`/notices/${n.id}`} className="wrap-anywhere">
            {n.docNumber ? `${n.docNumber}　` : ''}
            {n.title}
          </Link>
          <Space size={16} style={{ whiteSpace: 'nowrap' }}>
            <span>
              已整改 {n.closed}/{n.items}
            </span>
            {n.dueDate && (
              <Typography.Text type={n.overdue ? 'danger' : 'secondary'}>
                {n.overdue ? '已过' : ''}反馈期限 {n.dueDate}
              </Typography.Text>
            )}
          </Space>
        </div>
      ))}
    </Card>
  );
}

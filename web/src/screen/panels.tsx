// The 大屏's panels: the KPIs, the ranking, the 30 days, the top categories,
// patrol compliance, volunteers and activities, the red/black list, the
// evaluation forecast. A figure the registry cannot give yet (null) is
// shown as missing (—, 暂无数据), never as 0.
import { useMemo } from 'react';
import type { ScreenSummary } from '../../../domain/api/screen.ts';
import { EVAL_METHOD_LABELS, EVAL_METHODS as PILLARS } from '../../../domain/evaluation.ts';
import { Chart } from './Chart.tsx';

type Fig = ScreenSummary['kpis']['today'][number];

const fmt = (f: Fig | undefined) => (f?.value == null ? '—' : f.unit === '%' ? `${f.value.toFixed(1)}` : f.value.toLocaleString('zh-CN'));

export function Kpi({ f, title, alert }: { f: Fig | undefined; title?: string; alert?: boolean }) {
  const missing = f?.value == null;
  return (
    <div className={`sc-kpi${alert && (f?.value ?? 0) > 0 ? ' sc-alert' : ''}`} data-figure={f?.id}>
      <div className="sc-kpi-title">{title ?? f?.name ?? ''}</div>
      <div className="sc-kpi-value">
        {fmt(f)}
        {!missing && <small>{f!.unit === '%' ? '%' : f!.unit}</small>}
      </div>
      {missing && <div className="sc-kpi-note">{f?.unit === '%' ? '本期无应结案' : '暂无数据'}</div>}
    </div>
  );
}

const by = (list: Fig[], id: string) => list.find((f) => f.id === id);

export function Kpis({ s }: { s: ScreenSummary }) {
  const t = s.kpis.today;
  const m = s.kpis.month;
  return (
    <div className="sc-kpis">
      <div className="sc-kpi-group">
        <h3>今日</h3>
        <Kpi f={by(t, 'problems.new')} title="新增" />
        <Kpi f={by(t, 'problems.closed')} title="结案" />
        <Kpi f={by(t, 'problems.open')} title="未结案" />
        <Kpi f={by(t, 'problems.overdue')} title="超期" alert />
        <Kpi f={by(t, 'problems.awaiting_verification')} title="待核查" />
      </div>
      <div className="sc-kpi-group">
        <h3>本月</h3>
        <Kpi f={by(m, 'problems.new')} title="新增" />
        <Kpi f={by(m, 'problems.closed')} title="结案" />
        <Kpi f={by(m, 'problems.on_time_rate')} title="按期结案率" />
        <Kpi f={by(m, 'problems.close_rate')} title="结案率" />
        <Kpi f={by(m, 'problems.rework_rate')} title="返工率" />
      </div>
    </div>
  );
}

/** HH:MM:SS in China time. */
export const clock = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });

const RANK_ROWS = 10;

export function Ranking({ r }: { r: ScreenSummary['ranking'] }) {
  const option = useMemo(() => {
    if (!r) return null;
    const ranked = r.rows.filter((x) => x.rank !== null);
    // The first ten; a community's own screen always shows its own row (in the tenth place when it ranks lower).
    const rows = ranked.slice(0, RANK_ROWS);
    const own = ranked.find((x) => x.code === r.own);
    if (own && !rows.includes(own)) rows[RANK_ROWS - 1] = own;
    return {
      grid: { left: 120, right: 48, top: 8, bottom: 8 },
      xAxis: { type: 'value', show: false },
      yAxis: { type: 'category', inverse: true, data: rows.map((x) => `${x.rank}. ${x.name}`), axisLabel: { fontSize: 14, color: '#d6e4f0', interval: 0 } },
      series: [
        {
          type: 'bar',
          data: rows.map((x) => ({ value: x.score, itemStyle: { color: x.code === r.own ? '#ffd166' : '#4fc3f7' } })),
          barMaxWidth: 16,
          label: { show: true, position: 'right', color: '#d6e4f0', fontSize: 13 },
        },
      ],
    };
  }, [r]);
  return (
    <section className="sc-panel">
      <h2>
        {r?.title ?? '实时排名'}
        {r && <small className="sc-asof">计算于 {clock(r.computedAt)}</small>}
      </h2>
      {option && r!.rows.some((x) => x.rank !== null) ? (
        <Chart option={option} label="本月实时排名" style={{ height: 232 }} />
      ) : (
        <p className="sc-empty">本月暂无排名数据</p>
      )}
    </section>
  );
}

export function Trend({ trend }: { trend: ScreenSummary['trend'] }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, right: 8 },
      grid: { left: 48, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: trend.map((d) => d.day.slice(5)), axisLabel: { fontSize: 12 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '上报', type: 'bar', data: trend.map((d) => d.reported), barMaxWidth: 14 },
        { name: '结案', type: 'line', data: trend.map((d) => d.closed), symbol: 'none', lineStyle: { width: 3 } },
      ],
    }),
    [trend],
  );
  return (
    <section className="sc-panel">
      <h2>近 30 天问题趋势</h2>
      <Chart option={option} label="近 30 天每天上报和结案的问题" style={{ height: 250 }} />
    </section>
  );
}

export function Categories({ list }: { list: ScreenSummary['categories'] }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'pie',
          radius: ['42%', '70%'],
          center: ['50%', '52%'],
          data: list.map((c) => ({ name: c.name, value: c.count })),
          label: { color: '#d6e4f0', fontSize: 13, formatter: '{b} {c}' },
        },
      ],
    }),
    [list],
  );
  return (
    <section className="sc-panel">
      <h2>近 30 天问题类别前 8</h2>
      {list.length ? <Chart option={option} label="近 30 天上报最多的问题类别" style={{ height: 250 }} /> : <p className="sc-empty">近 30 天没有上报问题</p>}
    </section>
  );
}

export function Patrols({ p }: { p: ScreenSummary['patrols'] }) {
  return (
    <section className="sc-panel sc-row">
      <h2>本月巡查履职</h2>
      {p ? (
        <div className="sc-figs">
          <Stat label="履职率" value={p.rate === null ? '—' : `${(p.rate * 100).toFixed(1)}%`} />
          <Stat label="应巡" value={p.expected} />
          <Stat label="已巡" value={p.done} />
          <Stat label="漏巡" value={p.missed} alert={p.missed > 0} />
        </div>
      ) : (
        <p className="sc-empty">暂无巡查安排</p>
      )}
    </section>
  );
}

function Stat({ label, value, alert }: { label: string; value: string | number; alert?: boolean }) {
  return (
    <div className={`sc-stat${alert ? ' sc-alert' : ''}`}>
      <b>{value}</b>
      <span>{label}</span>
    </div>
  );
}

export function Mobilisation({ list }: { list: ScreenSummary['mobilisation'] }) {
  return (
    <section className="sc-panel sc-row">
      <h2>志愿服务与文明实践（本年）</h2>
      <div className="sc-figs sc-figs-grid">
        {list.map((f) => (
          <Stat key={f.id} label={`${f.name}（${f.unit}）`} value={f.value === null ? '暂无数据' : f.value.toLocaleString('zh-CN')} />
        ))}
      </div>
    </section>
  );
}

export function RedBlack({ rb }: { rb: ScreenSummary['redBlack'] }) {
  return (
    <section className="sc-panel">
      <h2>{rb ? rb.title : '红黑榜'}</h2>
      {rb ? (
        <div className="sc-lists">
          <ol className="sc-red">
            {rb.red.map((x) => (
              <li key={x.code}>
                <span>红榜</span>
                <b>{x.name}</b>
                <em>{x.score}</em>
              </li>
            ))}
          </ol>
          <ol className="sc-black">
            {rb.black.map((x) => (
              <li key={x.code}>
                <span>黑榜</span>
                <b>{x.name}</b>
                <em>{x.score}</em>
              </li>
            ))}
          </ol>
        </div>
      ) : (
        <p className="sc-empty">尚未发布红黑榜</p>
      )}
    </section>
  );
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** The evaluation forecast: the total (partial with its coverage when a pillar has no data), each pillar, the standards losing most. */
export function Forecast({ f }: { f: ScreenSummary['forecast'] }) {
  return (
    <section className="sc-panel sc-forecast">
      <h2>
        {f ? `${f.year}年测评预测` : '测评预测'}
        {f && <small className="sc-asof">计算于 {clock(f.computedAt)}</small>}
      </h2>
      {!f ? (
        <p className="sc-empty">本年尚未开展测评</p>
      ) : (
        <>
          <div className="sc-figs">
            <div className="sc-stat sc-forecast-total" data-forecast="total">
              <b>{f.total.score == null ? '—' : f.total.score.toFixed(1)}</b>
              <span>{f.total.score == null ? '三项均暂无数据' : f.total.partial ? `部分预估·覆盖率 ${pct(f.total.coverage)}` : '预估总分'}</span>
            </div>
            {PILLARS.map((p) => {
              const x = f.pillars[p];
              return (
                <div key={p} className="sc-stat" data-forecast={p}>
                  <b>{x.score == null ? '—' : x.score.toFixed(1)}</b>
                  <span>
                    {EVAL_METHOD_LABELS[p]}
                    {x.state === 'incomplete' ? '·暂无数据' : x.state === 'partial' ? `·覆盖 ${pct(x.coverage)}` : ''}
                  </span>
                </div>
              );
            })}
          </div>
          {f.losses.length > 0 && (
            <ol className="sc-losses" aria-label="失分最多的标准">
              {f.losses.map((l) => (
                <li key={l.code}>
                  <span>{EVAL_METHOD_LABELS[l.pillar]}</span>
                  <b>
                    {l.code} {l.name}
                  </b>
                  <em>−{l.lost.toFixed(1)} 分</em>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

// The 大屏 at /screen: 1920×1080, dark, scaled to whatever the wall display is.
// The summary, map and feed pushed by the server's event stream, polled while
// it is down (useScreenData); when the server restarts or the network drops,
// the last figures stay up with a notice and the screen picks up again by
// itself, no reload.
import { useEffect, useState } from 'react';
import { useScreenData } from './useScreenData.ts';
import { MapPanel } from './MapPanel.tsx';
import { Categories, clock, Forecast, Kpis, Mobilisation, Patrols, RedBlack, Ranking, Trend } from './panels.tsx';

const W = 1920;
const H = 1080;

function useScale() {
  const fit = () => Math.min(window.innerWidth / W, window.innerHeight / H);
  const [scale, setScale] = useState(fit);
  useEffect(() => {
    const on = () => setScale(fit());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return scale;
}

function useClock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}

const hhmm = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });

export function ScreenApp() {
  const region = new URL(window.location.href).searchParams.get('region');
  const data = useScreenData(region);
  const scale = useScale();
  const now = useClock();
  const s = data.summary;
  const error = data.error;
  useEffect(() => {
    if (s) document.title = `${s.regionName}创城指挥大屏`;
  }, [s]);

  return (
    <div className="sc-stage" style={{ width: W, height: H, transform: `scale(${scale})` }}>
      <header className="sc-head">
        <div className="sc-title">
          {s ? `${s.regionName}创建全国文明城市指挥大屏` : '创城指挥大屏'}
          {s?.displayName && <span className="sc-display">{s.displayName}</span>}
        </div>
        <div className="sc-status" role="status">
          {error ? (
            <span className="sc-offline">{error}</span>
          ) : s ? (
            <span className="sc-live" title={data.live ? '服务器推送' : '定时刷新'}>
              ● 实时{data.live ? '' : '（轮询）'}
            </span>
          ) : (
            <span>正在连接…</span>
          )}
          {s && <span>数据生成于 {clock(s.generatedAt)}</span>}
          <span className="sc-clock">{now.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })}</span>
        </div>
      </header>
      {!s ? (
        <p className="sc-loading">{error ?? '正在读取数据…'}</p>
      ) : (
        <>
          <Kpis s={s} />
          <main className="sc-body">
            <div className="sc-col">
              <Ranking r={s.ranking} />
              <Patrols p={s.patrols} />
              <Mobilisation list={s.mobilisation} />
              <Forecast f={s.forecast} />
            </div>
            <div className="sc-col sc-center">
              <MapPanel map={data.map} />
              <Trend trend={s.trend} />
            </div>
            <div className="sc-col">
              <Categories list={s.categories} />
              <RedBlack rb={s.redBlack} />
              <section className="sc-panel sc-feed">
                <h2>实时动态</h2>
                {data.feed.length ? (
                  <ul>
                    {data.feed.map((e) => (
                      <li key={e.id}>
                        <time>{hhmm(e.at)}</time>
                        <span className="sc-feed-code">{e.code}</span>
                        <span>
                          {e.communityName ?? ''} {e.category ?? ''} {e.text}
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="sc-empty">暂无动态</p>
                )}
              </section>
            </div>
          </main>
        </>
      )}
    </div>
  );
}

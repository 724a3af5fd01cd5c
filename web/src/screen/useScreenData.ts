// The 大屏's data: the event stream (stream.ts) pushes the summary, the map
// and the feed as they change; polling (the summary every
// SCREEN_REFRESH_SECONDS, the feed twice as often, the map a third as often)
// is the fallback and asks only while the stream is down. A failed ask (the
// server restarting, the network down) keeps the last answer on screen with
// the error, and both carry on by themselves: the screen comes back when the
// server does, without a reload.
import { useEffect, useRef, useState } from 'react';
import type { ScreenFeed, ScreenMap, ScreenSummary } from '../../../domain/api/screen.ts';
import { SCREEN_REFRESH_SECONDS } from '../../../domain/screen.ts';
import { authHeaders, get } from './api.ts';
import { connectStream } from './stream.ts';

const FEED_KEPT = 30;

export interface ScreenData {
  summary: ScreenSummary | null;
  map: ScreenMap | null;
  feed: ScreenFeed['items'];
  error: string | null;
  /** The stream is up (else the screen polls). */
  live: boolean;
}

export function useScreenData(region: string | null): ScreenData {
  const [summary, setSummary] = useState<ScreenSummary | null>(null);
  const [map, setMap] = useState<ScreenMap | null>(null);
  const [feed, setFeed] = useState<ScreenFeed['items']>([]);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const last = useRef<number | null>(null);
  const streaming = useRef(false);

  useEffect(() => {
    let alive = true;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const q = { region };
    const addFeed = (d: ScreenFeed) => {
      if (d.items.length) setFeed((old) => [...d.items, ...old.filter((o) => !d.items.some((n) => n.id === o.id))].slice(0, FEED_KEPT));
      if (d.lastId !== null) last.current = Math.max(last.current ?? 0, d.lastId);
    };
    const poll = (ask: () => Promise<void>, seconds: number) => {
      const tick = async () => {
        if (!streaming.current) {
          try {
            await ask();
            if (alive) setError(null);
          } catch (e) {
            if (alive) setError((e as Error).message);
          }
        }
        if (alive) {
          const t = setTimeout(() => {
            timers.delete(t);
            void tick();
          }, seconds * 1000);
          timers.add(t);
        }
      };
      void tick();
    };
    poll(async () => setSummary(await get<ScreenSummary>('/screen/summary', q)), SCREEN_REFRESH_SECONDS);
    poll(async () => setMap(await get<ScreenMap>('/screen/map', q)), SCREEN_REFRESH_SECONDS * 3);
    poll(async () => addFeed(await get<ScreenFeed>('/screen/feed', { ...q, after: last.current ?? undefined })), Math.max(5, SCREEN_REFRESH_SECONDS / 2));
    const stream = connectStream(
      {
        url: () => {
          const p = new URLSearchParams();
          if (region) p.set('region', region);
          if (last.current !== null) p.set('after', String(last.current));
          return `/api/screen/stream${p.size ? `?${p}` : ''}`;
        },
        headers: authHeaders,
      },
      {
        open() {
          streaming.current = true;
          setLive(true);
          setError(null);
        },
        event(name, data) {
          if (name === 'summary') setSummary(JSON.parse(data));
          else if (name === 'map') setMap(JSON.parse(data));
          else if (name === 'feed') addFeed(JSON.parse(data));
        },
        down() {
          if (streaming.current) setError('与服务器的连接中断，正在重连…');
          streaming.current = false;
          setLive(false);
        },
        refused(message) {
          streaming.current = false;
          setLive(false);
          setError(message);
        },
      },
    );
    return () => {
      alive = false;
      for (const t of timers) clearTimeout(t);
      stream.close();
    };
  }, [region]);
  return { summary, map, feed, error, live };
}

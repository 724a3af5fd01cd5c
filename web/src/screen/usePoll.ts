// Polling for the 大屏: ask, show the answer, ask again after `seconds`. A
// failed ask (the server restarting, the network down) keeps the last answer
// on screen with the error, and the next tick tries again, so the screen comes
// back by itself when the server does, without a reload.
import { useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data: T | null;
  error: string | null;
  /** When the last answer arrived. */
  at: Date | null;
}

export function usePoll<T>(fn: () => Promise<T>, seconds: number, key = ''): Polled<T> {
  const [state, setState] = useState<Polled<T>>({ data: null, error: null, at: null });
  const f = useRef(fn);
  f.current = fn;
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const data = await f.current();
        if (alive) setState({ data, error: null, at: new Date() });
      } catch (e) {
        if (alive) setState((s) => ({ ...s, error: (e as Error).message }));
      }
      if (alive) timer = setTimeout(tick, seconds * 1000);
    };
    void tick();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [seconds, key]);
  return state;
}

// The 大屏's event stream (GET /api/screen/stream): connect, hand each event
// on, and when the stream ends or fails (the server restarting, the network
// down, nothing heard for 40 s) connect again by itself after a pause that
// grows to half a minute while the server stays away. A refusal (the
// display's token revoked, the region gone) stops it. Plain fetch, so the
// display token travels in its header as with the other reads; no React here
// (the restart test drives it from Node).
export interface StreamHandlers {
  /** The stream is up: the server pushes from now on. */
  open(): void;
  /** One event: its name and its data (JSON text). */
  event(name: string, data: string): void;
  /** The stream is down; it connects again by itself. */
  down(): void;
  /** The server refused the display for good: no more tries. */
  refused(message: string): void;
}

export interface StreamOptions {
  /** The address to connect to (asked at each connection, so it can carry the last event seen). */
  url: () => string;
  headers?: () => Record<string, string>;
  fetch?: typeof fetch;
  /** The first pause before connecting again; the server's `retry:` replaces it. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Nothing heard for this long (the server pings every 15 s): the connection is taken for dead. */
  stallMs?: number;
}

const FINAL = new Set([401, 403, 404]);

async function messageOf(res: Response): Promise<string> {
  try {
    return ((await res.json()) as { error?: { message?: string } }).error?.message ?? `连接被拒绝（${res.status}）`;
  } catch {
    return `连接被拒绝（${res.status}）`;
  }
}

export function connectStream(o: StreamOptions, on: StreamHandlers): { close(): void } {
  const get = o.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const max = o.maxRetryMs ?? 30_000;
  let base = o.retryMs ?? 2_000;
  let pause = base;
  let closed = false;
  let ctl: AbortController | null = null;
  let wake: (() => void) | null = null;

  const refuse = (message: string) => {
    closed = true;
    ctl?.abort();
    on.refused(message);
  };
  const dispatch = (frame: string) => {
    let name = 'message';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry' && /^\d+$/.test(value)) base = pause = Number(value);
    }
    if (!data.length) return;
    if (name === 'refused') {
      let message = '大屏已停用';
      try {
        message = JSON.parse(data.join('\n')).error?.message ?? message;
      } catch {
        /* keep the plain message */
      }
      return refuse(message);
    }
    on.event(name, data.join('\n'));
  };

  const once = async () => {
    ctl = new AbortController();
    const c = ctl;
    let stall: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(stall);
      stall = setTimeout(() => c.abort(), o.stallMs ?? 40_000);
    };
    let opened = false;
    try {
      arm();
      const res = await get(o.url(), { headers: { accept: 'text/event-stream', ...o.headers?.() }, signal: c.signal, cache: 'no-store' });
      if (FINAL.has(res.status)) return refuse(await messageOf(res));
      if (!res.ok || !res.body) return;
      opened = true;
      pause = base;
      on.open();
      const reader = res.body.getReader();
      const text = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done || closed) break;
        arm();
        buf += text.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          dispatch(buf.slice(0, i));
          buf = buf.slice(i + 2);
          if (closed) return;
        }
      }
    } catch {
      /* the network down, the server restarting, a stall: connect again below */
    } finally {
      clearTimeout(stall);
      if (!opened) pause = Math.min(max, pause * 2);
    }
  };

  void (async () => {
    while (!closed) {
      await once();
      if (closed) break;
      on.down();
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, pause);
      });
    }
  })();

  return {
    close() {
      closed = true;
      ctl?.abort();
      wake?.();
    },
  };
}

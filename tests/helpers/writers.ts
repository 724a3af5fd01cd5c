// Concurrent writers against a running server (SIGTERM test and bench): each
// creates places one after another until the server stops answering, and
// remembers which writes were acknowledged (2xx), so a test can check that
// every one of them is in the database afterwards.
export interface Writers {
  /** Names of the places whose creation was answered 2xx. */
  acknowledged: string[];
  /** Answers by status (0: connection refused or reset). */
  statuses: Map<number, number>;
  /** Resolves when every writer has given up (the server is gone). */
  done: Promise<void>;
  stop(): void;
}

export function startWriters(url: string, cookie: string, regionCode: string, n = 10): Writers {
  const acknowledged: string[] = [];
  const statuses = new Map<number, number>();
  let stopped = false;
  const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
  const writer = async (w: number) => {
    let refused = 0;
    for (let i = 0; !stopped && refused < 20; i++) {
      const name = `写入${w}-${i}`;
      try {
        const r = await fetch(`${url}/api/places`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ kind: 'street', regionCode, name }),
        });
        count(r.status);
        await r.arrayBuffer();
        if (r.status >= 200 && r.status < 300) acknowledged.push(name);
        else await new Promise((res) => setTimeout(res, 20));
        refused = 0;
      } catch {
        count(0);
        refused++;
        await new Promise((res) => setTimeout(res, 50));
      }
    }
  };
  const done = Promise.all(Array.from({ length: n }, (_, w) => writer(w))).then(() => {});
  return {
    acknowledged,
    statuses,
    done,
    stop: () => {
      stopped = true;
    },
  };
}

// Who is signed in and what the phone needs to work offline (the bootstrap).
// The last person and bootstrap are remembered on the phone, so the app opens
// at once, with or without a network, and is corrected when the server answers.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { cachedGet, call, rememberedMe, rememberMe, StaffError, type Bootstrap, type Cached, type Me } from './api.ts';
import { setPerson, startSyncLoop } from './queue.ts';

interface Session {
  me: Me | null;
  /** False until we know whether someone is signed in (remembered or from the server). */
  ready: boolean;
  /** Set when the server said the session is over (shown on the login page). */
  expired: boolean;
  boot: Cached<Bootstrap> | null;
  bootError: string | null;
  signedIn: (me: Me) => void;
  signOut: () => Promise<void>;
  reloadBoot: () => void;
}

const Ctx = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(Ctx);
  if (!s) throw new Error('SessionProvider missing');
  return s;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  const [expired, setExpired] = useState(false);
  const [boot, setBoot] = useState<Cached<Bootstrap> | null>(null);
  const [bootError, setBootError] = useState<string | null>(null);
  const [bootTick, setBootTick] = useState(0);

  useEffect(() => startSyncLoop(), []);

  useEffect(() => {
    let live = true;
    (async () => {
      const remembered = await rememberedMe();
      if (!live) return;
      if (remembered) {
        setMe(remembered);
        setReady(true);
      }
      try {
        const fresh = await call<Me>('GET', '/me');
        if (!live) return;
        setMe(fresh);
        void rememberMe(fresh);
      } catch (e) {
        if (!live) return;
        if (e instanceof StaffError && e.status === 401) {
          // Signed out on the server (expired, or signed out elsewhere): sign in again; the queue waits.
          setExpired(!!remembered);
          setMe(null);
          void rememberMe(null);
        }
        // No network: keep the remembered person (or none: the login page says a network is needed once).
      }
      setReady(true);
    })();
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    setPerson(me ? { id: me.user.id, name: me.user.name } : null);
  }, [me]);

  useEffect(() => {
    if (!me) {
      setBoot(null);
      return;
    }
    // Only those who record inspections have a bootstrap (a liaison rectifies, and patrols nothing).
    if (me.can && !me.can['inspection.record']) {
      setBoot(null);
      return;
    }
    let live = true;
    cachedGet<Bootstrap>(me.user.id, 'bootstrap', '/inspections/bootstrap').then(
      (b) => {
        if (live) {
          setBoot(b);
          setBootError(null);
        }
      },
      (e) => {
        if (!live) return;
        if (e instanceof StaffError && e.status === 401) {
          setExpired(true);
          setMe(null);
          return;
        }
        setBootError(e instanceof StaffError ? e.message : '无法读取巡查资料，请联网后重试');
      },
    );
    return () => {
      live = false;
    };
  }, [me, bootTick]);

  const signedIn = useCallback((m: Me) => {
    setExpired(false);
    setMe(m);
    setReady(true);
    void rememberMe(m);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await call('POST', '/auth/logout');
    } catch {
      /* offline or already out: forget locally anyway */
    }
    await rememberMe(null);
    setMe(null);
  }, []);

  const reloadBoot = useCallback(() => setBootTick((n) => n + 1), []);

  return <Ctx.Provider value={{ me, ready, expired, boot, bootError, signedIn, signOut, reloadBoot }}>{children}</Ctx.Provider>;
}

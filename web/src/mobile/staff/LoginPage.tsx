// /m/login: a light sign-in for the phone (no antd). After signing in the
// person lands on today's list; work queued before an expired session is sent.
import { useState } from 'react';
import { call, messageOf, StaffError, type Me } from './api.ts';
import { useSession } from './session.tsx';
import { go } from './nav.tsx';
import { useQueueStatus } from './ui.tsx';
import { useSaveCore } from '../../api/save-core.ts';

export function LoginPage() {
  const { signedIn, expired } = useSession();
  const q = useQueueStatus();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { save, busy } = useSaveCore({
    run: () => call<Me>('POST', '/auth/login', { login: login.trim(), password }),
    onOk: (me) => {
      signedIn(me);
      go('/m/', true);
    },
    onFail: (err) => setError(err instanceof StaffError && err.status === 0 ? '没有网络，首次登录需要联网' : messageOf(err)),
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!login.trim() || !password) {
      setError('请输入手机号或用户名和密码');
      return;
    }
    setError(null);
    void save();
  };

  return (
    <main className="h5 m-login">
      <div className="m-login-brand">
        <span className="h5-mark" aria-hidden>
          创
        </span>
        <div>
          <h1>创城通 · 巡查</h1>
          <p>街巷长、督查组巡查专用</p>
        </div>
      </div>
      {expired || q.authExpired ? (
        <p className="h5-warn" role="alert">
          登录已过期，请重新登录后同步{q.waiting ? `（本机还有 ${q.waiting} 条待同步）` : ''}
        </p>
      ) : null}
      <form className="h5-card" onSubmit={submit} noValidate>
        <label className="h5-label">
          手机号或用户名
          <input name="login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} />
        </label>
        <label className="h5-label">
          密码
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error ? (
          <p className="h5-field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="h5-btn h5-submit m-gap" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
      </form>
      <p className="h5-foot">登录一次后，没有网络也能巡查，联网后自动同步</p>
    </main>
  );
}

// Routes. Everything but /login sits behind the session check; pages load
// lazily so a phone downloads only what it opens.
import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { setPasswordChangeHandler, setUnauthorizedHandler } from './api/client.ts';
import { AppLayout } from './shell/AppLayout.tsx';
import { RequireMe } from './shell/RequireMe.tsx';
import type { Action } from '../../domain/permissions.ts';
import { meKey, useMe } from './api/queries.ts';
import { deskRoutes } from './routes/index.ts';

// antd's Result carries its 403/404/500 illustrations: loaded only when a page is refused.
const NoAccess = lazy(() => import('./components/NoAccess.tsx').then((m) => ({ default: m.NoAccess })));
const LoginPage = lazy(() => import('./pages/login/LoginPage.tsx'));
const PublicRankingsPage = lazy(() => import('./pages/assessment/PublicRankingsPage.tsx'));

export function PageSpin() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

function Allowed({ action, children }: { action: Action; children: React.ReactNode }) {
  const me = useMe().data;
  if (!me) return null;
  return me.can[action] ? children : <NoAccess />;
}

/** A 401 from any request ends the session in the UI and goes to the sign-in page. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (window.location.pathname === '/login') return;
      qc.clear();
      navigate('/login', { replace: true, state: { from: window.location.pathname + window.location.search } });
    });
    setPasswordChangeHandler(() => void qc.invalidateQueries({ queryKey: meKey }));
    return () => {
      setUnauthorizedHandler(null);
      setPasswordChangeHandler(null);
    };
  }, [navigate, qc, location.key]);
  return null;
}

export function AppRoutes() {
  return (
    <>
      <UnauthorizedRedirect />
      <Suspense fallback={<PageSpin />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/public/rankings" element={<PublicRankingsPage />} />
          <Route
            element={
              <RequireMe>
                <AppLayout />
              </RequireMe>
            }
          >
            {deskRoutes.map(({ path, page: Page, action }) => (
              <Route
                key={path || 'index'}
                index={path === ''}
                path={path === '' ? undefined : path}
                element={
                  action ? (
                    <Allowed action={action}>
                      <Page />
                    </Allowed>
                  ) : (
                    <Page />
                  )
                }
              />
            ))}
            <Route path="*" element={<Navigate to="/" replace />} />
          </Route>
        </Routes>
      </Suspense>
    </>
  );
}

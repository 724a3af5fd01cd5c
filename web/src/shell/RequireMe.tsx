// Gate for signed-in pages: loads /api/me, sends strangers to /login and
// makes anyone with a one-time password change it before anything else.
import { lazy, Suspense } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useMe } from '../api/queries.ts';
import { PageLoading } from '../components/PageLoading.tsx';

// antd's Result brings its page illustrations along: loaded only when the server cannot be reached.
const Unreachable = lazy(() => import('./Unreachable.tsx'));
// The password form brings antd's Form, Input and their validator: loaded only for a one-time password.
const ForcedPasswordChange = lazy(() => import('../pages/login/ForcedPasswordChange.tsx').then((m) => ({ default: m.ForcedPasswordChange })));

const loading = <PageLoading />;

export function RequireMe({ children }: { children: React.ReactNode }) {
  const { data, error, isPending, refetch } = useMe();
  const location = useLocation();
  if (isPending) return loading;
  if (error) {
    if (error instanceof ApiError && error.status === 401) {
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    }
    return (
      <Suspense fallback={null}>
        <Unreachable message={error instanceof ApiError ? error.message : '请稍后再试'} retry={() => void refetch()} />
      </Suspense>
    );
  }
  if (data.user.mustChangePassword)
    return (
      <Suspense fallback={loading}>
        <ForcedPasswordChange me={data} />
      </Suspense>
    );
  return <>{children}</>;
}

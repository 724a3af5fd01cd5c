// Gate for signed-in pages: loads /api/me, sends strangers to /login and
// makes anyone with a one-time password change it before anything else.
import { Button, Result } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useMe } from '../api/queries.ts';
import { ForcedPasswordChange } from '../pages/login/ForcedPasswordChange.tsx';

export function RequireMe({ children }: { children: React.ReactNode }) {
  const { data, error, isPending, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <div style={{ padding: 48, textAlign: 'center', color: '#999' }}>正在加载…</div>;
  if (error) {
    if (error instanceof ApiError && error.status === 401) {
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    }
    return (
      <Result
        status="warning"
        title="无法连接服务器"
        subTitle={error instanceof ApiError ? error.message : '请稍后再试'}
        extra={
          <Button type="primary" onClick={() => refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (data.user.mustChangePassword) return <ForcedPasswordChange me={data} />;
  return <>{children}</>;
}

// First sign-in with a one-time password: change it before anything else.
import { Button, Card, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { meKey } from '../../api/queries.ts';
import type { Me } from '../../api/types.ts';
import { Brand, useLogout } from '../../shell/AppLayout.tsx';
import { ChangePasswordForm } from '../../components/ChangePasswordForm.tsx';

export function ForcedPasswordChange({ me }: { me: Me }) {
  const qc = useQueryClient();
  const logout = useLogout();
  return (
    <div className="login-wrap">
      <Card className="login-card">
        <div style={{ marginBottom: 16 }}>
          <Brand />
        </div>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          请先修改密码
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {me.user.name}，您正在使用管理员发放的初始密码。为保障账号安全，请设置一个只有您知道的新密码后再继续使用。
        </Typography.Paragraph>
        <ChangePasswordForm submitText="保存新密码并继续" onDone={() => qc.invalidateQueries({ queryKey: meKey })} />
        <Button type="link" style={{ paddingInline: 0, marginTop: 8 }} onClick={logout}>
          退出登录
        </Button>
      </Card>
    </div>
  );
}

// 登录: phone number or username plus password. Failure shows the server's
// own Chinese message (wrong password, locked account, disabled account).
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, request } from '../../api/client.ts';
import { meKey } from '../../api/queries.ts';
import type { Me } from '../../api/types.ts';
import { applyFieldErrors } from '../../api/forms.ts';
import { Brand } from '../../shell/AppLayout.tsx';
import { useSave } from '../../api/save.ts';

interface Values {
  login: string;
  password: string;
}

export default function LoginPage() {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<{ text: string; locked: boolean } | null>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const from = (location.state as { from?: string } | null)?.from;

  const { save, busy } = useSave({
    run: (v: Values) => request<Me>('POST', '/auth/login', v, { skip401: true }),
    onOk: (me) => {
      qc.clear();
      qc.setQueryData(meKey, me);
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    },
    // Said on the card, not in a toast (a locked account explains itself there).
    onFail: (e) => {
      applyFieldErrors(form, e);
      setError({ text: e instanceof ApiError ? e.message : '登录失败，请稍后再试', locked: e instanceof ApiError && e.status === 423 });
      return true;
    },
  });
  const submit = (v: Values) => {
    setError(null);
    void save(v);
  };

  return (
    <div className="login-wrap">
      <Card className="login-card">
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <div style={{ fontSize: 24 }}>
            <Brand />
          </div>
          <Typography.Text type="secondary">全国文明城市创建工作平台</Typography.Text>
        </div>
        {error && <Alert type={error.locked ? 'warning' : 'error'} showIcon title={error.text} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item name="login" label="手机号或用户名" rules={[{ required: true, whitespace: true, message: '请输入手机号或用户名' }]}>
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" placeholder="手机号或用户名" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" placeholder="密码" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12, textAlign: 'center' }}>
          忘记密码请联系镇创城办管理员重置
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

// Change one's own password (POST /api/auth/password → 204). Shared by the
// forced first-login step and the profile page.
import { Button, Form, Input } from 'antd';
import { api } from '../api/client.ts';
import { passwordProblem } from '../../../domain/people.ts';
import { useSave } from '../api/save.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordForm({ onDone, submitText = '修改密码' }: { onDone?: () => void; submitText?: string }) {
  const [form] = Form.useForm<Values>();
  const { save, busy } = useSave({
    form,
    run: (v: Values) => api.post('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    ok: '密码已修改，其他设备上的登录已失效',
    onOk: () => {
      form.resetFields();
      onDone?.();
    },
  });
  return (
    <Form form={form} layout="vertical" onFinish={save} requiredMark={false} style={{ maxWidth: 400 }}>
      <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label="新密码"
        extra="至少 8 位，须同时包含字母和数字"
        rules={[
          { required: true, message: '请输入新密码' },
          {
            validator: (_, v) => {
              const p = v ? passwordProblem(v) : null;
              return p ? Promise.reject(new Error(p)) : Promise.resolve();
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="确认新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {submitText}
      </Button>
    </Form>
  );
}

// One-time passwords are shown exactly once, with a copy button.
import { Typography } from 'antd';
import { useFeedback } from './useActions.ts';

export function PasswordText({ password }: { password: string }) {
  return (
    <Typography.Text className="mono" style={{ fontSize: 18 }} copyable={{ text: password, tooltips: ['复制', '已复制'] }}>
      {password}
    </Typography.Text>
  );
}

export function useShowPassword() {
  const { modal } = useFeedback();
  return (title: string, who: string, password: string) => {
    modal.success({
      title,
      okText: '我已记下',
      content: (
        <div>
          <p>{who}的初始密码（只显示这一次，请复制后当面或通过安全渠道告知本人；首次登录须修改）：</p>
          <PasswordText password={password} />
        </div>
      ),
    });
  };
}

import { Button, Result } from 'antd';
import { Link } from 'react-router';

export function NoAccess() {
  return (
    <Result
      status="403"
      title="没有权限"
      subTitle="您的角色不能查看此页面。如需使用，请联系镇创城办为您分配相应角色。"
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}

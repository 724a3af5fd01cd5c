// The signed-in pages' gate when /api/me fails for another reason than a
// missing session: say so and offer to try again (RequireMe loads it lazily).
import { Button, Result } from 'antd';

export default function Unreachable({ message, retry }: { message: string; retry: () => void }) {
  return (
    <Result
      status="warning"
      title="无法连接服务器"
      subTitle={message}
      extra={
        <Button type="primary" onClick={retry}>
          重试
        </Button>
      }
    />
  );
}

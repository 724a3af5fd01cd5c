// The "加载更多" under a keyset list (web/src/api/pages.ts): shown while the
// server says there is a next page.
import { Button } from 'antd';

export function LoadMore({ list }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  if (!list.hasNextPage) return null;
  return (
    <div style={{ textAlign: 'center', marginTop: 12 }}>
      <Button loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
        加载更多
      </Button>
    </div>
  );
}

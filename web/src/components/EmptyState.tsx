// An empty list or card that says what to do next: one Chinese sentence and,
// where it makes sense, the action (a button or a link). desktop.tsx sets it
// as antd's renderEmpty, so a table or list without its own text still says
// something better than a bare 暂无数据.
import { Empty } from 'antd';

export function EmptyState({ text, action, compact }: { text: React.ReactNode; action?: React.ReactNode; compact?: boolean }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={compact ? { margin: '8px 0' } : undefined}>
      {action}
    </Empty>
  );
}

/** antd's renderEmpty: what a component shows when it has nothing and its page gave no text of its own. */
export function renderEmpty(componentName?: string): React.ReactNode {
  switch (componentName) {
    case 'Select':
    case 'TreeSelect':
    case 'Cascader':
    case 'AutoComplete':
    case 'Transfer':
      return <EmptyState compact text="没有可选的项。可以换个关键词，或先在相应的页面中添加。" />;
    default:
      return <EmptyState text="这里还没有记录。可以调整上方的筛选条件，或稍后再来查看；新的记录产生后会出现在这里。" />;
  }
}

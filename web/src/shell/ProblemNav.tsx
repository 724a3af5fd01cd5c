// Navigation of the problem loop, added to the app's menu by AppLayout:
// entries follow the `can` map, and the header bell shows the unread notification count.
import { Link } from 'react-router';
import { Badge, Button, type MenuProps } from 'antd';
import {
  AlertOutlined,
  ApiOutlined,
  BellOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  CalendarOutlined,
  GlobalOutlined,
  CameraOutlined,
  HistoryOutlined,
  NodeIndexOutlined,
  ProfileOutlined,
  SettingOutlined,
  TagsOutlined,
} from '@ant-design/icons';
import type { Can } from '../api/types.ts';
import { useUnreadCount } from '../api/queries.ts';
import { useInboxCounts } from '../pages/inbox/api.ts';
import { checklistAdminItems } from '../pages/inspections/nav.tsx';

type Items = NonNullable<MenuProps['items']>;
export function problemNavItems(can: Can): Items {
  const items: Items = [];
  if (can['problem.read']) items.push({ key: '/workbench', icon: <DashboardOutlined aria-hidden />, label: <Link to="/workbench">工作台</Link> });
  if (can['problem.read']) items.push({ key: '/problems', icon: <ProfileOutlined aria-hidden />, label: <Link to="/problems">问题</Link> });
  if (can['problem.read']) items.push({ key: '/map', icon: <EnvironmentOutlined aria-hidden />, label: <Link to="/map">问题地图</Link> });
  if (can['problem.report']) items.push({ key: '/problems/new', icon: <CameraOutlined aria-hidden />, label: <Link to="/problems/new">上报问题</Link> });
  if (can['problem.verify']) items.push({ key: '/reinspections', icon: <HistoryOutlined aria-hidden />, label: <Link to="/reinspections">回头看</Link> });
  if (can['accountability.read']) items.push({ key: '/accountability', icon: <AlertOutlined aria-hidden />, label: <Link to="/accountability">问责</Link> });
  return items;
}

export function adminNavItems(can: Can): Items {
  const children: Items = [];
  if (can['category.manage'])
    children.push({ key: '/admin/categories', icon: <TagsOutlined aria-hidden />, label: <Link to="/admin/categories">问题类别</Link> });
  if (can['routing.manage'])
    children.push({ key: '/admin/dispatch-rules', icon: <NodeIndexOutlined aria-hidden />, label: <Link to="/admin/dispatch-rules">派遣规则</Link> });
  if (can['calendar.manage'])
    children.push({ key: '/admin/calendar', icon: <CalendarOutlined aria-hidden />, label: <Link to="/admin/calendar">节假日</Link> });
  if (can['map.manage']) children.push({ key: '/admin/map', icon: <GlobalOutlined aria-hidden />, label: <Link to="/admin/map">地图底图</Link> });
  if (can['webhook.allow_hosts'])
    children.push({ key: '/admin/webhook-hosts', icon: <ApiOutlined aria-hidden />, label: <Link to="/admin/webhook-hosts">Webhook 内网主机</Link> });
  children.push(...checklistAdminItems(can));
  return children.length ? [{ key: 'admin', icon: <SettingOutlined aria-hidden />, label: '系统配置', children }] : [];
}

/** 待办 in the header: the open items waiting on me, red when some are overdue. */
export function InboxBadge() {
  const c = useInboxCounts().data;
  const n = c?.open ?? 0;
  return (
    <Link to="/inbox" aria-label={n ? `待办，${n} 项` : '待办'}>
      <Badge count={n} size="small" overflowCount={99} color={c?.overdue ? '#f5222d' : '#fa8c16'}>
        <Button type="text" icon={<CheckSquareOutlined aria-hidden style={{ fontSize: 18 }} />} tabIndex={-1}>
          待办
        </Button>
      </Badge>
    </Link>
  );
}

export function NotificationBell() {
  const unread = useUnreadCount();
  const n = unread.data ?? 0;
  return (
    <Link to="/notifications" aria-label={n ? `通知，${n} 条未读` : '通知'}>
      <Badge count={n} size="small" overflowCount={99}>
        <Button type="text" shape="circle" icon={<BellOutlined aria-hidden style={{ fontSize: 18 }} />} tabIndex={-1} />
      </Badge>
    </Link>
  );
}

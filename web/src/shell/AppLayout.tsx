// The frame around every signed-in page: sider navigation on desktop, a
// hamburger and drawer on phones. Menu entries follow the `can` map of /api/me.
import { isValidElement, lazy, Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Button, Dropdown, Grid, Layout, Menu, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  ClearOutlined,
  MoneyCollectOutlined,
  SearchOutlined,
  AuditOutlined,
  ScheduleOutlined,
  BankOutlined,
  CheckSquareOutlined,
  DesktopOutlined,
  FlagOutlined,
  NotificationOutlined,
  HeartOutlined,
  FileTextOutlined,
  ProfileOutlined,
  SendOutlined,
  TrophyOutlined,
  HomeOutlined,
  LogoutOutlined,
  MenuOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { adminNavItems, problemNavItems, InboxBadge, NotificationBell } from './ProblemNav.tsx';
import { inspectionNavItems } from '../pages/inspections/nav.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useMe } from '../api/queries.ts';
import type { Can } from '../api/types.ts';
import { useSave } from '../api/save.ts';
import { PageHeader, PageHeaderScope } from '../components/PageHeader.tsx';
import { pageMeta } from './pageMeta.ts';

const { Header, Sider, Content } = Layout;

// The narrow screen's menu drawer: a desktop never opens it, so it stays out of the first download.
const NavDrawer = lazy(() => import('./NavDrawer.tsx'));

function navItems(can: Can): NonNullable<MenuProps['items']> {
  const items: NonNullable<MenuProps['items']> = [
    { key: '/home', icon: <HomeOutlined aria-hidden />, label: <Link to="/home">首页</Link> },
    { key: '/inbox', icon: <CheckSquareOutlined aria-hidden />, label: <Link to="/inbox">待办</Link> },
  ];
  items.push(...problemNavItems(can));
  items.push(...inspectionNavItems(can));
  if (can['notice.county_issue']) items.push({ key: '/notices/county', icon: <SendOutlined aria-hidden />, label: <Link to="/notices/county">县级通报</Link> });
  if (can['notice.read'])
    items.push({
      key: '/notices',
      icon: <FileTextOutlined aria-hidden />,
      label: <Link to="/notices">{can['notice.county_issue'] ? '乡镇通报' : '通报'}</Link>,
    });
  if (can['activity.read']) items.push({ key: '/activities', icon: <FlagOutlined aria-hidden />, label: <Link to="/activities">文明实践活动</Link> });
  if (can['publicity.read']) items.push({ key: '/publicity', icon: <NotificationOutlined aria-hidden />, label: <Link to="/publicity">宣传工作</Link> });
  if (can['volunteer.read']) items.push({ key: '/volunteers', icon: <HeartOutlined aria-hidden />, label: <Link to="/volunteers">志愿服务</Link> });
  if (can['meeting.read']) items.push({ key: '/meetings', icon: <ScheduleOutlined aria-hidden />, label: <Link to="/meetings">会议台账</Link> });
  if (can['evaluation.read']) {
    items.push({ key: '/evaluation', icon: <ScheduleOutlined aria-hidden />, label: <Link to="/evaluation">测评体系</Link> });
    items.push({ key: '/evaluation/materials', icon: <ScheduleOutlined aria-hidden />, label: <Link to="/evaluation/materials">申报材料</Link> });
    items.push({ key: '/evaluation/forecast', icon: <ScheduleOutlined aria-hidden />, label: <Link to="/evaluation/forecast">测评预估</Link> });
  }
  if (can['poll.read']) items.push({ key: '/polls', icon: <ProfileOutlined aria-hidden />, label: <Link to="/polls">问卷调查</Link> });
  if (can['campaign.read']) items.push({ key: '/campaigns', icon: <ClearOutlined aria-hidden />, label: <Link to="/campaigns">集中整治</Link> });
  if (can['survey.read']) items.push({ key: '/surveys', icon: <SearchOutlined aria-hidden />, label: <Link to="/surveys">设施摸排</Link> });
  else if (can['survey.answer'])
    items.push({ key: '/surveys/department', icon: <SearchOutlined aria-hidden />, label: <Link to="/surveys/department">摸排对接</Link> });
  if (can['fund.read']) items.push({ key: '/fund', icon: <MoneyCollectOutlined aria-hidden />, label: <Link to="/fund">创城基金</Link> });
  if (can['screen.tokens']) items.push({ key: '/screen-tokens', icon: <DesktopOutlined aria-hidden />, label: <Link to="/screen-tokens">指挥大屏</Link> });
  else if (can['screen.view']) items.push({ key: '/screen', icon: <DesktopOutlined aria-hidden />, label: <a href="/screen">指挥大屏</a> });
  if (can['report.read']) items.push({ key: '/reports', icon: <ProfileOutlined aria-hidden />, label: <Link to="/reports/daily">报告</Link> });
  if (can['assessment.read']) items.push({ key: '/assessment', icon: <TrophyOutlined aria-hidden />, label: <Link to="/assessment">考核评比</Link> });
  if (can['region.read']) items.push({ key: '/regions', icon: <ApartmentOutlined aria-hidden />, label: <Link to="/regions">区划与点位</Link> });
  if (can['unit.read']) items.push({ key: '/units', icon: <BankOutlined aria-hidden />, label: <Link to="/units">单位</Link> });
  if (can['person.read']) items.push({ key: '/people', icon: <TeamOutlined aria-hidden />, label: <Link to="/people">人员与角色</Link> });
  if (can['audit.read']) items.push({ key: '/audit', icon: <AuditOutlined aria-hidden />, label: <Link to="/audit">审计日志</Link> });
  items.push(...adminNavItems(can));
  items.push({ key: '/profile', icon: <UserOutlined aria-hidden />, label: <Link to="/profile">个人中心</Link> });
  return items;
}

/** The text of a menu entry's label (a string, or a link around one). */
const labelText = (label: unknown): string | undefined =>
  typeof label === 'string'
    ? label
    : isValidElement<{ children?: unknown }>(label) && typeof label.props.children === 'string'
      ? label.props.children
      : undefined;

/** The selected menu entry's title and, inside a submenu, the submenu's: a page pageMeta does not list is titled by its menu entry. */
function menuEntry(items: NonNullable<MenuProps['items']>, key: string): { title: string; group?: string } | undefined {
  for (const i of items as any[]) {
    if (i?.key === key && labelText(i.label)) return { title: labelText(i.label)! };
    for (const c of i?.children ?? []) if (c?.key === key && labelText(c.label)) return { title: labelText(c.label)!, group: labelText(i.label) };
  }
  return undefined;
}

export function Brand() {
  return (
    <span className="app-brand">
      <span className="app-brand-mark">创</span>创城通
    </span>
  );
}

export function useLogout() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { save } = useSave({
    run: () => api.post('/auth/logout'),
    onOk: () => {
      qc.clear();
      navigate('/login', { replace: true });
    },
  });
  return () => save();
}

export function AppLayout() {
  const me = useMe().data!;
  const screens = Grid.useBreakpoint();
  const desktop = !!screens.lg;
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const logout = useLogout();
  const items = navItems(me.can);
  // The longest menu key the path starts with (/problems/new before /problems).
  const keys = items.flatMap((i: any) => [i?.key, ...(i?.children ?? []).map((c: any) => c?.key)]).filter((k): k is string => typeof k === 'string');
  const selected =
    keys.filter((k) => k !== '/' && (location.pathname === k || location.pathname.startsWith(k + '/'))).sort((a, b) => b.length - a.length)[0] ??
    (location.pathname === '/' ? '/home' : '/' + (location.pathname.split('/')[1] ?? ''));
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      defaultOpenKeys={selected.startsWith('/admin') ? ['admin'] : selected.startsWith('/inspections') ? ['inspections'] : []}
      items={items}
      onClick={() => setOpen(false)}
      style={{ borderInlineEnd: 0 }}
    />
  );
  const userMenu: MenuProps['items'] = [
    { key: 'profile', icon: <UserOutlined aria-hidden />, label: <Link to="/profile">个人中心</Link> },
    { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: '退出登录', onClick: logout },
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {desktop && (
        <Sider width={208} theme="light" style={{ borderInlineEnd: '1px solid #eee', position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
          <div className="app-sider-brand">
            <Brand />
          </div>
          {menu}
        </Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Header className="app-header">
          {!desktop && <Button type="text" aria-label="打开菜单" icon={<MenuOutlined aria-hidden />} onClick={() => setOpen(true)} />}
          {!desktop && <Brand />}
          <div style={{ flex: 1 }} />
          <InboxBadge />
          <NotificationBell />
          <Dropdown menu={{ items: userMenu }} placement="bottomRight" trigger={['click']}>
            <Button type="text" style={{ display: 'flex', alignItems: 'center', gap: 8, maxWidth: 200 }}>
              <Avatar size="small" style={{ background: '#c0392b' }}>
                {me.user.name.slice(-1)}
              </Avatar>
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{me.user.name}</span>
            </Button>
          </Dropdown>
        </Header>
        <Content className="app-content">
          <PageHeaderScope
            header={(own, extraRef) => {
              const m = pageMeta(location.pathname, menuEntry(items, selected));
              return <PageHeader title={own ?? m.title} crumbs={m.crumbs} extraRef={extraRef} />;
            }}
          >
            <Outlet />
          </PageHeaderScope>
        </Content>
      </Layout>
      {/* Rendered (closed) as soon as the screen is known to be narrow, so its download starts before the hamburger is tapped. */}
      {screens.lg === false && (
        <Suspense fallback={null}>
          <NavDrawer open={open} onClose={() => setOpen(false)}>
            {menu}
          </NavDrawer>
        </Suspense>
      )}
    </Layout>
  );
}

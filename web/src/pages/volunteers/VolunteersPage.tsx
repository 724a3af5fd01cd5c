// 志愿服务: volunteers and their teams, service records with totals (the
// national upload for the organiser), residents' orders. The tab is the path
// (/volunteers, /volunteers/service, /volunteers/teams, /volunteers/orders),
// the filter the query string, so a figure's drill-down opens its records.
import { useLocation, useNavigate } from 'react-router';
import { Card, Tabs, Typography } from 'antd';
import { useMe } from '../../api/queries.ts';
import { MembersTab } from './MembersTab.tsx';
import { ServiceTab } from './ServiceTab.tsx';
import { TeamsTab } from './TeamsTab.tsx';
import { OrdersTab } from './OrdersTab.tsx';

const TABS = ['/volunteers', '/volunteers/service', '/volunteers/teams', '/volunteers/orders'] as const;

export default function VolunteersPage() {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const can = useMe().data?.can;
  const tab = TABS.find((t) => t === pathname) ?? '/volunteers';
  const params = new URLSearchParams(search);
  return (
    <Card>
      <Typography.Paragraph type="secondary">
        谁组织谁记录、谁记录谁证明（民政部令第67号）：活动的组织方登记志愿服务时长，签到签退的记录经组织方确认后计入；更正另记一条，原记录保留。
      </Typography.Paragraph>
      {/* a tab left is unmounted: its buttons (PageExtra) leave the header with it */}
      <Tabs
        destroyOnHidden
        activeKey={tab}
        onChange={(k) => navigate(k)}
        items={[
          { key: '/volunteers', label: '志愿者', children: <MembersTab params={params} /> },
          { key: '/volunteers/service', label: '服务记录', children: <ServiceTab /> },
          { key: '/volunteers/teams', label: '志愿服务队', children: <TeamsTab /> },
          ...(can?.['order.read'] ? [{ key: '/volunteers/orders', label: '群众点单', children: <OrdersTab params={params} /> }] : []),
        ]}
      />
    </Card>
  );
}

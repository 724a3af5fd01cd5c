// Pieces the reports pages share: the tabs between them.
import { Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useMe } from '../../api/queries.ts';

export function ReportsTabs() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const me = useMe().data;
  const tabs = [
    { key: '/reports/daily', label: '社区日报' },
    ...(me?.roles.some((r) => !r.scopeRegionCode || r.scopeRegionCode.length <= 9) ? [{ key: '/reports/town', label: '镇级日报与周报' }] : []),
    { key: '/reports/yearend', label: '年度总结' },
  ];
  const active = tabs.find((t) => pathname === t.key || pathname.startsWith(`${t.key}/`))?.key ?? '/reports/daily';
  return <Tabs activeKey={active} onChange={(k) => navigate(k)} items={tabs} style={{ marginBottom: 8 }} />;
}

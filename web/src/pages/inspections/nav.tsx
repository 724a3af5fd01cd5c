// Menu entries of inspections, added to the desk menu by AppLayout (巡查督查)
// and to the system settings group (测评标准); each follows the `can` map.
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import {
  CalendarOutlined,
  CheckSquareOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  BarChartOutlined,
} from '@ant-design/icons';
import type { Can } from '../../api/types.ts';

type Items = NonNullable<MenuProps['items']>;

export function inspectionNavItems(can: Can): Items {
  if (!can['inspection.read']) return [];
  const children: Items = [
    { key: '/inspections', icon: <FileSearchOutlined aria-hidden />, label: <Link to="/inspections">巡查记录</Link> },
    { key: '/inspections/compliance', icon: <CalendarOutlined aria-hidden />, label: <Link to="/inspections/compliance">巡查考勤</Link> },
    { key: '/inspections/evaluation', icon: <BarChartOutlined aria-hidden />, label: <Link to="/inspections/evaluation">模拟测评报告</Link> },
    { key: '/inspections/points', icon: <EnvironmentOutlined aria-hidden />, label: <Link to="/inspections/points">点位档案</Link> },
  ];
  if (can['inspection.manage'])
    children.push({ key: '/inspections/settings', icon: <SettingOutlined aria-hidden />, label: <Link to="/inspections/settings">巡查设置</Link> });
  return [{ key: 'inspections', icon: <SafetyCertificateOutlined aria-hidden />, label: '巡查督查', children }];
}

/** 测评标准, under the system settings group. */
export function checklistAdminItems(can: Can): Items {
  return can['checklist.manage']
    ? [{ key: '/admin/checklists', icon: <CheckSquareOutlined aria-hidden />, label: <Link to="/admin/checklists">测评标准</Link> }]
    : [];
}

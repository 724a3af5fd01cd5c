// 宣传工作: the output registers (稿件, LED屏, 宣传品, 入户宣传), the publicity
// facilities, the points short of their requirement and the facility kinds
// and content themes, one tab each at /publicity/<tab> (the figures'
// drill-downs open /publicity/articles?…, /publicity/facilities?… with their
// filters). A record's own page is /publicity/<tab>/:id.
import { useNavigate, useParams } from 'react-router';
import { Card, Tabs, Typography } from 'antd';
import { OutputTab } from './OutputTab.tsx';
import { FacilitiesTab } from './FacilitiesTab.tsx';
import { PointsTab } from './PointsTab.tsx';
import { FacilityMapTab } from './FacilityMapTab.tsx';
import { TermsTab } from './TermsTab.tsx';

const TABS = [
  { key: 'articles', label: '稿件', children: <OutputTab reg="articles" /> },
  { key: 'led', label: 'LED屏', children: <OutputTab reg="led" /> },
  { key: 'handouts', label: '宣传品', children: <OutputTab reg="handouts" /> },
  { key: 'door', label: '入户宣传', children: <OutputTab reg="door" /> },
  { key: 'facilities', label: '宣传设施', children: <FacilitiesTab /> },
  { key: 'map', label: '设施地图', children: <FacilityMapTab /> },
  { key: 'points', label: '点位达标', children: <PointsTab /> },
  { key: 'terms', label: '类别与主题', children: <TermsTab /> },
];

export default function PublicityPage() {
  const { tab = 'articles' } = useParams();
  const navigate = useNavigate();
  return (
    <Card>
      <Typography.Paragraph type="secondary">
        公众号及其他渠道的创城稿件（含特色供稿）、LED屏节目、宣传单和宣传品、入户宣传，以及展板、宣传栏、公益广告等宣传设施、各类点位的达标情况，以及设施类别和内容主题。
      </Typography.Paragraph>
      <Tabs activeKey={TABS.some((t) => t.key === tab) ? tab : 'articles'} onChange={(k) => navigate(`/publicity/${k}`)} items={TABS} destroyOnHidden />
    </Card>
  );
}

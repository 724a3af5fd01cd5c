// The survey's map layer: each need with a point (its own, else its place's)
// over what the records know, drawn with the shared picker map (Leaflet, loaded with this tab).
import { Typography } from 'antd';
import { MapPicker } from '../../components/MapPicker.tsx';
import { useMapRecords } from '../../components/map/useMapRecords.ts';
import { useNeedMap, type NeedFilter } from './api.ts';

export default function NeedMapTab({ f }: { f: NeedFilter }) {
  const q = useNeedMap(f, true);
  const records = useMapRecords(true);
  const items = q.data?.items ?? [];
  return (
    <>
      <Typography.Paragraph type="secondary">
        地图上共 {items.length} 条需求{q.data?.truncated ? '（只显示最新的 5000 条，请缩小筛选范围）' : ''}；没有位置的需求只在清单中显示。
      </Typography.Paragraph>
      <MapPicker value={null} records={records} height={520} others={items.map((n) => ({ lat: n.lat, lng: n.lng, name: `${n.kindName}：${n.description}` }))} />
    </>
  );
}

// One publicity facility at /publicity/facilities/:id: what and where it is
// (on a small map), its photos, its condition history (recorded, changed,
// reported damaged) and the problems opened from it; 修改 (condition,
// location …) and 报告破损 for whoever may.
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Image, Row, Space, Table, Tag, Timeline } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useMe } from '../../api/queries.ts';
import { PageExtra, usePageTitle } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useMapRecords } from '../../components/map/useMapRecords.ts';
import { fmtDateTime } from '../../components/format.ts';
import { CONDITION_LABELS, type Condition } from '../../../../domain/publicity.ts';
import type { FacilityEvent } from '../../../../domain/api/publicity.ts';
import { useFacility } from './api.ts';
import { CONDITION_COLORS, DamageButton } from './FacilitiesTab.tsx';
import { FacilityModal } from './FacilityModal.tsx';

const MapPicker = lazy(() => import('../../components/MapPicker.tsx').then((m) => ({ default: m.MapPicker })));

const condition = (c: Condition | null) => (c ? <Tag color={CONDITION_COLORS[c]}>{CONDITION_LABELS[c]}</Tag> : null);

function eventText(e: FacilityEvent) {
  if (e.action === 'created' || e.action === 'imported')
    return (
      <>
        {e.label}，状况 {condition(e.toCondition)}
      </>
    );
  return (
    <>
      {e.label}
      {e.fromCondition !== e.toCondition && (
        <>
          ：{condition(e.fromCondition)}→ {condition(e.toCondition)}
        </>
      )}
      {e.problem && (
        <>
          {' '}
          立案 <Link to={`/problems/${e.problem.id}`}>{e.problem.code}</Link>
        </>
      )}
    </>
  );
}

export default function FacilityPage() {
  const id = Number(useParams().id);
  const q = useFacility(Number.isInteger(id) ? id : 0);
  const me = useMe().data;
  const records = useMapRecords(!!me?.can['region.read']);
  const [editing, setEditing] = useState(false);
  const f = q.data;
  usePageTitle(f?.name);
  if (!Number.isInteger(id) || id <= 0) return <Alert type="warning" showIcon title="没有这处宣传设施" />;
  if (!f) return <Card loading={q.isLoading}>{q.error && <Alert type="error" showIcon title="无法读取该宣传设施：可能不存在，或不在您的管辖范围内" />}</Card>;
  const report = !!me?.can['problem.report'] && f.condition !== 'removed' && !(f.problem && !['closed', 'rejected', 'merged'].includes(f.problem.state));
  return (
    <>
      <PageExtra>
        <Space wrap>
          {f.canEdit && (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
              修改
            </Button>
          )}
          {report && <DamageButton f={f} button />}
        </Space>
      </PageExtra>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
              <Descriptions.Item label="设施" span={2}>
                {f.name}
              </Descriptions.Item>
              <Descriptions.Item label="类别">{f.kind.name}</Descriptions.Item>
              <Descriptions.Item label="内容主题">{f.theme?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="社区">{f.regionName ?? f.regionCode}</Descriptions.Item>
              <Descriptions.Item label="所属点位">{f.place ? <Link to={`/inspections/points/${f.place.id}`}>{f.place.name}</Link> : '—'}</Descriptions.Item>
              <Descriptions.Item label="管理单位">{f.ownerUnit?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="设置日期">{f.installedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="状况">
                {condition(f.condition)}
                {f.problem && (
                  <Link to={`/problems/${f.problem.id}`} className="mono">
                    {f.problem.code}
                  </Link>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="位置">
                北纬 {f.lat.toFixed(5)}°，东经 {f.lng.toFixed(5)}°
              </Descriptions.Item>
              <Descriptions.Item label="备注" span={2}>
                {f.note ?? '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={`照片（${f.photos.length} 张）`} style={{ marginTop: 16 }}>
            {f.photos.length ? (
              <Image.PreviewGroup>
                <Space wrap>
                  {f.photos.map((p) => (
                    <Image key={p.id} width={120} height={90} style={{ objectFit: 'cover' }} src={p.thumbUrl} preview={{ src: p.url }} alt="设施照片" />
                  ))}
                </Space>
              </Image.PreviewGroup>
            ) : (
              <EmptyState text="还没有照片：修改设施时可上传，报告破损时的照片在问题里。" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title="位置">
            <Suspense fallback={<div style={{ height: 260 }} />}>
              <MapPicker value={{ lat: f.lat, lng: f.lng }} records={records} height={260} />
            </Suspense>
          </Card>
          <Card size="small" title="状况变化" style={{ marginTop: 16 }}>
            {f.history.length ? (
              <Timeline
                items={[...f.history].reverse().map((e) => ({
                  color: e.toCondition === 'damaged' ? 'red' : e.toCondition === 'good' ? 'green' : 'gray',
                  content: (
                    <>
                      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                        {fmtDateTime(e.at)} {e.actorName ?? ''}
                      </div>
                      {eventText(e)}
                    </>
                  ),
                }))}
              />
            ) : (
              <EmptyState text="没有状况变化的记录（早于审计日志登记的设施）。" />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={`因破损立的问题（${f.problems.length} 个）`} style={{ marginTop: 16 }}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={f.problems}
          locale={{ emptyText: <EmptyState text="该设施还没有报告过破损。" /> }}
          columns={[
            { title: '问题编号', render: (_, p) => <Link to={`/problems/${p.id}`}>{p.code}</Link> },
            { title: '状态', render: (_, p) => p.stateLabel },
          ]}
        />
      </Card>
      {editing && <FacilityModal facility={f} onClose={() => setEditing(false)} />}
    </>
  );
}

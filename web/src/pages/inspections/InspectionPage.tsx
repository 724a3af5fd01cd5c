// One inspection (/inspections/:id): who, when, where, the checklist items
// with grades and photos, the problems found (each opens the problem), the
// score and, when the phone kept one, the GPS track on a small map.
import { Link, useParams } from 'react-router';
import { Card, Descriptions, Image, Result, Space, Table, Tag } from 'antd';
import { ApiError } from '../../api/client.ts';
import { fmtDateTime } from '../../components/format.ts';
import { useInspection, type InspectionDetail, type InspectionItem, type Photo } from './api.ts';
import { GradeTag, Rate } from './shared.tsx';
import { StateTag, TierTag } from '../problems/labels.tsx';
import type { ProblemState, Tier } from '../../../../domain/problems/vocab.ts';
import { TrackMap } from './TrackMap.tsx';
import { usePageTitle } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useMe } from '../../api/queries.ts';
import { useMapRecords } from '../../components/map/useMapRecords.ts';
import { shortCommunityName } from '../../../../domain/regions.ts';

type Problem = InspectionDetail['problems'][number];

function Photos({ photos }: { photos?: Photo[] }) {
  if (!photos?.length) return null;
  return (
    <Image.PreviewGroup>
      <Space size={4} wrap>
        {photos.map((p) => (
          <Image
            key={p.id}
            src={p.thumbUrl ?? p.url}
            preview={{ src: p.url }}
            width={56}
            height={56}
            style={{ objectFit: 'cover', borderRadius: 4 }}
            alt="检查照片"
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

export default function InspectionPage() {
  const id = Number(useParams().id);
  const q = useInspection(id);
  usePageTitle(q.data ? `${q.data.kindLabel} ${q.data.onDate}` : undefined);
  const records = useMapRecords(!!useMe().data?.can['region.read']);
  if (q.error)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={q.error.message}
        extra={<Link to="/inspections">返回巡查记录</Link>}
      />
    );
  const d = q.data;
  if (!d) return <Card loading />;
  const items = d.items ?? [];
  const graded = items.filter((i) => i.grade !== null).length;
  const track = (d.track ?? []).filter((p) => Array.isArray(p) && p.length >= 2);
  const placeLL = d.lat !== null && d.lng !== null ? { lat: d.lat, lng: d.lng, name: d.place?.name ?? '检查位置' } : null;
  const community = shortCommunityName(d.communityName);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span>{d.kindLabel}</span>
            <span>{d.place?.name ?? community ?? d.regionName ?? ''}</span>
            <Tag color={d.state === 'finished' ? 'green' : 'gold'}>{d.stateLabel}</Tag>
          </Space>
        }
        extra={<Link to="/inspections">返回巡查记录</Link>}
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'date', label: '日期', children: d.onDate },
            { key: 'who', label: '检查人', children: d.inspector.name },
            { key: 'place', label: '地点', children: d.place ? <Link to={`/inspections/points/${d.place.id}`}>{d.place.name}</Link> : '—' },
            { key: 'community', label: '社区', children: community ?? d.regionName ?? '—' },
            { key: 'start', label: '开始时间', children: fmtDateTime(d.startedAt) },
            { key: 'end', label: '完成时间', children: fmtDateTime(d.finishedAt) },
            ...(d.batch ? [{ key: 'batch', label: '批次', children: d.batch }] : []),
            ...(d.checklist ? [{ key: 'checklist', label: '测评标准', children: `${d.checklist.title}（第 ${d.checklist.version} 版）` }] : []),
            {
              key: 'score',
              label: '得分',
              children: d.maxScore ? (
                <Space>
                  {`${d.score} / ${d.maxScore}`}
                  <Rate rate={d.rate} strong />
                </Space>
              ) : d.kind === 'patrol' ? (
                '巡查不计分'
              ) : (
                '—'
              ),
            },
            ...(d.note ? [{ key: 'note', label: '备注', children: d.note }] : []),
          ]}
        />
      </Card>

      <Card title={`检查项目（已评价 ${graded} / ${items.length}）`}>
        {items.length ? (
          <Table<InspectionItem>
            rowKey="itemId"
            size="small"
            pagination={false}
            dataSource={items}
            scroll={{ x: 980 }}
            columns={[
              { title: '编号', dataIndex: 'code', width: 70, className: 'mono' },
              { title: '项目', dataIndex: 'title', width: 130 },
              { title: '标准', dataIndex: 'criterion' },
              { title: '分值', dataIndex: 'points', width: 60 },
              { title: '等级', dataIndex: 'grade', width: 70, render: (g) => <GradeTag grade={g} /> },
              { title: '得分', dataIndex: 'score', width: 60, render: (s: number | null) => s ?? '—' },
              {
                title: '备注与照片',
                key: 'note',
                width: 220,
                render: (_: unknown, i) => (
                  <Space direction="vertical" size={4}>
                    {i.note && <span>{i.note}</span>}
                    <Photos photos={i.photos} />
                  </Space>
                ),
              },
            ]}
          />
        ) : (
          <EmptyState text="这次检查没有按测评标准逐项评价（巡查只记录发现的问题）。" />
        )}
      </Card>

      <Card title={`发现的问题（${d.problems?.length ?? 0}）`}>
        <Table<Problem>
          rowKey="id"
          size="small"
          dataSource={d.problems ?? []}
          pagination={false}
          scroll={{ x: 970 }}
          locale={{ emptyText: '这次检查没有发现问题' }}
          columns={[
            { title: '问题编号', dataIndex: 'code', width: 120, render: (c: string, p) => <Link to={`/problems/${p.id}`}>{c}</Link> },
            {
              title: '检查项目',
              key: 'item',
              width: 150,
              render: (_: unknown, p) =>
                p.item ? (
                  <>
                    {p.item.code && <span className="mono">{p.item.code} </span>}
                    {p.item.title ?? ''}
                  </>
                ) : (
                  '—'
                ),
            },
            { title: '类别', dataIndex: 'categoryName', width: 140, render: (v: string | null) => v ?? '—' },
            { title: '问题描述', dataIndex: 'description', ellipsis: true },
            { title: '处置', dataIndex: 'tier', width: 80, render: (t: string) => <TierTag tier={t as Tier} /> },
            { title: '状态', dataIndex: 'stateLabel', width: 90, render: (l: string, p) => <StateTag state={p.state as ProblemState} label={l} /> },
            { title: '整改期限', dataIndex: 'dueDate', width: 110, render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>

      {(track.length > 0 || placeLL) && (
        <Card title={track.length ? `巡查轨迹（${track.length} 个定位点）` : '检查位置'}>
          <TrackMap track={track} place={placeLL} records={records} />
        </Card>
      )}
    </Space>
  );
}

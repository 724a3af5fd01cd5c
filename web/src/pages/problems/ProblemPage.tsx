// 问题详情: who, what, where, the deadline, photos before and after, the map
// point, the full timeline (every step with who, when, notes, deadline
// changes and photos) and exactly the actions the server allows this user.
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Grid, Image, Result, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, errorMessage } from '../../api/client.ts';
import { PROBLEM_STATE_LABELS, REJECT_REASON_LABELS, type ProblemState } from '../../../../domain/problems/vocab.ts';
import type { ProblemAction } from '../../../../domain/problems/workflow.ts';
import { fmtDateTime } from '../../components/format.ts';
import '../../components/problem.css';
import type { Problem, ProblemPhoto, TimelineEvent } from './api.ts';
import { ActionModal, type Dialog } from './ActionModal.tsx';
import { eventLabel, fmtDay, OverdueTag, StateTag, TierTag } from './labels.tsx';
import { PlanSection } from './PlanSection.tsx';
import { keys } from '../../api/keys.ts';
import { usePageTitle } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useMe } from '../../api/queries.ts';
import { useMapRecords } from '../../components/map/useMapRecords.ts';

const MapPicker = lazy(() => import('../../components/MapPicker.tsx').then((m) => ({ default: m.MapPicker })));

const PRIMARY: ProblemAction[] = ['dispatch', 'accept', 'submit', 'verify_pass', 'file'];
const DANGER: ProblemAction[] = ['reject', 'verify_fail', 'return'];

export function Gallery({ photos, size = 88 }: { photos: Pick<ProblemPhoto, 'id' | 'url' | 'thumbUrl'>[]; size?: number }) {
  if (!photos.length) return null;
  return (
    <Image.PreviewGroup>
      <div className="photo-thumbs">
        {photos.map((ph) => (
          <Image
            key={ph.id}
            src={ph.thumbUrl}
            width={size}
            height={size}
            style={{ objectFit: 'cover', borderRadius: 4 }}
            preview={{ src: ph.url }}
            alt="问题照片"
          />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}

function stateName(s: string | null): string {
  return s ? (PROBLEM_STATE_LABELS[s as ProblemState] ?? s) : '';
}

/** The extra facts an event carries: unit, deadline changes, rework count, merge target... */
function eventFacts(e: TimelineEvent): string[] {
  const d = e.data ?? {};
  const out: string[] = [];
  if (e.action === 'report' && d.sourceRef) out.push(`来源编号：${d.sourceRef}`);
  if (d.unitName) out.push(`责任单位：${d.unitName}`);
  if (d.reason && REJECT_REASON_LABELS[d.reason as keyof typeof REJECT_REASON_LABELS])
    out.push(`原因：${REJECT_REASON_LABELS[d.reason as keyof typeof REJECT_REASON_LABELS]}`);
  if (d.targetCode) out.push(`合并到：${d.targetCode}`);
  if (d.days && e.action.startsWith('extension')) out.push(`延期 ${d.days} 个工作日`);
  if (d.oldDueDate && d.dueDate && d.oldDueDate !== d.dueDate) out.push(`期限：${fmtDay(d.oldDueDate)} → ${fmtDay(d.dueDate)}`);
  else if (d.dueDate && e.action === 'dispatch') out.push(`整改期限：${fmtDay(d.dueDate)}`);
  if (d.reworkCount) out.push(`第 ${d.reworkCount} 次返工`);
  if (d.newCode) out.push(`新问题：${d.newCode}`);
  if (d.recurrenceOfCode) out.push(`复发自：${d.recurrenceOfCode}`);
  return out;
}

function TimelineCard({ problem }: { problem: Problem }) {
  const byId = new Map(problem.photos.map((p) => [p.id, p]));
  return (
    <Card title="办理过程" size="small" style={{ marginBottom: 12 }}>
      <Timeline
        items={problem.timeline.map((e) => {
          const moved = e.fromState && e.toState && e.fromState !== e.toState;
          const color =
            e.action === 'verify_fail' || e.action === 'overdue' || e.action === 'reject' ? 'red' : e.toState === 'closed' && moved ? 'green' : 'blue';
          return {
            color,
            content: (
              <div className="timeline-item" data-testid="timeline-item">
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
                  <b>{eventLabel(e.action)}</b>
                  {moved && (
                    <Tag style={{ marginInlineEnd: 0 }}>
                      {stateName(e.fromState)} → {stateName(e.toState)}
                    </Tag>
                  )}
                  {!e.fromState && e.toState && <Tag style={{ marginInlineEnd: 0 }}>{stateName(e.toState)}</Tag>}
                </div>
                <div style={{ color: '#888', fontSize: 12 }}>
                  {e.actorName ?? '系统'} · {fmtDateTime(e.at)}
                </div>
                {e.note && (
                  <div className="wrap-anywhere" style={{ marginTop: 2 }}>
                    {e.note}
                  </div>
                )}
                {eventFacts(e).map((f) => (
                  <div key={f} style={{ color: '#555', fontSize: 13 }}>
                    {f}
                  </div>
                ))}
                {e.photoIds.length > 0 && (
                  <div style={{ marginTop: 4 }}>
                    <Gallery
                      size={64}
                      photos={e.photoIds.map((id) => byId.get(id) ?? { id, url: `/api/photos/${id}`, thumbUrl: `/api/photos/${id}?thumb=1` })}
                    />
                  </div>
                )}
              </div>
            ),
          };
        })}
      />
    </Card>
  );
}

export default function ProblemPage() {
  const { id } = useParams();
  const qc = useQueryClient();
  const wide = !!Grid.useBreakpoint().md;
  const records = useMapRecords(!!useMe().data?.can['region.read']);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const key = keys.problems.detail(Number(id));
  const q = useQuery({ queryKey: key, queryFn: () => api.get<Problem>(`/problems/${id}`), enabled: /^\d+$/.test(id ?? '') });
  usePageTitle(q.data ? `问题 ${q.data.code}` : undefined);

  if (q.isLoading)
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  if (q.isError || !q.data) {
    const notFound = q.error instanceof ApiError && q.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '问题不存在' : '加载失败'}
        subTitle={notFound ? '该问题不存在，或不在您的管辖范围内。' : errorMessage(q.error)}
        extra={
          <Link to="/problems">
            <Button type="primary">返回问题列表</Button>
          </Link>
        }
      />
    );
  }
  const p = q.data;
  const done = (fresh: Problem | null) => {
    setDialog(null);
    // After a save the modal refreshes the lists and notifications; after a conflict, this does.
    if (fresh) qc.setQueryData(key, fresh);
    else {
      void q.refetch();
      void qc.invalidateQueries({ queryKey: keys.problems.lists() });
    }
  };
  // Where to draw it: its own point, or (found on a patrol, reported without GPS) its place's.
  const at =
    p.lat != null && p.lng != null ? { lat: p.lat, lng: p.lng } : p.place?.lat != null && p.place.lng != null ? { lat: p.place.lat, lng: p.place.lng } : null;
  const before = p.photos.filter((ph) => ph.kind === 'before');
  const after = p.photos.filter((ph) => ph.kind === 'after');
  const progress = p.photos.filter((ph) => ph.kind === 'progress');
  const pending = p.extensions.find((e) => e.state === 'pending');
  const hasActions = p.can.actions.length > 0 || p.can.requestExtension;

  const actionButtons = (
    <>
      {/* A new report is filed and dispatched in one step (立案 alone stays for a problem whose unit is decided later). */}
      {p.can.actions.some((a) => a.action === 'file') && (
        <Button type="primary" size={wide ? 'middle' : 'large'} onClick={() => setDialog({ kind: 'fileDispatch' })}>
          立案并派遣
        </Button>
      )}
      {p.can.actions.map((a) => (
        <Button
          key={a.action}
          type={PRIMARY.includes(a.action) && a.action !== 'file' ? 'primary' : 'default'}
          danger={DANGER.includes(a.action)}
          size={wide ? 'middle' : 'large'}
          onClick={() => setDialog({ kind: 'action', action: a.action })}
        >
          {a.label}
        </Button>
      ))}
      {p.can.requestExtension && (
        <Button size={wide ? 'middle' : 'large'} onClick={() => setDialog({ kind: 'extension' })}>
          申请延期
        </Button>
      )}
    </>
  );

  return (
    <div className="problem-page">
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 8 }}>
          <Typography.Title level={4} style={{ margin: 0 }} className="wrap-anywhere">
            {p.category.name}
          </Typography.Title>
          <StateTag state={p.state} label={p.stateLabel} />
          <TierTag tier={p.tier} />
          <OverdueTag overdue={p.overdue} days={p.overdueDays} />
          {p.reworkCount > 0 && (
            <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
              返工 {p.reworkCount}
            </Tag>
          )}
        </div>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'code', label: '编号', children: <span className="mono">{p.code}</span> },
            { key: 'unit', label: '责任单位', children: p.unit?.name ?? '未派遣' },
            {
              key: 'due',
              label: '整改期限',
              children: p.dueDate ? (
                <Space size={4} wrap>
                  {fmtDay(p.dueDate)}
                  <OverdueTag overdue={p.overdue} days={p.overdueDays} />
                </Space>
              ) : (
                '—'
              ),
            },
            {
              key: 'where',
              label: '位置',
              children: <span className="wrap-anywhere">{[p.regionName, p.place?.name, p.address].filter(Boolean).join(' · ') || '—'}</span>,
            },
            { key: 'source', label: '来源', children: `${p.sourceLabel}${p.sourceRef ? `（${p.sourceRef}）` : ''}` },
            {
              key: 'reporter',
              label: '上报人',
              children: `${p.reporter.name ?? '—'}${p.reporter.phone ? ` ${p.reporter.phone}` : ''} · ${fmtDateTime(p.createdAt)}`,
            },
            ...(p.closedAt
              ? [
                  {
                    key: 'closed',
                    label: '结案',
                    children: `${fmtDateTime(p.closedAt)}${p.closedOnTime === false ? '（超期结案）' : p.closedOnTime ? '（按期）' : ''}`,
                  },
                ]
              : []),
            ...(p.extensionCount ? [{ key: 'ext', label: '延期', children: `${p.extensionCount} 次` }] : []),
            ...(p.returnCount ? [{ key: 'ret', label: '退回', children: `${p.returnCount} 次` }] : []),
            ...(p.rejectReason ? [{ key: 'rej', label: '不予立案原因', children: REJECT_REASON_LABELS[p.rejectReason] }] : []),
            ...(p.mergedIntoId ? [{ key: 'merged', label: '已合并到', children: <Link to={`/problems/${p.mergedIntoId}`}>查看原问题</Link> }] : []),
            ...(p.recurrenceOfId ? [{ key: 'rec', label: '复发自', children: <Link to={`/problems/${p.recurrenceOfId}`}>查看原问题</Link> }] : []),
          ]}
        />
        {hasActions && wide && (
          <Space wrap style={{ marginTop: 8 }}>
            {actionButtons}
          </Space>
        )}
      </Card>

      {pending && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${pending.requestedByName ?? '责任单位'}申请延期 ${pending.days} 个工作日，等待镇创城办审批`}
          description={<span className="wrap-anywhere">理由：{pending.reason}</span>}
          action={
            p.can.decideExtension ? (
              <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
                <Button size="small" type="primary" onClick={() => setDialog({ kind: 'decide', request: pending, approve: true })}>
                  批准
                </Button>
                <Button size="small" danger onClick={() => setDialog({ kind: 'decide', request: pending, approve: false })}>
                  不批准
                </Button>
              </div>
            ) : undefined
          }
        />
      )}

      <Row gutter={12}>
        <Col xs={24} lg={14}>
          <Card title="问题描述" size="small" style={{ marginBottom: 12 }}>
            <Typography.Paragraph className="wrap-anywhere" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {p.description}
            </Typography.Paragraph>
          </Card>
          <Card title="照片" size="small" style={{ marginBottom: 12 }}>
            {p.photos.length === 0 ? (
              <EmptyState text="暂无照片。提交整改时须上传整改后的照片。" />
            ) : (
              <>
                {before.length > 0 && (
                  <>
                    <div className="photo-caption">整改前</div>
                    <Gallery photos={before} />
                  </>
                )}
                {after.length > 0 && (
                  <>
                    <div className="photo-caption">整改后</div>
                    <Gallery photos={after} />
                  </>
                )}
                {progress.length > 0 && (
                  <>
                    <div className="photo-caption">过程</div>
                    <Gallery photos={progress} />
                  </>
                )}
              </>
            )}
          </Card>
          {p.tier === 'centralized' && <PlanSection problem={p} />}
          {at && (
            <Card title="位置" size="small" style={{ marginBottom: 12 }}>
              <Suspense fallback={<Spin />}>
                <MapPicker value={at} records={records} height={wide ? 280 : 220} />
              </Suspense>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.lat != null ? '' : `上报时未定位，按点位“${p.place?.name ?? ''}”的坐标显示：`}北纬 {at.lat.toFixed(5)}°，东经 {at.lng.toFixed(5)}°
              </Typography.Text>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <TimelineCard problem={p} />
        </Col>
      </Row>

      {hasActions && !wide && <div className="action-bar">{actionButtons}</div>}
      {dialog && <ActionModal problem={p} dialog={dialog} onClose={() => setDialog(null)} onDone={done} />}
    </div>
  );
}

// While a problem is entered: open problems of the same category nearby and
// recent (the server's 50 m / 7 days by default), with photos, distance and
// age. "这是同一个问题" follows that problem instead of creating a new one.
import { useNavigate } from 'react-router';
import { Alert, Button, Image } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { parseTime } from '../../components/format.ts';
import { StateTag } from './labels.tsx';
import type { DuplicateList, FollowResult } from './views-api.ts';
import './views.css';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';

function age(v: string): string {
  const mins = Math.max(0, Math.round((Date.now() - parseTime(v).valueOf()) / 60_000));
  if (mins < 60) return `${mins || 1} 分钟前`;
  if (mins < 24 * 60) return `${Math.round(mins / 60)} 小时前`;
  return `${Math.round(mins / 1440)} 天前`;
}

export function DuplicateHints({ categoryId, point }: { categoryId?: number | null; point: { lat: number; lng: number } | null }) {
  const navigate = useNavigate();
  const enabled = !!categoryId && !!point;
  const q = useQuery({
    queryKey: keys.problems.duplicates(categoryId, point?.lat, point?.lng),
    queryFn: () => api.get<DuplicateList>('/problems/duplicates', { categoryId: categoryId!, lat: point!.lat, lng: point!.lng }),
    enabled,
    staleTime: 30_000,
    retry: false,
  });
  const { save: follow, running } = useSave({
    run: (id: number) => api.post<FollowResult>(`/problems/${id}/follow`),
    ok: (r) => `已关注问题 ${r.code}，没有重复上报`,
    invalidate: [keys.problems.all],
    onOk: (r) => navigate(`/problems/${r.problemId}`, { replace: true }),
  });
  const busy = running ?? null;
  if (!enabled || !q.data?.items.length) return null;

  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="duplicate-hints"
      title={`附近 ${q.data.meters} 米内、${q.data.days} 天内已有 ${q.data.items.length} 个同类问题，可能是同一个问题`}
      description={
        <div>
          {q.data.items.map((d) => (
            <div key={d.id} className="dup-item">
              {d.photos[0] ? (
                <Image className="dup-thumb" width={72} height={72} src={d.photos[0].thumbUrl} preview={{ src: d.photos[0].url }} alt="现场照片" />
              ) : (
                <div className="dup-thumb" aria-hidden />
              )}
              <div className="dup-body">
                <div>
                  <StateTag state={d.state} label={d.stateLabel} />{' '}
                  <span className="mono" style={{ color: '#999' }}>
                    {d.code}
                  </span>
                </div>
                <div className="wrap-anywhere" style={{ margin: '2px 0' }}>
                  {d.description}
                </div>
                <div style={{ color: '#888', fontSize: 12 }}>
                  相距约 {d.distanceM} 米 · {age(d.createdAt)}上报{d.regionName ? ` · ${d.regionName}` : ''}
                  {d.followerCount ? ` · ${d.followerCount} 人关注` : ''}
                </div>
                <Button
                  size="small"
                  type="primary"
                  ghost
                  style={{ marginTop: 6 }}
                  loading={busy === d.id}
                  disabled={busy !== null}
                  onClick={() => follow(d.id)}
                >
                  这是同一个问题
                </Button>
              </div>
            </div>
          ))}
          <div style={{ color: '#888', fontSize: 12, marginTop: 4 }}>不是同一个问题时，继续填写并提交即可。</div>
        </div>
      }
    />
  );
}

// Pieces the meetings pages share: the tabs between them, a decision's state tag,
// the kind select, and the attachments (photos and files) of a record.
import { useLocation, useNavigate } from 'react-router';
import { Image, Select, Space, Tabs, Tag } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { DECISION_VIEW_LABELS } from '../../../../domain/meetings.ts';
import type { Attachments } from '../../../../domain/api/files.ts';
import type { Decision } from './api.ts';
import { useKinds } from './api.ts';

const TABS = [
  { key: '/meetings', label: '会议' },
  { key: '/meetings/decisions', label: '决定事项' },
  { key: '/meetings/trips', label: '学习考察' },
  { key: '/meetings/cadence', label: '例会要求' },
];

/** The four registers of the 会议台账, as tabs that are links. */
export function MeetingsTabs() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const active =
    TABS.slice()
      .reverse()
      .find((t) => pathname === t.key || pathname.startsWith(`${t.key}/`))?.key ?? '/meetings';
  return <Tabs activeKey={active} onChange={(k) => navigate(k)} items={TABS.map((t) => ({ key: t.key, label: t.label }))} style={{ marginBottom: 8 }} />;
}

const VIEW_COLORS = { open: 'blue', overdue: 'red', done: 'green' } as const;
export function DecisionTag({ d }: { d: Pick<Decision, 'view' | 'lateWorkingDays'> }) {
  const text = d.view === 'overdue' && d.lateWorkingDays > 0 ? `已超期 ${d.lateWorkingDays} 个工作日` : DECISION_VIEW_LABELS[d.view];
  return <Tag color={VIEW_COLORS[d.view]}>{text}</Tag>;
}

export function KindSelect({
  value,
  onChange,
  allowClear,
  style,
  activeOnly,
  id,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  allowClear?: boolean;
  style?: React.CSSProperties;
  activeOnly?: boolean;
  id?: string;
}) {
  const kinds = useKinds();
  const options = (kinds.data?.items ?? [])
    .filter((k) => !activeOnly || k.active || k.id === value)
    .map((k) => ({ value: k.id, label: k.active ? k.name : `${k.name}（已停用）` }));
  return (
    <Select
      id={id}
      aria-label="会议类别"
      placeholder="会议类别"
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear={allowClear}
      options={options}
      loading={kinds.isLoading}
      style={style}
    />
  );
}

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** A record's photos (thumbnails that open large) and documents (downloads). */
export function AttachmentList({ a }: { a: Attachments }) {
  if (!a.photos.length && !a.files.length) return <span style={{ color: '#888' }}>没有照片或文件；编辑时可以上传会议照片、签到表和纪要。</span>;
  return (
    <div>
      {a.photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap>
            {a.photos.map((p) => (
              <Image key={p.id} width={120} height={90} style={{ objectFit: 'cover' }} src={p.thumbUrl} preview={{ src: p.url }} alt="会议照片" />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {a.files.length > 0 && (
        <ul style={{ paddingLeft: 18, margin: '8px 0 0' }}>
          {a.files.map((f) => (
            <li key={f.id}>
              <a href={f.url} download>
                <FileTextOutlined aria-hidden /> {f.name}
              </a>{' '}
              <span style={{ color: '#888' }}>（{kb(f.bytes)}）</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// One publicity record at /publicity/<register>/:id — an article, an LED
// programme, a handout or a 入户宣传 session — with everything it holds and
// what it links to (the LED屏 facility, the activity or campaign a handout
// was for, the units of a session); 修改 and 删除 for whoever may manage it.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { PageExtra, usePageTitle } from '../../components/PageHeader.tsx';
import { fmtDateTime } from '../../components/format.ts';
import type { Article, DoorSession, Handout, LedProgramme } from '../../../../domain/api/publicity.ts';
import { isRegister, REGISTER_PATH, useRecord, type Register } from './api.ts';
import { RecordModal } from './RecordModal.tsx';

const NOUN: Record<Register, string> = { articles: '稿件', led: 'LED屏节目', handouts: '宣传品发放记录', door: '入户宣传记录' };
const dash = (v: string | null | undefined) => v || '—';

function Fields({ reg, r }: { reg: Register; r: any }) {
  const where = <Descriptions.Item label={reg === 'door' ? '社区' : '所属'}>{r.regionName ?? r.regionCode}</Descriptions.Item>;
  if (reg === 'articles') {
    const a = r as Article;
    return (
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label="标题" span={2}>
          {a.title}
        </Descriptions.Item>
        <Descriptions.Item label="渠道">{[a.channelLabel, a.channelName].filter(Boolean).join(' · ')}</Descriptions.Item>
        <Descriptions.Item label="发布日期">{a.publishedOn}</Descriptions.Item>
        <Descriptions.Item label="链接" span={2}>
          {a.url ? (
            <a href={a.url} target="_blank" rel="noreferrer">
              {a.url}
            </a>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="作者单位">{dash(a.authorUnit?.name)}</Descriptions.Item>
        {where}
        <Descriptions.Item label="特色供稿">{a.featured ? <Tag color="red">特色供稿</Tag> : '否'}</Descriptions.Item>
        <Descriptions.Item label="采用媒体">{dash(a.carriedBy)}</Descriptions.Item>
      </Descriptions>
    );
  }
  if (reg === 'led') {
    const l = r as LedProgramme;
    return (
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label="LED屏">{l.screen}</Descriptions.Item>
        <Descriptions.Item label="登记的设施">
          {l.facility ? <Link to={`/publicity/facilities/${l.facility.id}`}>{l.facility.name}</Link> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="播放内容" span={2}>
          {l.content}
        </Descriptions.Item>
        <Descriptions.Item label="播放期间">
          {l.fromDate} 至 {l.toDate}
        </Descriptions.Item>
        {where}
      </Descriptions>
    );
  }
  if (reg === 'handouts') {
    const h = r as Handout;
    return (
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label="名称">{h.title}</Descriptions.Item>
        <Descriptions.Item label="种类">{h.kindLabel}</Descriptions.Item>
        <Descriptions.Item label="数量">{h.quantity.toLocaleString('zh-CN')} 份</Descriptions.Item>
        <Descriptions.Item label="发放日期">{h.handedOn}</Descriptions.Item>
        <Descriptions.Item label="发放地点">{dash(h.location)}</Descriptions.Item>
        <Descriptions.Item label="发放单位">{dash(h.unit?.name)}</Descriptions.Item>
        <Descriptions.Item label="相关活动">{h.activity ? <Link to={`/activities/${h.activity.id}`}>{h.activity.name}</Link> : '—'}</Descriptions.Item>
        <Descriptions.Item label="相关整治行动">{h.campaignId ? <Link to={`/campaigns/${h.campaignId}`}>查看专项行动</Link> : '—'}</Descriptions.Item>
        {where}
      </Descriptions>
    );
  }
  const d = r as DoorSession;
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
      <Descriptions.Item label="日期">{d.onDate}</Descriptions.Item>
      {where}
      <Descriptions.Item label="走访户数">{d.households.toLocaleString('zh-CN')} 户</Descriptions.Item>
      <Descriptions.Item label="联合共建单位">{d.joint ? <Tag color="red">联合开展</Tag> : '否'}</Descriptions.Item>
      <Descriptions.Item label="参加单位" span={2}>
        {d.units.length ? d.units.map((u) => u.name).join('、') : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="情况说明" span={2}>
        {dash(d.note)}
      </Descriptions.Item>
    </Descriptions>
  );
}

export default function RecordPage() {
  const { tab, id: raw } = useParams();
  const reg: Register = isRegister(tab) ? tab : 'articles';
  const id = Number(raw);
  const q = useRecord<any>(reg, Number.isInteger(id) ? id : 0);
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const r = q.data;
  usePageTitle(r ? `${NOUN[reg]}：${r.title ?? r.screen ?? r.onDate}` : NOUN[reg]);
  const remove = useSave({
    run: () => api.del(`/publicity/${REGISTER_PATH[reg]}/${id}?version=${r?.version}`),
    ok: '已删除',
    invalidate: [keys.publicity.all],
    onOk: () => navigate(`/publicity/${reg}`),
  });
  if (!isRegister(tab) || !Number.isInteger(id) || id <= 0) return <Alert type="warning" showIcon title="没有这条宣传记录" />;
  if (!r)
    return <Card loading={q.isLoading}>{q.error && <Alert type="error" showIcon title={`无法读取该${NOUN[reg]}：可能已删除，或不在您的管辖范围内`} />}</Card>;
  return (
    <>
      {r.canEdit && (
        <PageExtra>
          <Space wrap>
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
              修改
            </Button>
            <Popconfirm title="删除这条记录？" okText="删除" cancelText="取消" onConfirm={() => remove.save()}>
              <Button danger loading={remove.busy}>
                删除
              </Button>
            </Popconfirm>
          </Space>
        </PageExtra>
      )}
      <Card>
        <Fields reg={reg} r={r} />
        <p style={{ marginTop: 12, color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>登记于 {fmtDateTime(r.createdAt)}</p>
      </Card>
      {editing && <RecordModal reg={reg} record={r} onClose={() => setEditing(false)} />}
    </>
  );
}

// 年度总结: the year-end summary and next-year plan of a region and year, in
// the seed's structure, every figure a live field (its definition on hover,
// a link to the records behind it; missing ones in red, never a number),
// exact or the seed's 余 style, the text editable by the office (fields stay
// fields), the appendix of every figure, and the .docx.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, Input, InputNumber, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { useSave } from '../../api/save.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { useYearend, type YearendDoc } from './api.ts';
import { ReportsTabs } from './shared.tsx';

type Figure = YearendDoc['figures'][number];

function Field({ f, shown }: { f: Figure | undefined; shown: string }) {
  if (!f || f.value === null)
    return (
      <Tooltip title={f ? `${f.definition}（尚无台账提供此数字）` : '未知数字'}>
        <Typography.Text type="danger">{shown}</Typography.Text>
      </Tooltip>
    );
  return (
    <Tooltip title={`${f.name}：${f.definition}`}>
      {f.drillUrl ? (
        <Link to={f.drillUrl} style={{ fontWeight: 600 }}>
          {shown}
        </Link>
      ) : (
        <b>{shown}</b>
      )}
    </Tooltip>
  );
}

export default function YearendPage() {
  const [sp, setSp] = useSearchParams();
  const me = useMe().data;
  const fallback = me?.roles.find((r) => r.scopeRegionCode && r.scopeRegionCode.length <= 12)?.scopeRegionCode ?? null;
  const region = sp.get('region') || fallback;
  const year = Number(sp.get('year')) || new Date().getFullYear() - 1;
  const style = sp.get('style') === 'seed' ? 'seed' : 'exact';
  const set = (patch: Record<string, string>) => setSp({ ...(region ? { region } : {}), year: String(year), style, ...patch });
  const q = useYearend(region, year, style);
  const d = q.data;
  const [editing, setEditing] = useState<Record<string, string> | null>(null);
  const { save, busy } = useSave({
    run: (texts: Record<string, string>) => api.put('/reports/yearend', { region, year, version: d!.version, texts }),
    ok: '已保存',
    invalidate: [keys.reports.all],
    onOk: () => setEditing(null),
  });
  const byId = new Map((d?.figures ?? []).map((f) => [f.id, f]));
  return (
    <Card>
      <PageExtra>
        <Space wrap>
          {d && (
            <a href={`/api/reports/yearend/docx?region=${region}&year=${year}&style=${style}`} download>
              <Button icon={<DownloadOutlined aria-hidden />}>下载 .docx</Button>
            </a>
          )}
          {d?.can.edit && !editing && (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(Object.fromEntries(d.sections.map((s) => [s.key, s.template])))}>
              修改文字
            </Button>
          )}
        </Space>
      </PageExtra>
      <ReportsTabs />
      <Space wrap style={{ marginBottom: 12 }}>
        <RegionTreeSelect
          value={region}
          onChange={(v) => v && set({ region: v })}
          levels={['county', 'town', 'community']}
          allowClear={false}
          style={{ width: 220 }}
        />
        <InputNumber aria-label="年度" min={2000} max={2100} value={year} onChange={(v) => v && set({ year: String(v) })} addonAfter="年度" />
        <Segmented
          value={style}
          onChange={(v) => set({ style: String(v) })}
          options={[
            { value: 'exact', label: '精确数字' },
            { value: 'seed', label: '范文写法（…余）' },
          ]}
        />
      </Space>
      {!region && <Alert type="info" showIcon title="请选择县、乡镇或社区。" />}
      {d && (
        <>
          {d.empty && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`${d.year}年度尚无记录：各项数字均为 0 或暂无数据。`} />}
          {d.missing.length > 0 && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`以下数字尚无台账提供，文中显示为“暂无数据”：${d.missing.join('、')}`} />
          )}
          <Typography.Title level={4} style={{ textAlign: 'center' }}>
            {d.title}
          </Typography.Title>
          {d.sections.map((s) => (
            <div key={s.key} style={{ marginBottom: 12 }}>
              {s.heading && <Typography.Title level={5}>{s.heading}</Typography.Title>}
              {editing ? (
                <Input.TextArea
                  aria-label={s.heading ?? s.key}
                  autoSize={{ minRows: 2 }}
                  value={editing[s.key]}
                  onChange={(e) => setEditing({ ...editing, [s.key]: e.target.value })}
                />
              ) : (
                <p style={{ textIndent: '2em', lineHeight: 1.9 }}>
                  {s.segments.map((x, i) => ('text' in x ? <span key={i}>{x.text}</span> : <Field key={i} f={byId.get(x.field)} shown={x.shown} />))}
                </p>
              )}
            </div>
          ))}
          {editing && (
            <Space style={{ marginBottom: 16 }}>
              <Typography.Text type="secondary">
                数字用 {'{数字编号}'} 表示（如 {'{meetings.weekly}'}），保存后仍随记录实时计算。
              </Typography.Text>
              <Button type="primary" loading={busy} onClick={() => save(editing)}>
                保存
              </Button>
              <Button onClick={() => setEditing(null)}>取消</Button>
            </Space>
          )}
          <Typography.Title level={5}>附表：年度数字一览</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={d.figures}
            columns={[
              { title: '序号', dataIndex: 'seq', width: 60, render: (v: number | null) => v ?? '' },
              { title: '数字', dataIndex: 'name', width: 220 },
              {
                title: '数值',
                key: 'value',
                width: 120,
                render: (_: unknown, f: Figure) => (f.value === null ? <Tag color="red">暂无数据</Tag> : <Field f={f} shown={`${f.value} ${f.unit}`} />),
              },
              { title: '统计口径', dataIndex: 'definition' },
            ]}
          />
        </>
      )}
      {q.isLoading && <Card loading />}
    </Card>
  );
}

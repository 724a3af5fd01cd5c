// One output register as a list: filtered by region and days (and the
// register's own: channel, 特色供稿, kind) from the URL, so a figure's
// drill-down opens exactly its records; each record linked to its page
// (/publicity/<register>/:id); 登记, Excel export and import.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { useSave } from '../../api/save.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { ImportDialog } from '../../components/ImportDialog.tsx';
import type { PublicityImport } from '../../../../domain/api/publicity.ts';
import { apiFilter, REGISTER_PATH, useRegister, type Filter, type Register } from './api.ts';
import { RecordModal } from './RecordModal.tsx';
import { useUrlFilter } from '../../components/useUrlFilter.ts';

const OWN_KEYS: Record<Register, string[]> = { articles: ['channel', 'featured'], led: [], handouts: ['kind'], door: [] };
const NOUN: Record<Register, string> = { articles: '稿件', led: 'LED屏节目', handouts: '宣传品发放记录', door: '入户宣传记录' };
const IMPORT_HINT: Record<Register, string> = {
  articles: '所属区划填乡镇或社区的名称，作者单位填单位名称。',
  led: '所属区划填乡镇或社区的名称，关联设施填已登记的LED屏设施名称（可留空）。',
  handouts: '所属区划填乡镇或社区的名称，发放单位填单位名称。',
  door: '所在社区填社区名称，参加单位填单位名称，多个用“、”隔开。',
};
const region = (r: any) => r.regionName ?? r.regionCode;

const COLUMNS: Record<Register, object[]> = {
  articles: [
    { title: '发布日期', dataIndex: 'publishedOn', width: 110 },
    { title: '标题', render: (_: unknown, a: any) => <Link to={`/publicity/articles/${a.id}`}>{a.title}</Link> },
    { title: '渠道', width: 160, render: (_: unknown, a: any) => [a.channelLabel, a.channelName].filter(Boolean).join(' · ') },
    {
      title: '特色供稿',
      width: 160,
      render: (_: unknown, a: any) => (a.featured ? <Tag color="red">{a.carriedBy ? `采用：${a.carriedBy}` : '特色供稿'}</Tag> : '—'),
    },
    { title: '所属', width: 140, render: (_: unknown, a: any) => region(a) },
  ],
  led: [
    { title: '播放期间', width: 200, render: (_: unknown, a: any) => `${a.fromDate} 至 ${a.toDate}` },
    { title: 'LED屏', width: 200, render: (_: unknown, a: any) => <Link to={`/publicity/led/${a.id}`}>{a.screen}</Link> },
    { title: '内容', dataIndex: 'content' },
    { title: '所属', width: 140, render: (_: unknown, a: any) => region(a) },
  ],
  handouts: [
    { title: '发放日期', dataIndex: 'handedOn', width: 110 },
    { title: '种类', dataIndex: 'kindLabel', width: 90 },
    { title: '名称', render: (_: unknown, a: any) => <Link to={`/publicity/handouts/${a.id}`}>{a.title}</Link> },
    { title: '数量（份）', dataIndex: 'quantity', width: 110, align: 'right' },
    { title: '发放地点', width: 180, render: (_: unknown, a: any) => a.location ?? '—' },
    { title: '所属', width: 140, render: (_: unknown, a: any) => region(a) },
  ],
  door: [
    { title: '日期', width: 110, render: (_: unknown, a: any) => <Link to={`/publicity/door/${a.id}`}>{a.onDate}</Link> },
    { title: '社区', width: 160, render: (_: unknown, a: any) => region(a) },
    { title: '走访户数', dataIndex: 'households', width: 100, align: 'right' },
    { title: '参加单位', render: (_: unknown, a: any) => (a.units.length ? a.units.map((u: any) => u.name).join('、') : '—') },
    { title: '说明', render: (_: unknown, a: any) => a.note ?? '—' },
  ],
};

function RemoveButton({ reg, id, version }: { reg: Register; id: number; version: number }) {
  const { save, busy } = useSave({
    run: () => api.del(`/publicity/${REGISTER_PATH[reg]}/${id}?version=${version}`),
    ok: '已删除',
    invalidate: [keys.publicity.all],
  });
  return (
    <Popconfirm title="删除这条记录？" okText="删除" cancelText="取消" onConfirm={() => save()}>
      <Button size="small" type="link" danger loading={busy}>
        删除
      </Button>
    </Popconfirm>
  );
}

export function OutputTab({ reg }: { reg: Register }) {
  const [f, set] = useUrlFilter<Filter>(['region', 'from', 'to', ...OWN_KEYS[reg]]);
  const list = useRegister<any>(reg, f);
  const manage = !!useMe().data?.can['publicity.manage'];
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const exportHref = withQuery(`/api/publicity/${REGISTER_PATH[reg]}/export.xlsx`, apiFilter(f));
  return (
    <>
      <PageExtra>
        <Space wrap>
          {manage && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
              登记{NOUN[reg]}
            </Button>
          )}
          <Button icon={<DownloadOutlined aria-hidden />} href={exportHref} download>
            导出 Excel
          </Button>
          {manage && (
            <Button icon={<ImportOutlined aria-hidden />} onClick={() => setImporting(true)}>
              导入 Excel
            </Button>
          )}
        </Space>
      </PageExtra>
      <Space wrap style={{ marginBottom: 12 }}>
        <RegionTreeSelect value={f.region ?? null} onChange={(v) => set({ region: v ?? undefined })} placeholder="乡镇或社区（全部）" style={{ width: 220 }} />
        {reg === 'articles' && (
          <Select
            allowClear
            placeholder="渠道（全部）"
            style={{ width: 140 }}
            value={f.channel}
            onChange={(v) => set({ channel: v })}
            options={[
              { value: 'wechat', label: '公众号' },
              { value: 'other', label: '其他渠道' },
            ]}
          />
        )}
        {reg === 'articles' && (
          <Select
            allowClear
            placeholder="特色供稿（全部）"
            style={{ width: 160 }}
            value={f.featured}
            onChange={(v) => set({ featured: v })}
            options={[
              { value: '1', label: '只看特色供稿' },
              { value: '0', label: '普通稿件' },
            ]}
          />
        )}
        {reg === 'handouts' && (
          <Select
            allowClear
            placeholder="种类（全部）"
            style={{ width: 140 }}
            value={f.kind}
            onChange={(v) => set({ kind: v })}
            options={[
              { value: 'flyer', label: '宣传单' },
              { value: 'item', label: '宣传品' },
            ]}
          />
        )}
        {(f.from || f.to) && (
          <Tag closable onClose={() => set({ from: undefined, to: undefined })}>
            {f.from ?? '…'} 至 {f.to ?? '…'}
          </Tag>
        )}
      </Space>
      <Table<any>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <EmptyState text={manage ? `还没有${NOUN[reg]}：点右上角“登记${NOUN[reg]}”添加。` : `还没有${NOUN[reg]}。`} /> }}
        columns={[
          ...(COLUMNS[reg] as any[]),
          ...(manage
            ? [{ title: '操作', width: 80, render: (_: unknown, a: any) => (a.canEdit ? <RemoveButton reg={reg} id={a.id} version={a.version} /> : null) }]
            : []),
        ]}
      />
      <LoadMore list={list} />
      {adding && <RecordModal reg={reg} onClose={() => setAdding(false)} />}
      {importing && (
        <ImportDialog<PublicityImport>
          title={`导入${NOUN[reg]}`}
          path={`/publicity/${REGISTER_PATH[reg]}/import`}
          onClose={() => setImporting(false)}
          onImported={() => qc.invalidateQueries({ queryKey: keys.publicity.all })}
          intro={
            <>
              按导出的清单格式逐条一行填写（清空“编号”列），{IMPORT_HINT[reg]}{' '}
              <a href={exportHref} download>
                导出清单作为模板
              </a>
              。任何一行出错，整个文件都不会导入。
            </>
          }
          success={(r) => `导入成功：新增 ${r.created} 条`}
        />
      )}
    </>
  );
}

// 地图底图: the admin's run-time base layer for every map (天地图 with its key,
// an XYZ URL template, or a .pmtiles file in DATA_DIR), and the boundaries
// (town, community) imported as GeoJSON that the maps draw without tiles.
// The server checks a setting (URL, file) and refuses it with the reason.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import { fmtDateTime } from '../../components/format.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { flattenTree, useRegionTree } from '../../api/queries.ts';
import type { Wire } from '../../../../domain/api/common.ts';
import type { baseLayerSetting, boundaries, mapSettings, PmtilesFile, PmtilesTileType } from '../../../../domain/api/map.ts';

type Settings = Wire<typeof mapSettings> & z.infer<typeof mapSettings>;
type Setting = Wire<typeof baseLayerSetting>;
type Boundaries = z.infer<typeof boundaries>;

const KIND_LABELS = { none: '不使用底图（按记录绘制）', tianditu: '天地图', xyz: 'XYZ 瓦片地址', pmtiles: '本地 PMTiles 文件' } as const;
const EFFECTIVE_LABELS = { none: '按记录绘制（边界、社区范围、点位）', tiles: '瓦片底图', pmtiles: '本地 PMTiles 底图' } as const;

const kb = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

function BaseLayerCard() {
  const qc = useQueryClient();
  const [form] = Form.useForm<Setting>();
  const q = useQuery({ queryKey: keys.map.settings(), queryFn: () => api.get<Settings>('/map/settings') });
  const kind = Form.useWatch('kind', form) ?? q.data?.setting.kind ?? 'none';
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data.setting as Setting);
  }, [q.data, form]);
  const { save, busy } = useSave({
    form,
    run: (v: Setting) => api.put<Settings>('/map/settings', v),
    ok: '底图已保存，各地图页面刷新后生效',
    onOk: (r) => {
      qc.setQueryData(keys.map.settings(), r);
      void qc.invalidateQueries({ queryKey: keys.map.baseLayer() });
    },
  });
  const eff = q.data?.effective;
  return (
    <Card title="地图底图" loading={q.isPending}>
      {eff && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'now', label: '当前底图', children: EFFECTIVE_LABELS[eff.kind] },
            ...(eff.problem ? [{ key: 'p', label: '问题', children: <Typography.Text type="warning">{eff.problem}</Typography.Text> }] : []),
          ]}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => save(v)} style={{ maxWidth: 720 }} initialValues={{ kind: 'none', layer: 'vec', maxZoom: 19 }}>
        <Form.Item name="kind" label="底图类型">
          <Radio.Group optionType="button" options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {kind === 'none' && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message="没有底图时，地图按记录绘制：导入的乡镇和社区边界（未导入时为社区点位围成的范围）、点位及名称、问题。"
          />
        )}
        {kind === 'tianditu' && (
          <>
            <Form.Item
              name="key"
              label="天地图密钥（tk）"
              extra="在天地图开发者平台申请“浏览器端”密钥，并把本系统的域名加入白名单。"
              rules={[{ required: true, message: '请填写天地图密钥' }]}
            >
              <Input autoComplete="off" placeholder="32 位字母和数字" maxLength={64} />
            </Form.Item>
            <Form.Item name="layer" label="图层">
              <Radio.Group
                options={[
                  { value: 'vec', label: '矢量图' },
                  { value: 'img', label: '影像图' },
                ]}
              />
            </Form.Item>
          </>
        )}
        {kind === 'xyz' && (
          <>
            <Form.Item
              name="url"
              label="瓦片地址模板"
              extra="http:// 或 https:// 开头，含 {z}、{x}、{y}；{s} 为子域 a、b、c。例如 https://tiles.example.gov.cn/{z}/{x}/{y}.png"
              rules={[{ required: true, message: '请填写瓦片地址' }]}
            >
              <Input placeholder="https://…/{z}/{x}/{y}.png" maxLength={500} />
            </Form.Item>
            <Form.Item name="maxZoom" label="最大级别">
              <InputNumber min={1} max={22} />
            </Form.Item>
            <Form.Item name="attribution" label="版权说明（显示在地图右下角）">
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        {kind === 'pmtiles' && (
          <>
            <Form.Item
              name="file"
              label="PMTiles 文件"
              extra={
                <>
                  把 .pmtiles 文件（第 3 版）复制到数据目录 <Typography.Text code>{q.data?.dataDir}</Typography.Text> 后在此选择。
                </>
              }
              rules={[{ required: true, message: '请选择文件' }]}
            >
              <Select
                placeholder={q.data?.files.length ? '选择文件' : '数据目录中没有 .pmtiles 文件'}
                options={q.data?.files.map((f) => ({ value: f.name, label: fileLabel(f), disabled: f.problem != null }))}
              />
            </Form.Item>
            <Form.Item name="attribution" label="版权说明（显示在地图右下角）">
              <Input maxLength={200} placeholder="例如 © OpenStreetMap" />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          保存
        </Button>
      </Form>
    </Card>
  );
}

function BoundariesCard() {
  const qc = useQueryClient();
  const tree = useRegionTree();
  const list = useQuery({ queryKey: keys.map.boundaries(), queryFn: () => api.get<Boundaries>('/map/boundaries').then((r) => r.items) });
  const regions = flattenTree(tree.data).filter((n) => n.level === 'town' || n.level === 'community');
  const [code, setCode] = useState<string | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const done = () => {
    void qc.invalidateQueries({ queryKey: keys.map.boundaries() });
  };
  const imp = useSave({
    run: async () => api.put(`/map/boundaries/${code}`, { geojson: await file!.text() }),
    ok: '边界已导入',
    onOk: () => {
      setFile(null);
      done();
    },
  });
  const del = useSave({ run: (c: string) => api.del(`/map/boundaries/${c}`), ok: '边界已删除', onOk: done });
  return (
    <Card title="乡镇和社区边界" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        导入 GeoJSON（WGS84 经纬度）的面（Polygon）或多面（MultiPolygon）。无法解析、不是面、或离本镇点位太远的文件整个不导入，并说明原因。
        导入后，地图用它代替由点位围成的社区范围。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: 280 }}
          placeholder="选择乡镇或社区"
          value={code}
          onChange={setCode}
          aria-label="边界所属区域"
          options={regions.map((n) => ({ value: n.code, label: n.path.slice(-2).join(' / ') }))}
        />
        <Upload
          accept=".geojson,.json,application/geo+json,application/json"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{file ? file.name : '选择 GeoJSON 文件'}</Button>
        </Upload>
        <Button type="primary" disabled={!code || !file} loading={imp.busy} onClick={() => imp.save()}>
          导入
        </Button>
      </Space>
      <Table
        rowKey="regionCode"
        size="small"
        loading={list.isPending}
        dataSource={list.data}
        pagination={false}
        locale={{ emptyText: '尚未导入边界：地图按社区点位围成的范围绘制。选择区域和文件后点“导入”。' }}
        columns={[
          { title: '区域', dataIndex: 'regionName' },
          { title: '级别', dataIndex: 'level', render: (l: string) => (l === 'town' ? '乡镇（街道）' : '社区') },
          { title: '面数', render: (_, b) => b.geometry.coordinates.length },
          { title: '导入时间', dataIndex: 'updatedAt', render: (t: string) => fmtDateTime(t) },
          {
            title: '操作',
            render: (_, b) => (
              <Popconfirm title={`删除${b.regionName}的边界？`} okText="删除" cancelText="取消" onConfirm={() => del.save(b.regionCode)}>
                <Button type="link" danger>
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}

export default function MapSettingsPage() {
  return (
    <div>
      <BaseLayerCard />
      <BoundariesCard />
    </div>
  );
}

const TILE_KIND: Record<PmtilesTileType, string> = {
  mvt: '矢量',
  png: 'PNG 图片',
  jpeg: 'JPEG 图片',
  webp: 'WebP 图片',
  avif: 'AVIF 图片',
};

/** "town.pmtiles（12 MB，矢量，12–16 级）", or why it cannot serve. */
function fileLabel(f: PmtilesFile): string {
  if (!f.info) return `${f.name}（不可用：${f.problem}）`;
  return `${f.name}（${kb(f.bytes)}，${TILE_KIND[f.info.tileType]}，${f.info.minZoom}–${f.info.maxZoom} 级）`;
}

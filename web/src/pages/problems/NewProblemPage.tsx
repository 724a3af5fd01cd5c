// 上报问题, phone first: source, category (小类), tier, description, where
// (current position, a point on the map, or the community), photos uploaded
// one by one as they are picked. The office may file, or file and dispatch,
// in the same step. A per-form idempotency key makes a double tap harmless.
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Select, Space, Spin, Typography } from 'antd';
import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { useMapRecords } from '../../components/map/useMapRecords.ts';
import {
  SOURCES,
  SOURCE_LABELS,
  SOURCE_REF_LABELS,
  SOURCE_REF_REQUIRED,
  TIERS,
  TIER_LABELS,
  type Source,
  type Tier,
} from '../../../../domain/problems/vocab.ts';
import { CategoryCascader } from '../../components/CategoryCascader.tsx';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import type { Me } from '../../api/types.ts';
import { useDispatchUnits, useResolve, type Problem } from './api.ts';
import { DuplicateHints } from './DuplicateHints.tsx';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';

const MapPicker = lazy(() => import('../../components/MapPicker.tsx').then((m) => ({ default: m.MapPicker })));

interface Values {
  source: Source;
  sourceRef?: string;
  categoryId?: number;
  tier: Tier;
  description: string;
  regionCode?: string | null;
  address?: string;
  beforePhotoIds: number[];
  afterPhotoIds: number[];
  then: 'none' | 'file' | 'dispatch';
  unitId?: number;
  dueDate?: Dayjs | null;
}

export function newKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

function defaultSource(me: Me): Source {
  const roles = new Set(me.roles.map((r) => r.role));
  if (me.can['problem.office']) return 'self_check';
  if (roles.has('supervisor')) return 'supervision';
  if (roles.has('street_chief')) return 'patrol';
  return 'self_check';
}

function defaultCommunity(me: Me): string | undefined {
  const r = me.roles.find((x) => x.scopeRegionCode && x.scopeRegionCode.length >= 12);
  return r?.scopeRegionCode ?? undefined;
}

const GEO_ERRORS: Record<number, string> = {
  1: '未获得定位权限，请在浏览器设置中允许定位，或在地图上选点、选择社区',
  2: '暂时无法获取位置，请到开阔处重试，或在地图上选点、选择社区',
  3: '定位超时，请重试，或在地图上选点、选择社区',
};

export default function NewProblemPage() {
  const me = useMe().data!;
  const records = useMapRecords(me.can['region.read']);
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const key = useRef(newKey());
  const [uploading, setUploading] = useState({ before: false, after: false });
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [showMap, setShowMap] = useState(false);
  const [unitTouched, setUnitTouched] = useState(false);
  const office = me.can['problem.office'];

  const source = Form.useWatch('source', form) as Source | undefined;
  const tier = Form.useWatch('tier', form) as Tier | undefined;
  const then = Form.useWatch('then', form);
  const categoryId = Form.useWatch('categoryId', form) as number | undefined;
  const regionCode = Form.useWatch('regionCode', form) as string | undefined;
  const dispatching = office && then === 'dispatch' && tier !== 'on_spot';
  const units = useDispatchUnits(regionCode, dispatching);
  const routed = useResolve(categoryId, regionCode, dispatching && !!categoryId);

  // The routed unit is the default until the user picks another.
  useEffect(() => {
    if (dispatching && !unitTouched && routed.data?.unitId) form.setFieldValue('unitId', routed.data.unitId);
  }, [dispatching, unitTouched, routed.data?.unitId, form]);

  const initial = useMemo<Partial<Values>>(
    () => ({
      source: defaultSource(me),
      tier: 'community',
      beforePhotoIds: [],
      afterPhotoIds: [],
      then: 'none',
      regionCode: defaultCommunity(me),
    }),
    [me],
  );

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeoError('此浏览器不支持定位，请在地图上选点或选择社区');
      return;
    }
    setLocating(true);
    setGeoError(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setPoint({ lat: Number(pos.coords.latitude.toFixed(6)), lng: Number(pos.coords.longitude.toFixed(6)) });
      },
      (err) => {
        setLocating(false);
        setGeoError(GEO_ERRORS[err.code] ?? GEO_ERRORS[2]);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  };

  const { save, busy } = useSave({
    form,
    run: (v: Values) =>
      api.post<Problem & { replayed?: boolean }>('/problems', {
        source: v.source,
        sourceRef: SOURCE_REF_LABELS[v.source] ? v.sourceRef?.trim() || null : null,
        categoryId: v.categoryId,
        tier: v.tier,
        description: v.description,
        lat: point?.lat ?? null,
        lng: point?.lng ?? null,
        regionCode: v.regionCode || null,
        address: v.address?.trim() || null,
        beforePhotoIds: v.beforePhotoIds,
        afterPhotoIds: v.tier === 'on_spot' ? v.afterPhotoIds : [],
        then: office && v.tier !== 'on_spot' && v.then !== 'none' ? v.then : null,
        unitId: dispatching ? (v.unitId ?? null) : null,
        dueDate: dispatching && v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
        idempotencyKey: key.current,
      }),
    ok: (r) =>
      r.state === 'closed'
        ? `问题 ${r.code} 已随手整改并结案`
        : `问题 ${r.code} 已${r.state === 'dispatched' ? '立案并派遣' : r.state === 'filed' ? '立案' : '上报'}`,
    invalidate: [keys.problems.all],
    onOk: (r) => navigate(`/problems/${r.id}`, { replace: true }),
  });
  const submit = (v: Values) => {
    if (!point && !v.regionCode) {
      form.setFields([{ name: 'regionCode', errors: ['请使用当前位置、在地图上选点，或选择所在社区'] }]);
      return;
    }
    void save(v);
  };

  const refLabel = source ? SOURCE_REF_LABELS[source] : undefined;
  const refRequired = !!source && SOURCE_REF_REQUIRED.includes(source);
  const anyUploading = uploading.before || uploading.after;

  return (
    <div className="narrow-page">
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initial}
        onFinish={submit}
        scrollToFirstError
        onValuesChange={(ch) => {
          if ('unitId' in ch) setUnitTouched(true);
        }}
      >
        <Card size="small" title="问题" style={{ marginBottom: 12 }}>
          <Form.Item name="categoryId" label="问题类别" rules={[{ required: true, message: '请选择问题类别（具体到小类）' }]}>
            <CategoryCascader
              onPicked={(c) => {
                if (c) form.setFieldValue('tier', c.defaultTier);
              }}
            />
          </Form.Item>
          <Form.Item
            name="tier"
            label="整改层级"
            extra={
              tier === 'on_spot'
                ? '随手整：现场已整改，须同时上传整改前和整改后的照片，提交后直接结案'
                : tier === 'centralized'
                  ? '集中整：由镇里协调部门，须制定整改方案'
                  : undefined
            }
          >
            <Radio.Group optionType="button" buttonStyle="solid" options={TIERS.map((t) => ({ value: t, label: TIER_LABELS[t].replace(/（.*）/, '') }))} />
          </Form.Item>
          <Form.Item
            name="description"
            label="问题描述"
            rules={[
              { required: true, whitespace: true, message: '请描述问题' },
              { min: 2, message: '请描述问题（至少 2 个字）' },
              { max: 2000, message: '最多 2000 个字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder="例如：人民路口人行道上停放多辆机动车，影响通行" />
          </Form.Item>
          <Space wrap align="start" style={{ width: '100%' }} className="source-row">
            <Form.Item name="source" label="问题来源" rules={[{ required: true, message: '请选择问题来源' }]} style={{ minWidth: 180 }}>
              <Select options={SOURCES.filter((s) => s !== 'api' && s !== 'resident').map((s) => ({ value: s, label: SOURCE_LABELS[s] }))} />
            </Form.Item>
            {refLabel && (
              <Form.Item
                name="sourceRef"
                label={refRequired ? refLabel : `${refLabel}（选填）`}
                style={{ minWidth: 180 }}
                rules={[
                  { required: refRequired, whitespace: true, message: `请填写${refLabel}` },
                  { max: 100, message: '最多 100 个字' },
                ]}
              >
                <Input maxLength={100} />
              </Form.Item>
            )}
          </Space>
        </Card>

        <Card size="small" title="位置" style={{ marginBottom: 12 }}>
          <Space wrap style={{ marginBottom: 8 }}>
            <Button icon={<AimOutlined aria-hidden />} loading={locating} onClick={locate}>
              使用当前位置
            </Button>
            <Button icon={<EnvironmentOutlined aria-hidden />} onClick={() => setShowMap((s) => !s)}>
              {showMap ? '收起地图' : '在地图上选点'}
            </Button>
            {point && (
              <Button type="link" onClick={() => setPoint(null)} style={{ paddingInline: 0 }}>
                清除位置
              </Button>
            )}
          </Space>
          {point && (
            <div style={{ marginBottom: 8, color: '#555' }}>
              已定位：北纬 {point.lat.toFixed(5)}°，东经 {point.lng.toFixed(5)}°（提交后自动识别社区和最近点位）
            </div>
          )}
          {geoError && <Alert type="warning" showIcon title={geoError} style={{ marginBottom: 8 }} />}
          {showMap && (
            <div style={{ marginBottom: 8 }}>
              <Suspense
                fallback={
                  <div style={{ height: 260, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
                    <Spin />
                  </div>
                }
              >
                <MapPicker value={point} onChange={setPoint} records={records} height={260} />
              </Suspense>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                点击地图设置问题位置
              </Typography.Text>
            </div>
          )}
          <Form.Item name="regionCode" label="所在社区" extra={point ? '可不选：按位置自动识别；识别有误时请选择' : '没有定位时，请选择问题所在的社区或网格'}>
            <RegionTreeSelect levels={['community', 'grid']} placeholder="选择社区或网格" />
          </Form.Item>
          <Form.Item name="address" label="详细地址（选填）" rules={[{ max: 200, message: '最多 200 个字' }]} style={{ marginBottom: 0 }}>
            <Input maxLength={200} placeholder="例如：兆征路 28 号门口" />
          </Form.Item>
        </Card>

        <DuplicateHints categoryId={categoryId} point={point} />

        <Card size="small" title="照片" style={{ marginBottom: 12 }}>
          <Form.Item
            name="beforePhotoIds"
            label={tier === 'on_spot' ? '整改前照片' : '现场照片'}
            rules={tier === 'on_spot' ? [{ type: 'array', min: 1, message: '随手整须上传整改前的照片' }] : []}
          >
            <PhotoUploader id="before-photos" label="现场照片" onBusyChange={(b) => setUploading((u) => ({ ...u, before: b }))} />
          </Form.Item>
          {tier === 'on_spot' && (
            <Form.Item name="afterPhotoIds" label="整改后照片" rules={[{ type: 'array', min: 1, message: '随手整须上传整改后的照片' }]}>
              <PhotoUploader id="after-photos" label="整改后照片" onBusyChange={(b) => setUploading((u) => ({ ...u, after: b }))} />
            </Form.Item>
          )}
        </Card>

        {office && tier !== 'on_spot' && (
          <Card size="small" title="办理" style={{ marginBottom: 12 }}>
            <Form.Item name="then" style={{ marginBottom: then === 'dispatch' ? 12 : 0 }}>
              <Radio.Group
                options={[
                  { value: 'none', label: '仅上报' },
                  { value: 'file', label: '立即立案' },
                  { value: 'dispatch', label: '立案并派遣' },
                ]}
              />
            </Form.Item>
            {then === 'dispatch' && (
              <>
                <Form.Item
                  name="unitId"
                  label="责任单位"
                  extra={
                    routed.data
                      ? `${routed.data.reason}${routed.data.unitId ? '（可改选）' : ''}`
                      : regionCode
                        ? undefined
                        : '不选则按调度规则自动派遣；选择社区后可看到推荐的单位'
                  }
                >
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    options={units.data ?? []}
                    loading={units.isLoading}
                    placeholder="按调度规则自动派遣"
                    notFoundContent={regionCode ? '没有可派遣的单位' : '请先选择所属社区'}
                  />
                </Form.Item>
                <Form.Item name="dueDate" label="整改期限（选填）" extra="不填则按问题类别的工作日时限自动计算" style={{ marginBottom: 0 }}>
                  <DatePicker style={{ width: '100%' }} inputReadOnly placeholder="选择日期" />
                </Form.Item>
              </>
            )}
          </Card>
        )}

        <Button type="primary" htmlType="submit" block size="large" loading={busy} disabled={anyUploading}>
          {anyUploading ? '照片上传中…' : tier === 'on_spot' ? '提交并结案' : '提交'}
        </Button>
      </Form>
    </div>
  );
}

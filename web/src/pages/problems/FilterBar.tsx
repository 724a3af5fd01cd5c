// The problem filter bar, shared by the list and the map: keyword, state,
// community, and (under 更多筛选) category, unit, source, tier, point type, created date
// range, due date range and overdue only. Controlled: the page keeps the filter in the URL.
import { useEffect, useState } from 'react';
import { Badge, Button, Checkbox, DatePicker, Input, Select } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { PROBLEM_STATES, PROBLEM_STATE_LABELS, SOURCES, SOURCE_LABELS, TIERS } from '../../../../domain/problems/vocab.ts';
import { POINT_TYPES, POINT_TYPE_LABELS } from '../../../../domain/regions.ts';
import { CategoryCascader } from '../../components/CategoryCascader.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { useRoutableUnits } from './api.ts';
import { TIER_SHORT } from './labels.tsx';
import { isEmptyFilter, type ProblemFilter } from './views-api.ts';
import './views.css';

const MORE_KEYS: (keyof ProblemFilter)[] = ['categoryId', 'unitId', 'source', 'tier', 'pointType', 'createdFrom', 'createdTo', 'dueFrom', 'dueTo', 'overdue'];

export function FilterBar({
  value,
  onChange,
  extra,
}: {
  value: ProblemFilter;
  onChange: (f: ProblemFilter) => void;
  /** Page-specific controls at the end of the first row. */
  extra?: React.ReactNode;
}) {
  const moreCount = MORE_KEYS.filter((k) => value[k] !== undefined && !(Array.isArray(value[k]) && !(value[k] as unknown[]).length)).length;
  const [more, setMore] = useState(moreCount > 0);
  const [text, setText] = useState(value.q ?? '');
  // Back/forward changes the URL: follow it.
  useEffect(() => {
    setText(value.q ?? '');
  }, [value.q]);
  const units = useRoutableUnits(more);
  const set = (patch: Partial<ProblemFilter>) => {
    const next: ProblemFilter = { ...value, ...patch };
    for (const k of Object.keys(next) as (keyof ProblemFilter)[]) {
      const v = next[k];
      if (v === undefined || v === null || v === '' || v === false || (Array.isArray(v) && !v.length)) delete next[k];
    }
    onChange(next);
  };

  return (
    <div className="filter-bar" role="search" aria-label="筛选问题">
      <div className="filter-grid">
        <Input.Search
          aria-label="关键词"
          placeholder="搜索描述、地址、编号"
          allowClear
          value={text}
          maxLength={100}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value) set({ q: undefined });
          }}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          enterButton="搜索"
        />
        <Select
          mode="multiple"
          aria-label="状态"
          placeholder="状态（可多选）"
          allowClear
          maxTagCount="responsive"
          value={value.state ?? []}
          onChange={(v) => set({ state: v })}
          options={PROBLEM_STATES.map((s) => ({ value: s, label: PROBLEM_STATE_LABELS[s] }))}
        />
        <RegionTreeSelect value={value.regionCode ?? null} onChange={(v) => set({ regionCode: v ?? undefined })} placeholder="社区或网格" id="filter-region" />
        <div className="filter-actions">
          <Badge count={more ? 0 : moreCount} size="small">
            <Button icon={<FilterOutlined aria-hidden />} onClick={() => setMore((m) => !m)} aria-expanded={more}>
              {more ? '收起筛选' : '更多筛选'}
            </Button>
          </Badge>
          {!isEmptyFilter(value) && (
            <Button
              type="link"
              onClick={() => {
                setText('');
                onChange({});
              }}
              style={{ paddingInline: 4 }}
            >
              清空筛选
            </Button>
          )}
          {extra}
        </div>
      </div>
      {more && (
        <div className="filter-grid filter-more">
          <CategoryCascader
            value={value.categoryId?.[0] ?? null}
            onChange={(v) => set({ categoryId: v ? [v] : undefined })}
            placeholder="问题类别"
            id="filter-category"
          />
          <Select
            aria-label="责任单位"
            placeholder="责任单位"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={value.unitId}
            onChange={(v) => set({ unitId: v })}
            options={units.data ?? []}
            loading={units.isLoading}
            notFoundContent="没有匹配的单位"
          />
          <Select
            mode="multiple"
            aria-label="来源"
            placeholder="问题来源"
            allowClear
            maxTagCount="responsive"
            value={value.source ?? []}
            onChange={(v) => set({ source: v })}
            options={SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))}
          />
          <Select
            mode="multiple"
            aria-label="整改层级"
            placeholder="整改层级"
            allowClear
            value={value.tier ?? []}
            onChange={(v) => set({ tier: v })}
            options={TIERS.map((t) => ({ value: t, label: TIER_SHORT[t] }))}
          />
          <Select
            mode="multiple"
            aria-label="点位类型"
            placeholder="点位类型"
            allowClear
            maxTagCount="responsive"
            value={value.pointType ?? []}
            onChange={(v) => set({ pointType: v })}
            options={POINT_TYPES.map((t) => ({ value: t, label: POINT_TYPE_LABELS[t] }))}
          />
          <DatePicker.RangePicker
            aria-label="上报日期"
            placeholder={['上报日期从', '到']}
            inputReadOnly
            allowEmpty={[true, true]}
            value={[value.createdFrom ? dayjs(value.createdFrom) : null, value.createdTo ? dayjs(value.createdTo) : null]}
            onChange={(r) => set({ createdFrom: r?.[0]?.format('YYYY-MM-DD'), createdTo: r?.[1]?.format('YYYY-MM-DD') })}
          />
          <DatePicker.RangePicker
            aria-label="整改期限"
            placeholder={['整改期限从', '到']}
            inputReadOnly
            allowEmpty={[true, true]}
            value={[value.dueFrom ? dayjs(value.dueFrom) : null, value.dueTo ? dayjs(value.dueTo) : null]}
            onChange={(r) => set({ dueFrom: r?.[0]?.format('YYYY-MM-DD'), dueTo: r?.[1]?.format('YYYY-MM-DD') })}
          />
          <Checkbox checked={!!value.overdue} onChange={(e) => set({ overdue: e.target.checked || undefined })} className="filter-check">
            只看超期
          </Checkbox>
        </div>
      )}
    </div>
  );
}

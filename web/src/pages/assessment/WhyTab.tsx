// 考核评比's 得分说明 tab: the "why" of a subject's score in a period (base,
// every entry with its cause and rule version), with .xlsx export.
import { Link } from 'react-router';
import { Result, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import { useUnitOptions } from '../../api/queries.ts';
import type { Person } from '../../api/types.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import type { PeriodKind } from '../../../../domain/assessment/periods.ts';
import { SUBJECT_KINDS, SUBJECT_KIND_LABELS } from '../../../../domain/assessment/rules.ts';
import { keys } from '../../api/keys.ts';
import type { Why as WhyAnswer } from '../../../../domain/api/assessment.ts';

type WhyEntry = WhyAnswer['entries'][number];
export function Why({
  region,
  kind,
  date,
  subject,
  onSubject,
}: {
  region: string;
  kind: PeriodKind;
  date: string;
  subject: { kind: string; ref: string };
  onSubject: (kind: string, ref: string) => void;
}) {
  const ref = subject.ref || (region.length >= 12 ? region : '');
  const subjectKind = subject.kind;
  const units = useUnitOptions(subjectKind === 'unit');
  const chiefs = useQuery({
    enabled: subjectKind === 'street_chief',
    queryKey: keys.people.streetChiefs(region),
    queryFn: () => api.get<{ items: Person[] }>('/people', { role: 'street_chief', regionCode: region, limit: 200 }),
    select: (r) => r.items.map((p) => ({ value: p.id, label: `${p.name}（${p.regionName ?? ''}）` })),
  });
  const q = useQuery({
    enabled: /^\d+$/.test(ref),
    queryKey: keys.assessment.why(subjectKind, ref, kind, date),
    queryFn: () => api.get<WhyAnswer>('/assessment/why', { subjectKind, ref, kind, date }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label="考核对象类型"
          value={subjectKind}
          onChange={(k) => onSubject(k, '')}
          style={{ width: 120 }}
          options={SUBJECT_KINDS.map((k) => ({ value: k, label: SUBJECT_KIND_LABELS[k] }))}
        />
        {subjectKind === 'street_chief' ? (
          <Select
            aria-label="考核对象"
            showSearch
            optionFilterProp="label"
            value={ref ? Number(ref) : undefined}
            onChange={(v) => onSubject('street_chief', String(v))}
            placeholder="请选择街巷长"
            style={{ width: 300 }}
            options={chiefs.data ?? []}
            loading={chiefs.isLoading}
            notFoundContent="本区域没有街巷长"
          />
        ) : subjectKind === 'unit' ? (
          <Select
            aria-label="考核对象"
            showSearch
            optionFilterProp="label"
            value={ref ? Number(ref) : undefined}
            onChange={(v) => onSubject('unit', String(v))}
            placeholder="请选择责任单位"
            style={{ width: 300 }}
            options={units.data ?? []}
            loading={units.isLoading}
          />
        ) : (
          <RegionTreeSelect
            placeholder={subjectKind === 'town' ? '请选择乡镇' : '请选择社区'}
            levels={subjectKind === 'town' ? ['town'] : ['community']}
            value={ref || null}
            onChange={(v) => onSubject(subjectKind, v ?? '')}
            style={{ width: 260 }}
          />
        )}
        {q.data && <a href={withQuery('/api/assessment/why.xlsx', { subjectKind, ref, kind, date })}>导出 Excel</a>}
      </Space>
      {!ref && (
        <Typography.Text type="secondary">
          选择一个社区、乡镇、责任单位或街巷长，查看本期每一笔加减分的来源、规则和版本；在红黑榜中点击名称也可直接查看。
        </Typography.Text>
      )}
      {q.error && <Result status="warning" title={q.error.message} />}
      {q.data && (
        <Typography.Paragraph>
          {q.data.subject.name} {q.data.period.title}：基础分 {q.data.baseScore}，加减分 {q.data.points}，得分 <b>{q.data.score}</b>
        </Typography.Paragraph>
      )}
      <Table<WhyEntry>
        rowKey={(e) => e.id ?? `${e.onDate}|${e.causeKind}|${e.causeId}|${e.eventKind}|${e.ruleKey}|${e.ruleVersion}`}
        size="small"
        dataSource={q.data?.entries ?? []}
        pagination={{ pageSize: 50 }}
        locale={{ emptyText: q.data ? '本期没有加减分记录：得分即基础分' : '请先选择考核对象' }}
        columns={[
          { title: '日期', dataIndex: 'onDate', width: 110 },
          { title: '事项', dataIndex: 'eventLabel' },
          { title: '分值', dataIndex: 'points', width: 70 },
          { title: '数量', dataIndex: 'quantity', width: 60 },
          {
            title: '原因记录',
            render: (_, e) =>
              e.causeKind === 'problem' ? (
                <Link to={`/problems/${e.causeId}`}>{e.causeRef}</Link>
              ) : e.causeKind === 'miss' ? (
                <Link to={`/inspections/compliance?tab=misses`} title="巡查考勤：漏巡记录">
                  {e.causeRef}（漏巡）
                </Link>
              ) : e.causeKind === 'activity' ? (
                <Link to={`/activities/${e.causeId}`}>{e.causeRef}</Link>
              ) : (
                e.causeRef
              ),
          },
          { title: '规则（版本）', render: (_, e) => `${e.ruleName}（第 ${e.ruleVersion} 版）` },
          { title: '说明', dataIndex: 'note' },
        ]}
      />
    </Space>
  );
}

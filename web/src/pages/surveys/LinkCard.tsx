// 关联问题或整改方案: the office links a 摸排 need to a problem of its town
// (searched by code or words); when that problem has a rectification plan the
// need is linked to the plan too (the server follows the problem to its plan).
// A link can be changed or removed; each change goes into the need's history.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Descriptions, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { useFeedback } from '../../components/useActions.ts';
import type { NeedDetail } from '../../../../domain/api/surveys.ts';
import type { ProblemList } from '../../../../domain/api/problems.ts';
import type { PlanView } from '../../../../domain/api/plans.ts';

/** The problems of the town matching the words typed (code, description or address), newest first. */
function useCandidates(town: string, q: string) {
  return useQuery({
    queryKey: keys.surveys.linkCandidates(town, q),
    enabled: q.trim().length > 0,
    queryFn: () => api.get<ProblemList>('/problems', { regionCode: town, q: q.trim(), limit: 20 }),
  });
}

function usePlan(problemId: number | null) {
  return useQuery({
    queryKey: keys.problems.plan(problemId ?? 0),
    enabled: problemId !== null,
    queryFn: () => api.get<PlanView>(`/problems/${problemId}/plan`),
  });
}

export function LinkCard({ need }: { need: NeedDetail }) {
  const town = need.regionCode.slice(0, 9);
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<number | null>(null);
  const { confirm } = useFeedback();
  const found = useCandidates(town, q);
  const linkedPlan = usePlan(need.problem?.id ?? null).data?.plan ?? null;
  const chosenPlan = usePlan(chosen).data;
  const link = useSave({
    run: (problemId: number | null) => api.put(`/surveys/needs/${need.id}/link`, { version: need.version, problemId, planId: null }),
    ok: (_r, problemId) => (problemId ? '已关联' : '已取消关联'),
    invalidate: [keys.surveys.all],
    onOk: () => {
      setChosen(null);
      setQ('');
    },
  });
  const items = found.data?.items ?? [];
  return (
    <Card size="small" title="关联问题或整改方案" style={{ marginTop: 16 }}>
      {need.problem ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label="已关联问题">
            <Link to={`/problems/${need.problem.id}`}>{need.problem.code}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="整改方案">
            {need.planId ? (
              <Link to={`/problems/${need.problem.id}`}>{linkedPlan?.summary ?? '查看整改方案'}</Link>
            ) : (
              '该问题还没有整改方案；问题制定方案后，关联会随之生效。'
            )}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Paragraph type="secondary">需求已立项或转为问题整改时，在这里关联本镇的问题；问题有整改方案的，一并关联整改方案。</Typography.Paragraph>
      )}
      <Space wrap align="start" style={{ marginTop: 8 }}>
        <Select<number>
          showSearch={{ filterOption: false, onSearch: setQ }}
          value={chosen ?? undefined}
          onChange={(v) => setChosen(v ?? null)}
          allowClear
          onClear={() => setChosen(null)}
          placeholder="输入问题编号或描述中的字词查找"
          style={{ width: 420 }}
          loading={found.isFetching}
          aria-label="查找要关联的问题"
          notFoundContent={q.trim() ? (found.isFetching ? '查找中…' : '本镇没有符合的问题') : '请输入问题编号或描述中的字词'}
          options={items.map((p) => ({
            value: p.id,
            label: `${p.code} ${p.description.slice(0, 30)}`,
          }))}
          optionRender={(o) => {
            const p = items.find((x) => x.id === o.value);
            return p ? (
              <span>
                <b>{p.code}</b> <Tag>{p.stateLabel}</Tag>
                {p.description}
                {p.placeName ? `（${p.placeName}）` : ''}
              </span>
            ) : (
              o.label
            );
          }}
        />
        <Button type="primary" disabled={!chosen || chosen === need.problem?.id} loading={link.busy} onClick={() => chosen && link.save(chosen)}>
          {need.problem ? '改为关联该问题' : '关联'}
        </Button>
        {need.problem && (
          <Button danger onClick={() => confirm('取消关联', '取消后需求不再对应任何问题或整改方案。确定取消吗？', () => link.save(null))}>
            取消关联
          </Button>
        )}
      </Space>
      {chosen && chosenPlan && (
        <Alert
          style={{ marginTop: 8 }}
          type={chosenPlan.plan ? 'success' : 'info'}
          showIcon
          title={chosenPlan.plan ? `该问题有整改方案，将一并关联：${chosenPlan.plan.summary}` : '该问题还没有整改方案，先关联问题。'}
        />
      )}
    </Card>
  );
}

// 区划与点位: the region tree on the left (a picker on phones), the chosen
// region on the right. The selection lives in the URL (?code=) so it can be
// linked and survives a reload.
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Card, Col, Grid, Input, Row, Spin, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { flattenTree, useRegionTree } from '../../api/queries.ts';
import type { TreeNode } from '../../api/types.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { RegionDetailView } from './RegionDetail.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

function toData(nodes: TreeNode[], filter: string): DataNode[] {
  const out: DataNode[] = [];
  for (const n of nodes) {
    const kids = toData(n.children, filter);
    if (!filter || n.name.includes(filter) || n.code.startsWith(filter) || kids.length) {
      out.push({ key: n.code, title: n.name, children: kids.length ? kids : undefined, isLeaf: !n.children.length });
    }
  }
  return out;
}

export default function RegionsPage() {
  const tree = useRegionTree();
  const [params, setParams] = useSearchParams();
  const code = params.get('code');
  const [filter, setFilter] = useState('');
  const desktop = !!Grid.useBreakpoint().lg;
  const flat = useMemo(() => flattenTree(tree.data), [tree.data]);

  // Open the user's town (or first root) when nothing is chosen yet.
  useEffect(() => {
    if (code || !flat.length) return;
    const first = flat.find((n) => n.level === 'town') ?? flat[0];
    setParams({ code: first.code }, { replace: true });
  }, [code, flat, setParams]);

  const select = (c: string) => setParams({ code: c });
  const data = useMemo(() => toData(tree.data ?? [], filter.trim()), [tree.data, filter]);
  const expanded = useMemo(() => {
    if (filter.trim()) return flat.filter((n) => n.children.length).map((n) => n.code);
    const keys = flat.filter((n) => n.level !== 'community' && (!code || code.startsWith(n.code))).map((n) => n.code);
    return keys;
  }, [flat, code, filter]);
  const [expandedKeys, setExpandedKeys] = useState<React.Key[]>([]);
  useEffect(() => setExpandedKeys(expanded), [expanded]);

  if (tree.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!tree.data?.length) {
    return (
      <Card>
        <EmptyState text="您的管辖范围内还没有区划。请系统管理员先按乡镇代码导入本镇的社区（村），之后可在此添加单元网格、街巷、小区和点位。" />
      </Card>
    );
  }

  return (
    <div>
      <Row gutter={[16, 16]}>
        {desktop ? (
          <Col lg={7} xl={6}>
            <Card size="small" title="行政区划" styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflow: 'auto' } }}>
              <Input.Search allowClear placeholder="查找社区名称或代码" onChange={(e) => setFilter(e.target.value)} style={{ marginBottom: 8 }} />
              <Tree
                treeData={data}
                selectedKeys={code ? [code.slice(0, 12)] : []}
                expandedKeys={expandedKeys}
                onExpand={setExpandedKeys}
                onSelect={(keys) => keys[0] && select(String(keys[0]))}
                blockNode
              />
            </Card>
          </Col>
        ) : (
          <Col span={24}>
            <RegionTreeSelect value={code ? code.slice(0, 12) : null} onChange={(v) => v && select(v)} allowClear={false} placeholder="选择区域" />
          </Col>
        )}
        <Col xs={24} lg={17} xl={18}>
          {code ? (
            <RegionDetailView code={code} onSelect={select} />
          ) : (
            <Card>
              <EmptyState text="请在左侧选择一个区域" />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}

// 人员与角色: search, role filter, keyset paging; create, edit, roles,
// streets, password reset, unlock, sessions and Excel import, each shown
// only when the API's `can` says so.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Card, Dropdown, Grid, Input, Modal, Select, Space, Table, Tag, Typography, type MenuProps } from 'antd';
import { DownOutlined, LeftOutlined, PlusOutlined, RightOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { PeoplePage as Page, Person } from '../../api/types.ts';
import { ROLES, ROLE_LABELS, type Role } from '../../../../domain/roles.ts';
import { useMe } from '../../api/queries.ts';
import { PLACE_KIND_LABELS } from '../../../../domain/regions.ts';
import { useFeedback } from '../../components/useActions.ts';
import { useShowPassword } from '../../components/ShowPassword.tsx';
import { SessionsTable } from '../../components/SessionsTable.tsx';
import { PersonFormModal } from './PersonFormModal.tsx';
import { RolesModal } from './RolesModal.tsx';
import { PlacesModal } from './PlacesModal.tsx';
import { ImportModal } from './ImportModal.tsx';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

const LIMIT = 20;
type Dialog = { kind: 'create' } | { kind: 'edit' | 'roles' | 'places' | 'sessions'; person: Person } | { kind: 'import' } | null;

function roleTag(r: Person['roles'][number]) {
  const scope = r.scopeRegionName ?? r.scopeUnitName ?? (r.role === 'admin' ? '全部区域' : '');
  return (
    <Tag key={r.id ?? `${r.role}-${scope}`} color={r.role === 'admin' ? 'red' : 'blue'} style={{ whiteSpace: 'normal' }}>
      {r.roleLabel ?? ROLE_LABELS[r.role]}
      {scope ? `·${scope}` : ''}
    </Tag>
  );
}

export default function PeoplePage() {
  const me = useMe().data!;
  const wide = !!Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const [dialog, setDialog] = useState<Dialog>(params.get('import') ? { kind: 'import' } : null);
  const qc = useQueryClient();
  const { confirm } = useFeedback();
  const showPassword = useShowPassword();

  const list = useQuery({
    queryKey: keys.people.list(q, role, cursor),
    queryFn: () => api.get<Page>('/people', { q, role, cursor, limit: LIMIT }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: keys.people.all });
  const resetPaging = () => setCursors([undefined]);
  const close = () => {
    setDialog(null);
    if (params.get('import')) setParams({}, { replace: true });
  };

  const reset = useSave({
    run: (p: Person) => api.post<{ password: string }>(`/people/${p.id}/reset-password`),
    invalidate: [keys.people.all],
    onOk: (r, p) => showPassword('密码已重置', p.name, r.password),
  });
  const resetPassword = (p: Person) => confirm('重置密码', `将为${p.name}生成新的初始密码，其所有设备立即下线。确定继续吗？`, () => reset.save(p), false);
  const unlockSave = useSave({ run: (p: Person) => api.post(`/people/${p.id}/unlock`), ok: (_, p) => `已解锁${p.name}的账号`, invalidate: [keys.people.all] });
  const unlock = (p: Person) => unlockSave.save(p);

  const actions = (p: Person): MenuProps['items'] => {
    const items: NonNullable<MenuProps['items']> = [];
    if (p.can.update) items.push({ key: 'roles', label: '角色', onClick: () => setDialog({ kind: 'roles', person: p }) });
    if (p.can.update && (p.roles.some((r) => r.role === 'street_chief') || p.places.length))
      items.push({ key: 'places', label: '负责街巷', onClick: () => setDialog({ kind: 'places', person: p }) });
    if (p.can.resetPassword) items.push({ key: 'reset', label: '重置密码', onClick: () => resetPassword(p) });
    if (p.can.update && p.locked) items.push({ key: 'unlock', label: '解锁', onClick: () => unlock(p) });
    if (p.can.revokeSessions) items.push({ key: 'sessions', label: '会话', onClick: () => setDialog({ kind: 'sessions', person: p }) });
    return items;
  };

  const data = list.data;
  const filtered = !!(q || role);
  return (
    <div>
      <PageExtra>
        <Space wrap>
          {data?.can.import && (
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => setDialog({ kind: 'import' })}>
              批量导入
            </Button>
          )}
          {data?.can.create && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
              新增人员
            </Button>
          )}
        </Space>
      </PageExtra>
      <Card>
        <div className="toolbar">
          <Input.Search
            allowClear
            placeholder="姓名、手机号或用户名"
            onSearch={(v) => {
              setQ(v.trim());
              resetPaging();
            }}
            style={{ width: 240 }}
          />
          <Select
            allowClear
            placeholder="全部角色"
            value={role}
            onChange={(v) => {
              setRole(v);
              resetPaging();
            }}
            style={{ width: 160 }}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
        </div>
        <Table<Person>
          rowKey="id"
          loading={list.isFetching && !data}
          dataSource={data?.items ?? []}
          pagination={false}
          locale={{
            emptyText: (
              <EmptyState
                text={
                  filtered
                    ? '没有符合条件的人员，请调整搜索条件'
                    : data?.can.create
                      ? '还没有人员，点击“新增人员”逐个添加，或用“批量导入”从 Excel 导入'
                      : '您的管辖范围内还没有人员'
                }
              />
            ),
          }}
          expandable={{
            expandedRowRender: (p) => (
              <div className="wrap-anywhere">
                <div>
                  用户名：{p.username ? <span className="mono">{p.username}</span> : '—'}　职务：{p.title || '—'}
                </div>
                <div>所属：{[p.regionName, p.unitName].filter(Boolean).join(' · ') || '—'}</div>
                <div>负责街巷：{p.places.length ? p.places.map((x) => `${x.name}（${PLACE_KIND_LABELS[x.kind]}）`).join('、') : '无'}</div>
              </div>
            ),
          }}
          columns={[
            {
              title: '姓名',
              dataIndex: 'name',
              render: (v: string, p) => (
                <div>
                  <Space size={4} wrap>
                    <b>{v}</b>
                    {!p.active && <Tag>已停用</Tag>}
                    {p.locked && <Tag color="orange">已锁定</Tag>}
                    {p.mustChangePassword && p.active && <Tag color="default">待改密</Tag>}
                  </Space>
                  <div style={{ color: '#888', fontSize: 12 }}>
                    {p.phone ?? '未填手机号'}
                    {p.title ? ` · ${p.title}` : ''}
                  </div>
                  {!wide && p.roles.length > 0 && <div style={{ marginTop: 4 }}>{p.roles.map(roleTag)}</div>}
                </div>
              ),
            },
            { title: '所属单位', dataIndex: 'unitName', responsive: ['lg'], render: (v: string | null, p) => v ?? p.regionName ?? '—' },
            {
              title: '角色',
              dataIndex: 'roles',
              responsive: ['md'],
              render: (rs: Person['roles']) =>
                rs.length ? (
                  <Space size={[0, 4]} wrap>
                    {rs.map(roleTag)}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">未分配</Typography.Text>
                ),
            },
            { title: '负责街巷', dataIndex: 'places', responsive: ['xl'], width: 90, render: (ps: Person['places']) => (ps.length ? `${ps.length} 处` : '—') },
            {
              title: '操作',
              key: 'ops',
              width: 140,
              render: (_: unknown, p) => {
                const more = actions(p) ?? [];
                return (
                  <Space size={0} style={{ whiteSpace: 'nowrap' }}>
                    {p.can.update && (
                      <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', person: p })}>
                        编辑
                      </Button>
                    )}
                    {more.length > 0 && (
                      <Dropdown menu={{ items: more }} trigger={['click']}>
                        <Button type="link" size="small">
                          更多 <DownOutlined aria-hidden />
                        </Button>
                      </Dropdown>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
        {data && data.total > 0 && (
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginTop: 12 }}>
            <Typography.Text type="secondary">
              共 {data.total} 人 · 第 {cursors.length} 页
            </Typography.Text>
            <Space>
              <Button icon={<LeftOutlined aria-hidden />} disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                上一页
              </Button>
              <Button disabled={!data.nextCursor} onClick={() => setCursors((c) => [...c, data.nextCursor!])}>
                下一页 <RightOutlined aria-hidden />
              </Button>
            </Space>
          </div>
        )}
      </Card>

      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <PersonFormModal
          person={dialog.kind === 'edit' ? dialog.person : null}
          onClose={close}
          onSaved={(r) => {
            close();
            if (r.initialPassword) showPassword('人员已添加', r.person.name, r.initialPassword);
          }}
        />
      )}
      {dialog?.kind === 'roles' && <RolesModal person={dialog.person} onClose={close} onSaved={close} />}
      {dialog?.kind === 'places' && <PlacesModal person={dialog.person} onClose={close} onSaved={close} />}
      {dialog?.kind === 'import' && <ImportModal onClose={close} onImported={refresh} />}
      {dialog?.kind === 'sessions' && (
        <Modal open title={`会话：${dialog.person.name}`} onCancel={close} footer={null} width={760}>
          <SessionsTable personId={dialog.person.id} canRevoke={dialog.person.can.revokeSessions} currentHint={dialog.person.id === me.user.id} />
        </Modal>
      )}
    </div>
  );
}

// 个人中心: my information and roles, change password, my sessions, sign out.
import { Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useMe } from '../../api/queries.ts';
import { useLogout } from '../../shell/AppLayout.tsx';
import { ChangePasswordForm } from '../../components/ChangePasswordForm.tsx';
import { SessionsTable } from '../../components/SessionsTable.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';

export default function ProfilePage() {
  const me = useMe().data!;
  const logout = useLogout();
  const u = me.user;
  return (
    <div>
      <PageExtra>
        <Button danger icon={<LogoutOutlined aria-hidden />} onClick={logout}>
          退出登录
        </Button>
      </PageExtra>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title="我的信息" size="small">
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'name', label: '姓名', children: u.name },
                { key: 'phone', label: '手机号', children: u.phone || '—' },
                { key: 'username', label: '用户名', children: u.username ? <span className="mono">{u.username}</span> : '—' },
                { key: 'title', label: '职务', children: u.title || '—' },
                { key: 'region', label: '所属区域', children: u.regionName || '—' },
                { key: 'unit', label: '所属单位', children: u.unitName ? `${u.unitName}${u.unitKindLabel ? `（${u.unitKindLabel}）` : ''}` : '—' },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 8 }}>
              角色与管辖范围
            </Typography.Title>
            {me.roles.length ? (
              <Space wrap>
                {me.roles.map((r, i) => (
                  <Tag key={i} color="red" style={{ whiteSpace: 'normal' }}>
                    {r.roleLabel}：{r.scopeRegionName ?? (r.scopeUnitId ? (u.unitName ?? '所属单位') : '全部区域')}
                  </Tag>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">暂无角色，请联系镇创城办管理员分配。</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="修改密码" size="small">
            <ChangePasswordForm />
          </Card>
        </Col>
        <Col span={24}>
          <Card title="我的登录设备" size="small" extra={<Typography.Text type="secondary">修改密码后，其他设备会自动下线</Typography.Text>}>
            <SessionsTable personId={u.id} canRevoke={me.can['session.revoke']} currentHint />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

// 首页: greeting, the figures the caller acts on (GET /api/home, HomeFigures.tsx),
// my 待办, my roles and scopes, then the quick links. Three requests: /home,
// /inbox/counts and the region tree (/me is the shell's).
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  FileSearchOutlined,
  MobileOutlined,
  ToolOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMe, useRegionTree } from '../../api/queries.ts';
import { greeting, fmtDate } from '../../components/format.ts';
import { InboxSummary } from '../inbox/InboxSummary.tsx';
import { useInboxCounts } from '../inbox/api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import type { HomeFigures } from '../../../../domain/api/home.ts';
import { usePageTitle } from '../../components/PageHeader.tsx';
import { CountyNoticesCard, PatrolCard, ProblemFigures, RankingCard, TownsCard, TrendCard, WorstPointsCard } from './HomeFigures.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

/** `page`: a link out of the desk app (the phone app at /m is a page of its own). */
interface QuickLink {
  to: string;
  icon: React.ReactNode;
  title: string;
  desc: string;
  page?: boolean;
}

function QuickLinkCard({ link: l }: { link: QuickLink }) {
  const card = (
    <Card hoverable size="small">
      <Card.Meta avatar={<span style={{ fontSize: 22, color: '#c0392b' }}>{l.icon}</span>} title={l.title} description={l.desc} />
    </Card>
  );
  return l.page ? <a href={l.to}>{card}</a> : <Link to={l.to}>{card}</Link>;
}

export default function HomePage() {
  const me = useMe().data!;
  const tree = useRegionTree(me.can['region.read']);
  const { user, roles, can } = me;
  const home = useQuery({ queryKey: keys.problems.home(), queryFn: () => api.get<HomeFigures>('/home'), enabled: roles.length > 0 });
  const inbox = useInboxCounts(roles.length > 0);
  const figures = home.data;
  const side =
    figures &&
    [
      figures.trend && <TrendCard key="trend" trend={figures.trend} />,
      figures.ranking && <RankingCard key="ranking" r={figures.ranking} />,
      figures.worstPoints && <WorstPointsCard key="worst" points={figures.worstPoints} />,
      figures.patrols && <PatrolCard key="patrols" p={figures.patrols} />,
    ].filter(Boolean);

  const links: QuickLink[] = [];
  if (can['inspection.record'])
    links.push({
      to: '/m/',
      page: true,
      icon: <MobileOutlined aria-hidden />,
      title: '手机巡查',
      desc: '在手机上打开：今日巡查、逐项检查、随手整和上报问题，没有网络也能用',
    });
  if (can['problem.rectify'])
    links.push({
      to: '/m/tasks',
      page: true,
      icon: <ToolOutlined aria-hidden />,
      title: '手机整改',
      desc: '在手机上接收派给您的问题，拍下整改后的照片提交；不属于您的可以退回，没有网络也能用',
    });
  if (can['poll.interview'])
    links.push({
      to: '/m/poll',
      page: true,
      icon: <MobileOutlined aria-hidden />,
      title: '手机问卷调查',
      desc: '在手机上为受访居民填写问卷，查看各社区的配额进度，没有网络也能用',
    });
  if (can['inspection.read'])
    links.push({ to: '/inspections', icon: <FileSearchOutlined aria-hidden />, title: '巡查记录', desc: '巡查、督查、暗访和模拟测评的记录与考勤' });
  if (can['region.read'])
    links.push({
      to: '/regions',
      icon: <ApartmentOutlined aria-hidden />,
      title: '区划与点位',
      desc: can['region.manage'] ? '维护单元网格、街巷、小区和测评点位' : '查看社区、网格、街巷和点位',
    });
  if (can['unit.read'])
    links.push({
      to: '/units',
      icon: <BankOutlined aria-hidden />,
      title: '单位',
      desc: can['unit.manage'] ? '登记共建单位、职能部门和志愿服务队' : '查看各类单位及挂钩社区',
    });
  if (can['person.read'])
    links.push({
      to: '/people',
      icon: <TeamOutlined aria-hidden />,
      title: '人员与角色',
      desc: can['person.manage'] ? '新增人员、分配角色和负责街巷' : '查看人员及其角色',
    });
  if (can['person.import'])
    links.push({ to: '/people?import=1', icon: <UploadOutlined aria-hidden />, title: '批量导入人员', desc: '下载模板，填好后上传 Excel' });
  if (can['audit.read']) links.push({ to: '/audit', icon: <AuditOutlined aria-hidden />, title: '审计日志', desc: '查看操作记录并校验哈希链' });
  links.push({ to: '/profile', icon: <UserOutlined aria-hidden />, title: '个人中心', desc: '修改密码、查看登录设备' });

  usePageTitle(`${greeting()}，${user.name}`);
  const noRegions = can['region.read'] && tree.isSuccess && tree.data.length === 0;

  const today = (
    <Typography.Paragraph type="secondary">
      今天是{fmtDate(new Date())}。{[user.regionName, user.unitName, user.title].filter(Boolean).join(' · ')}
    </Typography.Paragraph>
  );
  // The page appears in one piece once its figures and to-dos are in: drawn as each arrived, every card below moved.
  if (roles.length > 0 && (home.isPending || inbox.isPending))
    return (
      <div>
        {today}
        <PageLoading />
      </div>
    );

  return (
    <div>
      {today}

      {figures?.countyNotices && <CountyNoticesCard notices={figures.countyNotices} />}
      {figures?.problems && <ProblemFigures p={figures.problems} today={figures.today} office={!!can['problem.office']} />}
      {side && side.length > 0 && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          {side.map((c, i) => (
            <Col key={i} xs={24} xl={side.length === 1 ? 24 : 12}>
              {c}
            </Col>
          ))}
        </Row>
      )}
      {figures?.towns && <TownsCard towns={figures.towns} />}

      {roles.length > 0 && <InboxSummary />}

      <Card title="我的角色与管辖范围" size="small" style={{ marginBottom: 16 }}>
        {roles.length === 0 ? (
          <EmptyState text="您还没有被分配任何角色，暂时只能使用个人中心。请联系镇创城办管理员，在“人员与角色”中为您分配角色和管辖区域。" />
        ) : (
          <Space wrap>
            {roles.map((r, i) => (
              <Tag key={i} color="red" style={{ padding: '2px 8px', whiteSpace: 'normal' }}>
                {r.roleLabel}：{r.scopeRegionName ?? (r.scopeUnitId ? '所属单位' : '全部区域')}
              </Tag>
            ))}
          </Space>
        )}
      </Card>

      {noRegions && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <EmptyState
            text={
              can['region.manage']
                ? '还没有任何区划数据。请系统管理员在服务器上用命令行工具按乡镇代码导入本镇的社区（见部署说明），之后即可在“区划与点位”中添加网格、街巷和点位。'
                : '您的管辖范围内还没有区划数据，请联系镇创城办先导入本镇的社区。'
            }
          />
        </Card>
      )}

      <Typography.Title level={5}>常用功能</Typography.Title>
      <Row gutter={[12, 12]}>
        {links.map((l) => (
          <Col key={l.to} xs={24} sm={12} xl={8}>
            <QuickLinkCard link={l} />
          </Col>
        ))}
      </Row>
    </div>
  );
}

// Every desk page's title and place in the breadcrumb, by route: the shell's
// page header reads it, so no page draws a title of its own. A page with a
// record of its own (a problem, a notice) refines the title with usePageTitle.
import type { Crumb } from '../components/PageHeader.tsx';

interface Meta {
  path: string;
  title: string;
  parent?: string;
  group?: string;
}

const INSPECTIONS = '巡查督查';
const ADMIN = '系统配置';

const PAGES: Meta[] = [
  { path: '/home', title: '首页' },
  { path: '/workbench', title: '工作台' },
  { path: '/inbox', title: '待办' },
  { path: '/notifications', title: '通知' },
  { path: '/problems', title: '问题' },
  { path: '/problems/new', title: '上报问题', parent: '/problems' },
  { path: '/problems/:id', title: '问题详情', parent: '/problems' },
  { path: '/map', title: '问题地图' },
  { path: '/reinspections', title: '回头看' },
  { path: '/accountability', title: '问责' },
  { path: '/inspections', title: '巡查记录', group: INSPECTIONS },
  { path: '/inspections/compliance', title: '巡查考勤', group: INSPECTIONS },
  { path: '/inspections/evaluation', title: '模拟测评报告', group: INSPECTIONS },
  { path: '/inspections/points', title: '点位档案', group: INSPECTIONS },
  { path: '/inspections/points/:id', title: '点位详情', parent: '/inspections/points', group: INSPECTIONS },
  { path: '/inspections/settings', title: '巡查设置', group: INSPECTIONS },
  { path: '/inspections/:id', title: '巡查详情', parent: '/inspections', group: INSPECTIONS },
  { path: '/notices', title: '通报' },
  { path: '/notices/new', title: '新建通报', parent: '/notices' },
  { path: '/notices/received/new', title: '登记县级通报', parent: '/notices' },
  { path: '/notices/county', title: '县级通报' },
  { path: '/notices/county/new', title: '下发县级通报', parent: '/notices/county' },
  { path: '/notices/county/:id', title: '县级通报详情', parent: '/notices/county' },
  { path: '/notices/:id', title: '通报详情', parent: '/notices' },
  { path: '/notices/:id/edit', title: '修改通报', parent: '/notices/:id' },
  { path: '/activities', title: '文明实践活动' },
  { path: '/publicity', title: '宣传工作' },
  { path: '/publicity/:tab', title: '宣传工作' },
  { path: '/publicity/facilities', title: '宣传工作' },
  { path: '/publicity/facilities/:id', title: '宣传设施', parent: '/publicity/facilities' },
  { path: '/publicity/:tab/:id', title: '宣传记录', parent: '/publicity/:tab' },
  { path: '/evaluation', title: '测评体系' },
  { path: '/evaluation/materials', title: '申报材料', parent: '/evaluation' },
  { path: '/evaluation/forecast', title: '测评预估', parent: '/evaluation' },
  { path: '/polls', title: '问卷调查' },
  { path: '/polls/waves/:id', title: '调查结果', parent: '/polls' },
  { path: '/polls/followups/:id', title: '薄弱项交办', parent: '/polls' },
  { path: '/meetings', title: '会议台账' },
  { path: '/reports/daily', title: '社区日报' },
  { path: '/reports/town', title: '镇级日报与周报' },
  { path: '/reports/town/:id', title: '报告详情', parent: '/reports/town' },
  { path: '/reports/yearend', title: '年度总结' },
  { path: '/meetings/new', title: '登记会议', parent: '/meetings' },
  { path: '/meetings/decisions', title: '决定事项', parent: '/meetings' },
  { path: '/meetings/decisions/:id', title: '决定事项详情', parent: '/meetings/decisions' },
  { path: '/meetings/trips', title: '学习考察', parent: '/meetings' },
  { path: '/meetings/trips/:id', title: '学习考察详情', parent: '/meetings/trips' },
  { path: '/meetings/cadence', title: '例会要求', parent: '/meetings' },
  { path: '/meetings/:id', title: '会议详情', parent: '/meetings' },
  { path: '/meetings/:id/edit', title: '修改会议', parent: '/meetings/:id' },
  { path: '/activities/:id', title: '活动详情', parent: '/activities' },
  { path: '/volunteers', title: '志愿服务' },
  { path: '/volunteers/service', title: '志愿服务记录', parent: '/volunteers' },
  { path: '/volunteers/teams', title: '志愿服务队', parent: '/volunteers' },
  { path: '/volunteers/orders', title: '群众点单', parent: '/volunteers' },
  { path: '/volunteers/orders/:id', title: '点单详情', parent: '/volunteers/orders' },
  { path: '/volunteers/activities/:id', title: '志愿者签到', parent: '/volunteers' },
  { path: '/volunteers/:id', title: '志愿者', parent: '/volunteers' },
  { path: '/volunteers/:id/certificate', title: '志愿服务记录证明', parent: '/volunteers/:id' },
  { path: '/assessment', title: '考核评比' },
  { path: '/screen-tokens', title: '指挥大屏' },
  { path: '/campaigns', title: '集中整治' },
  { path: '/campaigns/:id', title: '专项行动详情', parent: '/campaigns' },
  { path: '/campaigns/:id/days/:day', title: '每日记录', parent: '/campaigns/:id' },
  { path: '/surveys', title: '设施摸排' },
  { path: '/surveys/department', title: '摸排对接' },
  { path: '/surveys/:id', title: '摸排需求详情', parent: '/surveys' },
  { path: '/fund', title: '创城基金' },
  { path: '/fund/projects/:id', title: '基金项目', parent: '/fund' },
  { path: '/fund/entries/:id', title: '收支记录', parent: '/fund' },
  { path: '/regions', title: '区划与点位' },
  { path: '/units', title: '单位' },
  { path: '/people', title: '人员与角色' },
  { path: '/audit', title: '审计日志' },
  { path: '/profile', title: '个人中心' },
  { path: '/admin/categories', title: '问题类别', group: ADMIN },
  { path: '/admin/dispatch-rules', title: '派遣规则', group: ADMIN },
  { path: '/admin/calendar', title: '节假日', group: ADMIN },
  { path: '/admin/map', title: '地图底图', group: ADMIN },
  { path: '/admin/webhook-hosts', title: 'Webhook 内网主机', group: ADMIN },
  { path: '/admin/checklists', title: '测评标准', group: ADMIN },
];

const segs = (p: string) => p.split('/').filter(Boolean);

/** Literal segments win over `:id` (so /problems/new is not a problem's page). */
function match(pathname: string): { meta: Meta; params: string[] } | undefined {
  const parts = segs(pathname);
  let best: { meta: Meta; params: string[]; literal: number } | undefined;
  for (const meta of PAGES) {
    const ps = segs(meta.path);
    if (ps.length !== parts.length) continue;
    if (!ps.every((s, i) => s.startsWith(':') || s === parts[i])) continue;
    const params = ps.flatMap((s, i) => (s.startsWith(':') ? [parts[i]] : []));
    const literal = ps.length - params.length;
    if (!best || literal > best.literal) best = { meta, params, literal };
  }
  return best;
}

/**
 * The page's title and its breadcrumb (首页 first; the page itself last, not a link). A page the
 * table does not know yet takes its menu entry's (`fallback`: the selected entry's label and group).
 */
export function pageMeta(pathname: string, fallback?: { title: string; group?: string }): { title: string; crumbs: Crumb[] } {
  const path = pathname === '/' ? '/home' : pathname.replace(/\/+$/, '');
  const m = match(path);
  if (!m) {
    const title = fallback?.title ?? match('/' + (segs(path)[0] ?? ''))?.meta.title ?? '创城通';
    return { title, crumbs: [{ title: '首页', to: '/home' }, ...(fallback?.group ? [{ title: fallback.group }] : []), { title }] };
  }
  const chain: Crumb[] = [];
  const params = m.params;
  for (let parent = m.meta.parent; parent; ) {
    const p = PAGES.find((x) => x.path === parent);
    if (!p) break;
    // The parent's own :id is this page's first id (/notices/:id/edit → /notices/5).
    let i = 0;
    const to =
      '/' +
      segs(p.path)
        .map((s) => (s.startsWith(':') ? params[i++] : s))
        .join('/');
    chain.unshift({ title: p.title, to });
    parent = p.parent;
  }
  const crumbs: Crumb[] = m.meta.path === '/home' ? [] : [{ title: '首页', to: '/home' }];
  if (m.meta.group) crumbs.push({ title: m.meta.group });
  return { title: m.meta.title, crumbs: [...crumbs, ...chain, { title: m.meta.title }] };
}

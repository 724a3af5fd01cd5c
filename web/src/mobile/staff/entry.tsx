// The staff phone app (/m/...): street chiefs and inspectors record
// inspections on a phone, community cadres and unit liaisons rectify the
// problems dispatched to them (tasks.ts), offline when need be. Plain React and a little CSS
// (no antd, no desk code), a tiny router over history.pushState, the offline
// queue started once, and the service worker (scope /m/) registered in the
// production build so the pages open with no network once loaded.
import { StrictMode, useEffect } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import '../mobile.css';
import './staff.css';
import { SessionProvider, useSession } from './session.tsx';
import { LoginPage } from './LoginPage.tsx';
import { TodayPage } from './TodayPage.tsx';
import { StartPage } from './StartPage.tsx';
import { InspectPage } from './InspectPage.tsx';
import { QueuePage } from './QueuePage.tsx';
import { TasksPage } from './TasksPage.tsx';
import { TaskPage } from './TaskPage.tsx';
import { DamagePage } from './DamagePage.tsx';
import { PollPage } from './PollPage.tsx';
import { rectifies } from './tasks.ts';
import { VolunteerCheckin, VolunteerHome } from './VolunteerPages.tsx';
import { VolunteerTeamPage } from './VolunteerTeamPage.tsx';
import { go, usePath } from './nav.tsx';

const TITLES: Record<string, string> = {
  '/m/volunteer': '志愿服务',
  '/m/volunteer/checkin': '签到签退',
  '/m/volunteer/team': '我的队伍',
  '/m/login': '登录',
  '/m/start': '开始巡查',
  '/m/queue': '待同步',
  '/m/tasks': '整改任务',
  '/m/today': '今日巡查',
  '/m/damage': '宣传设施报损',
  '/m/poll': '问卷调查',
};

function Routes() {
  const path = usePath();
  const { me, ready } = useSession();
  const inspect = /^\/m\/inspect\/([^/]+)\/?$/.exec(path);
  const task = /^\/m\/task\/(\d{1,9})\/?$/.exec(path);
  // Home depends on the role: a community cadre or a unit liaison lands on their rectification queue, a street chief on today's patrols.
  const home = me && rectifies(me) ? 'tasks' : 'today';
  // A volunteer without a staff role lands on their volunteer page.
  const onlyVolunteer = !!me && me.roles.length > 0 && me.roles.every((r) => r.role === 'volunteer');
  // An interviewer (issue 21) lands on their questionnaires.
  const interviewer = !!me && me.roles.length > 0 && me.roles.every((r) => r.role === 'interviewer');
  useEffect(() => {
    document.title = `${TITLES[path] ?? (inspect ? '巡查' : task ? '问题详情' : interviewer ? '问卷调查' : home === 'tasks' ? '整改任务' : '今日巡查')} · 创城通`;
  }, [path, inspect, task, home, interviewer]);
  useEffect(() => {
    if (ready && !me && path !== '/m/login') go('/m/login', true);
  }, [ready, me, path]);
  if (path === '/m/login') return <LoginPage />;
  if (!ready) return <div className="h5 h5-loading h5-muted">正在打开…</div>;
  if (!me) return null;
  if (me.user.mustChangePassword) return <PasswordChangeFirst />;
  if (path === '/m/volunteer/checkin') return <VolunteerCheckin />;
  if (path === '/m/volunteer/team') return <VolunteerTeamPage />;
  if (path === '/m/volunteer' || (path === '/m/' && onlyVolunteer)) return <VolunteerHome />;
  if (path === '/m/start') return <StartPage />;
  if (path === '/m/queue') return <QueuePage />;
  if (path === '/m/damage') return <DamagePage />;
  if (path === '/m/poll' || (path === '/m/' && interviewer)) return <PollPage />;
  if (inspect) return <InspectPage inspectionKey={decodeURIComponent(inspect[1])} />;
  if (task) return <TaskPage id={Number(task[1])} />;
  if (path === '/m/tasks') return <TasksPage />;
  if (path === '/m/today') return <TodayPage />;
  return home === 'tasks' ? <TasksPage /> : <TodayPage />;
}

/** A one-time or reset password: the server refuses everything until it is changed (on the desk site). */
function PasswordChangeFirst() {
  const { signOut } = useSession();
  return (
    <main className="h5 m-login">
      <div className="h5-card">
        <p role="alert">您使用的是初始密码或管理员重置的密码，请先修改密码，再开始巡查。</p>
        <a className="h5-btn h5-submit m-gap" href="/">
          去修改密码
        </a>
        <button type="button" className="h5-btn m-gap" onClick={() => void signOut()}>
          退出登录
        </button>
      </div>
    </main>
  );
}

// For the save routine (api/save-core.ts, a useMutation); the pages' data comes from the offline cache (api.ts).
const queryClient = new QueryClient();

function registerServiceWorker() {
  // Only the production build has the worker (dist/web/m-sw.js, written by the build).
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/m-sw.js', { scope: '/m/' }).then(
    async (reg) => {
      // The page's own files were fetched before the worker existed: hand it their URLs so it keeps them.
      const ready = await navigator.serviceWorker.ready;
      const urls = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((u) => new URL(u).pathname.startsWith('/assets/'));
      (ready.active ?? reg.active)?.postMessage({ type: 'cache-urls', urls });
    },
    () => {
      /* no worker (private mode): the app still works online */
    },
  );
}

export function mount(el: HTMLElement) {
  // One address for the home page, inside the worker's scope (/m/).
  if (window.location.pathname === '/m') window.history.replaceState(null, '', '/m/' + window.location.search);
  registerServiceWorker();
  createRoot(el).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <Routes />
        </SessionProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

// The resident 随手拍 pages (/h5/...): plain React and a little CSS, no antd,
// so a phone on a slow network loads little JavaScript. A tiny router over
// history.pushState; the server's SPA fallback serves index.html for /h5/*.
import { StrictMode, useEffect } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import './mobile.css';
import { ReportPage } from './ReportPage.tsx';
import { StatusPage, StatusLookup } from './StatusPage.tsx';
import { usePath } from './nav.tsx';
import { OrderPage, OrderStatusPage } from './OrderPages.tsx';
import { PollPublicPage } from './PollPublicPage.tsx';

function H5App() {
  const path = usePath().replace(/\/+$/, '');
  const status = /^\/h5\/status\/([^/]+)$/.exec(path);
  const order = /^\/h5\/order\/([^/]+)$/.exec(path);
  const poll = /^\/h5\/poll\/([^/]+)$/.exec(path);
  useEffect(() => {
    document.title = poll ? '问卷调查 · 创城通' : order || path === '/h5/order' ? '我要点单 · 创城通' : status ? '进度查询 · 随手拍' : '随手拍 · 创城通';
  }, [status, order, poll, path]);
  if (poll) return <PollPublicPage token={decodeURIComponent(poll[1])} />;
  if (order) return <OrderStatusPage code={decodeURIComponent(order[1])} />;
  if (path === '/h5/order') return <OrderPage />;
  if (status) return <StatusPage code={decodeURIComponent(status[1])} />;
  if (path === '/h5/status') return <StatusLookup />;
  return <ReportPage />;
}

// For the save routine (api/save-core.ts, a useMutation); the pages fetch their data themselves.
const queryClient = new QueryClient();

export function mount(el: HTMLElement) {
  createRoot(el).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <H5App />
      </QueryClientProvider>
    </StrictMode>,
  );
}

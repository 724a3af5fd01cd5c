// The resident 随手拍 pages (/h5/...): plain React and a little CSS, no antd,
// so a phone on a slow network loads little JavaScript. A tiny router over
// history.pushState; the server's SPA fallback serves index.html for /h5/*.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import './mobile.css';
import { ReportPage } from './ReportPage.tsx';
import { StatusPage, StatusLookup } from './StatusPage.tsx';

export function go(path: string) {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

/** An in-app link (no reload). */
export function A({ to, children, className }: { to: string; children: React.ReactNode; className?: string }) {
  return (
    <a href={to} className={className} onClick={(e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      go(to);
    }}>{children}</a>
  );
}

function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const on = () => setPath(window.location.pathname);
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return path;
}

function H5App() {
  const path = usePath().replace(/\/+$/, '');
  const status = /^\/h5\/status\/([^/]+)$/.exec(path);
  useEffect(() => {
    document.title = status ? '进度查询 · 随手拍' : '随手拍 · 创城通';
  }, [status]);
  if (status) return <StatusPage code={decodeURIComponent(status[1])} />;
  if (path === '/h5/status') return <StatusLookup />;
  return <ReportPage />;
}

export function mount(el: HTMLElement) {
  createRoot(el).render(<StrictMode><H5App /></StrictMode>);
}

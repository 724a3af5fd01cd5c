// The staff app: antd, TanStack Query, the router. Loaded by main.tsx for
// every path except the resident pages under /h5/.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import './components/format.ts';
import './styles.css';
import { AppRoutes } from './App.tsx';
import { ApiError } from './api/client.ts';
import { renderEmpty } from './components/EmptyState.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Permission and validation errors will not fix themselves by retrying.
      retry: (n, e) => n < 2 && !(e instanceof ApiError && e.status > 0 && e.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/** The theme's red everywhere a colour says "this is the product": buttons, links, progress (antd's links and bars default to blue). */
const RED = '#c0392b';
const THEME = {
  token: { colorPrimary: RED, colorLink: RED, borderRadius: 6 },
  components: { Progress: { defaultColor: RED } },
};

// Enter in a date field confirms the date; it never submits the whole form around it.
document.addEventListener(
  'keydown',
  (e) => {
    if (e.key === 'Enter' && e.target instanceof HTMLElement && e.target.closest('.ant-picker')) e.preventDefault();
  },
  true,
);

export function mount(el: HTMLElement) {
  createRoot(el).render(
    <StrictMode>
      <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={THEME} renderEmpty={renderEmpty}>
        <AntApp>
          <QueryClientProvider client={queryClient}>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  );
}

// The 大屏's entry (/screen): plain React and the screen's own tree-shaken
// ECharts, no antd and no desk code. A wall display opens it once with
// ?token=… (an office's display token); a leader signed in on the desk opens it as is.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './screen.css';
import { adoptToken } from './api.ts';
import { ScreenApp } from './ScreenApp.tsx';

export function mount(root: HTMLElement) {
  adoptToken();
  document.documentElement.classList.add('sc-root');
  createRoot(root).render(
    <StrictMode>
      <ScreenApp />
    </StrictMode>,
  );
}

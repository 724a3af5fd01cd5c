// In-app navigation without a router library: pushState plus a popstate event the app listens to.
import type { ReactNode } from 'react';

export function go(path: string, replace = false) {
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
  if (!replace) window.scrollTo(0, 0);
}

/** An in-app link (no reload); a modified click still opens a new tab. */
export function A({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  return (
    <a href={to} className={className} onClick={(e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      go(to);
    }}>{children}</a>
  );
}

let flash: string | null = null;
/** A one-time message for the next page (e.g. "巡查已完成" after finishing). */
export function setFlash(msg: string) { flash = msg; }
export const peekFlash = () => flash;
export function clearFlash() { flash = null; }

// The page header every desk page shows (ant-design-pro's bar): breadcrumb,
// one title style, and the page's actions on the right. The shell renders it
// above the page (its title and breadcrumb come from shell/pageMeta.ts); a
// page refines the title with usePageTitle (a problem's code) and puts its
// buttons in the header with <PageExtra>.
import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { Link } from 'react-router';
import { Breadcrumb } from 'antd';

export interface Crumb {
  title: string;
  to?: string;
}

interface Slot {
  setTitle: (t: string | undefined) => void;
  extraEl: HTMLElement | null;
}
const SlotContext = createContext<Slot>({ setTitle: () => {}, extraEl: null });

/** The page's own title instead of its route's (e.g. a problem's code); undefined keeps the route's. */
export function usePageTitle(title: string | undefined) {
  const { setTitle } = useContext(SlotContext);
  useEffect(() => {
    setTitle(title);
    return () => setTitle(undefined);
  }, [title, setTitle]);
}

/** The page's actions, shown at the right of its title. */
export function PageExtra({ children }: { children: React.ReactNode }) {
  const { extraEl } = useContext(SlotContext);
  return extraEl ? createPortal(children, extraEl) : null;
}

/** Provides the slots; `header` draws the header with the page's title if it set one. */
export function PageHeaderScope({
  children,
  header,
}: {
  children: React.ReactNode;
  header: (own: string | undefined, extraRef: (el: HTMLElement | null) => void) => React.ReactNode;
}) {
  const [title, setTitle] = useState<string | undefined>();
  const [extraEl, setExtraEl] = useState<HTMLElement | null>(null);
  const slot = useMemo(() => ({ setTitle, extraEl }), [extraEl]);
  return (
    <SlotContext.Provider value={slot}>
      {header(title, setExtraEl)}
      {children}
    </SlotContext.Provider>
  );
}

export function PageHeader({ title, crumbs, extraRef }: { title: string; crumbs: Crumb[]; extraRef?: (el: HTMLElement | null) => void }) {
  useEffect(() => {
    document.title = `${title} - 创城通`;
  }, [title]);
  return (
    <div className="page-header">
      {crumbs.length > 0 && (
        <Breadcrumb className="page-header-crumbs" items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))} />
      )}
      <div className="page-header-row">
        <h1 className="page-header-title wrap-anywhere">{title}</h1>
        <div className="page-header-extra" ref={extraRef} />
      </div>
    </div>
  );
}

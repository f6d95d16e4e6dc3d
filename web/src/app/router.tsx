/** A tiny history-API router: enough for a dozen pages, no dependency. */
import { createContext, useContext, useEffect, useState, type ReactNode, type MouseEvent } from 'react';

export interface Location { path: string; search: URLSearchParams; hash: string }

function read(): Location {
  return { path: window.location.pathname, search: new URLSearchParams(window.location.search), hash: window.location.hash };
}

const RouterContext = createContext<Location>(read());

export function navigate(to: string, o: { replace?: boolean } = {}): void {
  if (o.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const on = (): void => setLoc(read());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return <RouterContext.Provider value={loc}>{children}</RouterContext.Provider>;
}

export function useLocation(): Location { return useContext(RouterContext); }

/** An in-app link: a real <a href> (open in new tab works) that navigates without a reload. */
export function Link({ to, children, className, ...rest }: { to: string; children: ReactNode; className?: string; 'aria-current'?: 'page' | undefined }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>): void => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={onClick} className={className} {...rest}>{children}</a>;
}

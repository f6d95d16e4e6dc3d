/** A real <a href> that navigates in-app on a plain click (new tab etc. still work), with an accessible description. */
import type { MouseEvent, ReactNode } from 'react';
import { navigate } from '../../app/router';

export function AppLink({ href, className, describedBy, children }: { href: string; className?: string; describedBy?: string; children: ReactNode }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>): void => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} className={className} aria-describedby={describedBy} onClick={onClick}>{children}</a>;
}

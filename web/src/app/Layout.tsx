/** The frame around every logged-in page: skip link, top bar with navigation, user menu and theme switch. */
import { useEffect, useState, type ReactNode } from 'react';
import { useAuth } from './auth';
import { Link, navigate, useLocation } from './router';
import { setTheme, storedTheme, type Theme } from './theme';

const NAV: { to: string; label: string; perm?: string }[] = [
  { to: '/explore', label: 'Explore' },
  { to: '/library', label: 'Library' },
  { to: '/tokens', label: 'API tokens' },
  { to: '/admin', label: 'Admin', perm: 'admin' },
  { to: '/docs', label: 'Docs' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { me, logout, can } = useAuth();
  const loc = useLocation();
  const [open, setOpen] = useState(false);
  const [theme, setThemeState] = useState<Theme>(storedTheme());
  useEffect(() => setOpen(false), [loc.path]);
  useEffect(() => {
    const on = (): void => setThemeState(storedTheme());
    window.addEventListener('delve-theme', on);
    return () => window.removeEventListener('delve-theme', on);
  }, []);
  const isAdmin = !!me?.user.is_superuser || can('view_user') || can('view_group');
  const items = NAV.filter((n) => n.perm !== 'admin' || isAdmin);
  const cycle = (): void => {
    const next: Theme = theme === 'light' ? 'dark' : theme === 'dark' ? 'system' : 'light';
    setTheme(next);
    setThemeState(next);
  };
  return (
    <div className="app">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <Link to="/explore" className="brand">Delve</Link>
        <button type="button" className="btn nav-toggle" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>Menu</button>
        <nav id="main-nav" aria-label="Main" className={open ? 'nav open' : 'nav'}>
          {items.map((n) => (
            <Link key={n.to} to={n.to} className={loc.path.startsWith(n.to) ? 'nav-link active' : 'nav-link'} aria-current={loc.path.startsWith(n.to) ? 'page' : undefined}>{n.label}</Link>
          ))}
        </nav>
        <div className="topbar-right">
          <button type="button" className="btn btn-ghost" onClick={cycle} aria-label={`Theme: ${theme}. Switch theme`} title="Switch theme">Theme: {theme}</button>
          {me ? <Link to="/profile" className="nav-link">{me.user.username}</Link> : null}
          {me ? <button type="button" className="btn btn-ghost" onClick={() => { void logout().then(() => navigate('/login?logged_out=1')); }}>Log out</button> : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </div>
  );
}

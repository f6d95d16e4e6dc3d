/**
 * Routes. Public pages: /login, /setup, /docs (docs need login too: they may describe the deployment). Every feature
 * is a lazily loaded chunk so the login page stays small and Explore (CodeMirror, charts) loads only when used.
 */
import { lazy, Suspense, useEffect, type ComponentType, type LazyExoticComponent } from 'react';
import { Spinner } from '../ui';
import { AuthProvider, useAuth } from './auth';
import { Layout } from './Layout';
import { navigate, RouterProvider, useLocation } from './router';

type Page = LazyExoticComponent<ComponentType>;
const Login = lazy(() => import('../features/auth/LoginPage'));
const Setup = lazy(() => import('../features/auth/SetupPage'));
const Explore = lazy(() => import('../features/explore/ExplorePage'));
const Library = lazy(() => import('../features/library/LibraryPage'));
const Tokens = lazy(() => import('../features/admin/TokensPage'));
const Admin = lazy(() => import('../features/admin/AdminPage'));
const Profile = lazy(() => import('../features/profile/ProfilePage'));
const Docs = lazy(() => import('../features/docs/DocsPage'));

/** Pages reachable without a session. */
const PUBLIC: [string, Page][] = [['/login', Login], ['/setup', Setup]];
/** Pages inside the layout (need a session); matched by prefix. */
const PRIVATE: [string, Page][] = [
  ['/explore', Explore], ['/library', Library], ['/tokens', Tokens], ['/admin', Admin], ['/profile', Profile], ['/docs', Docs],
];

function NotFound() {
  return <div className="page"><h1>Not found</h1><p>There is no page at this address. <a href="/explore">Go to Explore</a>.</p></div>;
}

function Routes() {
  const { path, search } = useLocation();
  const { me } = useAuth();
  const pub = PUBLIC.find(([p]) => path === p || path.startsWith(`${p}/`));
  const priv = PRIVATE.find(([p]) => path === p || path.startsWith(`${p}/`));
  useEffect(() => {
    if (me === null && !pub) navigate(`/login?next=${encodeURIComponent(path + (search.size ? `?${search.toString()}` : ''))}`, { replace: true });
    else if (me && path === '/') navigate('/explore', { replace: true });
  }, [me, pub, path, search]);
  const fallback = <div className="page-loading"><Spinner /></div>;
  if (pub) {
    const P = pub[1];
    return <Suspense fallback={fallback}><P /></Suspense>;
  }
  if (me === undefined || me === null) return fallback;
  const P = priv?.[1];
  return <Layout><Suspense fallback={fallback}>{P ? <P /> : <NotFound />}</Suspense></Layout>;
}

export function App() {
  return <RouterProvider><AuthProvider><Routes /></AuthProvider></RouterProvider>;
}

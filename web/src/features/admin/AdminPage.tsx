/**
 * Administration: /admin (overview), /admin/users, /admin/groups, /admin/audit, /admin/security. Sections the caller
 * lacks permission for are hidden from the navigation and refused with an explanation (the server enforces it too).
 */
import type { ReactNode } from 'react';
import { useAuth } from '../../app/auth';
import { Link, useLocation } from '../../app/router';
import { PageHeader } from '../../ui';
import { AuditSection } from './AuditSection';
import { GroupsSection } from './GroupsSection';
import { SecuritySection } from './SecuritySection';
import { UsersSection } from './UsersSection';
import { adminSectionFor, ADMIN_SECTIONS, type AdminSection } from './sections';
import './admin.css';

const BODIES: Record<AdminSection['id'], () => ReactNode> = {
  users: () => <UsersSection />,
  groups: () => <GroupsSection />,
  audit: () => <AuditSection />,
  security: () => <SecuritySection />,
};

export default function AdminPage() {
  const { path } = useLocation();
  const { me, can } = useAuth();
  const isSuper = !!me?.user.is_superuser;
  const allowed = (s: AdminSection): boolean => (s.superuserOnly ? isSuper : isSuper || can(s.permission));
  const visible = ADMIN_SECTIONS.filter(allowed);
  const match = adminSectionFor(path);

  let title = 'Administration';
  let body: ReactNode;
  if (match === 'overview') {
    body = visible.length === 0
      ? <p>You do not have access to any administration page. Ask an administrator for the view_user or view_group permission.</p>
      : (
        <div className="adm-overview">
          {visible.map((s) => (
            <section key={s.id} className="card" aria-labelledby={`adm-ov-${s.id}`}>
              <h2 id={`adm-ov-${s.id}`}><Link to={s.path}>{s.label}</Link></h2>
              <p className="muted">{s.description}</p>
            </section>
          ))}
        </div>
      );
  } else if (match === null) {
    title = 'Not found';
    body = <p>There is no administration page at this address. <Link to="/admin">Back to Administration</Link>.</p>;
  } else {
    title = match.label;
    body = allowed(match)
      ? BODIES[match.id]()
      : <p className="alert alert-warning">You do not have permission to see this page: it needs {match.superuserOnly ? 'a superuser' : `the ${match.permission} permission`}.</p>;
  }

  return (
    <div className="page adm-page">
      <nav className="tabs adm-subnav" aria-label="Administration">
        <Link to="/admin" className={match === 'overview' ? 'tab active' : 'tab'} aria-current={match === 'overview' ? 'page' : undefined}>Overview</Link>
        {visible.map((s) => {
          const current = match !== 'overview' && match?.id === s.id;
          return <Link key={s.id} to={s.path} className={current ? 'tab active' : 'tab'} aria-current={current ? 'page' : undefined}>{s.label}</Link>;
        })}
      </nav>
      <PageHeader title={title} />
      {body}
    </div>
  );
}

/** /profile — my account, password change, theme and sessions. */
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { PageHeader, Spinner } from '../../ui';
import { ChangePassword } from './ChangePassword';
import { SessionsTable } from './SessionsTable';
import { ThemeChoice } from './ThemeChoice';
import './profile.css';

const VIA: Record<string, string> = { session: 'browser session', basic: 'HTTP Basic', token: 'API token' };

export default function ProfilePage() {
  const { me } = useAuth();
  const [version, setVersion] = useState(0);
  if (!me) return <div className="page"><Spinner /></div>;
  const u = me.user;
  const perms = u.permissions ?? [];
  const groups = u.groups ?? [];
  return (
    <div className="page profile">
      <PageHeader title="Profile" />
      <div className="profile-grid">
        <div className="stack">
          <section className="card" aria-labelledby="account-heading">
            <h2 id="account-heading">Account</h2>
            <dl className="profile-dl">
              <dt>Username</dt><dd>{u.username}</dd>
              <dt>Email</dt><dd>{u.email ? u.email : <span className="muted">none</span>}</dd>
              <dt>Role</dt><dd>{u.is_superuser ? <span className="badge badge-warn">Administrator</span> : 'User'}</dd>
              <dt>Groups</dt><dd>{groups.length ? groups.join(', ') : <span className="muted">none</span>}</dd>
              {!u.is_superuser ? (<><dt>Permissions</dt><dd>{perms.length ? perms.join(', ') : <span className="muted">none</span>}</dd></>) : null}
              <dt>Signed in with</dt><dd>{VIA[me.via] ?? me.via}</dd>
            </dl>
          </section>
          <section className="card" aria-labelledby="appearance-heading">
            <h2 id="appearance-heading">Appearance</h2>
            <ThemeChoice />
          </section>
        </div>
        <div className="card profile-password">
          <ChangePassword username={u.username} email={u.email || undefined} onChanged={() => setVersion((v) => v + 1)} />
        </div>
      </div>
      <div className="profile-sessions-wrap">
        <SessionsTable version={version} />
      </div>
    </div>
  );
}

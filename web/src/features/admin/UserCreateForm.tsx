/** Create a user: username, email, password, admin flag and groups (the last two for superusers only). */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { ErrorBanner, Field } from '../../ui';
import type { AdminGroup, AdminUser } from './admin-types';
import { CheckboxField } from './controls';
import { formFieldOf, USER_FORM_FIELDS } from './user-rules';

export function UserCreateForm({ isSuperuser, groups, onCreated, onCancel }: {
  isSuperuser: boolean; groups: AdminGroup[] | null; onCreated: (u: AdminUser) => void; onCancel: () => void;
}) {
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [admin, setAdmin] = useState(false);
  const [chosen, setChosen] = useState<string[]>(() => (groups ?? []).filter((g) => g.name === 'Users').map((g) => g.name));
  const [busy, setBusy] = useState(false);
  const [fieldErr, setFieldErr] = useState<{ field: string; message: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const errFor = (f: string): string | null => (fieldErr?.field === f ? fieldErr.message : null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErr(null);
    const body: Record<string, unknown> = { username: username.trim(), password };
    if (email.trim()) body.email = email.trim();
    if (isSuperuser) {
      if (admin) body.is_superuser = true;
      if (groups) body.groups = chosen;
    }
    try {
      const u = await api<AdminUser>('/api/users/', { body });
      setPassword('');
      onCreated(u);
    } catch (err) {
      const f = err instanceof ApiError ? formFieldOf(err.field, USER_FORM_FIELDS) : null;
      if (f && err instanceof ApiError) setFieldErr({ field: f, message: err.message });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card adm-form" onSubmit={(e) => { void submit(e); }} aria-labelledby="adm-new-user-title" noValidate>
      <h2 id="adm-new-user-title">New user</h2>
      <ErrorBanner error={error} />
      <div className="adm-form-grid">
        <Field label="Username" name="username" autoComplete="off" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} error={errFor('username')} hint="Letters, digits and @ . + - _ (at most 150)." />
        <Field label="Email" name="email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={errFor('email')} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={errFor('password')} hint="The user can change it after logging in; or leave them a password-reset link instead." />
      </div>
      {isSuperuser ? (
        <CheckboxField label="Administrator (superuser: every permission and every index)" checked={admin} onChange={(e) => setAdmin(e.target.checked)} error={errFor('is_superuser')} />
      ) : null}
      {isSuperuser && groups ? (
        <fieldset className="adm-fieldset" aria-describedby={errFor('groups') ? 'adm-new-user-groups-err' : undefined}>
          <legend>Groups</legend>
          {groups.length === 0 ? <p className="muted">No groups yet.</p> : null}
          <div className="adm-check-list">
            {groups.map((g) => (
              <label key={g.id} className="checkbox">
                <input type="checkbox" checked={chosen.includes(g.name)} onChange={(e) => setChosen(e.target.checked ? [...chosen, g.name] : chosen.filter((n) => n !== g.name))} />
                {g.name}
              </label>
            ))}
          </div>
          {errFor('groups') ? <div id="adm-new-user-groups-err" className="field-error" role="alert">{errFor('groups')}</div> : null}
        </fieldset>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Creating…' : 'Create user'}</button>
        <button type="button" className="btn" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

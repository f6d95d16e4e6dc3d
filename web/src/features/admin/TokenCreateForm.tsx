/** Create an API token: name, scope, lifetime, and (with add_token) the user it is for. */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { ErrorBanner, Field } from '../../ui';
import type { NewApiToken } from './admin-types';
import { SelectField } from './controls';
import { allowedScopes, DEFAULT_EXPIRY, EXPIRY_CHOICES, expiresInFor, SCOPE_HELP, type TokenScope } from './token-model';
import { formFieldOf } from './user-rules';

const FIELDS = ['name', 'scope', 'expires', 'expires_in', 'username'];

export function TokenCreateForm({ forOthers, scope, onScope, onCreated }: {
  forOthers: boolean; scope: TokenScope; onScope: (s: TokenScope) => void; onCreated: (t: NewApiToken, owner: string | null) => void;
}) {
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState(DEFAULT_EXPIRY);
  const [custom, setCustom] = useState('');
  const [owner, setOwner] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldErr, setFieldErr] = useState<{ field: string; message: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const errFor = (f: string): string | null => (fieldErr?.field === f ? fieldErr.message : null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    setFieldErr(null);
    const life = expiresInFor(expiry, custom);
    if ('error' in life) { setFieldErr({ field: 'expires', message: life.error }); return; }
    const body: Record<string, unknown> = { name: name.trim(), scope, expires_in: life.value };
    const who = owner.trim();
    if (forOthers && who) body.username = who;
    setBusy(true);
    try {
      const t = await api<NewApiToken>('/api/tokens/', { body });
      setName('');
      onCreated(t, forOthers && who ? who : null);
    } catch (err) {
      let f = err instanceof ApiError ? formFieldOf(err.field, FIELDS) : null;
      if (f === 'expires_in') f = 'expires';
      if (f && err instanceof ApiError) setFieldErr({ field: f, message: err.message });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card adm-form" onSubmit={(e) => { void submit(e); }} aria-labelledby="adm-new-token-title" noValidate>
      <h2 id="adm-new-token-title">New token</h2>
      <ErrorBanner error={error} />
      <div className="adm-form-grid">
        <Field label="Name" name="name" autoComplete="off" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} error={errFor('name')} hint="What uses it, e.g. “nginx shipper on web1”." />
        <SelectField label="Scope" name="scope" value={scope} onChange={(e) => onScope(e.target.value as TokenScope)} error={errFor('scope')} hint={SCOPE_HELP[scope]}>
          {allowedScopes().map((s) => <option key={s} value={s}>{s}</option>)}
        </SelectField>
        <SelectField label="Expires" name="expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)} error={expiry === 'custom' ? null : errFor('expires')}
          hint={expiry === 'never' ? 'A token that never expires stays valid until you revoke it.' : undefined}>
          {EXPIRY_CHOICES.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </SelectField>
        {expiry === 'custom' ? (
          <Field label="Lifetime" name="lifetime" autoComplete="off" placeholder="e.g. 12h, 45d, 2w" value={custom} onChange={(e) => setCustom(e.target.value)} error={errFor('expires')} hint="A number and a unit: s, m, h, d or w." />
        ) : null}
        {forOthers ? (
          <Field label="For user (optional)" name="username" autoComplete="off" value={owner} onChange={(e) => setOwner(e.target.value)} error={errFor('username')} hint="Leave empty for a token of your own." />
        ) : null}
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Creating…' : 'Create token'}</button>
      </div>
    </form>
  );
}

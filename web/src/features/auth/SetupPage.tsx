/**
 * /setup#token=... — first run: create the first administrator with the one-time link `./fl serve` prints. The token
 * is read from the fragment, removed from the address bar at once (history.replaceState) and kept only in memory.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Link, navigate } from '../../app/router';
import { Spinner } from '../../ui';
import { AuthField } from './AuthField';
import { AuthScreen } from './AuthScreen';
import type { LoginResponse, SetupStatus } from './auth-types';
import { PasswordRules } from './PasswordRules';
import { parseSetupToken } from './setup-token';

type Status = 'loading' | 'needed' | 'done' | 'error';
type FieldName = 'username' | 'email' | 'password' | 'confirm';
const LINK_INVALID = 'This setup link is invalid, expired or already used.';

function NewLinkHint() {
  return <>Restart <code>./fl serve</code> to print a new setup link (each link works once and expires after an hour).</>;
}

export default function SetupPage() {
  const { loggedIn } = useAuth();
  const [token, setToken] = useState<string | null>(() => parseSetupToken(window.location.hash));
  const [tokenError, setTokenError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>('loading');
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState<string | null>(null);
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = {
    username: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };
  const alertRef = useRef<HTMLDivElement>(null);
  const pasteRef = useRef<HTMLInputElement>(null);

  // The fragment is a credential: take it out of the address bar (and so out of history and bookmarks) right away.
  useEffect(() => {
    if (window.location.hash) history.replaceState(null, '', '/setup');
  }, []);
  useEffect(() => {
    const ctl = new AbortController();
    api<SetupStatus>('/api/setup/', { allow401: true, signal: ctl.signal })
      .then((r) => setStatus(r?.needed ? 'needed' : 'done'))
      .catch(() => { if (!ctl.signal.aborted) setStatus('error'); });
    return () => ctl.abort();
  }, []);
  const showForm = status === 'needed' && token !== null;
  useEffect(() => {
    if (showForm) refs.username.current?.focus();
    else if (status === 'needed') pasteRef.current?.focus();
    // refs are stable
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [showForm, status]);

  const usePasted = (e: FormEvent): void => {
    e.preventDefault();
    const t = parseSetupToken(pasted);
    if (!t) {
      setPasteError('That is not a setup link. Copy the whole link that ./fl serve printed (it contains #token=).');
      pasteRef.current?.focus();
      return;
    }
    setPasteError(null);
    setTokenError(null);
    setPasted('');
    setToken(t);
  };

  const failField = (f: FieldName, msg: string): void => {
    setErrors({ [f]: msg });
    setFormError(null);
    refs[f].current?.focus();
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy || !token) return;
    if (!username.trim()) return failField('username', 'Choose a username.');
    if (!password) return failField('password', 'Choose a password.');
    if (password !== confirm) return failField('confirm', 'The two passwords differ: type the same password twice.');
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const r = await api<LoginResponse>('/api/setup/', {
        method: 'POST', allow401: true, body: { token, username: username.trim(), email: email.trim() || undefined, password },
      });
      await loggedIn(r.user, r.csrf_token);
      navigate('/explore?welcome=1', { replace: true });
    } catch (err) {
      const ae = err instanceof ApiError ? err : null;
      if (ae?.code === 'DLV_SETUP_DONE') {
        setStatus('done');
      } else if (ae && (ae.code === 'DLV_SETUP_TOKEN_INVALID' || ae.code === 'DLV_AUTH_LINK_INVALID' || ae.field === 'token')) {
        setToken(null);
        setTokenError(LINK_INVALID);
      } else if (ae && (ae.field === 'username' || ae.field === 'email' || ae.field === 'password')) {
        failField(ae.field, ae.message);
      } else {
        setFormError(ae && ae.status > 0 && ae.status < 500 ? ae.message : 'Could not reach Delve. Check that ./fl serve is still running and try again.');
        setTimeout(() => alertRef.current?.focus(), 0);
      }
    } finally {
      setBusy(false);
    }
  };

  if (status === 'loading') return <AuthScreen title="Set up Delve"><Spinner /></AuthScreen>;
  if (status === 'done') {
    return (
      <AuthScreen title="Delve is already set up">
        <p>The first administrator exists, so this setup link no longer works.</p>
        <p><Link to="/login" className="btn btn-primary">Go to login</Link></p>
      </AuthScreen>
    );
  }
  if (status === 'error') {
    return (
      <AuthScreen title="Set up Delve">
        <div className="alert alert-error" role="alert">Could not ask Delve whether setup is needed. Check that <code>./fl serve</code> is running and reload this page.</div>
      </AuthScreen>
    );
  }
  if (!showForm) {
    return (
      <AuthScreen title="Create the first administrator">
        <div className="alert alert-error" role="alert">
          {tokenError ?? 'This page needs the one-time setup link that ./fl serve printed, and this address has no token.'} <NewLinkHint />
        </div>
        <form onSubmit={usePasted} noValidate>
          <AuthField label="Setup link" name="setup_link" inputRef={pasteRef} autoComplete="off" spellCheck={false}
            hint="Or paste the link here." error={pasteError} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          <button type="submit" className="btn btn-primary">Use this link</button>
        </form>
      </AuthScreen>
    );
  }
  return (
    <AuthScreen title="Create the first administrator">
      <p className="muted">This account can do everything, including creating the other users.</p>
      {formError ? <div ref={alertRef} tabIndex={-1} className="alert alert-error" role="alert">{formError}</div> : null}
      <form onSubmit={(e) => { void submit(e); }} noValidate>
        <AuthField label="Username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required
          inputRef={refs.username} error={errors.username} value={username} onChange={(e) => setUsername(e.target.value)} />
        <AuthField label="Email (optional)" name="email" type="email" autoComplete="email"
          inputRef={refs.email} error={errors.email} value={email} onChange={(e) => setEmail(e.target.value)} />
        <AuthField label="Password" name="password" type="password" autoComplete="new-password" required describedBy="setup-pw-rules"
          inputRef={refs.password} error={errors.password} value={password} onChange={(e) => setPassword(e.target.value)} />
        <PasswordRules id="setup-pw-rules" password={password} username={username} email={email} />
        <AuthField label="Confirm password" name="confirm" type="password" autoComplete="new-password" required
          inputRef={refs.confirm} error={errors.confirm} value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy || undefined}>Create administrator</button>
      </form>
      <p className="auth-foot">The setup link stops working once this account exists.</p>
    </AuthScreen>
  );
}

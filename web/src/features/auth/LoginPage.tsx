/**
 * /login — the first page most people load, so it stays small (no heavy imports). Messages: wrong credentials,
 * lockout with a live countdown, expired session (?expired=1), logged out (?logged_out=1). After login it goes to
 * `next` (same-origin paths only, see safeNext) or /explore.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Link, navigate, useLocation } from '../../app/router';
import { AuthField } from './AuthField';
import { AuthScreen } from './AuthScreen';
import type { LoginResponse, SetupStatus } from './auth-types';
import { lockoutParts, loginNotice, MSG_BAD_CREDENTIALS, secondsLeft } from './login-messages';
import { safeNext } from './safe-next';

export default function LoginPage() {
  const { search } = useLocation();
  const { me, loggedIn } = useAuth();
  const next = safeNext(search.get('next'));
  const notice = loginNotice(search);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lockUntil, setLockUntil] = useState<number | null>(null);
  const [left, setLeft] = useState(0);
  const [setupNeeded, setSetupNeeded] = useState(false);
  const [focusSeq, setFocusSeq] = useState(0);
  const userRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => { userRef.current?.focus(); }, []);
  useEffect(() => {
    const ctl = new AbortController();
    api<SetupStatus>('/api/setup/', { allow401: true, signal: ctl.signal })
      .then((r) => setSetupNeeded(r?.needed === true))
      .catch(() => { /* older server or offline: no note */ });
    return () => ctl.abort();
  }, []);
  useEffect(() => {
    if (lockUntil === null) return;
    const tick = (): void => {
      const s = secondsLeft(lockUntil, Date.now());
      setLeft(s);
      if (s === 0) clearInterval(timer);
    };
    const timer = setInterval(tick, 250);
    tick();
    return () => clearInterval(timer);
  }, [lockUntil]);
  useEffect(() => { if (focusSeq) alertRef.current?.focus(); }, [focusSeq]);

  const fail = (msg: string | null): void => {
    setError(msg);
    setFocusSeq((n) => n + 1);
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy || left > 0) return;
    if (!username || !password) {
      setLockUntil(null);
      fail('Enter your username and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api<LoginResponse>('/api/auth/login', { method: 'POST', body: { username, password }, allow401: true });
      await loggedIn(r.user, r.csrf_token);
      navigate(next, { replace: true });
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && (err.code === 'DLV_AUTH_THROTTLED' || err.status === 429)) {
        const s = Math.max(1, Math.ceil(err.retryAfter ?? 30));
        setLockUntil(Date.now() + s * 1000);
        setLeft(s);
        fail(null);
      } else if (err instanceof ApiError && (err.code === 'DLV_AUTH_INVALID' || err.status === 401)) {
        setLockUntil(null);
        fail(MSG_BAD_CREDENTIALS);
      } else {
        setLockUntil(null);
        fail(err instanceof ApiError && err.status > 0 && err.status < 500 ? err.message : 'Could not reach Delve. Check your connection and try again.');
      }
    } finally {
      setBusy(false);
    }
  };

  const locked = left > 0;
  return (
    <AuthScreen title="Log in">
      {notice && !error && lockUntil === null ? <div className={`alert alert-${notice.kind}`} role="status">{notice.text}</div> : null}
      {me && !busy ? (
        <div className="alert alert-info" role="status">
          You are logged in as <strong>{me.user.username}</strong>. <Link to={next}>Continue</Link>
        </div>
      ) : null}
      {setupNeeded ? (
        <div className="alert alert-warning" role="status">
          Delve has no administrator yet. Create the first one with the one-time setup link printed by <code>./fl serve</code> (restart it to print a new link).
        </div>
      ) : null}
      {lockUntil !== null ? (
        <div ref={alertRef} tabIndex={-1} className={locked ? 'alert alert-error' : 'alert alert-info'} role="status" aria-live="polite" aria-atomic="true">
          {lockoutParts(left).text}<span className="nowrap">{lockoutParts(left).count}</span>{lockoutParts(left).end}
        </div>
      ) : null}
      {error ? <div ref={alertRef} tabIndex={-1} className="alert alert-error" role="alert">{error}</div> : null}
      <form onSubmit={(e) => { void submit(e); }} noValidate>
        <AuthField label="Username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required
          inputRef={userRef} value={username} onChange={(e) => setUsername(e.target.value)} />
        <AuthField label="Password" name="password" type="password" autoComplete="current-password" required
          value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" className="btn btn-primary" disabled={busy || locked} aria-busy={busy || undefined}>Log in</button>
      </form>
      <p className="auth-foot">Forgot your password? Ask an administrator for a password-reset link.</p>
    </AuthScreen>
  );
}

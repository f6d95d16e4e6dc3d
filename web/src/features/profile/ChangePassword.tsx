/** Change my password: current, new (server rules shown as you type), confirm. Every other session of mine ends. */
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { AuthField } from '../auth/AuthField';
import { PasswordRules } from '../auth/PasswordRules';
import type { PasswordChanged } from './profile-types';
import { passwordChangedText } from './profile-text';

type FieldName = 'current' | 'next' | 'confirm';

export function ChangePassword({ username, email, onChanged }: { username: string; email?: string; onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = { current: useRef<HTMLInputElement>(null), next: useRef<HTMLInputElement>(null), confirm: useRef<HTMLInputElement>(null) };
  const alertRef = useRef<HTMLDivElement>(null);

  const failField = (f: FieldName, msg: string): void => {
    setErrors({ [f]: msg });
    setFormError(null);
    refs[f].current?.focus();
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    setDone(null);
    if (!current) return failField('current', 'Enter your current password.');
    if (!next) return failField('next', 'Choose a new password.');
    if (next !== confirm) return failField('confirm', 'The two passwords differ: type the same password twice.');
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      // allow401: a wrong current password answers 401 DLV_AUTH_INVALID, which must not send us to the login page.
      const r = await api<PasswordChanged>('/api/auth/password', { method: 'POST', allow401: true, body: { current_password: current, new_password: next } });
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(passwordChangedText(r?.ended_sessions ?? 0));
      onChanged();
    } catch (err) {
      const ae = err instanceof ApiError ? err : null;
      if (ae?.field === 'current_password' || (ae?.code === 'DLV_AUTH_INVALID' && !ae.field)) failField('current', 'The current password is wrong.');
      else if (ae && (ae.field === 'new_password' || ae.field === 'password' || ae.code === 'DLV_PASSWORD_INVALID')) failField('next', ae.message);
      else {
        setFormError(ae && ae.status > 0 && ae.status < 500 ? ae.message : 'Could not change the password. Try again.');
        setTimeout(() => alertRef.current?.focus(), 0);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="profile-form" onSubmit={(e) => { void submit(e); }} noValidate aria-labelledby="pw-heading">
      <h2 id="pw-heading">Change password</h2>
      {done ? <div className="alert alert-success" role="status">{done}</div> : null}
      {formError ? <div ref={alertRef} tabIndex={-1} className="alert alert-error" role="alert">{formError}</div> : null}
      {/* a hidden username lets password managers update the right entry */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <AuthField label="Current password" name="current_password" type="password" autoComplete="current-password" required
        inputRef={refs.current} error={errors.current} value={current} onChange={(e) => setCurrent(e.target.value)} />
      <AuthField label="New password" name="new_password" type="password" autoComplete="new-password" required describedBy="profile-pw-rules"
        inputRef={refs.next} error={errors.next} value={next} onChange={(e) => setNext(e.target.value)} />
      <PasswordRules id="profile-pw-rules" password={next} username={username} email={email} />
      <AuthField label="Confirm new password" name="confirm_password" type="password" autoComplete="new-password" required
        inputRef={refs.confirm} error={errors.confirm} value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      <p className="hint">Changing it ends every other session of yours (other browsers, devices); this one stays logged in.</p>
      <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy || undefined}>Change password</button>
    </form>
  );
}

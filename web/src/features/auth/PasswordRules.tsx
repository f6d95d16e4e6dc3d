/**
 * The server's password rules, checked as you type (debounced POST /api/auth/password-check, a public endpoint that
 * never stores anything). The list is a polite live region so screen readers hear rules flip without losing focus.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { PasswordCheck } from './auth-types';
import { useDebounced } from './useDebounced';
import './password-rules.css';

export function PasswordRules({ id, password, username, email, onResult }: {
  /** Element id, so the password input can point at the list with aria-describedby. */
  id: string;
  password: string;
  username?: string;
  email?: string;
  onResult?: (r: PasswordCheck | null) => void;
}) {
  const [check, setCheck] = useState<PasswordCheck | null>(null);
  const input = useDebounced(JSON.stringify({ password, username: username || undefined, email: email || undefined }), 250);
  useEffect(() => {
    const ctl = new AbortController();
    api<PasswordCheck>('/api/auth/password-check', { method: 'POST', body: JSON.parse(input) as unknown, signal: ctl.signal, allow401: true })
      .then((r) => {
        const ok = r && Array.isArray(r.rules) ? r : null;
        setCheck(ok);
        onResult?.(ok);
      })
      .catch(() => {
        if (ctl.signal.aborted) return;
        setCheck(null);
        onResult?.(null);
      });
    return () => ctl.abort();
    // onResult is a callback prop; re-checking when its identity changes would only repeat the same request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [input]);
  return (
    <div id={id} className="pw-rules" aria-live="polite">
      {check ? (
        <ul aria-label="Password rules">
          {check.rules.map((r) => (
            <li key={r.id} className={r.ok ? 'pw-rule ok' : 'pw-rule bad'}>
              <span className="pw-mark" aria-hidden="true">{r.ok ? '✓' : '✗'}</span>
              <span className="sr-only">{r.ok ? 'Met: ' : 'Not met: '}</span>
              {r.label}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

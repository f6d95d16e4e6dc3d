/** Small shared building blocks; look and feel come from styles/base.css classes. */
import { useId, useState, type ReactNode, type InputHTMLAttributes } from 'react';
import { ApiError } from '../api/client';

/** A labelled input with an optional hint and error (the error is announced and tied to the input). */
export function Field({ label, hint, error, ...input }: { label: string; hint?: ReactNode; error?: string | null } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : hint ? `${id}-hint` : undefined} {...input} />
      {hint && !error ? <div id={`${id}-hint`} className="hint">{hint}</div> : null}
      {error ? <div id={`${id}-err`} className="field-error" role="alert">{error}</div> : null}
    </div>
  );
}

/** Shows an error (ApiError code + message) as an alert; nothing when there is none. */
export function ErrorBanner({ error }: { error: unknown }) {
  if (!error) return null;
  const msg = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : null;
  return (
    <div className="alert alert-error" role="alert">
      {msg}{code && code.startsWith('DLV_') ? <span className="code"> [{code}]</span> : null}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return <div className={`alert alert-${kind}`} role="status">{children}</div>;
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span className="spinner" role="status" aria-label={label} />;
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children ? <div className="page-actions">{children}</div> : null}
    </div>
  );
}

/** A button that copies text to the clipboard and says so. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState(false);
  return (
    <button type="button" className="btn" onClick={() => { void navigator.clipboard?.writeText(text).then(() => { setDone(true); setTimeout(() => setDone(false), 2000); }); }}>
      {done ? 'Copied' : label}
    </button>
  );
}

/** Format an ISO date or epoch ms for people (local time, to the second). */
export function fmtTime(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? String(v) : d.toLocaleString(undefined, { hour12: false });
}

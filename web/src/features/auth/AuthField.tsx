/** A labelled input whose <input> can be focused by the page (first field on load, field with an error). */
import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

export function AuthField({ label, hint, error, inputRef, describedBy, ...input }: {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  inputRef?: Ref<HTMLInputElement>;
  /** Extra element ids that describe the input (e.g. the password rules list). */
  describedBy?: string;
} & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const described = [error ? `${id}-err` : hint ? `${id}-hint` : null, describedBy ?? null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input ref={inputRef} id={id} className="input" aria-invalid={error ? true : undefined} aria-describedby={described || undefined} {...input} />
      {hint && !error ? <div id={`${id}-hint`} className="hint">{hint}</div> : null}
      {error ? <div id={`${id}-err`} className="field-error" role="alert">{error}</div> : null}
    </div>
  );
}

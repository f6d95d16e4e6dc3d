/** Labelled form controls the shared Field does not cover (select, textarea, checkbox), with errors tied by aria-describedby. */
import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, type InputHTMLAttributes } from 'react';

function describedBy(id: string, hint: ReactNode, error: string | null | undefined, extra?: string): string | undefined {
  const ids = [error ? `${id}-err` : null, hint ? `${id}-hint` : null, extra ?? null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function SelectField({ label, hint, error, children, ...select }: {
  label: string; hint?: ReactNode; error?: string | null; children: ReactNode;
} & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>{children}</select>
      {hint ? <div id={`${id}-hint`} className="hint">{hint}</div> : null}
      {error ? <div id={`${id}-err`} className="field-error" role="alert">{error}</div> : null}
    </div>
  );
}

export function TextAreaField({ label, hint, error, describedById, ...area }: {
  label: string; hint?: ReactNode; error?: string | null; describedById?: string;
} & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error, describedById)} {...area} />
      {hint ? <div id={`${id}-hint`} className="hint">{hint}</div> : null}
      {error ? <div id={`${id}-err`} className="field-error" role="alert">{error}</div> : null}
    </div>
  );
}

export function CheckboxField({ label, hint, error, ...input }: {
  label: ReactNode; hint?: ReactNode; error?: string | null;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const id = useId();
  return (
    <div className="field">
      <span className="checkbox">
        <input id={id} type="checkbox" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
        <label htmlFor={id}>{label}</label>
      </span>
      {hint ? <div id={`${id}-hint`} className="hint">{hint}</div> : null}
      {error ? <div id={`${id}-err`} className="field-error" role="alert">{error}</div> : null}
    </div>
  );
}

/** "Showing 1–50 of 120" with Previous/Next buttons. */
export function Pager({ count, limit, offset, onOffset, label }: {
  count: number; limit: number; offset: number; onOffset: (offset: number) => void; label: string;
}) {
  if (count === 0) return null;
  const first = Math.min(offset + 1, count);
  const last = Math.min(offset + limit, count);
  return (
    <nav className="adm-pager row" aria-label={`${label} pages`}>
      <span className="muted" aria-live="polite">Showing {first}–{last} of {count}</span>
      <button type="button" className="btn btn-sm" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>Previous</button>
      <button type="button" className="btn btn-sm" disabled={offset + limit >= count} onClick={() => onOffset(offset + limit)}>Next</button>
    </nav>
  );
}

/** A horizontally scrollable table container that keyboard users can focus and scroll (axe scrollable-region-focusable). */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return <div className="table-wrap adm-table-wrap" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}

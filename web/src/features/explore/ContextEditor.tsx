/** The collapsible "Context (JSON)" box: local context variables for templates, validated as a JSON object. */
import { useId } from 'react';

export function ContextEditor({ value, onChange, error, open, onOpen }: {
  value: string; onChange: (v: string) => void; error: string | null; open: boolean; onOpen: (open: boolean) => void;
}) {
  const id = useId();
  return (
    <details className="ctx" open={open} onToggle={(e) => onOpen(e.currentTarget.open)}>
      <summary>Context (JSON){value.trim() && !open ? <span className="muted"> · set</span> : null}{error ? <span className="field-error"> · invalid</span> : null}</summary>
      <div className="ctx-body">
        <label htmlFor={`${id}-ctx`} className="sr-only">Context (JSON)</label>
        <textarea id={`${id}-ctx`} className="input ctx-text" spellCheck={false} value={value} rows={5}
          placeholder={'{"host": "web1"}'}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : `${id}-hint`}
          onChange={(e) => onChange(e.target.value)} />
        {error
          ? <div id={`${id}-err`} className="field-error" role="alert">{error}</div>
          : <div id={`${id}-hint`} className="hint">Variables for {'{{ templates }}'} in the query, sent as local_context. Leave empty for none.</div>}
      </div>
    </details>
  );
}

/**
 * A JSON textarea validated as you type: the first error with its line and column, the offending line with a caret,
 * and "Go to error" (selects the spot in the textarea). "Format" pretty-prints valid JSON. The caller owns the text and
 * the check result (to disable its Save button while the text is invalid).
 */
import { useId, useRef } from 'react';
import { errorExcerpt, type JsonCheck } from './json-check';

export function JsonEditor({ label, value, onChange, check, hint, rows = 10 }: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  check: JsonCheck;
  hint?: string;
  rows?: number;
}) {
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const bad = !check.ok;
  const excerpt = check.ok ? null : errorExcerpt(value, check.offset);

  const goToError = (): void => {
    const t = area.current;
    if (!t || check.ok) return;
    t.focus();
    t.setSelectionRange(check.offset, Math.min(value.length, check.offset + 1));
  };
  const format = (): void => {
    if (check.ok) onChange(JSON.stringify(check.value, null, 2));
  };

  return (
    <div className="field lib-json">
      <label htmlFor={id}>{label}</label>
      <textarea
        ref={area} id={id} className="input lib-json-input" rows={rows} value={value} spellCheck={false}
        autoCapitalize="off" autoCorrect="off" autoComplete="off"
        aria-invalid={bad ? true : undefined} aria-describedby={`${id}-status${hint ? ` ${id}-hint` : ''}`}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint ? <div id={`${id}-hint`} className="hint">{hint}</div> : null}
      <div className="lib-json-status row">
        <div id={`${id}-status`} className={`grow ${bad ? 'field-error' : 'hint'}`} aria-live="polite">
          {check.ok ? 'Valid JSON.' : `Line ${check.line}, column ${check.column}: ${check.message}`}
        </div>
        {bad
          ? <button type="button" className="btn btn-sm" onClick={goToError}>Go to error</button>
          : <button type="button" className="btn btn-sm" onClick={format}>Format</button>}
      </div>
      {excerpt ? (
        <pre className="lib-json-excerpt" aria-hidden="true">{excerpt.text}{'\n'}{' '.repeat(excerpt.caret)}^</pre>
      ) : null}
    </div>
  );
}

/** A textarea of index patterns (one per line) with a live preview of the existing indexes each pattern matches. */
import { useId } from 'react';
import { TextAreaField } from './controls';
import { parsePatternText, patternListError, summarizePreview, type PreviewState } from './index-patterns';

const SHOW = 40;

function IndexList({ indexes }: { indexes: string[] }) {
  if (indexes.length === 0) return <span className="muted">no existing index</span>;
  const shown = indexes.slice(0, SHOW);
  return (
    <span className="adm-index-list">
      {shown.map((i) => <code key={i} className="adm-chip">{i}</code>)}
      {indexes.length > SHOW ? <span className="muted"> and {indexes.length - SHOW} more</span> : null}
    </span>
  );
}

export function PatternListEditor({ label, text, onText, previews, serverError, scopeNote }: {
  label: string; text: string; onText: (t: string) => void; previews: ReadonlyMap<string, PreviewState>;
  serverError?: string | null; scopeNote?: string;
}) {
  const previewId = useId();
  const parsed = parsePatternText(text);
  const localError = patternListError(parsed);
  const sum = summarizePreview(parsed.patterns, previews);
  return (
    <div className="adm-patterns">
      <TextAreaField
        label={label}
        value={text}
        rows={4}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        onChange={(e) => onText(e.target.value)}
        error={localError ?? serverError ?? null}
        describedById={previewId}
        hint={<>One pattern per line. <code>*</code> matches any run of characters, <code>?</code> one character; internal indexes such as <code>_audit</code> match only patterns that start with <code>_</code>.</>}
      />
      <div id={previewId} className="adm-preview" aria-live="polite">
        <div className="adm-preview-summary">
          {parsed.patterns.length === 0
            ? <span className="muted">No patterns: this grants no index.</span>
            : sum.pending > 0
              ? <span className="muted">Checking which indexes match…</span>
              : <span>Matches {sum.union.length} existing index{sum.union.length === 1 ? '' : 'es'}{scopeNote ? ` ${scopeNote}` : ''}.</span>}
        </div>
        {parsed.patterns.length > 0 ? (
          <ul className="adm-preview-list">
            {parsed.patterns.slice(0, 50).map((p) => {
              const s = previews.get(p);
              return (
                <li key={p}>
                  <code className="adm-pattern">{p}</code>{' → '}
                  {!s || s.status === 'loading' ? <span className="muted">…</span>
                    : s.status === 'error' ? <span className="field-error">{s.message}</span>
                      : <IndexList indexes={s.indexes} />}
                </li>
              );
            })}
            {parsed.patterns.length > 50 ? <li className="muted">and {parsed.patterns.length - 50} more patterns</li> : null}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

/** Field sidebar: per field, the top values with counts; click a value to filter on it, or exclude it. */
import { useId, useMemo } from 'react';
import { topValues, type FieldSummary, type TopValue } from './top-values';
import { displayValue, truncate, type Rec } from './values';

type AddFilter = (field: string, value: unknown, negate: boolean) => void;

function valueText(v: TopValue): string {
  if (v.value === '') return '(empty)';
  return truncate(displayValue(v.value), 80);
}

function FieldValues({ summary, total, onAddFilter }: { summary: FieldSummary; total: number; onAddFilter?: AddFilter | undefined }) {
  const { field } = summary;
  return (
    <ul className="fs-values">
      {summary.values.map((v, i) => {
        const text = valueText(v);
        const pct = total > 0 ? Math.round((v.count / total) * 100) : 0;
        const full = truncate(displayValue(v.value), 2000);
        const canFilter = onAddFilter !== undefined && v.filterable;
        const body = (
          <>
            <span className={v.value === null || v.value === '' ? 'fs-value-text results-null' : 'fs-value-text'}>
              {canFilter ? <span className="sr-only">Filter {field} = </span> : null}{text}
            </span>
            <span className="fs-count">{v.count.toLocaleString()}<span className="sr-only"> {v.count === 1 ? 'row' : 'rows'}</span></span>
            <span className="fs-bar" aria-hidden="true"><span className="fs-bar-fill" style={{ width: `${pct}%` }} /></span>
          </>
        );
        return (
          <li key={i} className="fs-value-row">
            {canFilter ? (
              <>
                <button type="button" className="fs-value" title={`${full} (${pct}% of rows)`}
                  onClick={() => onAddFilter(field, v.value, false)}>
                  {body}
                </button>
                <button type="button" className="btn btn-ghost btn-sm fs-exclude" title="Exclude this value" aria-label={`Exclude ${field} = ${text}`}
                  onClick={() => onAddFilter(field, v.value, true)}>
                  ≠
                </button>
              </>
            ) : (
              <div className="fs-value fs-value-static" title={full}>{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function FieldSidebar({ rows, open, onToggle, onAddFilter }: { rows: Rec[]; open: boolean; onToggle: () => void; onAddFilter?: AddFilter | undefined }) {
  const summaries = useMemo(() => (open ? topValues(rows) : null), [rows, open]);
  const panelId = useId();
  // Open the first few fields whose values repeat (ids and timestamps, all distinct, stay closed).
  const openFields = useMemo(() => {
    if (!summaries) return new Set<string>();
    const repeating = summaries.fields.filter((f) => f.distinct < f.present || f.present === 1);
    return new Set(repeating.slice(0, 4).map((f) => f.field));
  }, [summaries]);
  return (
    <aside className="fs" aria-label="Fields">
      <div className="fs-head">
        <button type="button" className="btn btn-sm" aria-expanded={open} aria-controls={panelId} onClick={onToggle}>
          {open ? 'Hide fields' : 'Show fields'}
        </button>
        {summaries ? <span className="muted">{summaries.fields.length} fields</span> : null}
      </div>
      {open && summaries ? (
        <div id={panelId} className="fs-panel">
          {summaries.sampled ? (
            <p className="muted fs-note">Top values from the first {summaries.scanned.toLocaleString()} of {summaries.total.toLocaleString()} rows.</p>
          ) : null}
          {onAddFilter ? <p className="muted fs-note">Click a value to filter on it; ≠ excludes it.</p> : null}
          <ul className="fs-list">
            {summaries.fields.map((f) => (
              <li key={f.field}>
                <details className="fs-field" open={openFields.has(f.field)}>
                  <summary>
                    <span className="fs-field-name">{f.field}</span>
                    <span className="fs-field-meta muted">{f.distinct.toLocaleString()} {f.distinct === 1 ? 'value' : 'values'}</span>
                  </summary>
                  <FieldValues summary={f} total={summaries.scanned} onAddFilter={onAddFilter} />
                </details>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </aside>
  );
}

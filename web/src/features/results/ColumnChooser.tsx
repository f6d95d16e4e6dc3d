/** "Columns" popover (a <details>): a labelled checkbox per column; Esc closes it. */
import { useEffect, useRef, type KeyboardEvent } from 'react';

export function ColumnChooser({ columns, hidden, onChange }: { columns: string[]; hidden: ReadonlySet<string>; onChange: (hidden: ReadonlySet<string>) => void }) {
  const ref = useRef<HTMLDetailsElement>(null);
  // A click outside closes the popover.
  useEffect(() => {
    const onDown = (e: PointerEvent): void => {
      const el = ref.current;
      if (el?.open && e.target instanceof Node && !el.contains(e.target)) el.open = false;
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, []);
  const shown = columns.filter((c) => !hidden.has(c)).length;
  const set = (column: string, visible: boolean): void => {
    const next = new Set(hidden);
    if (visible) next.delete(column);
    else next.add(column);
    onChange(next);
  };
  const onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !ref.current?.open) return;
    e.preventDefault();
    e.stopPropagation();
    ref.current.open = false;
    ref.current.querySelector('summary')?.focus();
  };
  return (
    <details ref={ref} className="rg-columns" onKeyDown={onKey}>
      <summary className="btn btn-sm">Columns ({shown}/{columns.length})</summary>
      <fieldset className="rg-columns-panel">
        <legend className="sr-only">Visible columns</legend>
        <div className="rg-columns-actions">
          <button type="button" className="btn btn-sm" onClick={() => onChange(new Set())}>Show all</button>
          <button type="button" className="btn btn-sm" onClick={() => onChange(new Set(columns))}>Hide all</button>
        </div>
        <ul className="rg-columns-list">
          {columns.map((c) => (
            <li key={c}>
              <label className="checkbox">
                <input type="checkbox" checked={!hidden.has(c)} onChange={(e) => set(c, e.target.checked)} />
                <span className="rg-columns-name">{c}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </details>
  );
}

/** Views for the simple result shapes: a big value, help text, lists and plain tables (all values as text). */
import type { DataTableSpec } from './shape';
import { displayValue, truncate, type Rec } from './values';

/** Plain views show at most this many rows/items (the export buttons still give everything). */
export const PLAIN_LIMIT = 1000;
const CELL_MAX = 500;

function LimitNote({ shown, total, what }: { shown: number; total: number; what: string }) {
  if (shown >= total) return null;
  return <p className="muted results-note">Showing the first {shown.toLocaleString()} of {total.toLocaleString()} {what}; export the result to get all of them.</p>;
}

/** A cell: long text is cut (the full value is in the title). */
export function Cell({ value }: { value: unknown }) {
  const text = displayValue(value);
  const shown = truncate(text, CELL_MAX);
  return <td className={value === null ? 'cell-mono results-null' : 'cell-mono'} title={shown !== text ? truncate(text, 5000) : undefined}>{shown}</td>;
}

export function ScalarView({ value }: { value: string | number | boolean }) {
  const text = typeof value === 'number' && Number.isFinite(value) && Math.abs(value) >= 10_000
    ? new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 }).format(value)
    : String(value);
  return (
    <p className="results-scalar">
      <output aria-label="Result value" title={text !== String(value) ? String(value) : undefined}>{text}</output>
    </p>
  );
}

export function HelpView({ text }: { text: string }) {
  return <pre className="results-help">{text}</pre>;
}

export function ListView({ items }: { items: unknown[] }) {
  const shown = items.slice(0, PLAIN_LIMIT);
  return (
    <>
      <ul className="results-list">
        {shown.map((v, i) => <li key={i} className={v === null ? 'results-null' : undefined}>{truncate(displayValue(v), CELL_MAX)}</li>)}
      </ul>
      <LimitNote shown={shown.length} total={items.length} what="items" />
    </>
  );
}

function PlainTable({ label, columns, rows, total }: { label: string; columns: string[]; rows: unknown[][]; total: number }) {
  return (
    <>
      <div className="table-wrap results-plain" tabIndex={0} role="region" aria-label={label}>
        <table className="table">
          <thead>
            <tr>{columns.map((c, i) => <th key={i} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((r, i) => <tr key={i}>{columns.map((_, j) => <Cell key={j} value={r[j]} />)}</tr>)}
          </tbody>
        </table>
      </div>
      <LimitNote shown={rows.length} total={total} what="rows" />
    </>
  );
}

export function MatrixTable({ rows }: { rows: unknown[][] }) {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const columns = Array.from({ length: width }, (_, i) => String(i + 1));
  return <PlainTable label="Result table" columns={columns} rows={rows.slice(0, PLAIN_LIMIT)} total={rows.length} />;
}

export function DataTableView({ table }: { table: DataTableSpec }) {
  if (table.columns.length === 0) return <p className="results-empty">No data</p>;
  return <PlainTable label="Result table" columns={table.columns} rows={table.data.slice(0, PLAIN_LIMIT)} total={table.data.length} />;
}

/** Any other object: one row per key. */
export function KeyValueTable({ value }: { value: Rec }) {
  const keys = Object.keys(value);
  if (keys.length === 0) return <p className="results-empty">Empty object</p>;
  return (
    <div className="table-wrap results-plain" tabIndex={0} role="region" aria-label="Result object">
      <table className="table results-kv">
        <thead>
          <tr><th scope="col">Field</th><th scope="col">Value</th></tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k}>
              <th scope="row" className="cell-mono">{k}</th>
              <Cell value={value[k]} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

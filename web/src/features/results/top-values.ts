/** Top values per field for the field sidebar, computed over (a sample of) the rows. Pure: no DOM, no React. */
import { EXTRACTED } from './rows';
import { isRecord, isScalar, safeJson, type Rec } from './values';

/** Rows looked at for the sidebar (the first ones): keeps a 100,000-row result responsive. */
export const SIDEBAR_SAMPLE = 10_000;

export interface TopValue {
  /** The value itself (scalars), or its JSON text (containers). */
  value: unknown;
  count: number;
  /** Whether a filter on this value makes sense (scalars only). */
  filterable: boolean;
}
export interface FieldSummary {
  /** The name to filter on: a top-level key or `extracted_fields__key`. */
  field: string;
  /** Rows (of the sample) in which the field is present. */
  present: number;
  /** Distinct values seen (in the sample). */
  distinct: number;
  values: TopValue[];
}
export interface FieldSummaries {
  /** Rows looked at. */
  scanned: number;
  total: number;
  /** True when only the first `scanned` rows were looked at. */
  sampled: boolean;
  fields: FieldSummary[];
}

function valueKey(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string': return `s:${v}`;
    case 'number': return `n:${v}`;
    case 'boolean': return `b:${v}`;
    default: return `j:${safeJson(v)}`;
  }
}

class Counter {
  present = 0;
  readonly counts = new Map<string, { value: unknown; count: number; filterable: boolean }>();
  add(v: unknown): void {
    this.present += 1;
    const key = valueKey(v);
    const hit = this.counts.get(key);
    if (hit) hit.count += 1;
    else this.counts.set(key, isScalar(v) ? { value: v, count: 1, filterable: true } : { value: safeJson(v), count: 1, filterable: false });
  }
}

/**
 * For every field (top-level keys; the keys of `extracted_fields` as `extracted_fields__key`), the `top` most
 * frequent values with their counts, over the first `sample` rows. Ties keep first-seen order.
 */
export function topValues(rows: readonly unknown[], opts: { sample?: number; top?: number } = {}): FieldSummaries {
  const sample = opts.sample ?? SIDEBAR_SAMPLE;
  const top = opts.top ?? 10;
  const n = Math.min(rows.length, sample);
  const counters = new Map<string, Counter>();
  const counter = (field: string): Counter => {
    let c = counters.get(field);
    if (!c) counters.set(field, (c = new Counter()));
    return c;
  };
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!isRecord(row)) continue;
    for (const [k, v] of Object.entries(row)) {
      if (k === EXTRACTED && isRecord(v)) {
        counter(k); // keeps the field order; its sub-keys carry the values
        for (const [ek, ev] of Object.entries(v as Rec)) counter(`${EXTRACTED}__${ek}`).add(ev);
      } else {
        counter(k).add(v);
      }
    }
  }
  const fields: FieldSummary[] = [];
  for (const [field, c] of counters) {
    if (c.present === 0) continue;
    const values = [...c.counts.values()]
      .map((x, i) => ({ ...x, i }))
      .sort((a, b) => b.count - a.count || a.i - b.i)
      .slice(0, top)
      .map(({ value, count, filterable }) => ({ value, count, filterable }));
    fields.push({ field, present: c.present, distinct: c.counts.size, values });
  }
  return { scanned: n, total: rows.length, sampled: n < rows.length, fields };
}

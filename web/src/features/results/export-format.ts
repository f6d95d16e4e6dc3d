/**
 * Export of the current result as CSV (RFC 4180), JSON and NDJSON. Pure: builds text chunks; the download itself
 * (Blob + <a download>) lives in ExportBar.tsx.
 */
import { columnUnion } from './rows';
import type { Shape } from './shape';
import { chartPoints } from './chart-data';
import { getOwn, safeJson } from './values';

export interface FlatTable { columns: string[]; rows: unknown[][] }

/** Characters that make spreadsheets treat a cell as a formula (OWASP "CSV injection"), incl. tab and CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text cells that start like a formula get a leading `'` so spreadsheets show them as text. Numbers are safe. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV field: null/missing → empty, containers → JSON, quoted when needed (RFC 4180), formulas neutralised. */
export function csvCell(v: unknown): string {
  let text: string;
  if (v === null || v === undefined) text = '';
  else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') text = String(v);
  else if (typeof v === 'string') text = neutraliseFormula(v);
  else text = neutraliseFormula(safeJson(v));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text in chunks (one per 1,000 lines) with CRLF line ends and a header line. */
export function toCsvChunks(table: FlatTable): string[] {
  const chunks: string[] = [];
  let lines: string[] = [table.columns.map(csvCell).join(',')];
  for (const row of table.rows) {
    lines.push(row.map(csvCell).join(','));
    if (lines.length >= 1000) {
      chunks.push(`${lines.join('\r\n')}\r\n`);
      lines = [];
    }
  }
  if (lines.length) chunks.push(`${lines.join('\r\n')}\r\n`);
  return chunks;
}

export function toCsv(table: FlatTable): string {
  return toCsvChunks(table).join('');
}

/** One JSON value per line (LF), in chunks. */
export function toNdjsonChunks(records: readonly unknown[]): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < records.length; i += 1000) {
    chunks.push(records.slice(i, i + 1000).map((r) => `${safeJson(r ?? null)}\n`).join(''));
  }
  return chunks;
}

export function toNdjson(records: readonly unknown[]): string {
  return toNdjsonChunks(records).join('');
}

/** Pretty JSON of the whole result. */
export function toJson(result: unknown): string {
  return `${safeJson(result ?? null, 2)}\n`;
}

/** The result as a header + rows table (for CSV). */
export function flatTable(shape: Shape): FlatTable {
  switch (shape.kind) {
    case 'null': return { columns: ['value'], rows: [] };
    case 'empty': return { columns: ['value'], rows: [] };
    case 'scalar': return { columns: ['value'], rows: [[shape.value]] };
    case 'help': return { columns: ['help'], rows: [[shape.text]] };
    case 'list': return { columns: ['value'], rows: shape.items.map((v) => [v]) };
    case 'matrix': {
      const width = shape.rows.reduce((m, r) => Math.max(m, r.length), 0);
      return { columns: Array.from({ length: width }, (_, i) => `column_${i + 1}`), rows: shape.rows };
    }
    case 'rows': {
      const columns = columnUnion(shape.rows);
      return { columns, rows: shape.rows.map((r) => columns.map((c) => getOwn(r, c))) };
    }
    case 'datatable': return { columns: shape.table.columns, rows: shape.table.data };
    case 'chart': {
      const pts = chartPoints(shape.spec);
      return { columns: ['series', pts.xKey, pts.yKey], rows: pts.points.map((p) => [p.series, p.x, p.y]) };
    }
    case 'object': {
      const columns = Object.keys(shape.value);
      return { columns, rows: [columns.map((c) => shape.value[c])] };
    }
  }
}

/** The result as records, one NDJSON line each (arrays: their elements; a chart: its points; else the value). */
export function ndjsonRecords(shape: Shape, result: unknown): unknown[] {
  switch (shape.kind) {
    case 'null': return [];
    case 'empty': return [];
    case 'list': return shape.items;
    case 'matrix': return shape.rows;
    case 'rows': return shape.rows;
    case 'datatable': {
      const cols = shape.table.columns;
      return shape.table.data.map((r) => Object.fromEntries(cols.map((c, i) => [c, r[i] ?? null])));
    }
    case 'chart': {
      const pts = chartPoints(shape.spec);
      return pts.points.map((p) => ({ series: p.series, [pts.xKey]: p.x, [pts.yKey]: p.y }));
    }
    default: return [result];
  }
}

/** `delve-results-20240131-120000.csv` (local time). */
export function exportFileName(ext: 'csv' | 'json' | 'ndjson', now: Date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `delve-results-${stamp}.${ext}`;
}

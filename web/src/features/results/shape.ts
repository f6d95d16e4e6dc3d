/**
 * Which view a query result gets (reference §9 "Rendering", improved). Pure: no DOM, no React.
 *
 * scalar → big value · null → "No result" · [] → "No data" · array of objects → rows (virtualized table + field
 * sidebar) · array of arrays → plain table · other arrays → list · {visualization: "chartjs"} → chart ·
 * {visualization: "table"} → table · {help: "..."} alone → help text · other object → one-row key/value table.
 */
import { displayValue, isRecord, type Rec } from './values';

export interface ChartDataset { label: unknown; data: unknown[]; type?: unknown; fill?: unknown; [k: string]: unknown }
export interface ChartSpec {
  visualization: 'chartjs';
  type: string;
  data: { labels?: unknown[]; datasets: ChartDataset[] };
  options: Rec;
}
export interface DataTableSpec { columns: string[]; data: unknown[][] }

export type Shape =
  | { kind: 'null' }
  | { kind: 'empty' }
  | { kind: 'scalar'; value: string | number | boolean }
  | { kind: 'list'; items: unknown[] }
  | { kind: 'matrix'; rows: unknown[][] }
  | { kind: 'rows'; rows: Rec[] }
  | { kind: 'chart'; spec: ChartSpec }
  | { kind: 'datatable'; table: DataTableSpec }
  | { kind: 'help'; text: string }
  | { kind: 'object'; value: Rec };

/** A `chart` command result, normalised (missing parts become empty), or null when `v` is not one. */
export function asChartSpec(v: Rec): ChartSpec | null {
  if (v['visualization'] !== 'chartjs') return null;
  const data = isRecord(v['data']) ? v['data'] : {};
  const datasets = Array.isArray(data['datasets'])
    ? data['datasets'].filter(isRecord).map((d) => ({ ...d, label: d['label'] ?? null, data: Array.isArray(d['data']) ? d['data'] : [] }))
    : [];
  const labels = Array.isArray(data['labels']) ? data['labels'] : undefined;
  return {
    visualization: 'chartjs',
    type: typeof v['type'] === 'string' ? v['type'] : 'bar',
    data: labels ? { labels, datasets } : { datasets },
    options: isRecord(v['options']) ? v['options'] : {},
  };
}

/** A `table` command result as column titles and rows of cells, or null when `v` is not one. */
export function asDataTable(v: Rec): DataTableSpec | null {
  if (v['visualization'] !== 'table') return null;
  const rawCols = Array.isArray(v['columns']) ? v['columns'] : [];
  const columns = rawCols.map((c, i) => (isRecord(c) && c['title'] !== undefined ? displayValue(c['title']) : typeof c === 'string' ? c : `column ${i + 1}`));
  const rawData = Array.isArray(v['data']) ? v['data'] : [];
  const data = rawData.map((r) => (Array.isArray(r) ? r : isRecord(r) ? columns.map((c) => (Object.hasOwn(r, c) ? r[c] : undefined)) : [r]));
  return { columns, data };
}

/** Decide how to show a result. */
export function detectShape(result: unknown): Shape {
  if (result === null || result === undefined) return { kind: 'null' };
  if (typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean') return { kind: 'scalar', value: result };
  if (Array.isArray(result)) {
    if (result.length === 0) return { kind: 'empty' };
    if (result.every(isRecord)) return { kind: 'rows', rows: result };
    if (result.every(Array.isArray)) return { kind: 'matrix', rows: result };
    return { kind: 'list', items: result };
  }
  if (isRecord(result)) {
    const chart = asChartSpec(result);
    if (chart) return { kind: 'chart', spec: chart };
    const table = asDataTable(result);
    if (table) return { kind: 'datatable', table };
    const keys = Object.keys(result);
    if (keys.length === 1 && keys[0] === 'help' && typeof result['help'] === 'string') return { kind: 'help', text: result['help'] };
    return { kind: 'object', value: result };
  }
  return { kind: 'scalar', value: String(result) };
}

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * What the run status says about a result: rows for row-shaped results, points and series for a chart, rows of a
 * `table` result, "1 value" for a scalar. `metaRows` is the API's meta.rows (1 for a chart or table object).
 */
export function resultSummary(result: unknown, metaRows: number | undefined): string {
  const shape = detectShape(result);
  switch (shape.kind) {
    case 'chart': {
      const series = shape.spec.data.datasets.length;
      const points = Math.max(shape.spec.data.labels?.length ?? 0, ...shape.spec.data.datasets.map((d) => d.data.length));
      return `Chart of ${plural(points, 'point', 'points')}${series > 1 ? ` in ${series} series` : ''}`;
    }
    case 'datatable': return plural(shape.table.data.length, 'row', 'rows');
    case 'scalar': return '1 value';
    case 'null': return 'No result';
    case 'help': return 'Help';
    default: return typeof metaRows === 'number' ? plural(metaRows, 'row', 'rows') : 'Done';
  }
}

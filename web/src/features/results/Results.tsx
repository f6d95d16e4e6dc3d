/** Renders a query result by its shape (see shape.ts), with export buttons and the run's summary. */
import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import type { QueryMeta } from '../../api/types';
import { Spinner } from '../../ui';
import { ExportBar } from './ExportBar';
import { RowsView } from './RowsView';
import { columnUnion, fieldNames } from './rows';
import { detectShape, type Shape } from './shape';
import { DataTableView, HelpView, KeyValueTable, ListView, MatrixTable, ScalarView } from './SimpleViews';
import './results.css';

// uPlot is only downloaded when a chart is shown.
const ChartView = lazy(() => import('./ChartView'));

export type AddFilter = (field: string, value: unknown, negate: boolean) => void;

export interface ResultsProps {
  result: unknown;
  meta: QueryMeta | null;
  /** Called when a field value is clicked in the sidebar (negate: "exclude" was chosen). */
  onAddFilter?: AddFilter;
  /** Called with the field names seen whenever a row result arrives (for editor autocomplete). */
  onFields?: (fields: string[]) => void;
}

/** What the result is, in a few words (Explore shows the row count, run time and truncation itself). */
function summaryText(shape: Shape): string {
  let text = '';
  if (shape.kind === 'rows') {
    const cols = columnUnion(shape.rows).length;
    text = `${shape.rows.length.toLocaleString()} ${shape.rows.length === 1 ? 'row' : 'rows'}, ${cols} ${cols === 1 ? 'field' : 'fields'}`;
  } else if (shape.kind === 'list') text = `${shape.items.length.toLocaleString()} items`;
  else if (shape.kind === 'matrix') text = `${shape.rows.length.toLocaleString()} rows`;
  else if (shape.kind === 'datatable') text = `${shape.table.data.length.toLocaleString()} rows`;
  return text;
}

function ShapeView({ shape, onAddFilter }: { shape: Shape; onAddFilter?: AddFilter }) {
  switch (shape.kind) {
    case 'null': return <p className="results-empty">No result</p>;
    case 'empty': return <p className="results-empty">No data</p>;
    case 'scalar': return <ScalarView value={shape.value} />;
    case 'help': return <HelpView text={shape.text} />;
    case 'list': return <ListView items={shape.items} />;
    case 'matrix': return <MatrixTable rows={shape.rows} />;
    case 'rows': return <RowsView rows={shape.rows} onAddFilter={onAddFilter} />;
    case 'datatable': return <DataTableView table={shape.table} />;
    case 'object': return <KeyValueTable value={shape.value} />;
    case 'chart':
      return (
        <Suspense fallback={<div className="results-loading"><Spinner label="Loading chart" /></div>}>
          <ChartView spec={shape.spec} />
        </Suspense>
      );
  }
}

export function Results({ result, meta, onAddFilter, onFields }: ResultsProps) {
  const shape = useMemo(() => detectShape(result), [result]);
  const summary = useMemo(() => summaryText(shape), [shape]);
  const onFieldsRef = useRef(onFields);
  onFieldsRef.current = onFields;
  const lastFields = useRef('');
  useEffect(() => {
    if (shape.kind !== 'rows') return;
    const names = fieldNames(shape.rows);
    const key = JSON.stringify(names);
    if (key === lastFields.current) return; // same fields as the last row result: nothing new to tell
    lastFields.current = key;
    onFieldsRef.current?.(names);
  }, [shape]);

  return (
    <div className="results">
      <div className="results-toolbar">
        <span className="results-summary muted">{summary}</span>
        <ExportBar result={result} shape={shape} truncated={meta?.truncated === true} />
      </div>
      <ShapeView shape={shape} onAddFilter={onAddFilter} />
    </div>
  );
}

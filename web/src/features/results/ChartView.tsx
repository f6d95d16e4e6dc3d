/**
 * `chart` output drawn with uPlot (lazily loaded: only this module imports it). Falls back to a table of the data
 * with a note when the chart type cannot be drawn. The data is also available as a table under the chart.
 */
import { useId, useMemo } from 'react';
import { chartPoints, toChartModel, type ChartModel } from './chart-data';
import type { ChartSpec } from './shape';
import { PLAIN_LIMIT, Cell } from './SimpleViews';
import { UPlotChart } from './UPlotChart';

function PointsTable({ spec }: { spec: ChartSpec }) {
  const { xKey, yKey, points } = useMemo(() => chartPoints(spec), [spec]);
  const shown = points.slice(0, PLAIN_LIMIT);
  return (
    <>
      <div className="table-wrap results-plain" tabIndex={0} role="region" aria-label="Chart data">
        <table className="table">
          <thead>
            <tr><th scope="col">series</th><th scope="col">{xKey}</th><th scope="col">{yKey}</th></tr>
          </thead>
          <tbody>
            {shown.map((p, i) => (
              <tr key={i}><Cell value={p.series} /><Cell value={p.x} /><Cell value={p.y} /></tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length < points.length ? <p className="muted results-note">Showing the first {shown.length.toLocaleString()} of {points.length.toLocaleString()} points.</p> : null}
    </>
  );
}

function describe(m: ChartModel): string {
  const kinds = [...new Set(m.series.map((s) => s.kind))].join('/');
  const axis = m.xKind === 'time' ? 'over time' : `by ${m.xKey}`;
  const series = m.series.length > 1 ? ` (${m.series.length} series)` : '';
  return `${kinds.charAt(0).toUpperCase()}${kinds.slice(1)} chart of ${m.yKey} ${axis}${series}.`;
}

export default function ChartView({ spec }: { spec: ChartSpec }) {
  const model = useMemo(() => toChartModel(spec), [spec]);
  const captionId = useId();
  if (!model.ok) {
    return (
      <div className="chart-fallback">
        <div className="alert alert-info" role="status">{model.reason}</div>
        <PointsTable spec={spec} />
      </div>
    );
  }
  const notes: string[] = [];
  if (model.duplicates > 0) notes.push(`${model.duplicates} points share an x value with another point of their series; the last one is drawn.`);
  if (model.nonNumeric > 0) notes.push(`${model.nonNumeric} y values are not numbers and are left out.`);
  return (
    <figure className="chart" aria-labelledby={captionId}>
      <UPlotChart model={model} label={describe(model)} />
      <figcaption id={captionId} className="chart-caption">
        {describe(model)} <span className="muted">Hover for values; drag across the chart to zoom, double-click to reset.</span>
      </figcaption>
      {notes.map((n) => <p key={n} className="muted results-note">{n}</p>)}
      <details className="chart-data">
        <summary>Data as a table</summary>
        <PointsTable spec={spec} />
      </details>
    </figure>
  );
}

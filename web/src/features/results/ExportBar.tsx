/** CSV / JSON / NDJSON download of the current result (Blob + object URL + <a download>; nothing leaves the browser). */
import { useState } from 'react';
import { exportFileName, flatTable, ndjsonRecords, toCsvChunks, toJson, toNdjsonChunks } from './export-format';
import type { Shape } from './shape';

type Format = 'csv' | 'json' | 'ndjson';

const MIME: Record<Format, string> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json;charset=utf-8',
  ndjson: 'application/x-ndjson;charset=utf-8',
};

function download(chunks: string[], format: Format): void {
  const url = URL.createObjectURL(new Blob(chunks, { type: MIME[format] }));
  const a = document.createElement('a');
  a.href = url;
  a.download = exportFileName(format);
  a.rel = 'noopener';
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function ExportBar({ result, shape, truncated = false }: { result: unknown; shape: Shape; truncated?: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const nothing = shape.kind === 'null';
  const run = (format: Format): void => {
    setError(null);
    try {
      const chunks = format === 'csv' ? toCsvChunks(flatTable(shape)) : format === 'json' ? [toJson(result)] : toNdjsonChunks(ndjsonRecords(shape, result));
      download(chunks, format);
    } catch (e) {
      setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div className="results-export" role="group" aria-label="Export result">
      <span className="muted" aria-hidden="true" title={truncated ? 'The result was truncated: exports hold the rows shown, not every match.' : undefined}>
        Export{truncated ? ' (truncated result)' : ''}
      </span>
      <button type="button" className="btn btn-sm" disabled={nothing} onClick={() => run('csv')} aria-label="Export as CSV">CSV</button>
      <button type="button" className="btn btn-sm" disabled={nothing} onClick={() => run('json')} aria-label="Export as JSON">JSON</button>
      <button type="button" className="btn btn-sm" disabled={nothing} onClick={() => run('ndjson')} aria-label="Export as NDJSON">NDJSON</button>
      {error ? <span className="field-error" role="alert">{error}</span> : null}
    </div>
  );
}

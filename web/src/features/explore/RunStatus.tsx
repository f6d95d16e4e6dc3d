/** Progress and elapsed time while a query runs; afterwards rows, time taken and the truncation notice. */
import { useEffect, useState } from 'react';
import type { QueryMeta } from '../../api/types';
import { resultSummary } from '../results/shape';

export function fmtDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const t = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(t);
  }, []);
  return <span className="run-elapsed" aria-hidden="true">{fmtDuration(Math.max(0, now - since))}</span>;
}

export function RunStatus({ running, startedAt, meta, result, cancelled }: { running: boolean; startedAt: number; meta: QueryMeta | null; result: unknown; cancelled: boolean }) {
  if (running) {
    return (
      <div className="run-status">
        <progress className="run-progress" aria-label="Query running" />
        <span role="status">Running…</span>
        <Elapsed since={startedAt} />
      </div>
    );
  }
  if (cancelled) return <div className="run-status" role="status">Query cancelled.</div>;
  if (!meta) return null;
  const rows = resultSummary(result, typeof meta.rows === 'number' ? meta.rows : undefined);
  const limit = typeof meta.limit === 'number' ? meta.limit : meta.rows;
  return (
    <div className="run-status-wrap">
      <div className="run-status" role="status">{rows} · took {fmtDuration(meta.took_ms)}</div>
      {meta.truncated ? (
        <div className="alert alert-warning run-truncated" role="status">
          Results truncated at {typeof limit === 'number' ? String(limit) : 'the row limit'} rows. Narrow the search (time range, terms) or add <code>| head -n N</code> to see exactly what you need.
        </div>
      ) : null}
    </div>
  );
}

import type { User } from '../../auth/users.js';

/** A row passed between pipeline commands: a plain JSON-like object (Date values allowed until final serialisation). */
export type Row = Record<string, unknown>;

/**
 * A lazy database query (reference §4.5: Django QuerySet): built by `search` and refined by `qs_*` commands, compiled
 * to ONE parameterised SQL statement when resolved. Implemented in src/query/plan/.
 */
export interface LazyQuery {
  readonly kind: 'lazy-query';
  /** Materialises the query as rows (capped by the runtime's row limit). */
  resolve(ctx: ExecContext): Promise<Row[]>;
}

/** What a command may return (reference §4.5). */
export type PipelineValue = LazyQuery | Row[] | unknown[] | Row | string | number | boolean | null;

export function isLazyQuery(v: unknown): v is LazyQuery {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'lazy-query';
}

/** Per-run context shared by the commands of one pipeline. */
export interface ExecContext {
  /** The caller. */
  user: User;
  /** Mutable local template context (`set`, `events_to_context` write here). */
  locals: Record<string, unknown>;
  /** Read-only global context of the caller. */
  globals: Readonly<Record<string, unknown>>;
  /** Row cap (DELVE_MAX_RESULT_ROWS). */
  maxRows: number;
  /** Aborted when the client disconnects or the time limit passes; long loops must check it. */
  signal: AbortSignal;
  /** Current time (injectable for tests). */
  now(): Date;
}

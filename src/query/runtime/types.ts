import type { User } from '../../auth/users.js';
import type { Settings } from '../../config/schema.js';
import type { Store } from '../../storage/index.js';

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

/** The caller's index access (DESIGN §4.5), pushed into every search/join and checked by writers. */
export interface IndexAccess {
  /** True for superusers: every index, internal ones included. */
  all: boolean;
  readPatterns: readonly string[];
  writePatterns: readonly string[];
  canRead(index: string): boolean;
  canWrite(index: string): boolean;
}

/** Stores events on behalf of a command (make_events --save, request --save-event); resolves after COMMIT. */
export interface EventAppender {
  append(user: User, events: { index: string; host: string; source: string; sourcetype: string; text: string; extracted_fields?: Record<string, unknown> }[]): Promise<{ ids: string[] }>;
}

/** Server-side resources commands may use (absent in pure unit tests of in-memory commands). */
export interface QueryServices {
  settings: Settings;
  store: Store;
  access: IndexAccess;
  /** True when the user holds the permission (superusers hold all). */
  hasPermission(codename: string): Promise<boolean>;
  ingest?: EventAppender;
  /** Nesting depth of run_query (0 at the top). */
  depth: number;
  /** Runs another pipeline as the same user (run_query); provided by the runtime. */
  runPipeline?: (text: string, input: PipelineValue, locals: Record<string, unknown>) => Promise<PipelineValue>;
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
  /** Database and server resources; undefined in unit tests of in-memory commands. */
  services?: QueryServices;
}

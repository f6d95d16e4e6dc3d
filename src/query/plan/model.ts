/**
 * The models a query may read, as allow-lists (reference §12 #2, #3): only Delve's own `events` model, its
 * columns, `extracted_fields__<json path>` and a few harmless fields of the owning user (`user__username`).
 * Anything reaching passwords, token hashes, sessions or secrets is refused with DLV_QUERY_FORBIDDEN_FIELD.
 */
import { DelveError } from '../../errors.js';

/** How a column's SQL value is typed and decoded. */
export type ColumnType = 'text' | 'integer' | 'boolean' | 'datetime_us' | 'datetime_ms' | 'json';

export type ColumnDef = { readonly name: string; readonly column: string; readonly type: ColumnType };

/** Table aliases used by compiled SQL. */
export const EVENTS_ALIAS = 'e';
export const USERS_ALIAS = 'eu';

/** Columns of the `events` model, in row-shape order (reference §4.6). `seq` is internal and never exposed. */
export const EVENT_COLUMNS: readonly ColumnDef[] = [
  { name: 'id', column: 'id', type: 'text' },
  { name: 'created', column: 'created', type: 'datetime_us' },
  { name: 'index', column: 'index', type: 'text' },
  { name: 'source', column: 'source', type: 'text' },
  { name: 'sourcetype', column: 'sourcetype', type: 'text' },
  { name: 'host', column: 'host', type: 'text' },
  { name: 'text', column: 'text', type: 'text' },
  { name: 'extracted_fields', column: 'extracted_fields', type: 'json' },
  { name: 'user_id', column: 'user_id', type: 'text' },
];

/** Event columns declared NOT NULL (migration 0001): `Count(<one of them>)` counts rows, so it compiles to count(*). */
export const NOT_NULL_EVENT_COLUMNS: ReadonlySet<string> = new Set(['id', 'created', 'index', 'source', 'sourcetype', 'host', 'text']);

/** Whether `sql` is exactly a reference to a NOT NULL column of the events alias (`e."id"`). */
export function isNotNullEventColumn(sql: string): boolean {
  const m = /^e\."([a-z_]+)"$/.exec(sql);
  return m !== null && NOT_NULL_EVENT_COLUMNS.has(m[1] as string);
}

/** Other names of event columns (Django: `pk` is the primary key, `user` the foreign key value). */
export const EVENT_ALIASES: Readonly<Record<string, string>> = { pk: 'id', user: 'user_id' };

/** Fields of the related user that queries may read (`user__username`). */
export const USER_FIELDS: readonly ColumnDef[] = [
  { name: 'id', column: 'id', type: 'text' },
  { name: 'username', column: 'username', type: 'text' },
  { name: 'first_name', column: 'first_name', type: 'text' },
  { name: 'last_name', column: 'last_name', type: 'text' },
  { name: 'is_active', column: 'is_active', type: 'boolean' },
  { name: 'is_staff', column: 'is_staff', type: 'boolean' },
  { name: 'is_superuser', column: 'is_superuser', type: 'boolean' },
  { name: 'date_joined', column: 'date_joined', type: 'datetime_ms' },
  { name: 'last_login', column: 'last_login', type: 'datetime_ms' },
];

/** Path segments (outside JSON keys) that are never allowed anywhere in a relation path. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set([
  'password', 'password_changed_at', 'password_hmac', 'sessions', 'session', 'session_set', 'api_tokens', 'api_token',
  'tokens', 'token', 'token_hash', 'auth_token', 'secrets', 'secret', 'ciphertext', 'key_id', 'user_permissions',
  'groups', 'email',
]);

/** The model names `--model` accepts (reference --model took any import path: §12 #3). */
const MODEL_NAMES: Readonly<Record<string, 'events'>> = { events: 'events', 'events.models.Event': 'events', event: 'events' };

export type ModelName = 'events';

/** Resolve a `--model` value against the allow-list; anything else is DLV_QUERY_MODEL. */
export function resolveModel(name: string | null | undefined): ModelName {
  if (name === null || name === undefined || name === '') return 'events';
  const m = MODEL_NAMES[name];
  if (m === undefined) {
    throw new DelveError('DLV_QUERY_MODEL', `Unknown model ${JSON.stringify(name.slice(0, 80))}: the only model is events (alias events.models.Event).`, { field: 'model' });
  }
  return m;
}

/** Check a `--using` value: only the default database exists. */
export function checkUsing(alias: string | null | undefined): void {
  if (alias === null || alias === undefined || alias === 'default') return;
  throw new DelveError('DLV_QUERY_MODEL', `Unknown database alias ${JSON.stringify(alias.slice(0, 80))}: only 'default' exists.`, { field: 'using' });
}

/** The event column named `name` (or alias), if any. */
export function eventColumn(name: string): ColumnDef | undefined {
  const real = EVENT_ALIASES[name] ?? name;
  return EVENT_COLUMNS.find((c) => c.name === real);
}

/** Human list of the fields a path may start with, for error messages. */
export function allowedFieldsHint(): string {
  return `${EVENT_COLUMNS.map((c) => c.name).join(', ')}, extracted_fields__<key>, user__{${USER_FIELDS.map((f) => f.name).join(',')}}`;
}

/**
 * `sql_query CONNECTION SQL` (reference §6.1, hardened per §12 #4): superusers only; CONNECTION is a NAME from
 * DELVE_SQL_CONNECTIONS (never a URL typed into the query). Only `sqlite:///<absolute path>` URLs are supported for now;
 * the file is opened read-only (`readonly`, `fileMustExist`, `PRAGMA query_only=1`) for this one statement, and only
 * statements that return rows are accepted. The SQL is passed as written to that connection — it can only reach
 * Delve's own database if an administrator configured a connection to it. Rows are JSON-normalised.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { isAbsolute, normalize } from 'node:path';
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import type { ExecContext, PipelineValue } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { toJsonSafe } from './json-safe.js';

const spec = defineCommand({
  name: 'sql_query',
  description: 'Run a read-only SQL query on a connection named in DELVE_SQL_CONNECTIONS (superusers only).',
  args: [
    { name: 'connection', metavar: 'CONNECTION', help: 'connection name from DELVE_SQL_CONNECTIONS' },
    { name: 'sql', metavar: 'SQL', nargs: '+', help: 'one SQL statement that returns rows (quote it)' },
  ],
});

/** The absolute file path of a `sqlite:///…` URL, or a DLV_SQL_CONNECTION error. */
export function sqlitePathOf(name: string, url: string): string {
  const m = /^sqlite:\/\/(\/.+)$/.exec(url);
  const path = m?.[1] ? normalize(m[1]) : undefined;
  if (!path || !isAbsolute(path) || path.includes('\0') || /[?#]/.test(path)) {
    throw new DelveError('DLV_SQL_CONNECTION', `Connection "${name}" in DELVE_SQL_CONNECTIONS is not supported: only sqlite:///absolute/path.db URLs are.`, { field: 'connection' });
  }
  return path;
}

function runSqlQuery(ctx: ExecContext, _input: PipelineValue, args: Record<string, unknown>): Record<string, unknown>[] {
  const svc = ctx.services;
  if (!svc) throw new DelveError('DLV_INTERNAL', 'sql_query needs server services.');
  if (ctx.user.is_superuser !== 1) throw new DelveError('DLV_AUTH_FORBIDDEN', 'sql_query is only available to superusers.');
  const name = String(args['connection']);
  const raw: unknown = svc.settings.DELVE_SQL_CONNECTIONS;
  const connections = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, string>;
  const url = Object.hasOwn(connections, name) ? connections[name] : undefined;
  if (typeof url !== 'string') {
    const known = Object.keys(connections);
    throw new DelveError('DLV_SQL_CONNECTION', `No connection named "${name}" in DELVE_SQL_CONNECTIONS${known.length ? ` (known: ${known.join(', ')})` : ' (none configured)'}.`, { field: 'connection' });
  }
  const path = sqlitePathOf(name, url);
  const text = (args['sql'] as string[]).join(' ');
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    throw new DelveError('DLV_SQL_CONNECTION', `Connection "${name}" cannot be opened (missing or unreadable database file).`, { field: 'connection' });
  }
  try {
    db.pragma('query_only = 1');
    let stmt: Database.Statement;
    try {
      stmt = db.prepare(text);
    } catch (e) {
      throw new DelveError('DLV_SQL_FAILED', `sql_query on "${name}": ${(e as Error).message}`, { field: 'sql' });
    }
    if (!stmt.reader) throw new DelveError('DLV_SQL_FAILED', `sql_query on "${name}": only statements that return rows (SELECT, read-only PRAGMA...) are allowed; the connection is read-only.`, { field: 'sql' });
    const rows: Record<string, unknown>[] = [];
    try {
      for (const row of stmt.iterate() as Iterable<Record<string, unknown>>) {
        if (rows.length >= ctx.maxRows) throw new DelveError('DLV_QUERY_LIMIT', `sql_query returned more than ${ctx.maxRows} rows (DELVE_MAX_RESULT_ROWS); add a LIMIT.`, { field: 'sql' });
        rows.push(toJsonSafe(row) as Record<string, unknown>);
      }
    } catch (e) {
      if (e instanceof DelveError) throw e;
      throw new DelveError('DLV_SQL_FAILED', `sql_query on "${name}": ${(e as Error).message}`, { field: 'sql' });
    }
    return rows;
  } finally {
    db.close();
  }
}

export const sqlQuery: CommandDef = { kind: 'source', spec, run: runSqlQuery };

/**
 * `./fl query "TEXT" [--user U | --server URL --token T] [--format table|json|ndjson] [--local-context JSON]`
 * (issue 6, reference §11 with §12 #23 fixed): runs a pipeline against the local database as a named active user
 * (their index ACL and permissions apply) or against a remote Delve over verified TLS with a read-scoped API token,
 * and prints an aligned table (default on a terminal: union of keys; scalars printed plainly) or JSON/NDJSON.
 * A query error prints its message, command and span and exits 1.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DelveError, ERROR_CODES, type ErrorCode } from '../errors.js';
import { createContext, type CliContext, type GlobalOptions } from './context.js';

interface Opts { user?: string; server?: string; token?: string; ca?: string; format?: string; localContext?: string }

/** What a run produced: the shaped result and whether rows were cut by the server's row cap. */
interface QueryResult { result: unknown; truncated: boolean }

const MAX_CELL = 60;

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)).replace(/[\r\n\t]/g, ' ');

/**
 * Plain-text rendering of a result: a list of objects as aligned columns (union of keys in first-seen order, cells
 * cut at 60 characters), other lists one item per line, `{help}` as the help text, scalars as they are.
 */
export function formatTable(result: unknown): string {
  if (result !== null && typeof result === 'object' && !Array.isArray(result)) {
    const o = result as Record<string, unknown>;
    if (Object.keys(o).length === 1 && typeof o['help'] === 'string') return o['help'];
    return JSON.stringify(result, null, 2);
  }
  if (!Array.isArray(result)) return result === null || result === undefined ? '' : typeof result === 'string' ? result : JSON.stringify(result);
  if (result.length === 0) return '(no rows)';
  if (result.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) return result.map(cellText).join('\n');
  const rows = result as Record<string, unknown>[];
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = rows.map((r) => keys.map((k) => cellText(r[k])));
  const width = keys.map((k, i) => Math.min(MAX_CELL, Math.max(k.length, ...cells.map((c) => c[i]!.length))));
  const fit = (v: string, w: number): string => (v.length > w ? `${v.slice(0, w - 1)}…` : v.padEnd(w));
  const line = (vals: string[]): string => vals.map((v, i) => fit(v, width[i]!)).join('  ').trimEnd();
  return [line(keys), line(width.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Print `result` in `format`. */
function print(result: unknown, format: string): void {
  if (format === 'table') process.stdout.write(`${formatTable(result)}\n`);
  else if (format === 'ndjson' && Array.isArray(result)) process.stdout.write(result.map((r) => `${JSON.stringify(r)}\n`).join(''));
  else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

const knownCode = (c: unknown): ErrorCode => (typeof c === 'string' && Object.hasOwn(ERROR_CODES, c) ? (c as ErrorCode) : 'DLV_INTERNAL');

/** A query failure as a DelveError whose message names the command and the span. */
function queryError(e: { code?: unknown; message?: unknown; command?: { index: number; name: string }; span?: { start: number; end: number } }): DelveError {
  const where = e.command ? ` (command ${e.command.index + 1}: ${e.command.name}${e.span ? `, characters ${e.span.start}-${e.span.end}` : ''})` : '';
  return new DelveError(knownCode(e.code), `${typeof e.message === 'string' ? e.message : 'the query failed'}${where}`);
}

function parseLocalContext(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new DelveError('DLV_CLI_USAGE', '--local-context must be a JSON object, e.g. \'{"host": "web1"}\'', { field: 'local-context' });
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new DelveError('DLV_CLI_USAGE', '--local-context must be a JSON object, e.g. \'{"host": "web1"}\'', { field: 'local-context' });
  return v as Record<string, unknown>;
}

/** Remote mode: POST /api/query/ with the bearer token (TLS always verified; `--ca` for a private CA). */
async function runRemote(o: Opts, text: string, ctx: CliContext, locals: Record<string, unknown> | undefined): Promise<QueryResult> {
  const { readSecretFile } = await import('../config/secret-file.js');
  const env = ctx.env;
  const token = o.token ?? env.DELVE_TOKEN ?? (env.DELVE_TOKEN_FILE ? readSecretFile(resolve(ctx.loaded.settings.DELVE_HOME, env.DELVE_TOKEN_FILE), 'DELVE_TOKEN_FILE') : undefined);
  if (!token) throw new DelveError('DLV_CLI_USAGE', '--server needs an API token with read scope: --token, DELVE_TOKEN or DELVE_TOKEN_FILE', { field: 'token' });
  let url: URL;
  try {
    url = new URL('/api/query/', o.server);
  } catch {
    throw new DelveError('DLV_CLI_USAGE', `--server must be a URL such as https://delve.example.com (got "${o.server}")`, { field: 'server' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DelveError('DLV_CLI_USAGE', '--server must be an http:// or https:// URL', { field: 'server' });
  const { request } = await import(url.protocol === 'https:' ? 'node:https' : 'node:http');
  const body = JSON.stringify({ text, ...(locals === undefined ? {} : { local_context: locals }) });
  const ca = o.ca ? readFileSync(o.ca) : undefined;
  const res = await new Promise<{ status: number; body: string }>((ok, fail) => {
    const r = request(url, { method: 'POST', ...(ca ? { ca } : {}), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' } }, (m: import('node:http').IncomingMessage) => {
      let data = '';
      m.setEncoding('utf8');
      m.on('data', (d: string) => { data += d; });
      m.on('end', () => ok({ status: m.statusCode ?? 0, body: data }));
      m.on('error', (e: Error) => fail(e));
    });
    r.on('error', (e: Error) => fail(new DelveError('DLV_CLI_USAGE', `cannot reach ${url.origin}: ${e.message}`, { field: 'server' })));
    r.end(body);
  });
  let parsed: { result?: unknown; meta?: { truncated?: boolean }; error?: Parameters<typeof queryError>[0] };
  try {
    parsed = JSON.parse(res.body) as typeof parsed;
  } catch {
    throw new DelveError('DLV_INTERNAL', `${url.origin} answered HTTP ${res.status} with a body that is not JSON; is it a Delve server?`);
  }
  if (res.status >= 400 || parsed.error) throw queryError(parsed.error ?? { message: `HTTP ${res.status}` });
  return { result: parsed.result ?? null, truncated: parsed.meta?.truncated === true };
}

/** Local mode: run as `username` (must exist and be active) on the local database. Ctrl-C cancels the query. */
async function runLocal(ctx: CliContext, username: string, text: string, locals: Record<string, unknown> | undefined): Promise<QueryResult> {
  const [{ getUserOrThrow }, runtime, { getGlobalContext }] = await Promise.all([
    import('../auth/users.js'), import('../query/runtime/index.js'), import('../query/saved/index.js'),
  ]);
  const store = await ctx.store();
  const user = await getUserOrThrow(store, username);
  if (!user.is_active) throw new DelveError('DLV_AUTH_FORBIDDEN', `User "${username}" is disabled; queries cannot run as them.`, { field: 'user' });
  const s = ctx.loaded.settings;
  const deadline = runtime.queryDeadline(s.DELVE_QUERY_TIMEOUT * 1000);
  const onSigint = (): void => deadline.cancel('The query was cancelled (interrupted).');
  process.once('SIGINT', onSigint);
  try {
    const registry = runtime.defaultRegistry();
    const exec = await runtime.createExecContext({
      registry, user, settings: s, store, readDb: store.sqlite, signal: deadline.signal, locals: locals ?? {}, globals: await getGlobalContext(store, user.id),
    });
    const out = await runtime.runPipeline(registry, text, exec);
    if (!out.ok) throw queryError(out.error);
    return { result: out.result, truncated: out.truncated };
  } finally {
    deadline.dispose();
    process.off('SIGINT', onSigint);
  }
}

/** Registers `fl query`. */
export function register(program: Command): void {
  program
    .command('query')
    .description('Run a pipeline query against the local database (as --user) or a remote Delve (--server + read token) and print the result.')
    .argument('<text>', 'the query, e.g. "search index=web status__gte=500 | stats count --by host"; "-" reads it from stdin')
    .option('-u, --user <username>', 'local mode: run as this user (their index access and permissions apply)')
    .option('--server <url>', 'remote mode: a Delve base URL (https://...)')
    .option('--token <token>', 'remote mode: API token with read scope (prefer DELVE_TOKEN / DELVE_TOKEN_FILE: arguments are visible in ps)')
    .option('--ca <file>', 'PEM CA bundle for a server with a private CA (verification is always on)')
    .option('-f, --format <format>', 'table | json | ndjson (default: table on a terminal, else json)')
    .option('--local-context <json>', 'template variables as a JSON object, e.g. \'{"host": "web1"}\'')
    .action(async (textArg: string, o: Opts, cmd: Command) => {
      const text = textArg === '-' ? readFileSync(0, 'utf8') : textArg;
      if (text.trim() === '') throw new DelveError('DLV_CLI_USAGE', 'the query text is empty', { field: 'text' });
      const format = o.format ?? (process.stdout.isTTY ? 'table' : 'json');
      if (!['table', 'json', 'ndjson'].includes(format)) throw new DelveError('DLV_CLI_USAGE', '--format must be table, json or ndjson', { field: 'format' });
      if (o.server && o.user) throw new DelveError('DLV_CLI_USAGE', '--user is for local mode; with --server the token decides who runs the query', { field: 'user' });
      if (!o.server && !o.user) throw new DelveError('DLV_CLI_USAGE', 'local mode needs --user (whose index access applies), or use --server and a token', { field: 'user' });
      const locals = parseLocalContext(o.localContext);
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      let out: QueryResult;
      try {
        out = o.server ? await runRemote(o, text, ctx, locals) : await runLocal(ctx, o.user!, text, locals);
      } finally {
        await ctx.close();
      }
      print(out.result, format);
      if (out.truncated) process.stderr.write('note: the result was cut at DELVE_MAX_RESULT_ROWS rows; narrow the search to see everything\n');
    });
}

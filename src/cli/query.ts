import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DelveError } from '../errors.js';
import { createContext, type GlobalOptions } from './context.js';

interface Opts { user?: string; server?: string; token?: string; ca?: string; format?: string; localContext?: string }

/** Aligned text table of rows (union of keys); scalars and objects print as JSON. */
export function formatTable(result: unknown): string {
  if (!Array.isArray(result)) return typeof result === 'string' ? result : JSON.stringify(result, null, 2);
  if (result.length === 0) return '(no rows)';
  if (result.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) return result.map((r) => JSON.stringify(r)).join('\n');
  const rows = result as Record<string, unknown>[];
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)).replace(/[\r\n\t]/g, ' ');
  const cells = rows.map((r) => keys.map((k) => cell(r[k])));
  const width = keys.map((k, i) => Math.min(60, Math.max(k.length, ...cells.map((c) => c[i]!.length))));
  const line = (vals: string[]): string => vals.map((v, i) => (v.length > width[i]! ? `${v.slice(0, width[i]! - 1)}…` : v.padEnd(width[i]!))).join('  ').trimEnd();
  return [line(keys), line(width.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

async function runRemote(o: Opts, text: string, env: Readonly<Record<string, string | undefined>>, home: string, localContext: unknown): Promise<{ status: number; body: string }> {
  const { readSecretFile } = await import('../config/secret-file.js');
  const token = o.token ?? env.DELVE_TOKEN ?? (env.DELVE_TOKEN_FILE ? readSecretFile(resolve(home, env.DELVE_TOKEN_FILE), 'DELVE_TOKEN_FILE') : undefined);
  if (!token) throw new DelveError('DLV_CLI_USAGE', '--server needs a token with read scope: --token, DELVE_TOKEN or DELVE_TOKEN_FILE', { field: 'token' });
  const url = new URL('/api/query/', o.server);
  const { request } = await import(url.protocol === 'https:' ? 'node:https' : 'node:http');
  const body = JSON.stringify({ text, ...(localContext === undefined ? {} : { local_context: localContext }) });
  return new Promise((ok, fail) => {
    const r = request(url, { method: 'POST', ca: o.ca ? readFileSync(o.ca) : undefined, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res: import('node:http').IncomingMessage) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { data += d; });
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: data }));
    });
    r.on('error', (e: Error) => fail(new DelveError('DLV_CLI_USAGE', `cannot reach ${url.origin}: ${e.message}`)));
    r.end(body);
  });
}

export function register(program: Command): void {
  program
    .command('query')
    .description('Run a pipeline query against the local database (as --user) or a remote Delve (--server + token) and print the result.')
    .argument('<text>', 'the query, e.g. "search index=web status__gte=500 | stats count --by host"; "-" reads it from stdin')
    .option('-u, --user <username>', 'local mode: run as this user (their index access and permissions apply)')
    .option('--server <url>', 'remote mode: a Delve base URL (https://...)')
    .option('--token <token>', 'remote mode: API token with read scope (prefer DELVE_TOKEN / DELVE_TOKEN_FILE)')
    .option('--ca <file>', 'PEM CA bundle for a server with a private CA (verification is always on)')
    .option('-f, --format <format>', 'table | json | ndjson (default: table on a terminal, else json)')
    .option('--local-context <json>', 'template variables as a JSON object')
    .action(async (textArg: string, o: Opts, cmd: Command) => {
      const text = textArg === '-' ? readFileSync(0, 'utf8') : textArg;
      const format = o.format ?? (process.stdout.isTTY ? 'table' : 'json');
      if (!['table', 'json', 'ndjson'].includes(format)) throw new DelveError('DLV_CLI_USAGE', '--format must be table, json or ndjson', { field: 'format' });
      let localContext: unknown;
      if (o.localContext !== undefined) {
        try { localContext = JSON.parse(o.localContext); } catch { throw new DelveError('DLV_CLI_USAGE', '--local-context must be a JSON object', { field: 'local-context' }); }
      }
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      let result: unknown;
      try {
        if (o.server) {
          const r = await runRemote(o, text, ctx.env, ctx.loaded.settings.DELVE_HOME, localContext);
          const parsed = JSON.parse(r.body) as { result?: unknown; error?: { code: string; message: string } };
          if (r.status >= 400 || parsed.error) throw new DelveError('DLV_QUERY_ARGUMENT', `${parsed.error?.message ?? `HTTP ${r.status}`} [${parsed.error?.code ?? r.status}]`);
          result = parsed.result;
        } else {
          if (!o.user) throw new DelveError('DLV_CLI_USAGE', 'local mode needs --user (whose index access applies), or use --server', { field: 'user' });
          result = await runLocal(ctx, o.user, text, localContext);
        }
      } finally {
        await ctx.close();
      }
      if (format === 'table') process.stdout.write(`${formatTable(result)}\n`);
      else if (format === 'ndjson' && Array.isArray(result)) process.stdout.write(result.map((r) => `${JSON.stringify(r)}\n`).join(''));
      else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });
}

async function runLocal(ctx: Awaited<ReturnType<typeof createContext>>, username: string, text: string, localContext: unknown): Promise<unknown> {
  const [{ getUserOrThrow }, { runPipeline }, { defaultRegistry }, { buildExecContext }] = await Promise.all([
    import('../auth/users.js'), import('../query/engine/run.js'), import('../query/engine/registry.js'), import('../query/engine/context.js'),
  ]);
  const store = await ctx.store();
  const user = await getUserOrThrow(store, username);
  if (!user.is_active) throw new DelveError('DLV_AUTH_FORBIDDEN', `User "${username}" is disabled.`);
  if (localContext !== undefined && (localContext === null || typeof localContext !== 'object' || Array.isArray(localContext))) {
    throw new DelveError('DLV_CLI_USAGE', '--local-context must be a JSON object', { field: 'local-context' });
  }
  const s = ctx.loaded.settings;
  const registry = defaultRegistry();
  const exec = await buildExecContext({ settings: s, store, registry, readDb: store.sqlite }, user, {
    locals: (localContext ?? {}) as Record<string, unknown>, signal: AbortSignal.timeout(s.DELVE_QUERY_TIMEOUT * 1000),
  });
  const out = await runPipeline(registry, text, exec);
  if (!out.ok) {
    const where = out.error.command ? ` (command ${out.error.command.index + 1}: ${out.error.command.name})` : '';
    throw new DelveError(out.error.code, `${out.error.message}${where}`);
  }
  return out.result;
}

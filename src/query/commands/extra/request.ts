/**
 * `request METHOD URL` (reference §6.1) made SSRF-safe (safe-http.ts): public addresses only unless the host is in
 * DELVE_REQUEST_ALLOWED_HOSTS, redirects re-checked, DELVE_REQUEST_TIMEOUT, DELVE_REQUEST_MAX_BYTES, TLS always
 * verified (`--no-verify` is accepted but refused unless the host is allow-listed). Credentials (--username/
 * --password or user:pass@ in the URL) go only into the Authorization header and never into errors or logs.
 */
import { DelveError } from '../../../errors.js';
import { extractJson } from '../../../ingest/extractors/index.js';
import { uuidv7 } from '../../../util/uuid7.js';
import { defineCommand } from '../../args/index.js';
import type { ExecContext } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { safeRequest, type Resolver } from './safe-http.js';
import { recentRequestEvent, saveEvents, type EventRecord } from './event-record.js';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD'] as const;
export const REQUEST_INDEX = 'http.request';

const spec = defineCommand({
  name: 'request',
  description: 'Make an HTTP request and return the response as an event (index http.request). Private and loopback targets are refused unless allow-listed by an administrator.',
  args: [
    { name: 'method', metavar: 'METHOD', choices: METHODS, help: 'HTTP method' },
    { name: 'url', metavar: 'URL', help: 'http:// or https:// URL' },
    { flags: ['--username'], help: 'Basic auth user (needs --password too)' },
    { flags: ['--password'], help: 'Basic auth password (prefer a template variable from your global context)' },
    { flags: ['--kv-pairs'], action: 'append', nargs: '+', metavar: 'K=V', help: 'query string (GET) or form/JSON body (POST/PUT)' },
    { flags: ['--json'], action: 'store_true', help: 'send --kv-pairs as a JSON body' },
    { flags: ['-H', '--headers'], action: 'append', nargs: '+', metavar: 'NAME=VALUE', help: 'request header' },
    { flags: ['-n', '--no-verify'], action: 'store_true', help: 'skip TLS verification: refused unless the host is in DELVE_REQUEST_ALLOWED_HOSTS' },
    { flags: ['--save-event'], action: 'store_true', help: 'store the response event (needs add_event and write access to http.request)' },
    { flags: ['--extract-fields'], action: 'store_true', help: 'extract fields of a JSON response without saving' },
    { flags: ['--recent-ok'], action: 'store_true', help: 'return your newest saved response for this URL if it is recent enough' },
    { flags: ['--recent-minutes'], type: 'int', default: 5, metavar: 'N', help: 'how recent (minutes) for --recent-ok' },
  ],
});

/** Test hooks (DNS resolver, extra CA); the server never sets them. */
export interface RequestHooks { resolve?: Resolver; ca?: string | Buffer }
export const requestHooks: RequestHooks = {};

function pairs(v: unknown, what: string): [string, string][] {
  const flat = (Array.isArray(v) ? v.flat(2) : []).map(String);
  return flat.map((p) => {
    const i = p.indexOf('=');
    if (i <= 0) throw new DelveError('DLV_QUERY_ARGUMENT', `${what} "${p.slice(0, 50)}" must look like NAME=VALUE.`, { field: what });
    return [p.slice(0, i), p.slice(i + 1)];
  });
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DelveError('DLV_QUERY_ARGUMENT', 'request: URL is not a valid absolute URL (http://… or https://…).', { field: 'url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DelveError('DLV_REQUEST_BLOCKED', `request: only http and https URLs are allowed (got ${url.protocol}).`, { field: 'url' });
  return url;
}

async function runRequest(ctx: ExecContext, _input: unknown, args: Record<string, unknown>): Promise<EventRecord[]> {
  const svc = ctx.services;
  if (!svc) throw new DelveError('DLV_INTERNAL', 'request needs server services.');
  const method = String(args['method']);
  const url = parseUrl(String(args['url']));
  const host = url.host;
  const source = url.pathname;
  if (args['recent_ok'] === true) {
    const recent = await recentRequestEvent(ctx, host, source, Number(args['recent_minutes'] ?? 5));
    if (recent) return [recent];
  }
  const headers: Record<string, string> = { 'user-agent': 'Delve request', accept: '*/*' };
  for (const [k, v] of pairs(args['headers'], 'headers')) headers[k.toLowerCase()] = v;
  let user = args['username'] as string | null;
  let pass = args['password'] as string | null;
  if (url.username || url.password) {
    user = decodeURIComponent(url.username);
    pass = decodeURIComponent(url.password);
    url.username = '';
    url.password = '';
  }
  if (user !== null && user !== undefined && pass !== null && pass !== undefined) headers['authorization'] = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  const kv = pairs(args['kv_pairs'], 'kv_pairs');
  let body: Buffer | undefined;
  if (kv.length && method === 'GET') for (const [k, v] of kv) url.searchParams.append(k, v);
  else if (kv.length && (method === 'POST' || method === 'PUT')) {
    if (args['json'] === true) {
      body = Buffer.from(JSON.stringify(Object.fromEntries(kv)));
      headers['content-type'] = 'application/json';
    } else {
      body = Buffer.from(new URLSearchParams(kv).toString());
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
  }
  const s = svc.settings;
  const res = await safeRequest({
    method, url, headers, body, allowedHosts: s.DELVE_REQUEST_ALLOWED_HOSTS, timeoutMs: s.DELVE_REQUEST_TIMEOUT * 1000,
    maxBytes: s.DELVE_REQUEST_MAX_BYTES, insecure: args['no_verify'] === true, signal: ctx.signal, resolve: requestHooks.resolve, ca: requestHooks.ca,
  });
  const text = res.body.toString('utf8');
  let json: unknown;
  let isJson = false;
  try {
    json = JSON.parse(text);
    isJson = text.trim() !== '';
  } catch { /* not JSON */ }
  const record: EventRecord = { id: uuidv7(), created: null, index: REQUEST_INDEX, source, sourcetype: 'text', host, text, extracted_fields: {} };
  if (isJson) {
    record.extracted_fields = { status_code: res.status };
    if (json !== null) {
      record.sourcetype = 'json';
      record.text = JSON.stringify(json);
      if (args['extract_fields'] === true || args['save_event'] === true) {
        try {
          record.extracted_fields = { ...extractJson(record.text), status_code: res.status };
        } catch { /* too large/deep to extract: keep the status only */ }
      }
    }
  }
  if (args['save_event'] === true) return saveEvents(ctx, [record]);
  return [record];
}

export const request: CommandDef = { kind: 'generic', spec, run: runRequest };

/**
 * An SSRF-safe HTTP client for the `request` command (DESIGN §6, reference §12 #5).
 *
 * For every hop the host name is resolved here, every resolved address must be public (ip-policy.ts) unless the
 * host is allow-listed, and the socket connects to exactly the vetted address (the `lookup` hook pins it, so a second
 * DNS answer cannot swap in an internal address). Redirects are followed manually (at most 5), each target checked
 * again; credentials are dropped when a redirect leaves the original origin. One deadline covers all hops; the body
 * is capped; TLS certificates are always verified unless `insecure` is set (the caller allows that only for
 * allow-listed hosts).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { DelveError } from '../../../errors.js';
import { isPublicAddress } from './ip-policy.js';

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export interface SafeRequestOptions {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
  /** Host names (case-insensitive; `*.example.com` matches subdomains) exempt from the address check. */
  allowedHosts: readonly string[];
  timeoutMs: number;
  maxBytes: number;
  /** Skip certificate verification (refused by the caller unless the host is allow-listed). */
  insecure?: boolean;
  signal?: AbortSignal;
  /** DNS resolver (tests inject one); defaults to the system resolver, all addresses. */
  resolve?: Resolver;
  /** Extra CA certificates to trust (tests). */
  ca?: string | Buffer;
  maxRedirects?: number;
}

export interface SafeResponse { status: number; headers: IncomingMessage['headers']; body: Buffer; url: URL }

const systemResolve: Resolver = async (host) => dnsLookup(host, { all: true, verbatim: true });

/** True when `host` is in the allow-list (exact, case-insensitive, or a `*.domain` wildcard). */
export function isAllowedHost(host: string, allowed: readonly string[]): boolean {
  const h = bareHost(host).toLowerCase();
  return allowed.some((a) => {
    const x = bareHost(a.trim()).toLowerCase();
    if (x === '') return false;
    return x.startsWith('*.') ? h.endsWith(x.slice(1)) : h === x;
  });
}

const bareHost = (h: string): string => (h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h);
const blocked = (msg: string) => new DelveError('DLV_REQUEST_BLOCKED', msg, { field: 'url' });

/** Resolves `host` and returns the address to connect to, refusing non-public ones unless allow-listed. */
async function vet(host: string, allowed: boolean, resolve: Resolver): Promise<{ address: string; family: number }> {
  const bare = bareHost(host);
  let addrs: { address: string; family: number }[];
  if (isIP(bare)) addrs = [{ address: bare, family: isIP(bare) }];
  else {
    try {
      addrs = await resolve(bare);
    } catch {
      throw new DelveError('DLV_REQUEST_FAILED', `request: cannot resolve host "${bare}".`, { field: 'url' });
    }
  }
  if (addrs.length === 0) throw new DelveError('DLV_REQUEST_FAILED', `request: host "${bare}" has no addresses.`, { field: 'url' });
  if (!allowed) {
    const bad = addrs.find((a) => !isPublicAddress(a.address));
    if (bad) throw blocked(`request: "${bare}" resolves to ${bad.address}, a private, loopback, link-local or reserved address; ask an administrator to add the host to DELVE_REQUEST_ALLOWED_HOSTS if this is intended.`);
  }
  return addrs[0]!;
}

function pinned(address: string, family: number): LookupFunction {
  return ((_host: string, opts: { all?: boolean }, cb: (...a: unknown[]) => void) => {
    if (opts?.all) cb(null, [{ address, family }]);
    else cb(null, address, family);
  }) as unknown as LookupFunction;
}

function oneHop(o: SafeRequestOptions, url: URL, addr: { address: string; family: number }, method: string, headers: Record<string, string>, body: Buffer | undefined, signal: AbortSignal): Promise<SafeResponse> {
  return new Promise((resolve, reject) => {
    const fn = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const hdrs: OutgoingHttpHeaders = { ...headers };
    if (body) hdrs['content-length'] = String(body.length);
    const req = fn({
      protocol: url.protocol, hostname: bareHost(url.hostname), port: url.port || undefined, path: `${url.pathname}${url.search}`,
      method, headers: hdrs, lookup: pinned(addr.address, addr.family), signal, agent: false,
      servername: isIP(bareHost(url.hostname)) ? undefined : bareHost(url.hostname), rejectUnauthorized: !o.insecure, ca: o.ca,
    }, (res) => {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > o.maxBytes) {
        res.destroy();
        reject(tooLarge(o.maxBytes));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > o.maxBytes) {
          res.destroy();
          req.destroy();
          reject(tooLarge(o.maxBytes));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url }));
      res.on('error', (e) => reject(e));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const tooLarge = (max: number) => new DelveError('DLV_REQUEST_TOO_LARGE', `request: the response is larger than DELVE_REQUEST_MAX_BYTES (${max} bytes).`);

/** Performs the request (see the module doc). Errors are DelveErrors that never contain credentials. */
export async function safeRequest(o: SafeRequestOptions): Promise<SafeResponse> {
  const resolve = o.resolve ?? systemResolve;
  const deadline = AbortSignal.timeout(o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([deadline, o.signal]) : deadline;
  const origin = o.url.origin;
  let url = o.url;
  let method = o.method;
  let body = o.body;
  let headers = { ...o.headers };
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw blocked(`request: only http and https URLs are allowed (got ${url.protocol}).`);
    const allowed = isAllowedHost(url.hostname, o.allowedHosts);
    if (o.insecure && !allowed) throw blocked(`request: --no-verify is refused for "${url.hostname}": TLS verification can only be skipped for hosts in DELVE_REQUEST_ALLOWED_HOSTS.`);
    let res: SafeResponse;
    try {
      const addr = await vet(url.hostname, allowed, resolve);
      if (signal.aborted) throw signal.reason;
      res = await oneHop(o, url, addr, method, headers, body, signal);
    } catch (e) {
      if (e instanceof DelveError) throw e;
      if (deadline.aborted) throw new DelveError('DLV_REQUEST_TIMEOUT', `request: no complete answer from "${url.hostname}" within DELVE_REQUEST_TIMEOUT (${o.timeoutMs / 1000} s).`);
      if (o.signal?.aborted) throw new DelveError('DLV_QUERY_CANCELLED', 'The query was cancelled.');
      const code = (e as { code?: string }).code ?? '';
      throw new DelveError('DLV_REQUEST_FAILED', `request to "${url.hostname}" failed${code ? ` (${code})` : ''}: ${tlsHint(code)}`);
    }
    const loc = res.headers.location;
    if (![301, 302, 303, 307, 308].includes(res.status) || !loc) return res;
    if (hop >= (o.maxRedirects ?? 5)) throw new DelveError('DLV_REQUEST_FAILED', `request: more than ${o.maxRedirects ?? 5} redirects.`);
    let next: URL;
    try {
      next = new URL(loc, url);
    } catch {
      throw new DelveError('DLV_REQUEST_FAILED', 'request: a redirect has an invalid Location header.');
    }
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
      method = method === 'HEAD' ? 'HEAD' : 'GET';
      body = undefined;
      headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^content-/i.test(k)));
    }
    if (next.origin !== origin) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^(authorization|cookie|proxy-authorization)$/i.test(k)));
    next.username = '';
    next.password = '';
    url = next;
  }
}

function tlsHint(code: string): string {
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return 'the TLS certificate could not be verified.';
  if (code === 'ECONNREFUSED') return 'connection refused.';
  return 'the connection failed.';
}

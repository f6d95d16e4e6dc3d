/**
 * Test setup through Delve's REST API (HTTP Basic as a given user, or a Bearer token), and logging a browser context
 * in through POST /api/auth/login so tests that are not about the login page start with a session.
 */
import type { BrowserContext } from 'playwright-core';

export interface ApiResponse<T = unknown> { status: number; body: T; headers: Headers }

export type Credentials = { username: string; password: string } | { token: string };

export class DelveApi {
  constructor(readonly baseUrl: string, readonly creds: Credentials) {}

  private authHeader(): string {
    return 'token' in this.creds
      ? `Bearer ${this.creds.token}`
      : `Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`).toString('base64')}`;
  }

  /** Any request; rejects when the status is not `expect` (default: any 2xx). */
  async request<T = unknown>(method: string, path: string, body?: unknown, o: { expect?: number; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: this.authHeader(), ...o.headers };
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
    const ok = o.expect !== undefined ? res.status === o.expect : res.status >= 200 && res.status < 300;
    if (!ok) throw new Error(`${method} ${path} → ${res.status} (expected ${o.expect ?? '2xx'}): ${text.slice(0, 1000)}`);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** POST /api/events/ (all-or-nothing); returns the stored ids. */
  async ingest(events: Record<string, unknown>[]): Promise<string[]> {
    const r = await this.request<{ accepted: number; ids?: string[] }>('POST', '/api/events/', events, { expect: 201 });
    if (r.body.accepted !== events.length) throw new Error(`ingest accepted ${r.body.accepted} of ${events.length}`);
    return r.body.ids ?? [];
  }

  async createUser(u: { username: string; password: string; email?: string; is_superuser?: boolean; groups?: string[]; permissions?: string[] }): Promise<Record<string, unknown>> {
    return (await this.request<Record<string, unknown>>('POST', '/api/users/', u, { expect: 201 })).body;
  }

  /** POST /api/tokens/: returns the secret (shown once) and the record. */
  async createToken(t: { scope: 'ingest' | 'read' | 'admin'; name?: string; expires_in?: string; username?: string }): Promise<{ token: string; id: string }> {
    return (await this.request<{ token: string; id: string }>('POST', '/api/tokens/', t, { expect: 201 })).body;
  }

  async query<T = unknown>(text: string): Promise<{ result: T; meta: Record<string, unknown> }> {
    return (await this.request<{ result: T; meta: Record<string, unknown> }>('POST', '/api/query/', { text })).body;
  }
}

/** Logs the context in through the JSON login API (same cookie jar as its pages); returns the CSRF token. */
export async function loginContext(context: BrowserContext, baseURL: string, username: string, password: string): Promise<string> {
  const r = await context.request.post(`${baseURL}/api/auth/login`, {
    data: { username, password }, headers: { origin: baseURL, 'content-type': 'application/json' },
  });
  if (!r.ok()) throw new Error(`login as ${username} → ${r.status()}: ${await r.text()}`);
  return ((await r.json()) as { csrf_token: string }).csrf_token;
}

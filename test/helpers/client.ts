import { req, type Reply, type ReqOpts } from './http.js';

/** A tiny browser-like client: keeps the session cookie, sends JSON and the CSRF header. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(readonly base: string, readonly defaults: ReqOpts = {}) {}

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const h: Record<string, string> = { ...(this.defaults.headers ?? {}), ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const r = await req(`${this.base}${path}`, { ...this.defaults, method, headers: h, body: payload });
    const set = r.headers['set-cookie']?.[0];
    if (set) {
      const pair = set.split(';')[0] ?? '';
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    return r;
  }

  async login(username: string, password: string, headers: Record<string, string> = {}): Promise<Reply> {
    const r = await this.send('POST', '/api/auth/login', { username, password }, headers);
    if (r.status === 200) this.csrf = r.json<{ csrf_token: string }>().csrf_token;
    return r;
  }
}

export const basic = (user: string, pw: string): Record<string, string> => ({ authorization: `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}` });

/**
 * The only way the UI talks to Delve: same-origin fetch with the session cookie, the CSRF token on every unsafe
 * request, errors turned into ApiError (code, message, field, span), and a 401 anywhere sending the user to login.
 */
export interface ErrorSpan { start: number; end: number }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly command?: string,
    readonly span?: ErrorSpan,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
/** Called by the auth layer after /api/auth/me or login. */
export function setCsrfToken(token: string | null): void { csrfToken = token; }

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {
  const next = location.pathname + location.search;
  if (!location.pathname.startsWith('/login')) location.assign(`/login?next=${encodeURIComponent(next)}&expired=1`);
};
/** Replace what happens on a 401 (the app shell routes to /login with a "session expired" note). */
export function setUnauthorizedHandler(h: UnauthorizedHandler): void { onUnauthorized = h; }

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Raw body (FormData, Blob): sent as is, no JSON encoding. */
  raw?: BodyInit;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not redirect to login on 401 (login form, /api/auth/me probe). */
  allow401?: boolean;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  const e = (body as { error?: Record<string, unknown> } | null)?.error ?? {};
  const retryHeader = Number(res.headers.get('retry-after'));
  const details = (e.details ?? {}) as { retryAfterSeconds?: number };
  const span = e.span as ErrorSpan | undefined;
  return new ApiError(
    res.status,
    typeof e.code === 'string' ? e.code : `HTTP_${res.status}`,
    typeof e.message === 'string' ? e.message : `${res.status} ${res.statusText}`,
    typeof e.field === 'string' ? e.field : undefined,
    typeof e.command === 'string' ? e.command : undefined,
    span && typeof span.start === 'number' ? span : undefined,
    Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : details.retryAfterSeconds,
  );
}

/** fetch() with Delve's conventions; returns the Response (callers needing streams use this). */
export async function apiFetch(path: string, o: RequestOptions = {}): Promise<Response> {
  const method = (o.method ?? (o.body !== undefined || o.raw !== undefined ? 'POST' : 'GET')).toUpperCase();
  const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined = o.raw;
  if (o.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.body);
  }
  const res = await fetch(path, { method, headers, body, signal: o.signal, credentials: 'same-origin', cache: 'no-store' });
  if (res.status === 401 && !o.allow401) onUnauthorized();
  return res;
}

/** JSON request: resolves with the parsed body (undefined for 204), rejects with ApiError. */
export async function api<T = unknown>(path: string, o: RequestOptions = {}): Promise<T> {
  const res = await apiFetch(path, o);
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** Upload with progress (fetch has no upload progress): XMLHttpRequest with the same CSRF/401 rules. */
export function upload<T = unknown>(path: string, form: FormData, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Network error while uploading.'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'Upload cancelled.'));
    xhr.onload = () => {
      const res = new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' } });
      if (xhr.status === 401) onUnauthorized();
      if (xhr.status >= 200 && xhr.status < 300) resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      else void toApiError(res).then(reject);
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

/**
 * Where to go after logging in. Only same-origin relative paths are accepted ("/explore?x=1"), never "//host",
 * "/\host", a scheme ("https:", "javascript:") or anything with control characters (browsers drop tabs/newlines
 * while parsing, which could turn "/\t/evil" into "//evil"). Pages that would loop back to login/setup are refused.
 */
export const DEFAULT_NEXT = '/explore';

export function safeNext(next: string | null | undefined, fallback: string = DEFAULT_NEXT): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return fallback;
  if (next[0] !== '/' || next[1] === '/' || next[1] === '\\') return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, 'http://delve.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://delve.invalid') return fallback;
  const p = url.pathname;
  if (p === '/login' || p.startsWith('/login/') || p === '/setup' || p.startsWith('/setup/')) return fallback;
  return next;
}

/**
 * The first-run setup token travels in the URL fragment (`/setup#token=...`): fragments are never sent to servers
 * or written to access logs. Accepts a fragment, a whole pasted link, or the bare token.
 */
const TOKEN_RE = /^[A-Za-z0-9._~+/=-]{8,1024}$/;

export function parseSetupToken(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  let s = input.trim();
  if (!s) return null;
  const hashAt = s.indexOf('#');
  if (hashAt !== -1) s = s.slice(hashAt + 1);
  else if (/^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('/')) return null; // a link without a fragment
  let token = s;
  const m = /(?:^|&)token=([^&]*)/.exec(s);
  if (m) {
    try {
      token = decodeURIComponent(m[1] ?? '');
    } catch {
      return null;
    }
  }
  return TOKEN_RE.test(token) ? token : null;
}

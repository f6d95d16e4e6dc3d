/** Host header validation (ALLOWED_HOSTS, Django semantics): exact names, `.example.com` = domain + subdomains, `*` = any. */
export function compileAllowedHosts(patterns: readonly string[]): (hostHeader: string | undefined) => boolean {
  const any = patterns.includes('*');
  const exact = new Set(patterns.filter((p) => !p.startsWith('.')).map((p) => p.toLowerCase()));
  const suffixes = patterns.filter((p) => p.startsWith('.')).map((p) => p.toLowerCase());
  return (hostHeader) => {
    if (any) return true;
    if (!hostHeader) return false;
    const host = stripPort(hostHeader.toLowerCase());
    if (host === '' || host.length > 253) return false;
    if (exact.has(host)) return true;
    return suffixes.some((s) => host === s.slice(1) || host.endsWith(s));
  };
}

/** `example.com:8443` → `example.com`; `[::1]:8000` → `::1`. */
export function stripPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end === -1 ? '' : host.slice(1, end);
  }
  const colon = host.lastIndexOf(':');
  return colon !== -1 && host.indexOf(':') === colon ? host.slice(0, colon) : host;
}

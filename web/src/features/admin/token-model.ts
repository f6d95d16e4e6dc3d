/** API token form choices, lifetimes and the curl examples (which use $DELVE_TOKEN, never the secret). Pure. */
export const TOKEN_SCOPES = ['ingest', 'read', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const SCOPE_HELP: Readonly<Record<TokenScope, string>> = {
  ingest: 'ingest: can only send events (POST /api/events/). Use it for shippers and agents.',
  read: 'read: can only run read-only queries and read events.',
  admin: 'admin: can do everything you can do in the UI, with your permissions. Use sparingly.',
};

export const EXPIRY_CHOICES: readonly { value: string; label: string }[] = [
  { value: '1d', label: '1 day' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: '90d', label: '90 days' },
  { value: '365d', label: '1 year' },
  { value: 'never', label: 'Never expires' },
  { value: 'custom', label: 'Custom…' },
];
export const DEFAULT_EXPIRY = '90d';

/** Same grammar as the server's parseDuration: a whole number and one unit s, m, h, d or w, at most 10 years. */
const DURATION_RE = /^([1-9][0-9]{0,9})([smhdw])$/;
const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
export const MAX_TOKEN_SECONDS = 10 * 366 * 86400;

export function durationSeconds(text: string): number | null {
  const m = DURATION_RE.exec(text.trim());
  if (!m) return null;
  const s = Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number);
  return s > 0 && s <= MAX_TOKEN_SECONDS ? s : null;
}

/**
 * The `expires_in` to send: a duration string, or null for a token that never expires.
 * @returns `{error}` when a custom lifetime is not valid.
 */
export function expiresInFor(choice: string, custom: string): { value: string | null } | { error: string } {
  if (choice === 'never') return { value: null };
  const text = choice === 'custom' ? custom.trim() : choice;
  if (durationSeconds(text) === null) return { error: 'Enter a lifetime such as 12h, 30d or 2w (units s, m, h, d, w; at most 10 years).' };
  return { value: text };
}

/** The scopes a user may pick: all three (the server lets every user create tokens of any scope for themselves). */
export function allowedScopes(): readonly TokenScope[] {
  return TOKEN_SCOPES;
}

/** Shell-quotes a string with single quotes. */
const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** curl examples for a token of `scope` against `origin`; the token itself is always the $DELVE_TOKEN placeholder. */
export function curlExample(origin: string, scope: string): string {
  const auth = '-H "Authorization: Bearer $DELVE_TOKEN"';
  const ingest = `curl ${auth} \\\n  -H 'content-type: application/json' \\\n  -d ${sq('{"index":"default","text":"hello from curl"}')} \\\n  ${sq(`${origin}/api/events/`)}`;
  const read = `curl ${auth} \\\n  -H 'content-type: application/json' \\\n  -d ${sq('{"text":"search index=default | head -n 10"}')} \\\n  ${sq(`${origin}/api/query/`)}`;
  if (scope === 'ingest') return ingest;
  if (scope === 'read') return read;
  return `${ingest}\n\n${read}`;
}

/** A token's state for the list. */
export function tokenState(t: { expires: string | null; revoked: string | null }, now = Date.now()): 'active' | 'expired' | 'revoked' {
  if (t.revoked) return 'revoked';
  if (t.expires && Date.parse(t.expires) <= now) return 'expired';
  return 'active';
}

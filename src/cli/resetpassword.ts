import type { Command } from 'commander';
import type { Settings } from '../config/schema.js';
import { DelveError } from '../errors.js';
import { createContext, type GlobalOptions } from './context.js';

interface Opts { baseUrl?: string; expires: string }

/** `--base-url`, checked, without a trailing slash; else this server's own address from the settings. */
export function baseUrl(given: string | undefined, s: Pick<Settings, 'DELVE_SERVER_HOST' | 'DELVE_SERVER_PORT' | 'DELVE_SSL_CERTIFICATE'>): string {
  if (given !== undefined) {
    let u: URL | undefined;
    try { u = new URL(given); } catch { u = undefined; }
    if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || u.search || u.hash || u.username || u.password) {
      throw new DelveError('DLV_CLI_USAGE', '--base-url must be an http(s) URL without query, fragment or credentials, e.g. https://delve.example.com', { field: 'base-url' });
    }
    return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
  }
  const host = ['0.0.0.0', '::', ''].includes(s.DELVE_SERVER_HOST) ? 'localhost' : s.DELVE_SERVER_HOST.includes(':') ? `[${s.DELVE_SERVER_HOST}]` : s.DELVE_SERVER_HOST;
  return `${s.DELVE_SSL_CERTIFICATE ? 'https' : 'http'}://${host}:${s.DELVE_SERVER_PORT}`;
}

export function register(program: Command): void {
  program
    .command('resetpassword')
    .description("Print a single-use link that lets a user choose a new password (ends all of the user's sessions when used).")
    .argument('<username>', 'the account to reset')
    .option('--base-url <url>', "the server's public address (default: from DELVE_SERVER_HOST/PORT)")
    .option('--expires <duration>', 'how long the link works, e.g. 3d, 12h (at most 30d)', '3d')
    .action(async (username: string, opts: Opts, cmd: Command) => {
      const { getUserOrThrow } = await import('../auth/users.js');
      const { parseDuration } = await import('../auth/tokens.js');
      const { createResetLink, MAX_RESET_TTL_SECONDS } = await import('../auth/reset-links.js');
      const { AuditLog } = await import('../security/audit/index.js');
      const ttl = parseDuration(opts.expires);
      if (ttl > MAX_RESET_TTL_SECONDS) throw new DelveError('DLV_CLI_USAGE', '--expires is at most 30d.', { field: 'expires' });
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const base = baseUrl(opts.baseUrl, ctx.loaded.settings);
        const { keyring } = ctx.keys();
        const store = await ctx.store();
        const user = await getUserOrThrow(store, username);
        if (!user.is_active) throw new DelveError('DLV_USER_INVALID', `User "${user.username}" is disabled: enable the account first.`, { field: 'username' });
        const link = createResetLink({ keyring }, user, { ttlSeconds: ttl });
        const expiresAt = new Date(link.expiresAt).toISOString();
        new AuditLog(store, keyring).record({ action: 'user.password_reset_link', outcome: 'success', actor: 'cli', target: user.username, details: { expires_at: expiresAt, via: 'cli' } });
        process.stderr.write(`Reset link for "${user.username}", valid until ${expiresAt}, single use:\n`);
        process.stdout.write(`${base}${link.path}\n`);
      } finally {
        await ctx.close();
      }
    });
}

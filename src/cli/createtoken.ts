import type { Command } from 'commander';
import { DelveError } from '../errors.js';
import { createContext, type GlobalOptions } from './context.js';

interface Opts { scope: string; expires?: string; name?: string }

export function register(program: Command): void {
  program
    .command('createtoken')
    .description('Create an API token for a user. Prints only the token on stdout (details on stderr); it is shown once.')
    .argument('<username>', 'the account the token acts as')
    .requiredOption('--scope <scope>', 'ingest (write events), read (query) or admin (everything the user may do)')
    .option('--expires <duration>', 'lifetime such as 90d, 12h, 2w (default: never expires)')
    .option('--name <name>', 'a label to recognise the token by', '')
    .addHelpText('after', '\nExample:\n  export DELVE_TOKEN=$(./fl createtoken shipper --scope ingest --expires 90d --name syslog-relay)\n')
    .action(async (username: string, opts: Opts, cmd: Command) => {
      const { createToken, isTokenScope, parseDuration, TOKEN_SCOPES } = await import('../auth/tokens.js');
      const { getUserOrThrow } = await import('../auth/users.js');
      const { AuditLog } = await import('../security/audit/index.js');
      if (!isTokenScope(opts.scope)) throw new DelveError('DLV_CLI_USAGE', `--scope must be one of ${TOKEN_SCOPES.join(', ')}.`, { field: 'scope' });
      const expiresInSeconds = opts.expires === undefined ? undefined : parseDuration(opts.expires);
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const { keyring } = ctx.keys();
        const store = await ctx.store();
        const user = await getUserOrThrow(store, username);
        if (!user.is_active) throw new DelveError('DLV_USER_INVALID', `User "${user.username}" is disabled: enable the account first.`, { field: 'username' });
        const { token, record } = await createToken(store, user.id, { name: opts.name ?? '', scope: opts.scope, expiresInSeconds });
        new AuditLog(store, keyring).record({ action: 'token.create', outcome: 'success', actor: 'cli', target: `${user.username}:${record.prefix}`, details: { scope: record.scope, tokenId: record.id, via: 'cli' } });
        const expires = record.expires_at === null ? 'never' : new Date(record.expires_at).toISOString();
        process.stderr.write(`Created ${record.scope} token ${record.prefix}… for "${user.username}" (id ${record.id}, expires ${expires}). It is shown only once.\n`);
        process.stdout.write(`${token}\n`);
      } finally {
        await ctx.close();
      }
    });
}

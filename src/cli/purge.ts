import type { Command } from 'commander';
import { DelveError } from '../errors.js';
import { createContext, type GlobalOptions } from './context.js';

interface PurgeOpts { index?: string; olderThan?: string; dryRun?: boolean; json?: boolean }

/**
 * `./fl purge --index X --older-than 30d [--dry-run]`: deletes old events (and their full-text entries) in small
 * transactions, safe while the server runs; without --index/--older-than it applies DELVE_RETENTION once.
 * Deletions are audited (`events.purge`).
 */
export function register(program: Command): void {
  program
    .command('purge')
    .description('Delete events older than an age from an index (or apply DELVE_RETENTION once). Safe while the server runs; audited.')
    .option('--index <name>', 'the index to purge (with --older-than)')
    .option('--older-than <age>', 'age such as 30d, 12h, 2w or seconds; events created before now minus this are deleted')
    .option('--dry-run', 'only count what would be deleted')
    .option('--json', 'print the counts as JSON')
    .action(async (opts: PurgeOpts, cmd: Command) => {
      const { isValidIndexName } = await import('../auth/index-acl.js');
      const { parseAge, parseRetention, purgeEvents } = await import('../ingest/retention.js');
      const { AuditLog } = await import('../security/audit/index.js');
      if ((opts.index === undefined) !== (opts.olderThan === undefined)) {
        throw new DelveError('DLV_CLI_USAGE', 'give both --index and --older-than (or neither, to apply DELVE_RETENTION)', { field: opts.index === undefined ? 'index' : 'older-than' });
      }
      if (opts.index !== undefined && !isValidIndexName(opts.index)) throw new DelveError('DLV_CLI_USAGE', `--index: "${String(opts.index).slice(0, 60)}" is not an index name`, { field: 'index' });
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const policy = opts.index !== undefined ? new Map([[opts.index, parseAge(opts.olderThan)]]) : parseRetention(ctx.loaded.settings.DELVE_RETENTION);
        if (policy.size === 0) throw new DelveError('DLV_CLI_USAGE', 'nothing to do: give --index and --older-than, or configure DELVE_RETENTION', { field: 'index' });
        const { keyring } = ctx.keys();
        const store = await ctx.store();
        const audit = new AuditLog(store, keyring);
        const nowUs = Date.now() * 1000;
        const counts: Record<string, number> = {};
        for (const [index, seconds] of policy) {
          const n = await purgeEvents(store.sqlite, { index, beforeUs: nowUs - seconds * 1_000_000, dryRun: opts.dryRun === true });
          counts[index] = n;
          if (!opts.dryRun) audit.record({ action: 'events.purge', outcome: 'success', actor: 'cli', target: index, details: { deleted: n, older_than_seconds: seconds, via: 'fl purge' } });
          if (!opts.json) process.stdout.write(`${opts.dryRun ? 'Would delete' : 'Deleted'} ${n} event(s) from index "${index}" older than ${seconds} s.\n`);
        }
        if (opts.json) process.stdout.write(`${JSON.stringify({ dry_run: opts.dryRun === true, counts })}\n`);
      } finally {
        await ctx.close();
      }
    });
}

import type { Command } from 'commander';
import { DelveError } from '../errors.js';
import { createContext, type GlobalOptions } from './context.js';

interface TailOpts { lines: string; action?: string; actor?: string; json?: boolean }

function count(text: string): number {
  const n = /^[0-9]{1,4}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 1000)) throw new DelveError('DLV_CLI_USAGE', '-n must be a whole number from 1 to 1000.', { field: 'lines' });
  return n;
}

export function register(program: Command): void {
  const audit = program.command('audit').description('The tamper-evident audit log: verify the HMAC chain, show recent security events.');

  audit
    .command('verify')
    .description('Check every row of the audit chain: "OK: N rows verified" (exit 0) or "BROKEN at row N: reason" (exit 1).')
    .action(async (_opts: unknown, cmd: Command) => {
      const { AuditLog, verify } = await import('../security/audit/index.js');
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const { keyring } = ctx.keys();
        const store = await ctx.store();
        const r = verify(store, keyring);
        if (r.ok) {
          process.stdout.write(`OK: ${r.rows} rows verified\n`);
        } else {
          process.stdout.write(`BROKEN at row ${r.brokenAt}: ${r.reason}\n`);
          process.exitCode = 1;
        }
        new AuditLog(store, keyring).record({ action: 'audit.verify', outcome: r.ok ? 'success' : 'failure', actor: 'cli', details: r.ok ? { rows: r.rows } : { rows: r.rows, broken_at: r.brokenAt } });
      } finally {
        await ctx.close();
      }
    });

  audit
    .command('tail')
    .description('Show the latest audit rows, oldest first (one line each, or JSON lines with --json).')
    .option('-n, --lines <n>', 'how many rows (1-1000)', '20')
    .option('--action <action>', "only this action, or a prefix such as 'auth.*'")
    .option('--actor <user>', 'only rows by this actor')
    .option('--json', 'one JSON object per line')
    .action(async (opts: TailOpts, cmd: Command) => {
      const { formatAuditRow, tail } = await import('../security/audit/index.js');
      const limit = count(opts.lines);
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const store = await ctx.store();
        const rows = tail(store, { limit, ...(opts.action ? { action: opts.action } : {}), ...(opts.actor ? { actor: opts.actor } : {}) }).reverse();
        const out = rows.map((r) => (opts.json ? JSON.stringify({ ...r, time: new Date(r.ts).toISOString() }) : formatAuditRow(r)));
        if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
      } finally {
        await ctx.close();
      }
    });
}

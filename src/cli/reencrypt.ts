import type { Command } from 'commander';
import { createContext, type GlobalOptions } from './context.js';

export function register(program: Command): void {
  program
    .command('reencrypt')
    .description('Re-encrypt every stored secret and re-sign the audit chain under the current SECRET_KEY (run after a rotation, before removing the old key from SECRET_KEY_FALLBACKS).')
    .option('--json', 'print the counts as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { reencryptStoredSecrets } = await import('../security/secrets-store.js');
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const { keyring } = ctx.keys();
        const store = await ctx.store();
        const { counts, failures } = await reencryptStoredSecrets(store, keyring);
        const { rechainAudit } = await import('../security/audit/index.js');
        const audit = rechainAudit(store, keyring);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ ...counts, failures, audit })}\n`);
        } else {
          process.stdout.write(`Secrets: ${counts.total} total, ${counts.reencrypted} re-encrypted, ${counts.alreadyCurrent} already under the current key, ${counts.failed} failed.\n`);
          process.stdout.write(`Audit log: ${audit.rows} rows, ${audit.resigned} re-signed under the current key.\n`);
          for (const f of failures) process.stderr.write(`failed: ${f.id}: ${f.message}\n`);
        }
        if (counts.failed > 0) process.exitCode = 1;
      } finally {
        await ctx.close();
      }
    });
}

import type { Command } from 'commander';
import { createContext, type GlobalOptions } from './context.js';
import { syncFieldIndexesWithProgress } from './field-indexes.js';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('Create the embedded database if needed, apply pending migrations (forward-only) and build/drop the field indexes of DELVE_INDEXED_FIELDS.')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const store = await ctx.store({ migrate: false });
        const applied = await store.migrate();
        if (applied.length === 0) process.stdout.write('No migrations to apply.\n');
        for (const name of applied) process.stdout.write(`Applied ${name}\n`);
        syncFieldIndexesWithProgress(store.sqlite, ctx.loaded.settings.DELVE_INDEXED_FIELDS);
      } finally {
        await ctx.close();
      }
    });
  program
    .command('showmigrations')
    .description('List migrations: [X] applied, [ ] pending.')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const store = await ctx.store({ migrate: false });
        for (const m of await store.migrations()) {
          const when = m.executedAt ? `  (${m.executedAt.toISOString()})` : '';
          process.stdout.write(`[${m.applied ? 'X' : ' '}] ${m.name}${when}\n`);
        }
      } finally {
        await ctx.close();
      }
    });
}

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DelveError } from '../errors.js';

/** The browser the end-to-end tests drive (Debian's `chromium`); vitest.config.ts adds the e2e project only when it exists. */
export const E2E_CHROMIUM = '/usr/bin/chromium';
export const E2E_SKIPPED = `e2e: skipped — ${E2E_CHROMIUM} not found (apt-get install chromium)`;

export function register(program: Command): void {
  program
    .command('test')
    .description('Run the whole test suite (vitest): unit and integration tests, then the browser (e2e) tests when /usr/bin/chromium exists; extra arguments go to vitest, e.g. `./fl test src/config` or `./fl test --project e2e`.')
    .argument('[args...]', 'vitest arguments (file filters, -t "name", --project unit|e2e, --reporter=verbose)')
    .allowUnknownOption(true)
    .action(async (args: string[]) => {
      const root = process.env.DELVE_ROOT ?? process.cwd();
      const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
      if (!existsSync(vitest)) throw new DelveError('DLV_CLI_USAGE', `vitest is not installed under ${root}; run ./fl from a checkout`);
      const e2e = existsSync(E2E_CHROMIUM);
      if (!e2e) process.stdout.write(`${E2E_SKIPPED}\n`);
      const code = await new Promise<number>((resolveCode) => {
        const child = spawn(process.execPath, [vitest, 'run', ...args], { cwd: root, stdio: 'inherit' });
        child.on('exit', (c, sig) => resolveCode(c ?? (sig ? 1 : 0)));
      });
      // Repeated after vitest's summary, where people look.
      if (!e2e) process.stdout.write(`${E2E_SKIPPED}\n`);
      process.exitCode = code;
    });
}

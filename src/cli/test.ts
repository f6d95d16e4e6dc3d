import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DelveError } from '../errors.js';

export function register(program: Command): void {
  program
    .command('test')
    .description('Run the whole test suite (vitest); extra arguments go to vitest, e.g. `./fl test src/config`.')
    .argument('[args...]', 'vitest arguments (file filters, -t "name", --reporter=verbose)')
    .allowUnknownOption(true)
    .action(async (args: string[]) => {
      const root = process.env.DELVE_ROOT ?? process.cwd();
      const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
      if (!existsSync(vitest)) throw new DelveError('DLV_CLI_USAGE', `vitest is not installed under ${root}; run ./fl from a checkout`);
      const code = await new Promise<number>((resolveCode) => {
        const child = spawn(process.execPath, [vitest, 'run', ...args], { cwd: root, stdio: 'inherit' });
        child.on('exit', (c, sig) => resolveCode(c ?? (sig ? 1 : 0)));
      });
      process.exitCode = code;
    });
}

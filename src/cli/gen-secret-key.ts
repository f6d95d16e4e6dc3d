import type { Command } from 'commander';
import { DelveError } from '../errors.js';
import { DEFAULT_KEY_LENGTH, generateSecretKey, MIN_KEY_LENGTH } from '../security/keys/index.js';

export function register(program: Command): void {
  program
    .command('gen-secret-key')
    .description('Print a new random SECRET_KEY (URL-safe, from the CSPRNG) and nothing else.')
    .option('--length <n>', `number of characters (minimum ${MIN_KEY_LENGTH})`, String(DEFAULT_KEY_LENGTH))
    .addHelpText('after', '\nExample:\n  export DELVE_SECRET_KEY=$(./fl gen-secret-key)\n  ./fl gen-secret-key > /etc/delve/secret_key && chmod 600 /etc/delve/secret_key')
    .action((opts: { length: string }) => {
      const n = Number(opts.length);
      if (!/^\d+$/.test(opts.length) || n < MIN_KEY_LENGTH || n > 4096) {
        throw new DelveError('DLV_CLI_USAGE', `--length must be a whole number from ${MIN_KEY_LENGTH} to 4096, got "${opts.length}"`, { field: 'length' });
      }
      process.stdout.write(`${generateSecretKey(n)}\n`);
    });
}

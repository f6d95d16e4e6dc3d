import type { Command } from 'commander';
import { DelveError } from '../errors.js';
import { createContext, type GlobalOptions } from './context.js';
import { askNewPassword, passwordFromEnv } from './read-password.js';

export function register(program: Command): void {
  program
    .command('changepassword')
    .description("Set a user's password (hidden, confirmed prompt) and end all of that user's sessions.")
    .argument('<username>', 'the account to change')
    .option('--no-input', 'never prompt: take the password from DELVE_NEW_PASSWORD or DELVE_NEW_PASSWORD_FILE')
    .action(async (username: string, opts: { input: boolean }, cmd: Command) => {
      const { getUserOrThrow, setPassword } = await import('../auth/users.js');
      const { validatePassword } = await import('../security/passwords/index.js');
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const store = await ctx.store();
        const user = await getUserOrThrow(store, username);
        const min = ctx.loaded.settings.PASSWORD_MIN_LENGTH;
        let password = passwordFromEnv(ctx.env, 'DELVE_NEW_PASSWORD', ctx.loaded.settings.DELVE_HOME);
        if (password === null) {
          if (!opts.input) throw new DelveError('DLV_CLI_USAGE', '--no-input needs DELVE_NEW_PASSWORD or DELVE_NEW_PASSWORD_FILE', { field: 'password' });
          process.stderr.write(`Changing password for user "${user.username}"\n`);
          password = await askNewPassword((pw) => validatePassword(pw, { minLength: min, username: user.username, email: user.email }));
        }
        await setPassword(store, user, password, { minPasswordLength: min });
        process.stdout.write(`Password changed for user "${user.username}"; their sessions were ended.\n`);
      } finally {
        await ctx.close();
      }
    });
}

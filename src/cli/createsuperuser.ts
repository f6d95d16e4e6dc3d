import type { Command } from 'commander';
import { DelveError, isDelveError } from '../errors.js';
import { createContext, type GlobalOptions } from './context.js';
import { prompt } from './prompt.js';
import { askNewPassword, passwordFromEnv } from './read-password.js';

interface Opts { username?: string; email?: string; input: boolean }

async function ask(label: string, check: (v: string) => void): Promise<string> {
  for (let i = 0; i < 3; i++) {
    const v = await prompt(`${label}: `);
    if (v === null) break;
    try {
      check(v.trim());
      return v.trim();
    } catch (e) {
      if (!isDelveError(e)) throw e;
      process.stderr.write(`Error: ${e.message}\n`);
    }
  }
  throw new DelveError('DLV_CLI_INPUT', `No acceptable ${label.toLowerCase()} was entered.`);
}

export function register(program: Command): void {
  program
    .command('createsuperuser')
    .description('Create an administrator account (prompts for username, email and a hidden, confirmed password).')
    .option('--username <name>', 'username (asked for when missing)')
    .option('--email <address>', 'email address (optional)')
    .option('--no-input', 'never prompt: needs --username and DELVE_SUPERUSER_PASSWORD or DELVE_SUPERUSER_PASSWORD_FILE')
    .addHelpText('after', '\nNon-interactive example:\n  DELVE_SUPERUSER_PASSWORD_FILE=/run/secrets/admin_pw ./fl createsuperuser --username admin --email a@example.com --no-input')
    .action(async (opts: Opts, cmd: Command) => {
      const { createUser, findUser, validateEmail, validateUsername } = await import('../auth/users.js');
      const { validatePassword } = await import('../security/passwords/index.js');
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const store = await ctx.store();
        const min = ctx.loaded.settings.PASSWORD_MIN_LENGTH;
        const exists = async (u: string): Promise<void> => {
          validateUsername(u);
          if (await findUser(store, u)) throw new DelveError('DLV_USER_EXISTS', `A user named "${u}" already exists.`, { field: 'username' });
        };
        let username = opts.username;
        let email = opts.email ?? '';
        let password = passwordFromEnv(ctx.env, 'DELVE_SUPERUSER_PASSWORD', ctx.loaded.settings.DELVE_HOME);
        if (!opts.input) {
          if (!username) throw new DelveError('DLV_CLI_USAGE', '--no-input needs --username', { field: 'username' });
          if (password === null) throw new DelveError('DLV_CLI_USAGE', '--no-input needs DELVE_SUPERUSER_PASSWORD or DELVE_SUPERUSER_PASSWORD_FILE', { field: 'password' });
        } else {
          if (!username) {
            let checked = '';
            await ask('Username', (v) => { checked = v; validateUsername(v); });
            await exists(checked);
            username = checked;
          }
          if (opts.email === undefined) email = await ask('Email address (optional)', validateEmail);
          if (password === null) {
            const u = username;
            password = await askNewPassword((pw) => validatePassword(pw, { minLength: min, username: u, email }));
          }
        }
        await createUser(store, { username, email, password, isSuperuser: true }, { minPasswordLength: min });
        process.stdout.write(`Superuser "${username}" created.\n`);
      } finally {
        await ctx.close();
      }
    });
}

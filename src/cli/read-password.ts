import { resolve } from 'node:path';
import { readSecretFile } from '../config/secret-file.js';
import { DelveError } from '../errors.js';
import { prompt } from './prompt.js';

/** A password from `<VAR>` or `<VAR>_FILE` in the environment, or null when neither is set. */
export function passwordFromEnv(env: Readonly<Record<string, string | undefined>>, name: string, home: string): string | null {
  const direct = env[name];
  if (direct !== undefined && direct !== '') return direct;
  const file = env[`${name}_FILE`];
  if (file) return readSecretFile(resolve(home, file), `${name}_FILE`);
  return null;
}

/** Asks twice (hidden on a terminal) until both entries match; `validate` returns problems to show before asking again. */
export async function askNewPassword(validate: (pw: string) => string[], attempts = 3): Promise<string> {
  for (let i = 0; i < attempts; i++) {
    const pw = await prompt('Password: ', { hidden: true });
    if (pw === null) break;
    const again = await prompt('Password (again): ', { hidden: true });
    if (again === null) break;
    if (pw !== again) {
      process.stderr.write("Error: the two passwords didn't match.\n");
      continue;
    }
    const problems = validate(pw);
    if (problems.length === 0) return pw;
    for (const p of problems) process.stderr.write(`Error: ${p}\n`);
  }
  throw new DelveError('DLV_CLI_INPUT', 'No acceptable password was entered.', { field: 'password' });
}

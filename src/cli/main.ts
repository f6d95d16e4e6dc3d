import { Command, CommanderError } from 'commander';
import { isDelveError } from '../errors.js';
import * as audit from './audit.js';
import * as changepassword from './changepassword.js';
import * as check from './check.js';
import * as createsuperuser from './createsuperuser.js';
import * as createEvents from './create-events.js';
import * as createtoken from './createtoken.js';
import * as genSecretKey from './gen-secret-key.js';
import * as migrate from './migrate.js';
import * as purge from './purge.js';
import * as query from './query.js';
import * as reencrypt from './reencrypt.js';
import * as resetpassword from './resetpassword.js';
import * as serve from './serve.js';
import * as syslog from './syslog.js';
import * as tailFiles from './tail-files.js';
import * as test from './test.js';

/** Builds the `fl` program: one module per command, each with its own --help. */
export function buildProgram(): Command {
  const program = new Command('fl')
    .description('Delve: self-hosted event and log analytics.\nRun `./fl <command> --help` for a command\'s options.')
    .option('--home <dir>', 'DELVE_HOME: folder with settings.ts and var/ (default: $DELVE_HOME, else the folder holding fl)')
    .option('--secret-key <key>', 'SECRET_KEY for this run (visible to other local users in ps: prefer DELVE_SECRET_KEY_FILE)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const m of [serve, genSecretKey, check, migrate, createsuperuser, changepassword, createtoken, resetpassword, audit, reencrypt, purge, query, syslog, tailFiles, createEvents, test]) m.register(program);
  return program;
}

/**
 * A failed command exits at once: whatever it had started before failing (the ingest runtime's worker thread, timers,
 * open databases) must not keep a process that reported an error alive. stderr is synchronous for files and pipes.
 */
function exitNow(code: number): never {
  process.exit(code);
}

async function main(): Promise<void> {
  // `./fl check | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    if (isDelveError(e)) {
      process.stderr.write(`error: ${e.message} [${e.code}]\n`);
      exitNow(e.code === 'DLV_CLI_USAGE' ? 2 : 1);
    }
    process.stderr.write(`error: unexpected failure: ${(e as Error).message ?? String(e)} [DLV_INTERNAL]\n`);
    if (process.env.DELVE_TRACE) process.stderr.write(`${(e as Error).stack ?? ''}\n`);
    exitNow(1);
  }
}

await main();

/** Test helpers: run a command the way the runtime does (real tokenizer + parseArgs), with a plain context. */
import type { User } from '../../../auth/users.js';
import { DelveError } from '../../../errors.js';
import { parseArgs } from '../../args/index.js';
import { tokenize } from '../../lexer/index.js';
import type { ExecContext, PipelineValue } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';

const USER: User = {
  id: 'u1',
  username: 'alice',
  email: 'alice@example.com',
  first_name: '',
  last_name: '',
  password: '!',
  is_active: 1,
  is_superuser: 0,
  is_staff: 0,
  date_joined: 0,
  last_login: null,
  password_changed_at: 0,
};

/** A fresh execution context. */
export function makeCtx(over: Partial<ExecContext> = {}): ExecContext {
  return {
    user: USER,
    locals: {},
    globals: {},
    maxRows: 10_000,
    signal: new AbortController().signal,
    now: () => new Date('2024-05-01T12:00:00Z'),
    ...over,
  };
}

/** Parse `argText` with the command's spec; a parse error is thrown as a DelveError. */
export function parse(def: CommandDef, argText: string): Record<string, unknown> {
  const words = tokenize(argText);
  if (!words.ok) throw new Error(words.diagnostics[0]?.message);
  const args = parseArgs(def.spec, words.value);
  if (!args.ok) {
    const d = args.diagnostics[0];
    throw new DelveError('DLV_QUERY_ARGUMENT', d?.message ?? 'bad arguments');
  }
  return args.value;
}

/** Run `def` on `input` with arguments given as query text. */
export async function run(def: CommandDef, input: PipelineValue, argText = '', ctx: ExecContext = makeCtx()): Promise<PipelineValue> {
  return def.run(ctx, input, parse(def, argText));
}

/** The DelveError a run throws (fails the test when it does not throw one). */
export async function runError(def: CommandDef, input: PipelineValue, argText = '', ctx?: ExecContext): Promise<DelveError> {
  try {
    await run(def, input, argText, ctx);
  } catch (e) {
    if (e instanceof DelveError) return e;
    throw e;
  }
  throw new Error('expected a DelveError');
}

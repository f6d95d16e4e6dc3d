/**
 * Test support: run a pipeline made only of search/join/qs_* commands against a test database (no templates, no
 * generic commands). The real runtime lives elsewhere; this keeps the database commands testable on their own.
 */
import { diagnosticToError } from '../../diagnostics.js';
import { parseArgs } from '../../args/index.js';
import { parsePipeline } from '../../parser/index.js';
import type { ExecContext, PipelineValue } from '../../runtime/types.js';
import { isLazyQuery } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { SOURCE_COMMANDS } from '../source/index.js';
import { QS_COMMANDS } from './index.js';

const COMMANDS = new Map<string, CommandDef>([...SOURCE_COMMANDS, ...QS_COMMANDS].map((c) => [c.spec.name, c]));

/** Run `text`; returns the last command's value unresolved (a lazy query stays lazy). Throws DelveError. */
export async function runDbPipeline(ctx: ExecContext, text: string, input: PipelineValue = []): Promise<PipelineValue> {
  const parsed = parsePipeline(text, { isCommand: (n) => COMMANDS.has(n) });
  if (!parsed.ok) throw diagnosticToError(parsed.diagnostics[0] as NonNullable<(typeof parsed.diagnostics)[0]>);
  let value: PipelineValue = input;
  for (const seg of parsed.value.segments) {
    const cmd = COMMANDS.get(seg.name) as CommandDef;
    const args = parseArgs(cmd.spec, seg.args);
    if (!args.ok) throw diagnosticToError(args.diagnostics[0] as NonNullable<(typeof args.diagnostics)[0]>);
    if (cmd.kind === 'generic' && isLazyQuery(value)) value = await value.resolve(ctx);
    value = await cmd.run(ctx, value, args.value);
  }
  return value;
}

/** Run `text` and resolve a lazy result to rows. */
export async function runDbQuery(ctx: ExecContext, text: string, input: PipelineValue = []): Promise<unknown> {
  const v = await runDbPipeline(ctx, text, input);
  return isLazyQuery(v) ? v.resolve(ctx) : v;
}

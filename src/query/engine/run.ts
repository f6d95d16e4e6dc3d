import { DelveError, isDelveError, type ErrorCode } from '../../errors.js';
import { formatHelp, parseArgs } from '../args/index.js';
import type { Diagnostic, Span } from '../diagnostics.js';
import { tokenize } from '../lexer/index.js';
import { parsePipeline } from '../parser/index.js';
import { renderTemplate } from '../template/index.js';
import { isLazyQuery, type ExecContext, type PipelineValue } from '../runtime/types.js';
import { selectLazy } from '../commands/qs/index.js';
import type { CommandRegistry } from './registry.js';
import { shapeResult } from './shape.js';

/** A failed run: a stable code, a message, and where (command + span) — what the editor underlines. */
export interface QueryFailure {
  code: ErrorCode;
  message: string;
  status: number;
  command?: { index: number; name: string };
  span?: Span;
}

export type RunOutcome =
  | { ok: true; result: unknown; rows: number; truncated: boolean; help?: boolean }
  | { ok: false; error: QueryFailure };

const fromDiagnostic = (d: Diagnostic): QueryFailure => ({
  code: d.code, message: d.message, status: 400, span: d.span, ...(d.command ? { command: d.command } : {}),
});

function fromError(e: unknown, command: { index: number; name: string }, span: Span, signal: AbortSignal): QueryFailure {
  if (signal.aborted && !(isDelveError(e) && e.code !== 'DLV_QUERY_CANCELLED')) {
    const reason = signal.reason as { code?: string } | undefined;
    return reason?.code === 'DLV_QUERY_TIMEOUT'
      ? { code: 'DLV_QUERY_TIMEOUT', message: 'The query ran longer than DELVE_QUERY_TIMEOUT and was stopped.', status: 408, command, span }
      : { code: 'DLV_QUERY_CANCELLED', message: 'The query was cancelled.', status: 499, command, span };
  }
  if (isDelveError(e)) {
    const d = e.details as { span?: Span } | undefined;
    return { code: e.code, message: e.message, status: e.status, command, span: d?.span ?? span };
  }
  return { code: 'DLV_INTERNAL', message: 'Internal error while running the command (details are in the server log).', status: 500, command, span };
}

/**
 * Runs a pipeline eagerly (DESIGN §6): parse everything first (all syntax errors at once), then per command render its
 * template, tokenize, parse its arguments, check input kind and permission, run; abort on the first error with its
 * command and span. The final value is resolved and shaped.
 */
export async function runPipeline(registry: CommandRegistry, text: string, ctx: ExecContext, input: PipelineValue = []): Promise<RunOutcome> {
  const parsed = parsePipeline(text, { isCommand: (n) => registry.has(n) });
  if (!parsed.ok) return { ok: false, error: fromDiagnostic(parsed.diagnostics[0]!) };
  let value: PipelineValue = input;
  let truncated = false;
  for (const seg of parsed.value.segments) {
    const command = { index: seg.index, name: seg.name };
    const rendered = renderTemplate(seg.source, { globals: ctx.globals, locals: ctx.locals }, { span: seg.rawSpan, command });
    if (!rendered.ok) return { ok: false, error: fromDiagnostic(rendered.diagnostics[0]!) };
    const words = tokenize(rendered.value, rendered.value === seg.source ? { offsets: seg.offsets } : {});
    if (!words.ok) return { ok: false, error: { ...fromDiagnostic(words.diagnostics[0]!), command, span: seg.rawSpan } };
    const [nameTok, ...argToks] = words.value;
    const def = registry.get(nameTok?.value ?? '');
    if (!def) return { ok: false, error: { code: 'DLV_QUERY_UNKNOWN_COMMAND', message: `${nameTok?.value ?? ''} is not a recognized search command.`, status: 400, command, span: seg.nameSpan } };
    const args = parseArgs(def.spec, argToks, { span: seg.span, command });
    if (!args.ok) return { ok: false, error: fromDiagnostic(args.diagnostics[0]!) };
    if (args.value.help === true) return { ok: true, result: { help: formatHelp(def.spec) }, rows: 0, truncated: false, help: true };
    try {
      if (ctx.signal.aborted) throw new DelveError('DLV_QUERY_CANCELLED', 'The query was cancelled.');
      if (def.permission && ctx.services && !(await ctx.services.hasPermission(def.permission))) {
        throw new DelveError('DLV_AUTH_FORBIDDEN', `Permission denied: ${def.spec.name} needs ${def.permission}.`);
      }
      if (def.kind === 'source') {
        const resolved = isLazyQuery(value) ? await value.resolve(ctx) : value;
        if (Array.isArray(resolved) ? resolved.length > 0 : resolved !== null) {
          throw new DelveError('DLV_QUERY_ARGUMENT', `${def.spec.name} must be the first command of the query.`);
        }
        value = await def.run(ctx, [], args.value);
      } else if (def.kind === 'qs') {
        value = await def.run(ctx, value, args.value);
      } else if (def.spec.name === 'select' && isLazyQuery(value)) {
        value = selectLazy(value, (args.value.fields ?? []) as string[]);
      } else {
        if (isLazyQuery(value)) {
          const q = value;
          value = await q.resolve(ctx);
          truncated ||= (q as { truncated?: boolean }).truncated === true;
        }
        value = await def.run(ctx, value, args.value);
      }
    } catch (e) {
      return { ok: false, error: fromError(e, command, seg.span, ctx.signal) };
    }
  }
  try {
    if (isLazyQuery(value)) {
      const q = value;
      value = await q.resolve(ctx);
      truncated ||= (q as { truncated?: boolean }).truncated === true;
    }
  } catch (e) {
    const last = parsed.value.segments[parsed.value.segments.length - 1]!;
    return { ok: false, error: fromError(e, { index: last.index, name: last.name }, last.span, ctx.signal) };
  }
  if (Array.isArray(value) && value.length > ctx.maxRows) {
    value = value.slice(0, ctx.maxRows);
    truncated = true;
  }
  const result = shapeResult(value);
  return { ok: true, result, rows: Array.isArray(result) ? result.length : 1, truncated };
}

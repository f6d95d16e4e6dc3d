/**
 * The pipeline executor (DESIGN §6, reference §4.5): eager evaluation. The whole query is parsed first (every syntax
 * error and unknown command at once, spans into the original text); then each command, in order, has its segment
 * rendered as a template (globals = the caller's global context, locals = the mutable local context), re-tokenized,
 * its words parsed argparse-style, its permission checked, its input prepared by kind, and runs. The first error
 * aborts the run with that command's index, name and span. `-h/--help` anywhere answers with that command's help and
 * runs nothing. The final value is resolved, capped at DELVE_MAX_RESULT_ROWS and shaped (§4.7).
 */
import { DelveError } from '../../errors.js';
import { formatHelp, parseArgs, type CommandSpec } from '../args/index.js';
import type { CommandDef } from '../commands/command.js';
import { selectLazy } from '../commands/qs/index.js';
import type { Span } from '../diagnostics.js';
import { tokenize, type Token } from '../lexer/index.js';
import { parsePipeline, type CommandNode, type Pipeline } from '../parser/index.js';
import { renderTemplate } from '../template/index.js';
import { abortError, failureFromDiagnostic, failureFromError, type CommandRef, type QueryFailure } from './errors.js';
import { raceAbort } from './limits.js';
import type { CommandRegistry } from './registry.js';
import { matchStatsFusion, runStatsFusion, statsFusionCandidate, STATS_FUSION_SEGMENTS } from './fuse-stats.js';
import { capRows, resolveValue, rowCount, shapeResult } from './resolve/index.js';
import { isLazyQuery, type ExecContext, type PipelineValue } from './types.js';

/** The raw outcome of evaluating a pipeline: its last value (maybe still lazy), or help, or the failure. */
export type EvalOutcome =
  | { ok: true; value: PipelineValue; truncated: boolean; help?: string }
  | { ok: false; error: QueryFailure };

/** The API-ready outcome: the shaped JSON result with its row count and truncation flag, or the failure. */
export type RunOutcome =
  | { ok: true; result: unknown; rows: number; truncated: boolean; help: boolean }
  | { ok: false; error: QueryFailure };

/** What `source` commands say when they are not first (reference §4.5). */
const NOT_FIRST: Readonly<Record<string, string>> = {
  search: 'Search must appear as the first search command.',
  read_file: 'read_file must be the first search command.',
  sql_query: 'sql_query must be the first command in the Query.',
};

const isEmpty = (v: PipelineValue): boolean => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

/** The help text of the first segment asking for it (`-h`/`--help`, as parsed by argparse rules), if any. */
function findHelp(registry: CommandRegistry, pipeline: Pipeline): string | undefined {
  for (const seg of pipeline.segments) {
    const def = registry.get(seg.name);
    if (!def) continue;
    const d = registry.dispatch(def, seg.args);
    const r = parseArgs(d.spec, d.tokens);
    if (r.ok && r.value['help'] === true) return formatHelp(d.spec);
  }
  return undefined;
}

/** Re-tokenize a rendered segment; when rendering changed the text, spans fall back to the segment's span. */
function wordsOf(seg: CommandNode, rendered: string, command: CommandRef): { ok: true; words: Token[] } | { ok: false; error: QueryFailure } {
  const same = rendered === seg.source;
  const t = tokenize(rendered, same ? { offsets: seg.offsets } : {});
  if (!t.ok) {
    const d = t.diagnostics[0]!;
    return { ok: false, error: failureFromDiagnostic(same ? d : { ...d, span: seg.span }, command) };
  }
  return { ok: true, words: same ? t.value : t.value.map((w) => ({ ...w, span: seg.span })) };
}

type Step = { kind: 'value'; value: PipelineValue; truncated: boolean } | { kind: 'help'; help: string };

/**
 * Generic commands that have an exact database equivalent stay lazy: `select F…` is a projection (reference §4.6:
 * keys are the paths as written) and `head -n N` (N ≥ 0) a LIMIT, so `search … | head` reads N rows, not the cap.
 */
async function pushDown(def: CommandDef, registry: CommandRegistry, ctx: ExecContext, input: PipelineValue, args: Record<string, unknown>): Promise<PipelineValue | undefined> {
  if (def.spec.name === 'select') return selectLazy(input, (args['fields'] ?? []) as string[]);
  const limit = registry.get('qs_limit');
  if (def.spec.name === 'head' && limit && typeof args['limit'] === 'number' && args['limit'] >= 0) {
    return limit.run(ctx, input, { n: args['limit'], offset: 0 });
  }
  return undefined;
}

/** Prepare the input for `def` by kind and run it. Throws what the command throws. */
async function runCommand(registry: CommandRegistry, def: CommandDef, spec: CommandSpec, ctx: ExecContext, input: PipelineValue, args: Record<string, unknown>): Promise<Step> {
  if (def.permission && ctx.services && !(await ctx.services.hasPermission(def.permission))) {
    throw new DelveError('DLV_AUTH_FORBIDDEN', `You do not have permission to run ${def.spec.name} (needs ${def.permission}).`);
  }
  if (def.kind === 'source') {
    const r = await resolveValue(input, ctx);
    if (!isEmpty(r.value)) throw new DelveError('DLV_QUERY_ARGUMENT', NOT_FIRST[def.spec.name] ?? `${def.spec.name} must be the first command of the query.`);
    return { kind: 'value', value: await def.run(ctx, [], args), truncated: false };
  }
  if (def.kind === 'qs') {
    if (!isLazyQuery(input)) throw new DelveError('DLV_QUERY_LAZY_INPUT', `${spec.prog} can only operate on QuerySets like the output of the search command.`);
    return { kind: 'value', value: await def.run(ctx, input, args), truncated: false };
  }
  if (isLazyQuery(input)) {
    const pushed = await pushDown(def, registry, ctx, input, args);
    if (pushed !== undefined) return { kind: 'value', value: pushed, truncated: false };
  }
  const r = await resolveValue(input, ctx);
  return { kind: 'value', value: await def.run(ctx, r.value, args), truncated: r.truncated };
}

/** A segment rendered and parsed, ready to run. */
type Ready = { kind: 'ready'; def: CommandDef; spec: CommandSpec; args: Record<string, unknown>; ref: CommandRef };

/** Render, tokenize and parse one segment (no side effects). */
function prepareSegment(registry: CommandRegistry, seg: CommandNode, ctx: ExecContext): Ready | { kind: 'help'; help: string } | { kind: 'error'; error: QueryFailure } {
  const command: CommandRef = { index: seg.index, name: seg.name };
  const rendered = renderTemplate(seg.source, { globals: ctx.globals, locals: ctx.locals }, { span: seg.span, command });
  if (!rendered.ok) return { kind: 'error', error: failureFromDiagnostic(rendered.diagnostics[0]!, command) };
  const w = wordsOf(seg, rendered.value, command);
  if (!w.ok) return { kind: 'error', error: w.error };
  const [nameTok, ...argToks] = w.words;
  const def = registry.get(nameTok?.value ?? '');
  if (!def || !nameTok) {
    const name = nameTok?.value ?? '';
    return { kind: 'error', error: { code: 'DLV_QUERY_UNKNOWN_COMMAND', message: `${name === '' ? "''" : name} is not a recognized search command.`, status: 400, command, span: seg.nameSpan } };
  }
  const ref = { index: seg.index, name: def.spec.name };
  const d = registry.dispatch(def, argToks);
  const parsed = parseArgs(d.spec, d.tokens, { span: seg.span, command: ref });
  if (!parsed.ok) return { kind: 'error', error: failureFromDiagnostic(parsed.diagnostics[0]!, ref) };
  if (parsed.value['help'] === true) return { kind: 'help', help: formatHelp(d.spec) };
  return { kind: 'ready', def, spec: d.spec, args: d.toArgs(parsed.value), ref };
}

/** Render, tokenize, parse and run one segment. */
async function step(registry: CommandRegistry, seg: CommandNode, ctx: ExecContext, input: PipelineValue): Promise<Step | { kind: 'error'; error: QueryFailure }> {
  const p = prepareSegment(registry, seg, ctx);
  if (p.kind !== 'ready') return p;
  try {
    if (ctx.signal.aborted) throw abortError(ctx.signal);
    return await raceAbort(runCommand(registry, p.def, p.spec, ctx, input, p.args), ctx.signal);
  } catch (e) {
    return { kind: 'error', error: failureFromError(e, p.ref, seg.span, ctx.signal) };
  }
}

/**
 * `stats count --by G… | dedup key | select …` over a lazy query (fuse-stats.ts): the first two segments computed
 * from the --by columns alone. Returns how many segments it replaced, or undefined to run them one by one.
 */
async function fused(registry: CommandRegistry, segs: readonly CommandNode[], i: number, ctx: ExecContext, input: PipelineValue): Promise<
  { consumed: number; step: Step | { kind: 'error'; error: QueryFailure } } | undefined> {
  const window = segs.slice(i, i + STATS_FUSION_SEGMENTS);
  if (!isLazyQuery(input) || !statsFusionCandidate(window)) return undefined;
  const ready: Ready[] = [];
  for (const seg of window) {
    const p = prepareSegment(registry, seg, ctx);
    if (p.kind !== 'ready' || p.def.permission) return undefined;
    ready.push(p);
  }
  const plan = matchStatsFusion(input, ready.map((r) => ({ name: r.def.spec.name, args: r.args })));
  if (!plan) return undefined;
  const stats = ready[0] as Ready;
  try {
    if (ctx.signal.aborted) throw abortError(ctx.signal);
    const r = await raceAbort(runStatsFusion(plan, ctx), ctx.signal);
    return { consumed: 2, step: { kind: 'value', value: r.rows, truncated: r.truncated } };
  } catch (e) {
    return { consumed: 2, step: { kind: 'error', error: failureFromError(e, stats.ref, (segs[i] as CommandNode).span, ctx.signal) } };
  }
}

/**
 * Evaluate `text` as the caller in `ctx`, starting from `input` (`[]` for a new query). Returns the last command's
 * value without resolving it (run_query resolves nested results itself). Never throws.
 */
export async function evaluatePipeline(registry: CommandRegistry, text: string, ctx: ExecContext, input: PipelineValue = []): Promise<EvalOutcome> {
  const parsed = parsePipeline(text, { isCommand: (n) => registry.has(n) });
  if (!parsed.ok) return { ok: false, error: failureFromDiagnostic(parsed.diagnostics[0]!) };
  const help = findHelp(registry, parsed.value);
  if (help !== undefined) return { ok: true, value: null, truncated: false, help };
  let value = input;
  let truncated = false;
  const segs = parsed.value.segments;
  for (let i = 0; i < segs.length; i += 1) {
    const f = await fused(registry, segs, i, ctx, value);
    if (f) i += f.consumed - 1;
    const s = f ? f.step : await step(registry, segs[i] as CommandNode, ctx, value);
    if (s.kind === 'error') return { ok: false, error: s.error };
    if (s.kind === 'help') return { ok: true, value: null, truncated: false, help: s.help };
    value = s.value;
    truncated ||= s.truncated;
  }
  return { ok: true, value, truncated };
}

/** The span and reference of the last command (final resolution errors are attributed to it). */
function lastOf(text: string): { command: CommandRef; span: Span } {
  const p = parsePipeline(text);
  const last = p.ok ? p.value.segments[p.value.segments.length - 1] : undefined;
  return last ? { command: { index: last.index, name: last.name }, span: last.span } : { command: { index: 0, name: '' }, span: { start: 0, end: text.length } };
}

/**
 * Run a whole query for the API/CLI: evaluate, resolve the final value (lazy queries become rows), cap the rows at
 * ctx.maxRows and shape the result into plain JSON. Help answers `{help: "<usage and options>"}`. Never throws.
 */
export async function runPipeline(registry: CommandRegistry, text: string, ctx: ExecContext, input: PipelineValue = []): Promise<RunOutcome> {
  const ev = await evaluatePipeline(registry, text, ctx, input);
  if (!ev.ok) return ev;
  if (ev.help !== undefined) return { ok: true, result: { help: ev.help }, rows: 0, truncated: false, help: true };
  let value: PipelineValue;
  let truncated = ev.truncated;
  try {
    const r = await raceAbort(resolveValue(ev.value, ctx), ctx.signal);
    value = r.value;
    truncated ||= r.truncated;
  } catch (e) {
    const { command, span } = lastOf(text);
    return { ok: false, error: failureFromError(e, command, span, ctx.signal) };
  }
  const capped = capRows(value, ctx.maxRows);
  const result = shapeResult(capped.value);
  return { ok: true, result, rows: rowCount(result), truncated: truncated || capped.truncated, help: false };
}

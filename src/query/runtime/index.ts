/**
 * The pipeline runtime (DESIGN §6, reference §4.5–§4.7): command registry, eager executor, limits, final shaping
 * and the ExecContext builder used by POST /api/query/ and `./fl query`.
 */
export * from './types.js';
export { CommandRegistry, BUILTIN_COMMANDS, defaultRegistry } from './registry.js';
export { STATS_AVG, STATS_COUNT, STATS_SUBCOMMANDS } from './stats-dispatch.js';
export { evaluatePipeline, runPipeline, type EvalOutcome, type RunOutcome } from './executor.js';
export { errorBody, failureFromDiagnostic, failureFromError, failureToError, type CommandRef, type QueryFailure } from './errors.js';
export { queryDeadline, raceAbort, type QueryDeadline } from './limits.js';
export { createExecContext, type ExecContextOptions } from './context.js';
export { pipelineAppender } from './appender.js';
export { capRows, resolveValue, rowCount, shapeResult, toJsonValue } from './resolve/index.js';

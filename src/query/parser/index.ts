/** Query parser: pipeline AST with spans, and KEY=VALUE terms. */
export { parsePipeline, type CommandNode, type Pipeline, type ParsePipelineOptions } from './pipeline.js';
export { splitTerm, isFieldPath, FIELD_PATH_RE, type Term } from './term.js';
export type { Token } from '../lexer/index.js';
export type { Diagnostic, Result, Span } from '../diagnostics.js';

/** The qs_* expression language (reference §5.3): parser (never eval) and compiler to SQL. */
export type { Node, Statement } from './ast.js';
export { parseStatement } from './parser.js';
export { MAX_EXPR_LENGTH } from './lexer.js';
export {
  compileCondition, compileExpr, filterValue, fieldRef, isAggregateCondition, isCondition, type ExprScope,
} from './compile.js';
export { FUNCTION_NAMES, isAggregateFunction } from './functions.js';
export { autoName } from './names.js';

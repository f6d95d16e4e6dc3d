/** Query lexer: pipeline splitting and POSIX-shell-style tokenizing (reference §4.1, DESIGN §6). */
export { splitPipeline, type Segment } from './split.js';
export { tokenize, type Token, type TokenizeOptions } from './tokenize.js';
export { isShellWhitespace } from './chars.js';

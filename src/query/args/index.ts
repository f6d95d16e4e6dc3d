/** argparse-compatible declarative argument parsing for query commands (reference §4.3). */
export { defineCommand } from './define.js';
export { parseArgs, type ParseArgsOptions } from './parse.js';
export { formatUsage, formatHelp, formatNargs } from './usage.js';
export { describe, type CommandDescription, type ArgumentDescription } from './describe.js';
export { convertValue, pyRepr } from './convert.js';
export type {
  Action,
  ArgSpec,
  Argument,
  CommandDefinition,
  CommandSpec,
  ExclusiveGroup,
  Nargs,
  OptionSpec,
  PositionalSpec,
  ValueType,
} from './types.js';

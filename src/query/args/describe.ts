/**
 * describe(spec): a command's arguments as plain JSON-friendly data, for `/api/search_commands/`
 * and the query editor's autocomplete (flags, nargs, types, choices, defaults, help).
 */
import { formatHelp, formatUsage, invocation } from './usage.js';
import type { CommandSpec, Nargs, ValueType } from './types.js';

export type ArgumentDescription = {
  /** `-n/--limit` for options, the metavar for positionals. */
  name: string;
  /** Empty for positionals. */
  flags: string[];
  dest: string;
  positional: boolean;
  action: string;
  /** `null` = one value; 0 = a flag taking no value. */
  nargs: Nargs | null;
  type: ValueType;
  metavar: string;
  /** As shown in help, e.g. `-n N, --limit N`. */
  invocation: string;
  choices: (string | number)[] | null;
  default: unknown;
  help: string | null;
  required: boolean;
  /** Index of the mutually exclusive group, or null. */
  exclusiveGroup: number | null;
};

export type CommandDescription = {
  name: string;
  prog: string;
  usage: string;
  description: string | null;
  help: string;
  arguments: ArgumentDescription[];
};

/** Structured description of a command. */
export function describe(spec: CommandSpec): CommandDescription {
  return {
    name: spec.name,
    prog: spec.prog,
    usage: formatUsage(spec),
    description: spec.description ?? null,
    help: formatHelp(spec),
    arguments: spec.arguments.map((a) => ({
      name: a.displayName,
      flags: [...a.flags],
      dest: a.dest,
      positional: a.kind === 'positional',
      action: a.action,
      nargs: a.nargs,
      type: a.type,
      metavar: a.metavar,
      invocation: invocation(a),
      choices: a.choices === undefined ? null : [...a.choices],
      default: a.default === undefined ? null : a.default,
      help: a.help ?? null,
      required: a.required,
      exclusiveGroup: a.group ?? null,
    })),
  };
}

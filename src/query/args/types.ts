/** Declarative argument specifications for query commands (argparse-compatible; reference §4.3). */

/** How a value string is converted: kept, Python `int()`, Python `float()`, or `cast()` (reference §4.4). */
export type ValueType = 'string' | 'int' | 'float' | 'cast';

/** argparse nargs: a count, `?` (0 or 1), `*` (any number), `+` (at least one). */
export type Nargs = number | '?' | '*' | '+';

export type Action = 'store' | 'store_true' | 'store_false' | 'store_const' | 'append' | 'count';

type Common = {
  /** Where the value lands in the result; defaults as in argparse (`--last-hour` → `last_hour`). */
  dest?: string;
  /** Display name of the value in usage/help (argparse metavar). */
  metavar?: string;
  help?: string;
  type?: ValueType;
  /** Allowed values, compared after conversion. */
  choices?: readonly (string | number)[];
  nargs?: Nargs;
  /** Value when absent; a string default is converted with `type`, as in argparse. */
  default?: unknown;
};

/** A positional argument, e.g. `{ name: 'FIELD', nargs: '+' }`. */
export type PositionalSpec = Common & { name: string; flags?: undefined };

/** An option, e.g. `{ flags: ['-n', '--limit'], type: 'int', default: 10 }`. */
export type OptionSpec = Common & {
  flags: readonly string[];
  action?: Action;
  /** The value stored by `store_const`, or by a `nargs: '?'` option given without a value. */
  const?: unknown;
  required?: boolean;
};

export type ArgSpec = PositionalSpec | OptionSpec;

/** At most one of these options (by dest or by any of their flags) may be given. */
export type ExclusiveGroup = { options: readonly string[]; required?: boolean };

/** What a command module declares. */
export type CommandDefinition = {
  name: string;
  /** Program name in usage and messages; defaults to `name` (e.g. `stats count`). */
  prog?: string;
  description?: string;
  epilog?: string;
  args: readonly ArgSpec[];
  exclusive?: readonly ExclusiveGroup[];
};

/** A normalized argument (after defineCommand). */
export type Argument = {
  kind: 'positional' | 'option';
  /** Name used in messages: `-n/--limit` for options, metavar or dest for positionals. */
  displayName: string;
  flags: readonly string[];
  dest: string;
  action: Action | 'help';
  /** `null` = exactly one value, not a list (argparse `nargs=None`); 0 for flags. */
  nargs: Nargs | null;
  type: ValueType;
  choices: readonly (string | number)[] | undefined;
  required: boolean;
  default: unknown;
  const: unknown;
  help: string | undefined;
  /** Metavar as shown in usage (`N`, `{bar,line}`, `FIELD`). */
  metavar: string;
  /** Index into CommandSpec.groups, when in a mutually exclusive group. */
  group: number | undefined;
};

/** A validated command specification. Create with defineCommand. */
export type CommandSpec = {
  readonly name: string;
  readonly prog: string;
  readonly description: string | undefined;
  readonly epilog: string | undefined;
  /** All arguments in declaration order, `-h/--help` first (as argparse). */
  readonly arguments: readonly Argument[];
  readonly groups: readonly { members: readonly Argument[]; required: boolean }[];
  /** Every flag → its argument. */
  readonly flagIndex: ReadonlyMap<string, Argument>;
  /** True when some flag looks like a negative number (then `-5` is an option, as in argparse). */
  readonly hasNegativeNumberOptions: boolean;
};

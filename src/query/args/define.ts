/**
 * defineCommand: validate and normalize a command's argument declarations once, at module load,
 * so a mistake in a command definition fails at startup (and in its tests), never per query.
 */
import { DelveError } from '../../errors.js';
import { convertValue } from './convert.js';
import type { Action, ArgSpec, Argument, CommandDefinition, CommandSpec, Nargs, OptionSpec } from './types.js';

const FLAG_RE = /^-(?:-[A-Za-z0-9][A-Za-z0-9_-]*|[A-Za-z0-9][A-Za-z0-9_-]*)$/;
const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;
const ZERO_ARG: ReadonlySet<string> = new Set(['store_true', 'store_false', 'store_const', 'count', 'help']);

function invalid(command: string, message: string): never {
  throw new DelveError('DLV_INTERNAL', `Invalid definition of command ${command}: ${message}`);
}

const HELP: Argument = {
  kind: 'option',
  displayName: '-h/--help',
  flags: ['-h', '--help'],
  dest: 'help',
  action: 'help',
  nargs: 0,
  type: 'string',
  choices: undefined,
  required: false,
  default: undefined,
  const: undefined,
  help: 'show this help message and exit',
  metavar: '',
  group: undefined,
};

function isOption(spec: ArgSpec): spec is OptionSpec {
  return spec.flags !== undefined;
}

function defaultDest(flags: readonly string[]): string {
  const long = flags.find((f) => f.startsWith('--')) ?? flags[0] ?? '';
  return long.replace(/^-+/, '').replace(/-/g, '_');
}

function checkNargs(command: string, nargs: Nargs | undefined): void {
  if (nargs === undefined || nargs === '?' || nargs === '*' || nargs === '+') return;
  if (!Number.isInteger(nargs) || nargs < 1) invalid(command, `nargs must be ?, *, + or a positive integer, got ${String(nargs)}`);
}

function defaultFor(action: Action | 'help', nargs: Nargs | null): unknown {
  if (action === 'store_true') return false;
  if (action === 'store_false') return true;
  if (action === 'count') return 0;
  if (action === 'append') return [];
  if (nargs === '*') return [];
  return null;
}

function normalize(command: string, spec: ArgSpec): Argument {
  const type = spec.type ?? 'string';
  checkNargs(command, spec.nargs);
  let arg: Argument;
  if (isOption(spec)) {
    if (spec.flags.length === 0) invalid(command, 'an option needs at least one flag');
    for (const f of spec.flags) if (!FLAG_RE.test(f)) invalid(command, `bad flag ${JSON.stringify(f)}`);
    const action: Action = spec.action ?? 'store';
    const zero = ZERO_ARG.has(action);
    if (zero && spec.nargs !== undefined) invalid(command, `${spec.flags.join('/')}: action ${action} takes no nargs`);
    if (zero && (spec.type !== undefined || spec.choices !== undefined)) {
      invalid(command, `${spec.flags.join('/')}: action ${action} takes no value, so no type or choices`);
    }
    if (action !== 'store_const' && action !== 'store' && spec.const !== undefined) {
      invalid(command, `${spec.flags.join('/')}: const only applies to store_const or nargs ?`);
    }
    const dest = spec.dest ?? defaultDest(spec.flags);
    const nargs: Nargs | null = zero ? 0 : (spec.nargs ?? null);
    arg = {
      kind: 'option',
      displayName: spec.flags.join('/'),
      flags: [...spec.flags],
      dest,
      action,
      nargs,
      type,
      choices: spec.choices,
      required: spec.required ?? false,
      default: spec.default !== undefined ? spec.default : defaultFor(action, nargs),
      const: spec.const !== undefined ? spec.const : null,
      help: spec.help,
      metavar: spec.metavar ?? (spec.choices ? `{${spec.choices.join(',')}}` : dest.toUpperCase()),
      group: undefined,
    };
  } else {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(spec.name)) invalid(command, `bad positional name ${JSON.stringify(spec.name)}`);
    const dest = spec.dest ?? spec.name;
    const nargs = spec.nargs ?? null;
    const display = spec.metavar ?? dest;
    arg = {
      kind: 'positional',
      displayName: display,
      flags: [],
      dest,
      action: 'store',
      nargs,
      type,
      choices: spec.choices,
      required: nargs !== '?' && nargs !== '*',
      default: spec.default !== undefined ? spec.default : defaultFor('store', nargs),
      const: null,
      help: spec.help,
      metavar: spec.metavar ?? (spec.choices ? `{${spec.choices.join(',')}}` : dest),
      group: undefined,
    };
  }
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(arg.dest) || arg.dest === 'help') invalid(command, `bad or reserved dest ${JSON.stringify(arg.dest)}`);
  if (spec.choices !== undefined && spec.choices.length === 0) invalid(command, `${arg.displayName}: empty choices`);
  if (typeof arg.default === 'string' && arg.type !== 'string') {
    // argparse converts string defaults with the argument's type
    const converted = convertValue(arg.type, arg.default);
    if (converted === undefined) invalid(command, `${arg.displayName}: default ${JSON.stringify(arg.default)} is not a valid ${arg.type}`);
    arg.default = converted.value;
  }
  return arg;
}

/**
 * Validate a command definition and build its CommandSpec. Throws DelveError(DLV_INTERNAL) on a bad
 * definition (duplicate flags or dests, bad nargs, exclusive groups naming unknown or required options).
 * `-h/--help` is added automatically and reserved.
 */
export function defineCommand(def: CommandDefinition): CommandSpec {
  const command = def.name;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(command)) invalid(JSON.stringify(command), 'bad command name');
  const args: Argument[] = [HELP, ...def.args.map((a) => normalize(command, a))];
  const flagIndex = new Map<string, Argument>();
  const dests = new Set<string>();
  for (const arg of args) {
    if (dests.has(arg.dest)) invalid(command, `duplicate dest ${arg.dest}`);
    dests.add(arg.dest);
    for (const flag of arg.flags) {
      if (flagIndex.has(flag)) invalid(command, `duplicate flag ${flag}`);
      flagIndex.set(flag, arg);
    }
  }
  const groups = (def.exclusive ?? []).map((g, gi) => {
    const members = g.options.map((name) => {
      const arg = flagIndex.get(name) ?? args.find((a) => a.kind === 'option' && a.dest === name);
      if (arg === undefined || arg.action === 'help') invalid(command, `exclusive group names unknown option ${name}`);
      if (arg.required) invalid(command, `mutually exclusive option ${name} cannot be required`);
      if (arg.group !== undefined) invalid(command, `option ${name} is in two exclusive groups`);
      arg.group = gi;
      return arg;
    });
    if (members.length < 2) invalid(command, 'an exclusive group needs at least two options');
    return { members, required: g.required ?? false };
  });
  return {
    name: command,
    prog: def.prog ?? command,
    description: def.description,
    epilog: def.epilog,
    arguments: args,
    groups,
    flagIndex,
    hasNegativeNumberOptions: [...flagIndex.keys()].some((f) => NEGATIVE_NUMBER.test(f)),
  };
}

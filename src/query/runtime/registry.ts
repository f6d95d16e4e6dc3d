/**
 * The command registry (reference §6, `DELVE_SEARCH_COMMANDS`): every generic, qs_*, source and extra command by
 * name, the `stats` sub-command dispatch, and the structured descriptions served by /api/search_commands/.
 */
import { describe, type CommandDescription, type CommandSpec } from '../args/index.js';
import type { CommandDef } from '../commands/command.js';
import { EXTRA_COMMANDS } from '../commands/extra/index.js';
import { GENERIC_COMMANDS } from '../commands/generic/index.js';
import { QS_COMMANDS } from '../commands/qs/index.js';
import { SOURCE_COMMANDS } from '../commands/source/index.js';
import type { Token } from '../lexer/index.js';
import { statsDispatch, STATS_SUBCOMMANDS, type Dispatch } from './stats-dispatch.js';

export class CommandRegistry {
  private readonly byName = new Map<string, CommandDef>();

  /** Throws when two commands share a name (a programming error, caught by the registry's tests). */
  constructor(defs: readonly CommandDef[]) {
    for (const d of defs) {
      if (this.byName.has(d.spec.name)) throw new Error(`duplicate query command ${d.spec.name}`);
      this.byName.set(d.spec.name, d);
    }
  }

  /** The command called `name`, if registered. */
  get(name: string): CommandDef | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Every command, sorted by name. */
  all(): CommandDef[] {
    return [...this.byName.values()].sort((a, b) => a.spec.name.localeCompare(b.spec.name));
  }

  /** How to parse a segment's words for `def`: its own spec, or a sub-command's (`stats avg`, `stats count`). */
  dispatch(def: CommandDef, tokens: readonly Token[]): Dispatch {
    const sub = def.spec.name === 'stats' ? statsDispatch(tokens) : undefined;
    return sub ?? { spec: def.spec, tokens, toArgs: (p) => p };
  }

  /** Every spec users can ask about, sub-commands included (`stats avg` right after `stats`). */
  specs(): CommandSpec[] {
    return this.all().flatMap((d) => (d.spec.name === 'stats' ? [d.spec, ...STATS_SUBCOMMANDS] : [d.spec]));
  }

  /** Structured help for /api/search_commands/ and the editor: name, prog, usage, description, help, arguments. */
  describeAll(): CommandDescription[] {
    // sub-commands are listed under their prog ("stats avg"), as the reference's endpoint does
    return this.specs().map((s) => (STATS_SUBCOMMANDS.includes(s) ? { ...describe(s), name: s.prog } : describe(s)));
  }
}

/** All built-in commands: source, qs_*, generic and extra (read_file, request, sql_query, run_query, send_email, make_events). */
export const BUILTIN_COMMANDS: readonly CommandDef[] = [...SOURCE_COMMANDS, ...QS_COMMANDS, ...GENERIC_COMMANDS, ...EXTRA_COMMANDS];

let builtin: CommandRegistry | undefined;

/** The registry of the built-in commands (built once), or a new one with `extra` commands added. */
export function defaultRegistry(extra: readonly CommandDef[] = []): CommandRegistry {
  if (extra.length > 0) return new CommandRegistry([...BUILTIN_COMMANDS, ...extra]);
  builtin ??= new CommandRegistry(BUILTIN_COMMANDS);
  return builtin;
}

import { GENERIC_COMMANDS } from '../commands/generic/index.js';
import { QS_COMMANDS } from '../commands/qs/index.js';
import { SOURCE_COMMANDS } from '../commands/source/index.js';
import { EXTRA_COMMANDS } from '../commands/extra/index.js';
import type { CommandDef } from '../commands/command.js';
import { describe, type CommandDescription } from '../args/index.js';

/** Every registered pipeline command by name (reference §6). */
export class CommandRegistry {
  private readonly byName = new Map<string, CommandDef>();

  constructor(defs: readonly CommandDef[]) {
    for (const d of defs) {
      if (this.byName.has(d.spec.name)) throw new Error(`duplicate command ${d.spec.name}`);
      this.byName.set(d.spec.name, d);
    }
  }

  get(name: string): CommandDef | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Structured help for /api/search_commands/ and the editor (name, usage, help, arguments). */
  describeAll(): CommandDescription[] {
    return [...this.byName.values()].map((d) => describe(d.spec)).sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** The built-in command set. */
export function defaultRegistry(extra: readonly CommandDef[] = []): CommandRegistry {
  return new CommandRegistry([...SOURCE_COMMANDS, ...QS_COMMANDS, ...GENERIC_COMMANDS, ...EXTRA_COMMANDS, ...extra]);
}

/** Shapes the query editor works with (GET /api/search_commands/ as described by src/query/args/describe.ts). */

export interface ArgumentInfo {
  /** `-n/--limit` for options, the metavar for positionals. */
  name: string;
  /** Option strings (`--limit`, `-n`); empty for positionals. */
  flags?: string[];
  positional?: boolean;
  action?: string;
  /** null: one value; 0: a flag without value; '?', '*', '+' or a count. */
  nargs?: number | string | null;
  metavar?: string;
  choices?: (string | number)[] | null;
  help?: string | null;
  [k: string]: unknown;
}

export interface CommandInfo {
  /** `search`, or `stats avg` for sub-commands. */
  name: string;
  usage?: string;
  description?: string | null;
  help?: string;
  arguments?: ArgumentInfo[];
  [k: string]: unknown;
}

/** An error to underline: offsets are UTF-16 positions in the current editor text. */
export interface QueryDiagnostic {
  from: number;
  to: number;
  message: string;
  /** e.g. the DLV_ error code. */
  source?: string;
  severity?: 'error' | 'warning' | 'info';
}

/**
 * `stats avg` / `stats count` as argparse sub-commands (reference §3 lists them as their own entries in
 * /api/search_commands/). The stats command itself declares the union of both sub-commands' options; here each
 * sub-command gets its own spec, so `stats avg -h` shows only avg's options and `stats avg F --distinct` is rejected
 * by argparse rules with the sub-command's usage. Parsed values are mapped back to the stats command's arguments.
 */
import { defineCommand, type CommandSpec } from '../args/index.js';
import type { Token } from '../lexer/index.js';

export const STATS_AVG: CommandSpec = defineCommand({
  name: 'stats_avg',
  prog: 'stats avg',
  description: 'Add the mean of the numeric field F to every row (of its --by group); null values are skipped.',
  args: [
    { name: 'field', metavar: 'F', help: 'the numeric field to average' },
    { flags: ['--by'], nargs: '+', metavar: 'G', help: 'group by these fields (put them after F: --by is greedy)' },
    { flags: ['--as-field'], metavar: 'N', help: 'name of the result field (default avg)' },
  ],
});

export const STATS_COUNT: CommandSpec = defineCommand({
  name: 'stats_count',
  prog: 'stats count',
  description: 'Count rows (or the non-null values of F); without --by the result is a number, with --by every row gets key and its group count.',
  args: [
    { name: 'field', metavar: 'F', nargs: '?', help: 'count the rows whose F is not null' },
    { flags: ['--distinct'], action: 'store_true', help: 'count distinct rows (or distinct F values)' },
    { flags: ['--by'], nargs: '+', metavar: 'G', help: 'group by these fields (put them after F: --by is greedy)' },
    { flags: ['--field-name'], metavar: 'N', help: 'with --by: name of the count field (default count)' },
  ],
});

const SUBCOMMANDS: ReadonlyMap<string, CommandSpec> = new Map([['avg', STATS_AVG], ['count', STATS_COUNT]]);

/** The spec to parse a segment's words with, the words for it, and how to map the parsed values back. */
export type Dispatch = { spec: CommandSpec; tokens: readonly Token[]; toArgs(parsed: Record<string, unknown>): Record<string, unknown> };

/** For `stats avg …` / `stats count …`: the sub-command's spec and the remaining words; undefined otherwise. */
export function statsDispatch(tokens: readonly Token[]): Dispatch | undefined {
  const [first, ...rest] = tokens;
  const spec = first === undefined ? undefined : SUBCOMMANDS.get(first.value);
  if (spec === undefined || first === undefined) return undefined;
  return {
    spec,
    tokens: rest,
    toArgs: (p) => ({
      subcommand: first.value,
      field: p['field'] ?? null,
      distinct: p['distinct'] === true,
      by: p['by'] ?? null,
      as_field: p['as_field'] ?? null,
      field_name: p['field_name'] ?? null,
    }),
  };
}

/** The sub-command specs, for /api/search_commands/ and the command reference. */
export const STATS_SUBCOMMANDS: readonly CommandSpec[] = [STATS_AVG, STATS_COUNT];

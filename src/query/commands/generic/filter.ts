/** `filter TERM… [--no-cast]`: keep rows matching every term (in-memory lookups, reference §5.2). */
import { defineCommand } from '../../args/index.js';
import { compileFilterTerm, MEMORY_LOOKUPS } from '../../lookups/memory.js';
import type { CommandDef } from '../command.js';
import { asRows, checkAbort, strings } from './rows.js';

export const filter: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'filter',
    description: 'Keep the rows that match every FIELD[__LOOKUP]=VALUE term (prefix a term with ! to negate).',
    epilog: `Lookups: ${MEMORY_LOOKUPS.join(', ')}. Values are cast (5 is a number, "5" is text) unless --no-cast.`,
    args: [
      { name: 'terms', metavar: 'TERM', nargs: '+', help: 'e.g. status__gte=500, !host=web1, msg__icontains=error' },
      { flags: ['--no-cast'], action: 'store_true', help: 'compare values as text, without casting' },
    ],
  }),
  run(ctx, input, args) {
    const terms = strings(args['terms']).map((t) => compileFilterTerm(t, { cast: args['no_cast'] !== true }));
    return asRows(input, 'filter').filter((row, i) => {
      if (i % 1024 === 0) checkAbort(ctx);
      return terms.every((t) => t.test(row));
    });
  },
};

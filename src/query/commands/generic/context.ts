/** Pipeline-context commands: resolve, set, events_to_context (reference §6.3). */
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { cast } from '../../cast/index.js';
import { setField } from '../../lookups/values.js';
import type { CommandDef } from '../command.js';
import { asList, splitAssignment, strings } from './rows.js';

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `resolve`: the runtime has already resolved the input (§4.7), so this is the identity. */
export const resolve: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'resolve',
    description: 'Materialize the input (run a pending search) and pass it on unchanged.',
    args: [],
  }),
  run(_ctx, input) {
    return input;
  },
};

/** `set K=V…`: cast each V into the local template context (`{{ K }}` in later commands); the input passes through. */
export const set: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'set',
    description: 'Set variables of the local context for templates in later commands; the input passes through.',
    args: [{ name: 'assignments', metavar: 'K=V', nargs: '+', help: 'e.g. limit=10 hosts=[web1,web2]' }],
  }),
  run(ctx, input, args) {
    for (const word of strings(args['assignments'])) {
      const { name, value } = splitAssignment(word, 'assignments', 'set limit=10');
      if (!NAME_RE.test(name) || name.startsWith('__')) {
        throw new DelveError('DLV_QUERY_ARGUMENT', `Invalid variable name ${JSON.stringify(name)}: use letters, digits and _ (not starting with a digit or __).`, {
          field: 'assignments',
        });
      }
      setField(ctx.locals, name, cast(value));
    }
    return input;
  },
};

/** `events_to_context [-z]`: store the input list as the context variable `events`; return it (or [] with -z). */
export const eventsToContext: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'events_to_context',
    description: 'Store the input rows as the template variable "events" and pass them on.',
    args: [{ flags: ['-z'], dest: 'empty', action: 'store_true', help: 'return an empty list instead of the rows' }],
  }),
  run(ctx, input, args) {
    const rows = input === null ? [] : asList(input, 'events_to_context');
    setField(ctx.locals, 'events', rows);
    return args['empty'] === true ? [] : rows;
  },
};

/**
 * qs_update and qs_delete (reference §6.2, DESIGN §6): need change_event / delete_event, and only touch events the
 * caller may read AND write (the writable-index ACL is pushed into the statement). qs_update sets only
 * index/source/sourcetype/host/text; values are literals (strings are values here, not fields) or expressions
 * such as F(source) or Lower(host); a new index must be a literal the caller may write.
 */
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { compileExpr } from '../../expr/index.js';
import { deleteRows, requireEventQuery, updateRows, type Expr } from '../../plan/index.js';
import { cat, param } from '../../plan/sql.js';
import { sqlValue } from '../../plan/values.js';
import type { CommandDef } from '../command.js';
import { statements } from './helpers.js';

export const qsUpdate: CommandDef = {
  kind: 'qs',
  permission: 'change_event',
  spec: defineCommand({ name: 'qs_update', description: 'Set FIELD=EXPR on every row (index, source, sourcetype, host, text); returns the number changed.', args: [{ name: 'exprs', metavar: 'FIELD=EXPR', nargs: '+' }] }),
  run(ctx, input, args) {
    const q = requireEventQuery(input, 'qs_update');
    const scope = q.scope();
    const sets = statements(args['exprs']).map((s) => {
      if (s.name === null) throw new DelveError('DLV_QUERY_ARGUMENT', `qs_update expects FIELD=EXPR, got ${JSON.stringify(s.text.slice(0, 80))}.`);
      const n = s.value;
      let literal: unknown;
      if (n.t === 'str' || n.t === 'name') literal = n.v;
      else if (n.t === 'num') literal = n.text;
      else if (n.t === 'bool' || n.t === 'none') throw new DelveError('DLV_QUERY_ARGUMENT', `qs_update ${s.name}: the value must be text.`, { field: s.name });
      const expr: Expr = literal !== undefined ? { frag: cat(param(sqlValue(literal, 'qs_update'))), type: 'text', aggregate: false } : compileExpr(n, scope);
      return { field: s.name, expr, literal };
    });
    return updateRows(q, ctx, sets);
  },
};

export const qsDelete: CommandDef = {
  kind: 'qs',
  permission: 'delete_event',
  spec: defineCommand({ name: 'qs_delete', description: 'Delete every row of the query (in indexes you may write); returns the number deleted.', args: [] }),
  run: (ctx, input) => deleteRows(requireEventQuery(input, 'qs_delete'), ctx),
};

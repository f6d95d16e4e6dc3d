/** `select` on a lazy query (reference §6.3): project in the database; keys are the paths as written. */
import { requireEventQuery, type EventQuery } from '../../plan/index.js';
import { project } from './annotate.js';

/** Project a lazy event query to `fields` (relations/JSON paths allowed, validated against the allow-lists). */
export function selectLazy(input: unknown, fields: readonly string[]): EventQuery {
  const q = requireEventQuery(input, 'select');
  return project(q, fields.map((f) => ({ name: null, value: { t: 'str', v: f }, text: f })));
}

/** events_to_context [-z] — reference §6.3: context var `events` = the rows; returns them (or [] with -z). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('events_to_context', () => {
  it('returns the rows and exposes them as {{ events }}', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search index=app --order-by created --limit 2 | select host | events_to_context');
    expect(r).toEqual([{ host: 'app1' }, { host: 'app1' }]);
    const e = await h.ok('search index=app --order-by created --limit 2 | select text | events_to_context -z | echo "{% for e in events %}{{ e.text }};{% endfor %}"');
    expect(e).toEqual([{ expression: 'user login alice;user logout bob;' }]);
  });
  it('-z returns []', async () => {
    expect(await h.ok('search | events_to_context -z')).toEqual([]);
  });
  it('empty input gives []', async () => { expect(await h.ok('events_to_context')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'events_to_context', ['-z']); });
  it('takes no positional arguments', async () => { expectCmdError(await h.fail('search | events_to_context x'), 'DLV_QUERY_ARGUMENT', 'events_to_context', 1); });
});
